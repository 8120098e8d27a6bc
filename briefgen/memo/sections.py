"""THE section registry: every list of a memo declared once.

Citation lists, the source annex, the synthesis input, the evidence view and grounding
all iterate ``SECTIONS``; adding a section is one entry here, a field on ``BriefData``
(and on the answer model that carries it), the template lines that print it and, for a
section the extraction writes, its rule in ``extract/merge.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from briefgen.memo.section_spec import ALL_STYLES, Check, Origin, Section

__all__ = [
    "ALL_STYLES",
    "SECTIONS",
    "Check",
    "Origin",
    "Section",
    "cited_groups",
    "declared_fields",
    "section",
    "sections",
    "synthesis_facts",
]

_INFO = "info-memo"
_ACTION = "action-memo"
_SCENE = "scene-setter"
_POINTS = "talking-points"
_PAGE = "one-pager"
_SUB = "submission"

# Memo reading order (the evidence view and the annex follow it).
SECTIONS: tuple[Section, ...] = (
    # Since the last memo: first in every style, empty (and not printed) without ``since``.
    Section(
        "since_new",
        "New since the last memo",
        "New since the last memo",
        "since_new",
        "memo",
        "since_new",
        check="story",
        handled=("kind", "speaker", "found_by", "how"),
        priority=2,
    ),
    Section(
        "since_changed",
        "Changed since the last memo",
        "Changed since the last memo",
        "since_change",
        "memo",
        "since_changed",
        check="story",
        handled=("topic", "before", "after", "kind", "note", "found_by", "how"),
        priority=1,
    ),
    Section(
        "since_withdrawn",
        "No longer reported",
        "No longer reported",
        "since_withdrawn",
        "memo",
        "since_withdrawn",
        check="story",
        handled=("before", "now", "found_by", "how"),
        priority=4,
    ),
    Section(
        "bluf",
        "Summary",
        "Summary",
        "bluf",
        "memo",
        "bluf",
        keep_at_most=4,
        lint="mixing",
        rank=1,
        priority=1,
    ),
    Section(
        "recommendations",
        "Recommendations",
        "Recommendation",
        "recommendation",
        "memo",
        "recommendations",
        check="judgement",
        prefix="That you",
        numbered=True,
        shown_in=frozenset({_ACTION, _SUB}),
        rank=5,
        priority=1,
    ),
    Section(
        "options",
        "Options",
        "Option",
        "option",
        "memo",
        "options",
        check="judgement",
        judged=("pros", "cons"),
        numbered=True,
        shown_in=frozenset({_ACTION}),
        rank=5,
        priority=3,
    ),
    Section(
        "background",
        "Background",
        "Background",
        "background",
        "memo",
        "background",
        shown_in=frozenset({_INFO, _ACTION, _SCENE, _SUB}),
        rank=2,
        priority=4,
    ),
    Section(
        "relations",
        "State of relations",
        "Relations",
        "relations",
        "memo",
        "relations",
        shown_in=frozenset({_SCENE}),
        rank=3,
    ),
    Section(
        "counterpart_wants",
        "Their likely objectives",
        "Their likely objective",
        "counterpart_wants",
        "memo",
        "counterpart_wants",
        shown_in=frozenset({_SCENE}),
        rank=4,
    ),
    Section(
        "developments",
        "Key developments",
        "Key development",
        "event",
        "extraction",
        "events",
        text="what",
        side_names=("who", "where"),
        values=("when",),
        facts=("events", "what", "when", "who"),
        numbered=True,
        shown_in=frozenset({_INFO, _ACTION, _POINTS, _PAGE, _SUB}),
        rank=5,
        priority=2,
    ),
    Section(
        "contradictions",
        "Contradictions between sources",
        "Contradiction",
        "contradiction",
        "memo",
        "contradictions",
        text="topic",
        check="sides",
        handled=("sides", "kind", "found_by", "note"),
        rank=8,
        priority=1,
    ),
    Section(
        "agenda",
        "Issues on the agenda",
        "Agenda item",
        "agenda_item",
        "extraction",
        "agenda_items",
        text="item",
        facts=("agenda", "item"),
        numbered=True,
        shown_in=frozenset({_INFO, _ACTION, _SCENE}),
        rank=4,
        priority=6,
    ),
    Section(
        "allegations",
        "Allegations and denials",
        "Allegation",
        "allegation",
        "extraction",
        "allegations",
        text="claim",
        names=("alleged_by", "against"),
        reported=True,
        claims=("denial",),
        denials=("denial",),
        distinct=(
            ("alleged_by", "against"),
            ("claim", "denial"),
            ("claim", "alleged_by"),
            ("claim", "against"),
        ),
        facts=("allegations", "by=alleged_by", "against", "claim", "denial"),
        numbered=True,
        shown_in=frozenset({_INFO, _ACTION, _SCENE, _SUB}),
        rank=6,
        priority=5,
    ),
    Section(
        "positions",
        "Positions of the parties",
        "Position",
        "position",
        "extraction",
        "positions",
        text="stance",
        names=("party",),
        held_by=("party",),
        reported=True,
        facts=("positions", "party", "stance"),
        shown_in=frozenset({_INFO, _ACTION, _SCENE, _SUB}),
        rank=6,
        priority=3,
    ),
    Section(
        "quotes",
        "Key quotes",
        "Quote",
        "quote",
        "extraction",
        "quotes",
        check="quote",
        closed=("source",),
        handled=("speaker",),
        facts=("quotes", "speaker", "text"),
        numbered=True,
        shown_in=frozenset({_INFO, _ACTION, _SCENE, _POINTS, _SUB}),
        rank=7,
        priority=7,
    ),
    Section(
        "key_facts",
        "Key facts",
        "Key fact",
        "key_fact",
        "extraction",
        "key_facts",
        text="fact",
        facts=("facts", "fact"),
        shown_in=frozenset({_PAGE}),
        rank=4,
        priority=3,
    ),
    Section(
        "talking_points",
        "Talking points",
        "Talking point",
        "talking_point",
        "memo",
        "talking_points",
        check="judgement",
        shown_in=frozenset({_POINTS, _SCENE}),
        rank=5,
        priority=2,
    ),
    Section(
        "if_raised",
        "If raised",
        "If raised",
        "reactive_line",
        "memo",
        "if_raised",
        check="judgement",
        judged=("question",),
        shown_in=frozenset({_POINTS}),
        rank=5,
        priority=4,
    ),
    Section(
        "press_lines",
        "Press line",
        "Press line",
        "press_line",
        "memo",
        "press_lines",
        check="judgement",
        keep_at_most=2,
        shown_in=frozenset({_POINTS, _SUB}),
        rank=5,
        priority=4,
    ),
    Section(
        "outlook",
        "Outlook",
        "Outlook",
        "outlook",
        "memo",
        "outlook",
        lint="likelihood",
        closed=("likelihood", "basis", "confidence"),
        judged=("confidence_basis",),
        shown_in=frozenset({_INFO, _ACTION, _SCENE, _PAGE, _SUB}),
        rank=3,
        priority=2,
    ),
    Section(
        "information_gaps",
        "Information gaps",
        "Information gap",
        "information_gap",
        "memo",
        "information_gaps",
        check="gap",
        keep_at_most=6,
        shown_in=frozenset({_INFO}),
        in_annex=False,
    ),
    Section(
        "actors",
        "Actors",
        "Actor",
        "actor",
        "extraction",
        "actors",
        text="name",
        check="none",
        names=("name",),
        side_names=("affiliation",),
        words=("title",),
        closed=("kind",),
        facts=("actors", "name", "kind", "title"),
        shown_in=frozenset(),
        in_annex=False,
    ),
)


def sections(origin: Origin | None = None) -> Iterator[Section]:
    """The registry (read at call time, so a test or plug-in may extend it)."""
    for section in SECTIONS:
        if origin is None or section.origin == origin:
            yield section


def section(field: str) -> Section:
    """The section that shows ``field``; KeyError when none does."""
    for candidate in SECTIONS:
        if candidate.field == field:
            return candidate
    raise KeyError(field)


def cited_groups(
    data: Any, shown: Callable[[Section], bool] | None = None
) -> Iterator[tuple[str, list[str]]]:
    """(annex label, sentence ids) per cited item, the subject first, in reading order;
    with ``shown``, only the items of the sections it admits (those a style prints)."""
    subject_ids = list(getattr(data, "subject_sentence_ids", None) or ())
    if subject_ids:
        yield "Subject", subject_ids
    for spec in sections():
        if not spec.in_annex or (shown is not None and not shown(spec)):
            continue
        for number, item in enumerate(spec.items(data), start=1):
            yield f"{spec.label} {number}", list(getattr(item, "sentence_ids", ()))


def synthesis_facts(
    data: Any, carried_by: Callable[[list[str]], int] | None = None
) -> dict[str, Any]:
    """The extracted, grounded items in the compact form the synthesis call reads.

    With ``carried_by`` (a dossier's count of the sources an item's ids cite), each item
    says how many sources carry it (``n``), most carried first, and empty values are
    left out: a dossier's facts are many, and every character is sent.
    """
    facts: dict[str, Any] = {}
    for spec in sections("extraction"):
        if not spec.facts:
            continue
        key, pairs = spec.fact_fields()
        rows = []
        for item in spec.items(data):
            row = {out: getattr(item, attr) for out, attr in pairs}
            if carried_by is not None:
                row = {k: v for k, v in row.items() if v not in (None, "", [])}
                row["n"] = carried_by(item.sentence_ids)
            rows.append({**row, "ids": item.sentence_ids})
        if carried_by is not None:
            rows.sort(key=lambda row: -int(row["n"]))  # stable: reading order among equals
        facts[key] = rows
    return facts


def declared_fields(spec: Section) -> set[str]:
    """Every item attribute the section's entry says how to ground."""
    return {
        spec.text,
        "sentence_ids",
        *spec.names,
        *spec.held_by,
        *spec.side_names,
        *spec.values,
        *spec.claims,
        *spec.denials,
        *(attr for pair in spec.distinct for attr in pair),
        *spec.words,
        *spec.closed,
        *spec.handled,
        *spec.judged,
    }
