"""One section's declaration: what a memo list is and how each stage treats it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# Where an item comes from: the per-chunk extraction (facts the article reports) or the
# memo-level writing (synthesis, or the memo half of a single pass).
Origin = Literal["extraction", "memo"]
# How much of an item the article must carry: "full" for reported facts; "judgement" for
# advice, whose words are the analyst's but whose names and numbers must come from the
# cited sentences; "none" for bare names; "quote" and "gap" have checks of their own.
# "sides" for a disagreement between sources: each side is checked against its own
# source's sentences. "story" for what a memo says about the earlier memos of its story:
# the since stage grounds it, each side against its own memo's article.
Check = Literal["full", "judgement", "none", "quote", "gap", "sides", "story"]

ALL_STYLES = frozenset(
    {"info-memo", "action-memo", "scene-setter", "talking-points", "one-pager", "submission"}
)


@dataclass(frozen=True)
class Section:
    """One list of a memo and everything the stages need to know about it."""

    field: str
    """Attribute of ``BriefData``."""
    title: str
    """Heading where the section is shown as a whole (evidence view)."""
    label: str
    """One item of it in the source annex ("Key development 2")."""
    kind: str
    """Its kind in grounding records."""
    origin: Origin
    answer_field: str
    """Attribute of the answer model (Extraction or the style's memo fields)."""
    text: str = "text"
    """Attribute of an item holding its main text (the support check reads it)."""
    check: Check = "full"
    names: tuple[str, ...] = ()
    """Attributes of an item holding names that must occur in the article."""
    held_by: tuple[str, ...] = ()
    """Attributes naming who holds the item (a position's party): a name must be the
    holder its cited sentences give, when they give one plainly."""
    reported: bool = False
    """Whether an item is someone's claim or stance, shown with who holds it (a position,
    an allegation): its text may drop the article's "accused ... of" or "plans to"."""
    side_names: tuple[str, ...] = ()
    """Attributes holding names beside the point (who took part, where): a name the
    article lacks is removed from the item, which stays."""
    values: tuple[str, ...] = ()
    """Attributes holding a date or time: its numbers and dates must be in the cited
    sentences, else it is removed from the item."""
    claims: tuple[str, ...] = ()
    """Attributes holding a statement of their own (a denial): it must pass the support
    check against the cited sentences, else it is removed from the item."""
    distinct: tuple[tuple[str, str], ...] = ()
    """Pairs of attributes that must not be one and the same (an allegation's accuser
    and target, its claim and denial): an item with such a pair is dropped."""
    denials: tuple[str, ...] = ()
    """Attributes holding a reported denial: it must read as one (a word of denial or a
    negation), else it is removed from the item."""
    words: tuple[str, ...] = ()
    """Attributes holding a description (a title): its words must be in the cited
    sentences, else it is removed from the item."""
    closed: tuple[str, ...] = ()
    """Attributes the answer schema restricts to a closed set of values."""
    handled: tuple[str, ...] = ()
    """Attributes the section's own check reads (a quote's speaker)."""
    judged: tuple[str, ...] = ()
    """Attributes holding advice of their own (an option's pros and cons): the judgement
    check reads them against the cited sentences, else they are removed from the item."""
    rank: int = 0
    """How specific the section is: a statement printed in two sections stays in the
    higher-ranked one (a development over the summary that repeats it)."""
    priority: int = 5
    """What a memo over its length budget keeps: items of the lowest priority are cut
    first (1 is kept longest)."""
    keep_at_most: int | None = None
    """Items grounded at most (a summary is about four lines)."""
    lint: Literal["none", "mixing", "likelihood"] = "none"
    """Estimative-language check: "mixing" forbids only a confidence level beside a
    likelihood; "likelihood" also checks the item's own likelihood term."""
    prefix: str | None = None
    """Text every item must start with ("That you" for a decision)."""
    facts: tuple[str, ...] = ()
    """Synthesis input: the key under which the section is sent, then its item attributes
    as ``out=attr`` (or ``attr``); empty for memo-level sections."""
    numbered: bool = False
    shown_in: frozenset[str] = ALL_STYLES
    """Shipped styles whose memo prints the section (a user's own style: info-memo's)."""
    in_annex: bool = True
    """Its citations are listed in the source annex."""

    def items(self, data: Any) -> list[Any]:
        return list(getattr(data, self.field, None) or ())

    def item_text(self, item: Any) -> str:
        return str(getattr(item, self.text, item))

    def fact_fields(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """(synthesis key, ((out name, item attribute), ...))."""
        key, *fields = self.facts
        pairs = tuple(
            (f.split("=", 1)[0], f.split("=", 1)[-1]) if "=" in f else (f, f) for f in fields
        )
        return key, pairs
