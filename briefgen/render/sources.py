"""How a dossier's sources read in every format: who carries an item, what each source
is, and each side of a contradiction with its source.

Plain text only (the Markdown and HTML renderers escape it their own way); a memo of one
article (``data.sources`` empty) gets empty strings, so it renders as it always did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefgen.ingest.article import Article, Sentence, source_of
from briefgen.ingest.dossier import Source
from briefgen.memo.data import BriefData
from briefgen.memo.items import Contradiction, Side

# The sections whose items end with how many sources carry them (the key points).
COUNTED_SECTIONS = frozenset(
    {"bluf", "developments", "positions", "allegations", "key_facts", "quotes"}
)


def is_dossier(data: BriefData) -> bool:
    """Whether the memo is of a dossier (it lists its sources), not of one article."""
    return bool(data.sources)


def several_sources(data: BriefData) -> bool:
    """A dossier with more than one independent source (counts and comparisons matter)."""
    return data.independent_sources > 1


def carried(data: BriefData, ids: Iterable[str]) -> str:
    """ "2 of 3 sources" or "single source: A2" for an item citing ``ids``; empty for a
    memo of one article, a dossier of one independent source, or an uncited item."""
    if not several_sources(data):
        return ""
    ids = list(ids)
    used = {s.number for s in data.sources if s.status == "used"}
    numbers = [n for n in data.sources_of(ids) if n in used]
    if not numbers:
        return ""
    if len(numbers) == 1:
        count = f"single source: A{numbers[0]}"
    else:
        count = f"{len(numbers)} of {data.independent_sources} sources"
    against = disputed_by(data, ids)
    return f"{count}; disputed by {', '.join(f'A{n}' for n in against)}" if against else count


def disputed_by(data: BriefData, ids: Sequence[str]) -> list[int]:
    """The sources on the other side of a contradiction that an item's citations stand
    on one side of: a point the memo states, which another source reports otherwise."""
    mine = set(ids)
    others: set[int] = set()
    for contradiction in data.contradictions:
        if contradiction.kind == "update":
            continue  # a later report revising an earlier one disputes nothing
        taken = [side for side in contradiction.sides if mine & set(side.sentence_ids)]
        if len(taken) != 1:
            continue  # not on one side (or on several: the item spans the dispute)
        for side in contradiction.sides:
            if side is not taken[0]:
                others.update(data.sources_of(side.sentence_ids))
    return sorted(others - set(data.sources_of(list(mine))))


def source_by_number(data: BriefData, number: int) -> Source | None:
    """The dossier source numbered ``number`` (A<number>), if there is one."""
    return next((s for s in data.sources if s.number == number), None)


def details(source: Source) -> str:
    """Title, outlet, date and where it was read from, as far as known."""
    parts = [source.title, source.outlet, source.published, source.location]
    return ", ".join(p.strip() for p in parts if p and p.strip()) or "no details known"


def status_text(source: Source) -> str:
    """Why the source counts as it does (a copy is counted with the story it copies)."""
    if source.status == "copy":
        share = (
            f" ({round(source.similarity * 100)}% the same text)"
            if source.similarity is not None
            else ""
        )
        return (
            f"a copy of the wire story in A{source.same_as}{share}; counted with it as one source"
        )
    if source.status == "duplicate":
        return f"the same text as A{source.same_as}; counted once"
    if source.status in ("unreadable", "failed"):
        problem = (source.problem or "not readable").strip().rstrip(".")
        return f"not covered: {problem}"
    return "read; an independent source"


def byline(source: Source) -> str:
    """ "A1 (Reuters, 2026-03-04)": the label with outlet and date when known."""
    known = [p for p in (source.outlet, source.published) if p and p.strip()]
    return f"{source.label} ({', '.join(known)})" if known else source.label


def side_lead(data: BriefData, ids: Sequence[str]) -> str:
    """Who reports one side of a contradiction: its sources' bylines."""
    names = []
    for number in data.sources_of(list(ids)):
        source = source_by_number(data, number)
        names.append(byline(source) if source is not None else f"A{number}")
    return " and ".join(names) or "A source"


def side_order(contradiction: Contradiction, index: int) -> str:
    """For an update, where a side stands in time ("Earlier", "Later"); else empty."""
    if contradiction.kind != "update" or len(contradiction.sides) < 2:
        return ""
    if index == 0:
        return "Earlier"
    return "Later" if index == len(contradiction.sides) - 1 else "Then"


def update_text(contradiction: Contradiction) -> str:
    """The sentence saying a later report updates an earlier one, with its times."""
    if contradiction.kind != "update":
        return ""
    note = (contradiction.note or "").strip().rstrip(".")
    return "A later report updates an earlier one" + (f" ({note})" if note else "") + "."


def topic_text(contradiction: Contradiction) -> str:
    """The topic as a bold lead: first letter up, no end punctuation (the memo adds it)."""
    topic = contradiction.topic.strip().rstrip(".:;")
    return topic[:1].upper() + topic[1:]


def claim_text(side: Side) -> str:
    """A side's claim without the dash a dateline leaves before it ("(Reuters) - 19
    killed") or a final full stop (the citation goes before it)."""
    return side.claim.strip().lstrip("-–—: ").rstrip(".").strip()


def contradiction_ids(contradiction: Contradiction) -> list[str]:
    """The item's own ids and every side's, each once (the annex lists them all)."""
    ids = list(contradiction.sentence_ids)
    for side in contradiction.sides:
        ids.extend(i for i in side.sentence_ids if i not in ids)
    return ids


def with_side_ids(data: BriefData) -> BriefData:
    """``data`` with each contradiction citing its sides' ids too, for the annex table
    (a contradiction's own ids may be left empty by whoever built it)."""
    if not data.contradictions:
        return data
    joined = [
        c.model_copy(update={"sentence_ids": contradiction_ids(c)}) for c in data.contradictions
    ]
    return data.model_copy(update={"contradictions": joined})


@dataclass(frozen=True)
class SourceEntry:
    """One line of a dossier's source list."""

    label: str
    details: str
    status: str
    used: bool


@dataclass(frozen=True)
class SourceGroup:
    """The cited sentences of one source, under its heading."""

    label: str
    heading: str
    sentences: tuple[Sentence, ...]


def source_entries(data: BriefData) -> list[SourceEntry]:
    """One line per dossier source for its source list, in source order."""
    return [
        SourceEntry(s.label, details(s), status_text(s), s.status == "used") for s in data.sources
    ]


def source_groups(doc: Article, data: BriefData, cited: set[str]) -> list[SourceGroup]:
    """The cited sentences of ``doc`` grouped by source, in source order."""
    groups = []
    for source in data.sources:
        sentences = tuple(
            s for s in doc.sentences if s.id in cited and source_of(s.id) == source.number
        )
        if sentences:
            known = [p for p in (source.outlet, source.published) if p and p.strip()]
            where = f" ({', '.join(known)})" if known and source.title else ""
            heading = f"{source.label}: {source.name}{where}"
            groups.append(SourceGroup(source.label, heading, sentences))
    return groups
