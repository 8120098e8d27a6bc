"""What a run did: calls, tokens, and every grounding decision."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from briefgen.usage import Usage

GroundingStatus = Literal["kept", "dropped", "amended", "flagged"]
# Put before a statement kept in "flag" mode that a check rejected.
UNVERIFIED_MARK = "[Unverified]"


class LintFinding(BaseModel):
    """One estimative-language problem in one memo statement."""

    kind: str
    text: str
    problem: str


ANNEX_QUOTE = "annex quote"
"""The kind of the records of the memo's annex of quotations (not counted in the summary)."""


class GroundingRecord(BaseModel):
    """One grounding decision about one extracted item."""

    kind: str = Field(description="quote, actor, position, event, bluf, outlook, ...")
    text: str
    status: GroundingStatus
    reason: str | None = None
    stage: str | None = Field(
        None, description="How a quote aligned: exact, normalised or fuzzy (None: not found)."
    )
    start: int | None = None
    end: int | None = None
    sentence_ids: list[str] = Field(default_factory=list)
    score: float | None = Field(
        None, description="Support check score against the cited sentences (0 to 1)."
    )
    verdict: str | None = Field(
        None,
        description="The model verifier's verdict (verify='model'): supported, "
        "not_supported, contradicted, overruled (its evidence was not in the cited "
        "sentences) or none; None when it did not run.",
    )
    checked_in: str | None = Field(
        None,
        description="For a line of a memo in another language than its article's "
        "(memo_language): the language the line was checked in, the article's.",
    )
    wording: str | None = Field(
        None, description="That line as it was checked, in the article's language."
    )


class GroundingSummary(BaseModel):
    """Counts of what grounding did: items kept, dropped, amended, flagged; quotes kept, dropped."""

    kept: int = 0
    dropped: int = 0
    amended: int = 0
    flagged: int = 0
    quotes_kept: int = 0
    quotes_dropped: int = 0


class Report(BaseModel):
    """Returned with every memo as ``brief.report``."""

    model: str
    backend: str
    style: str
    plan: str = Field(
        "abstractive",
        description="'abstractive': the model wrote the items; 'extractive': it picked "
        "the article's sentences (small models).",
    )
    chunks: int
    elapsed_s: float
    usage: Usage
    cost_usd: float | None = Field(None, description="From the price table; None if unknown.")
    grounding: list[GroundingRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    lint: list[LintFinding] = Field(
        default_factory=list, description="Estimative-language problems (ICD 203)."
    )

    @property
    def summary(self) -> GroundingSummary:
        summary = GroundingSummary()
        for record in self.grounding:
            if record.checked_in is not None:
                continue  # a translation's record: its item was counted as checked
            if record.kind == ANNEX_QUOTE:
                continue  # briefgen's own reading of the article, not an extracted item
            if record.status == "kept":
                summary.kept += 1
            elif record.status == "dropped":
                summary.dropped += 1
            elif record.status == "flagged":
                summary.flagged += 1
            else:
                summary.amended += 1
            if record.kind == "quote":
                if record.status == "dropped":
                    summary.quotes_dropped += 1
                else:
                    summary.quotes_kept += 1
        return summary

    @property
    def dropped(self) -> list[GroundingRecord]:
        return [r for r in self.grounding if r.status == "dropped"]
