"""The validated, grounded content of a memo: what the templates render."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from briefgen.ingest.article import sentence_order
from briefgen.ingest.dossier import Source, sources_cited
from briefgen.memo.items import (
    Actor,
    AgendaItem,
    Allegation,
    Contradiction,
    Event,
    KeyFact,
    Option,
    OutlookStatement,
    Position,
    ReactiveLine,
    Recommendation,
    Statement,
)
from briefgen.memo.sections import cited_groups
from briefgen.memo.since import Change, NewItem, SinceLast, Withdrawn

MatchStage = Literal["exact", "normalised", "fuzzy"]


class GroundedQuote(BaseModel):
    """A quote found in the article; ``text`` is the article's own characters."""

    text: str
    speaker: str | None = Field(description="None when the speaker could not be confirmed.")
    source: Literal["named", "anonymous"]
    start: int
    end: int
    match: MatchStage
    reported_speech: bool = Field(
        False,
        description="Found only approximately or outside quotation marks; shown as reported "
        "speech, never in quotation marks (only with allow_paraphrase).",
    )
    translation: str | None = Field(
        None,
        description="The model's translation into the memo's language (memo_language), "
        "shown beside the quotation and marked as a translation; None when the memo is "
        "in the quotation's language or no translation agreed with it.",
    )
    sentence_ids: list[str]


class BriefData(BaseModel):
    """Everything the memo says, each item tied to article sentence ids."""

    subject: str
    subject_sentence_ids: list[str] = Field(default_factory=list)
    since: SinceLast | None = Field(
        None, description="The earlier memos of the story this one was made since; None: none."
    )
    since_new: list[NewItem] = Field(
        default_factory=list, description="Since the last memo: what no earlier memo carried."
    )
    since_changed: list[Change] = Field(
        default_factory=list,
        description="Since the last memo: what an earlier memo gave otherwise, both sides cited.",
    )
    since_withdrawn: list[Withdrawn] = Field(
        default_factory=list,
        description="Since the last memo: what an earlier memo said that this article "
        "contradicts or withdraws (only with since_withdrawn).",
    )
    checked_wording: dict[str, str] = Field(
        default_factory=dict,
        description="A memo shown in another language than its article's (memo_language): "
        "each line shown translated -> the line as it was checked, in the article's "
        "language (what a story's next memo is compared with).",
    )
    bluf: list[Statement] = Field(default_factory=list)
    background: list[Statement] = Field(default_factory=list)
    developments: list[Event] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    quotes: list[GroundedQuote] = Field(default_factory=list)
    annex_quotes: list[GroundedQuote] = Field(
        default_factory=list,
        description="Annex: every quotation of the article long enough to print, in its "
        "order, with the speaker the article gives it (None: not stated, or not sure); "
        "briefgen's own reading, never the model's. Empty for a dossier, or with "
        "quotation_annex off.",
    )
    allegations: list[Allegation] = Field(default_factory=list)
    key_facts: list[KeyFact] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    outlook: list[OutlookStatement] = Field(default_factory=list)
    information_gaps: list[str] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(
        default_factory=list, description='Action memo: "That you ..." decisions.'
    )
    options: list[Option] = Field(
        default_factory=list, description="Action memo: options, each with pros and cons."
    )
    talking_points: list[Statement] = Field(default_factory=list)
    if_raised: list[ReactiveLine] = Field(
        default_factory=list, description="Talking points: question and line to take."
    )
    press_lines: list[Statement] = Field(
        default_factory=list, description="Talking points, submission: the press line."
    )
    counterpart_wants: list[Statement] = Field(
        default_factory=list, description="Scene-setter: what the other side wants."
    )
    relations: list[Statement] = Field(
        default_factory=list, description="Scene-setter: state of the relationship."
    )
    contradictions: list[Contradiction] = Field(
        default_factory=list,
        description="Dossier: points on which the sources disagree, each side with its own "
        "source's sentences.",
    )
    actors: list[Actor] = Field(default_factory=list)
    sources: list[Source] = Field(
        default_factory=list,
        description="Dossier: every article given, numbered as its ids (A<n>:S<m>); empty "
        "for a memo of one article.",
    )
    uncovered: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Character ranges of the article no extraction covered (failed chunks).",
    )

    def cited_ids(self) -> list[str]:
        """Every sentence id the memo cites, in article order."""
        seen = {sid for _, ids in cited_groups(self) for sid in ids}
        return sorted(seen, key=sentence_order)

    @property
    def independent_sources(self) -> int:
        """Dossier: sources read and used (copies and repeats of one story count once)."""
        return sum(1 for s in self.sources if s.status == "used")

    def sources_of(self, ids: list[str]) -> list[int]:
        """Dossier: the numbers of the sources whose sentences ``ids`` cite."""
        return sources_cited(ids)
