"""The dossier's data between its stages: what cites only the sources read, the order a
reader of many sources wants, contradictions joined across the model and the rules, the
extractive plan's memo fields of several articles as one, and notes on each source."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from briefgen.ingest.article import source_of
from briefgen.ingest.dossier import Dossier, Source, sources_cited
from briefgen.memo.data import BriefData
from briefgen.memo.fields import MemoFields
from briefgen.memo.items import Contradiction, Statement
from briefgen.memo.sections import sections


def citing_only(data: BriefData, used: set[int]) -> BriefData:
    """``data`` citing only the sources in ``used``: a quote found in the text of a source
    whose extraction failed would cite what the memo says it does not cover."""
    update: dict[str, Any] = {}
    for spec in sections("extraction"):
        kept = []
        for item in spec.items(data):
            ids = [sid for sid in item.sentence_ids if source_of(sid) in used]
            if ids:
                kept.append(
                    item
                    if ids == item.sentence_ids
                    else item.model_copy(update={"sentence_ids": ids})
                )
        update[spec.field] = kept
    return data.model_copy(update=update)


def most_carried_first(data: BriefData, carried_by: Callable[[list[str]], int]) -> BriefData:
    """The reported items in the order a reader of many sources wants them, and the order
    a memo over its length budget is cut in (from the end): what more sources carry
    first; then each source's first item, then each one's second ..., so that no source
    is crowded out by the one before it."""
    update: dict[str, Any] = {}
    for spec in sections("extraction"):
        items = spec.items(data)
        if len(items) < 2:
            continue
        turn: dict[int, int] = {}
        keys = []
        for position, item in enumerate(items):
            first = (sources_cited(item.sentence_ids) or [0])[0]
            turn[first] = turn.get(first, 0) + 1
            keys.append((-carried_by(item.sentence_ids), turn[first], first, position))
        update[spec.field] = [items[key[3]] for key in sorted(keys)]
    return data.model_copy(update=update)


def joined_contradictions(
    first: list[Contradiction], more: list[Contradiction]
) -> list[Contradiction]:
    joined = list(first)
    for extra in more:
        for i, kept in enumerate(joined):
            if same_dispute(kept, extra):
                if kept.found_by != extra.found_by:
                    update: dict[str, Any] = {"found_by": "model and rules"}
                    if extra.kind == "update" and kept.kind == "conflict":
                        # The rules read the publication times: an update is shown as one.
                        update.update(kind="update", note=extra.note, sides=extra.sides)
                    joined[i] = kept.model_copy(update=update)
                break
        else:
            joined.append(extra)
    return joined


def same_dispute(a: Contradiction, b: Contradiction) -> bool:
    """Two contradictions whose sides cite the same sentences of two or more sources."""
    shared = set(a.sentence_ids) & set(b.sentence_ids)
    return len(set(sources_cited(sorted(shared)))) >= 2


def interleaved(memos: list[MemoFields]) -> MemoFields:
    """The extractive plan's memo fields of several articles as one: each list takes the
    sources in turn (the first line of each, then the second ...), cut to its size."""
    first = memos[0]
    fields = type(first).model_fields
    update: dict[str, Any] = {}
    for name, info in fields.items():
        lists = [getattr(m, name) for m in memos]
        if not isinstance(lists[0], list):
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        limit = extra.get("maxItems")
        turns: list[Any] = []
        for row in range(max(len(items) for items in lists)):
            turns += [items[row] for items in lists if row < len(items)]
        update[name] = turns[: int(limit)] if isinstance(limit, int) else turns
    subject = first.subject if first.subject.text else Statement(text="", sentence_ids=[])
    return first.model_copy(update={**update, "subject": subject})


def source_notes(dossier: Dossier) -> list[str]:
    """The report's word on each source not read as itself: unreadable, repeated, copied."""
    notes: list[str] = []
    for source in dossier.sources:
        where = source.location or source.name
        if source.status == "unreadable":
            notes.append(f"Not covered: A{source.number} ({where}): {source.problem}")
        elif source.status == "duplicate":
            notes.append(f"A{source.number} ({where}) repeats A{source.same_as}; counted once.")
        elif source.status == "copy":
            notes.append(
                f"A{source.number} ({where}) is a copy of the story in A{source.same_as} "
                f"({source.similarity:.0%} the same); counted with it as one source."
            )
    return notes


def source_name(dossier: Dossier, number: int) -> str:
    """How a warning names source ``number``: its location, else its name."""
    found: Source | None = dossier.source(number)
    return found.location or found.name if found is not None else f"source {number}"
