"""The items a memo is made of (actors, events, quotes, statements ...), each citing the
article sentences it rests on. Data types only: nothing here knows about providers.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ActorKind = Literal["state", "person", "organisation", "armed_group", "other"]
SourceKind = Literal["named", "anonymous"]
Likelihood = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]
LIKELIHOOD_SCALE: tuple[str, ...] = Likelihood.__args__  # type: ignore[attr-defined]
# ICD 203: the probability range each term stands for.
LIKELIHOOD_RANGES: dict[str, str] = {
    "almost no chance": "01–05%",
    "very unlikely": "05–20%",
    "unlikely": "20–45%",
    "roughly even chance": "45–55%",
    "likely": "55–80%",
    "very likely": "80–95%",
    "almost certain": "95–99%",
}
# ICD 203's second set of terms (and "probably"), each the same range as a scale term.
LIKELIHOOD_SYNONYMS: dict[str, str] = {
    "remote": "almost no chance",
    "highly improbable": "very unlikely",
    "improbable": "unlikely",
    "roughly even odds": "roughly even chance",
    "probable": "likely",
    "probably": "likely",
    "highly probable": "very likely",
    "nearly certain": "almost certain",
}
Confidence = Literal["low", "moderate", "high"]

_IDS = Field(description='Ids of the article sentences this rests on, e.g. ["S3", "S4"].')
# "A2:S3", "a2 s3", "A2-S3", "A2:3": sentence 3 of article 2 in a dossier.
_DOSSIER_ID = re.compile(r"^A\s*(\d+)\s*(?:[:.\-/ ]\s*S?|S)\s*(\d+)$")


def tidy_sentence_id(value: object) -> str:
    """A model's sentence id in briefgen's form ("s3", " S3", 3 -> "S3"; "a2 s3" -> "A2:S3").
    Whether it exists is checked later, in grounding."""
    text = str(value).strip().upper()
    dossier = _DOSSIER_ID.match(text)
    if dossier is not None:
        return f"A{dossier.group(1)}:S{dossier.group(2)}"
    return text if text.startswith("S") else f"S{text}"


def _drop_description(schema: dict[str, Any]) -> None:
    schema.pop("description", None)


SCHEMA_WITHOUT_DOC = ConfigDict(json_schema_extra=_drop_description)
"""Config for a model whose docstring is for readers only: the JSON Schema sent to the
LLM leaves it out and keeps to the field descriptions (a description would cost tokens in
every request and change every cache key)."""


class CitedItem(BaseModel):
    """Any memo item: it cites the article sentences it rests on."""

    model_config = ConfigDict(extra="forbid")

    sentence_ids: list[str] = _IDS

    @field_validator("sentence_ids", mode="before")
    @classmethod
    def _tidy_ids(cls, value: Any) -> Any:
        # Models write "s3", " S3" or 3; the id itself is checked later, in grounding.
        if isinstance(value, list):
            return [tidy_sentence_id(item) for item in value]
        return value


class Actor(CitedItem):
    """A person, state or organisation the article names, with any title it gives them."""

    model_config = SCHEMA_WITHOUT_DOC

    name: str = Field(description="Name exactly as written in the article.")
    kind: ActorKind
    title: str | None = Field(description="Title or role, e.g. 'foreign minister'.")
    affiliation: str | None = Field(description="Country or organisation they belong to.")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        aliases = {"organization": "organisation", "country": "state", "armed group": "armed_group"}
        text = str(value).strip().lower()
        text = aliases.get(text, text)
        return text if text in ActorKind.__args__ else "other"  # type: ignore[attr-defined]


class Position(CitedItem):
    """What a party wants, rejects or supports, as the article states it."""

    model_config = SCHEMA_WITHOUT_DOC

    party: str = Field(description="Actor holding the position, as named in the article.")
    stance: str = Field(description="The stated position, in one sentence.")


class Event(CitedItem):
    """Something that happened or is planned: what, when, where and who."""

    model_config = SCHEMA_WITHOUT_DOC

    what: str = Field(description="What happened or is planned, in one sentence.")
    when: str | None = Field(description="Date or time as given in the article.")
    where: str | None
    who: list[str] = Field(description="Actors involved, as named in the article.")


class Quote(CitedItem):
    """Words the article quotes, with who said them."""

    model_config = SCHEMA_WITHOUT_DOC

    speaker: str = Field(description="Who said it, as the article names them (e.g. 'an official').")
    text: str = Field(description="The quoted words, copied character for character.")
    source: SourceKind = Field(description="'named' or 'anonymous' source.")


class Allegation(CitedItem):
    """A claim one party makes against another, with any reported denial."""

    model_config = SCHEMA_WITHOUT_DOC

    alleged_by: str
    against: str
    claim: str
    denial: str | None = Field(description="The denial reported in the article, if any.")


class KeyFact(CitedItem):
    """A number, date or other concrete fact from the article."""

    model_config = SCHEMA_WITHOUT_DOC

    fact: str = Field(description="A number, date or concrete fact from the article.")


class AgendaItem(CitedItem):
    """An issue to be discussed."""

    model_config = SCHEMA_WITHOUT_DOC

    item: str


class Statement(CitedItem):
    """One sentence of the memo."""

    model_config = SCHEMA_WITHOUT_DOC

    text: str


Basis = Literal["assessed", "reported"]


class OutlookStatement(CitedItem):
    """What to expect next, with its likelihood, basis and confidence."""

    model_config = SCHEMA_WITHOUT_DOC

    text: str = Field(description="What to expect, without a likelihood word.")
    likelihood: Likelihood | None = Field(
        description="A term of the scale; null only for an item the article itself forecasts."
    )
    basis: Basis = Field(
        "assessed",
        description="'reported' when the article itself forecasts it, 'assessed' when it is "
        "the analyst's judgement from what the article reports.",
    )

    @field_validator("likelihood", mode="before")
    @classmethod
    def _likelihood(cls, value: Any) -> Any:
        if value is None or str(value).strip().lower() in ("", "null", "none"):
            return None
        term = " ".join(str(value).strip().lower().replace("_", " ").split())
        return LIKELIHOOD_SYNONYMS.get(term, term)

    confidence: Confidence | None = Field(
        None,
        description="Analytic confidence in the judgement (low, moderate, high), apart from "
        "its likelihood; null for a reported item.",
    )
    confidence_basis: str | None = Field(
        None, description="One line: what the confidence rests on (sources, their quality)."
    )

    @field_validator("confidence", mode="before")
    @classmethod
    def _confidence(cls, value: Any) -> Any:
        if value is None or str(value).strip().lower() in ("", "null", "none"):
            return None
        text = str(value).strip().lower()
        return "moderate" if text == "medium" else text


class Recommendation(CitedItem):
    """A decision the memo asks of the principal."""

    model_config = SCHEMA_WITHOUT_DOC

    text: str = Field(description='The decision asked of the principal, starting "That you".')


class Option(CitedItem):
    """A course of action open to the principal, with its pros and cons."""

    model_config = SCHEMA_WITHOUT_DOC

    text: str = Field(description="One course of action open to the principal.")
    pros: str | None = Field(description="Its main advantage, in one sentence.")
    cons: str | None = Field(description="Its main drawback, in one sentence.")


class ReactiveLine(CitedItem):
    """A line to take if a question is raised."""

    model_config = SCHEMA_WITHOUT_DOC

    question: str | None = Field(description="A question the other side or the press may raise.")
    text: str = Field(description="The line to take in reply, readable on its own.")


ContradictionKind = Literal["conflict", "update"]


class Side(CitedItem):
    """What one source (or several that agree) reports on a disputed point."""

    claim: str = Field(description="What these sources report, in one sentence.")


class Disagreement(BaseModel):
    """A point on which the sources disagree, as the model reports it."""

    model_config = ConfigDict(extra="forbid")

    topic: str = Field(description="What they disagree about, in a few words.")
    sides: list[Side] = Field(
        description='Two or more sides, each citing the sentences of a different source ("A1:S2").'
    )


class Contradiction(CitedItem):
    """A grounded disagreement between sources: each side cites its own source's sentences;
    ``sentence_ids`` joins them (for the annex). Shown, never resolved."""

    topic: str
    sides: list[Side]
    kind: ContradictionKind = Field(
        "conflict",
        description='"update" when a later report revises an earlier one (a rising toll) '
        "and the articles say so; the sides are then in publication order.",
    )
    found_by: Literal["model", "rules", "model and rules"] = "model"
    note: str | None = Field(None, description="Why it is an update, with the times.")
