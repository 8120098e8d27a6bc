"""What the LLM is asked to return for a chunk (Extraction) or, for an article that fits
one chunk, extraction and memo fields in one answer (SinglePass, per style).

These are data types only: nothing here knows about providers or HTTP.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

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
