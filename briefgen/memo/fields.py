"""Memo-level writing: the fields the synthesis step (or the single pass) writes, per style.

A list's ``maxItems`` keeps answers to memo size; it goes into the JSON Schema only, so a
longer list from a server that ignores the schema is cut in grounding, not re-asked.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, JsonValue, create_model

from briefgen.memo.items import (
    SCHEMA_WITHOUT_DOC,
    Disagreement,
    Option,
    OutlookStatement,
    ReactiveLine,
    Recommendation,
    Statement,
)


def _at_most(limit: int) -> dict[str, JsonValue]:
    return {"maxItems": limit}


class MemoFields(BaseModel):
    """Memo-level writing, produced from the extraction."""

    model_config = ConfigDict(extra="forbid")

    subject: Statement = Field(description="Subject line, under 15 words.")
    bluf: list[Statement] = Field(
        description="Bottom line up front: at most four sentences.",
        json_schema_extra=_at_most(4),
    )
    background: list[Statement] = Field(json_schema_extra=_at_most(4))
    outlook: list[OutlookStatement] = Field(json_schema_extra=_at_most(4))
    information_gaps: list[str] = Field(
        description="Questions a reader would ask that the article does not answer.",
        json_schema_extra=_at_most(4),
    )


class ActionMemoFields(MemoFields):
    """An action memo asks the principal to decide."""

    recommendations: list[Recommendation] = Field(
        default_factory=list,
        description='Decisions for the principal, each starting "That you".',
        json_schema_extra=_at_most(4),
    )
    options: list[Option] = Field(
        default_factory=list,
        description="Courses of action open to the principal, each with its main pro and "
        "con; empty when the article leaves no real choice.",
        json_schema_extra=_at_most(3),
    )


# Style fields default to empty so a server that ignores the schema still gives a memo;
# the strict schema sent to the model lists them as required all the same.
class TalkingPointsFields(MemoFields):
    """Talking points: lines to say, reactive lines if raised, and press lines."""

    model_config = SCHEMA_WITHOUT_DOC

    talking_points: list[Statement] = Field(
        default_factory=list,
        description="Short lines the principal can say, each readable on its own.",
        json_schema_extra=_at_most(8),
    )
    if_raised: list[ReactiveLine] = Field(
        default_factory=list,
        description="Reactive lines: a question the other side may raise and the line to "
        "take in reply.",
        json_schema_extra=_at_most(4),
    )
    press_lines: list[Statement] = Field(
        default_factory=list,
        description="What may be said to the press, one or two sentences.",
        json_schema_extra=_at_most(2),
    )


class SubmissionFields(MemoFields):
    """A UK submission: the issue, a recommendation, the argument, the handling."""

    recommendations: list[Recommendation] = Field(
        default_factory=list,
        description='Decisions for the minister, each starting "That you".',
        json_schema_extra=_at_most(4),
    )
    press_lines: list[Statement] = Field(
        default_factory=list,
        description="Handling and press: what may be said in public, one or two sentences.",
        json_schema_extra=_at_most(2),
    )


class SceneSetterFields(MemoFields):
    """A scene-setter prepares a principal for a visit or meeting."""

    counterpart_wants: list[Statement] = Field(
        default_factory=list,
        description="What the other side wants from the meeting, as the article reports.",
        json_schema_extra=_at_most(4),
    )
    relations: list[Statement] = Field(
        default_factory=list,
        description="The state of the relationship.",
        json_schema_extra=_at_most(4),
    )
    talking_points: list[Statement] = Field(
        default_factory=list,
        description="Short lines the principal can say, each readable on its own.",
        json_schema_extra=_at_most(8),
    )


# Disagreements one dossier synthesis call reports at most.
MAX_DISAGREEMENTS = 6


@lru_cache(maxsize=32)
def dossier_fields_for(memo_fields: type[MemoFields]) -> type[MemoFields]:
    """A style's memo fields with the dossier's ``contradictions``: the points on which
    the sources disagree, as the model reports them."""
    return create_model(
        f"Dossier{memo_fields.__name__}",
        __base__=memo_fields,
        contradictions=(
            list[Disagreement],
            Field(
                default_factory=list,
                description="Points on which the sources disagree, each side citing the "
                "sentences of a different source; never resolved.",
                json_schema_extra=_at_most(MAX_DISAGREEMENTS),
            ),
        ),
    )
