"""One statement, one place: a line the memo would print twice is kept once, in the more
specific section (a development over the summary that repeats it), after grounding and
before rendering. Only sections the memo prints are compared, so nothing is removed in
favour of a copy the reader would never see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from briefgen.memo.data import BriefData
from briefgen.memo.sections import Section, sections
from briefgen.text.normalise import fold_text
from briefgen.text.words import content_words, stem

# Share of content words two statements must share (of the shorter one) to be one.
SAME_STATEMENT = 0.85
_MIN_WORDS = 3
SUMMARY = "bluf"

Record = Callable[..., None]


def remove_repeats(data: BriefData, shown: Callable[[Section], bool], record: Record) -> BriefData:
    """``data`` without repeated statements among the sections ``shown`` admits."""
    entries: list[tuple[Section, int, frozenset[str], str]] = []
    for spec in sections():
        if not shown(spec):
            continue
        for index, item in enumerate(spec.items(data)):
            text = spec.item_text(item)
            entries.append((spec, index, _stems(text), fold_text(text)))
    drop: dict[str, set[int]] = {}
    protected = _first_of_summary(entries)
    order = sorted(range(len(entries)), key=lambda i: (i != protected, -entries[i][0].rank, i))
    kept: list[int] = []
    for i in order:
        spec, index, stems, folded = entries[i]
        twin = next(
            (
                k
                for k in kept
                if _comparable(entries[k][0], spec) and _same(entries[k], stems, folded)
            ),
            None,
        )
        if twin is None:
            kept.append(i)
            continue
        other, other_index = entries[twin][0], entries[twin][1]
        drop.setdefault(spec.field, set()).add(index)
        item = spec.items(data)[index]
        record(
            spec.kind,
            spec.item_text(item),
            "dropped",
            f"repeats {other.label} {other_index + 1}",
            sentence_ids=list(getattr(item, "sentence_ids", [])),
        )
    if not drop:
        return data
    update: dict[str, Any] = {}
    for field, indexes in drop.items():
        items = getattr(data, field)
        update[field] = [item for n, item in enumerate(items) if n not in indexes]
    return data.model_copy(update=update)


def _first_of_summary(entries: list[tuple[Section, int, frozenset[str], str]]) -> int | None:
    """The summary's first statement, when every statement of the summary repeats one
    elsewhere: it stays (and its twin goes), so that the memo keeps a summary."""
    summary = [i for i, e in enumerate(entries) if e[0].field == SUMMARY]
    others = [e for e in entries if e[0].field != SUMMARY]
    if summary and all(
        any(_same(other, entries[i][2], entries[i][3]) for other in others) for i in summary
    ):
        return summary[0]
    return None


def _comparable(a: Section, b: Section) -> bool:
    """Whether a repeat across ``a`` and ``b`` counts: any two checked sections, but a
    gap or an unchecked line only within its own section (a gap is no statement to move
    elsewhere; printed twice in one list it is still a repeat). What is new since the
    last memo names items the sections below carry: a digest, not a repeat of them."""
    unchecked = {"gap", "none", "story"}
    if a.check in unchecked or b.check in unchecked:
        return a.field == b.field
    return True


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(text))


def _same(
    entry: tuple[Section, int, frozenset[str], str], stems: frozenset[str], folded: str
) -> bool:
    _, _, other_stems, other_folded = entry
    if folded == other_folded:
        return True
    shorter = min(len(stems), len(other_stems))
    if shorter < _MIN_WORDS:
        return False
    return len(stems & other_stems) / shorter >= SAME_STATEMENT
