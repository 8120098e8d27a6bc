"""What the LLM is asked to return for a chunk (Extraction) or, for an article that fits
one chunk, extraction and memo fields in one answer (SinglePass, per style).

These are data types only: nothing here knows about providers or HTTP.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, create_model, field_validator

from briefgen.memo.fields import MemoFields
from briefgen.memo.items import (
    Actor,
    AgendaItem,
    Allegation,
    Event,
    KeyFact,
    Position,
    Quote,
)


class Extraction(BaseModel):
    """Everything pulled from one chunk of the article."""

    model_config = ConfigDict(extra="forbid")

    actors: list[Actor]
    positions: list[Position]
    events: list[Event]
    quotes: list[Quote]
    allegations: list[Allegation]
    key_facts: list[KeyFact]
    agenda_items: list[AgendaItem]


class SinglePass(BaseModel):
    """Extraction and memo fields in one answer, for an article that fits one chunk."""

    model_config = ConfigDict(extra="forbid")

    extraction: Extraction
    memo: MemoFields


@lru_cache(maxsize=32)
def single_pass_for(memo_fields: type[MemoFields]) -> type[SinglePass]:
    """The single-pass answer whose memo part is ``memo_fields`` (a style's fields)."""
    if memo_fields is MemoFields:
        return SinglePass
    return create_model(
        f"{memo_fields.__name__.removesuffix('Fields')}SinglePass",
        __base__=SinglePass,
        memo=(memo_fields, ...),
    )


Verdict = Literal["supported", "not_supported", "contradicted"]
# Statements one verification call may judge (a memo rarely has more than forty).
MAX_VERDICTS = 60


class StatementVerdict(BaseModel):
    """The verifier's judgement of one memo statement against its cited sentences."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="The statement's id, e.g. V3.")
    verdict: Verdict
    evidence: list[str] = Field(
        description="Words of the cited sentences that decide it, copied exactly.",
        json_schema_extra={"maxItems": 3},
    )


class Verification(BaseModel):
    """What the optional model-based verifier returns: one verdict per statement."""

    model_config = ConfigDict(extra="forbid")

    verdicts: list[StatementVerdict] = Field(json_schema_extra={"maxItems": MAX_VERDICTS})


_IDS_ONLY: dict[str, JsonValue] = {"type": "string", "pattern": "^S[0-9]+$"}


def _ids(limit: int, what: str) -> Any:
    return Field(
        default_factory=list,
        description=f"Ids of the article sentences that {what}.",
        json_schema_extra={"maxItems": limit, "items": _IDS_ONLY},
    )


class Selection(BaseModel):
    """The extractive plan's answer: sentence ids per memo part, and nothing written."""

    model_config = ConfigDict(extra="forbid")

    summary: list[str] = _ids(3, "say what happened")
    background: list[str] = _ids(3, "say what led to it")
    developments: list[str] = _ids(5, "report events, decisions and actions")
    positions: list[str] = _ids(4, "state what a party wants, rejects or supports")
    agenda: list[str] = _ids(3, "name issues to be discussed")
    outlook: list[str] = _ids(3, "say what is expected to happen next")

    @field_validator(
        "summary", "background", "developments", "positions", "agenda", "outlook", mode="before"
    )
    @classmethod
    def _tidy(cls, value: Any) -> Any:
        if isinstance(value, list):
            ids = [str(v).strip().upper() for v in value]
            return [v if v.startswith("S") else f"S{v}" for v in ids]
        return value


MAX_STORY_CHANGES = 8


class StoryChange(BaseModel):
    """One thing the new article gives otherwise than an earlier memo of its story, as the
    model reports it (``since_model``): each side with the sentences it rests on."""

    model_config = ConfigDict(extra="forbid")

    topic: str = Field(description="What changed, in a few words (a figure, a date, a status).")
    before: str = Field(description="What the earlier memo's sentences say, in their words.")
    before_ids: list[str] = Field(
        description='Ids of the earlier memo\'s sentences it rests on, e.g. ["M1:S3"].',
        json_schema_extra={"maxItems": 3},
    )
    after: str = Field(description="What the new article says instead, in its words.")
    after_ids: list[str] = Field(
        description='Ids of the new article\'s sentences it rests on, e.g. ["S5"].',
        json_schema_extra={"maxItems": 3},
    )


class StoryChanges(BaseModel):
    """What the model adds to the rules' changes since the earlier memos of a story."""

    model_config = ConfigDict(extra="forbid")

    changes: list[StoryChange] = Field(json_schema_extra={"maxItems": MAX_STORY_CHANGES})


MAX_TRANSLATED_LINES = 80


class LineTranslation(BaseModel):
    """One memo line in the memo's language (``memo_language``)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="The line's id, e.g. L3.")
    text: str = Field(description="The line translated, its names, numbers and dates kept.")


class Translations(BaseModel):
    """The memo's lines translated, one per line id."""

    model_config = ConfigDict(extra="forbid")

    lines: list[LineTranslation] = Field(json_schema_extra={"maxItems": MAX_TRANSLATED_LINES})
