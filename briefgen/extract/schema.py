"""What the LLM is asked to return, as pydantic models, and their strict JSON Schemas.

These are data types only: nothing here knows about providers or HTTP.
"""

from __future__ import annotations

import copy
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

_IDS = Field(description='Ids of the article sentences this rests on, e.g. ["S3", "S4"].')


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sentence_ids: list[str] = _IDS

    @field_validator("sentence_ids", mode="before")
    @classmethod
    def _tidy_ids(cls, value: Any) -> Any:
        # Models write "s3", " S3" or 3; the id itself is checked later, in grounding.
        if isinstance(value, list):
            tidy = []
            for item in value:
                text = str(item).strip().upper()
                tidy.append(text if text.startswith("S") else f"S{text}")
            return tidy
        return value


class Actor(_Item):
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


class Position(_Item):
    party: str = Field(description="Actor holding the position, as named in the article.")
    stance: str = Field(description="The stated position, in one sentence.")


class Event(_Item):
    what: str = Field(description="What happened or is planned, in one sentence.")
    when: str | None = Field(description="Date or time as given in the article.")
    where: str | None
    who: list[str] = Field(description="Actors involved, as named in the article.")


class Quote(_Item):
    speaker: str = Field(description="Who said it, as the article names them (e.g. 'an official').")
    text: str = Field(description="The quoted words, copied character for character.")
    source: SourceKind = Field(description="'named' or 'anonymous' source.")


class Allegation(_Item):
    alleged_by: str
    against: str
    claim: str
    denial: str | None = Field(description="The denial reported in the article, if any.")


class KeyFact(_Item):
    fact: str = Field(description="A number, date or concrete fact from the article.")


class AgendaItem(_Item):
    item: str


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


class Statement(_Item):
    text: str


class OutlookStatement(_Item):
    text: str = Field(description="What to expect, without a likelihood word.")
    likelihood: Likelihood

    @field_validator("likelihood", mode="before")
    @classmethod
    def _likelihood(cls, value: Any) -> Any:
        text = str(value).strip().lower().replace("_", " ")
        return text


class MemoFields(BaseModel):
    """Memo-level writing, produced from the extraction."""

    model_config = ConfigDict(extra="forbid")

    subject: Statement = Field(description="Subject line, under 15 words.")
    bluf: list[Statement] = Field(description="Bottom line up front: at most four sentences.")
    background: list[Statement]
    outlook: list[OutlookStatement]
    information_gaps: list[str] = Field(
        description="Questions a reader would ask that the article does not answer."
    )


class Recommendation(_Item):
    text: str = Field(description='The decision asked of the principal, starting "That you".')


class ActionMemoFields(MemoFields):
    """An action memo asks the principal to decide."""

    recommendations: list[Recommendation] = Field(
        default_factory=list,
        description='Decisions for the principal, each starting "That you".',
    )


# Style fields default to empty so a server that ignores the schema still gives a memo;
# the strict schema sent to the model lists them as required all the same.
class TalkingPointsFields(MemoFields):
    talking_points: list[Statement] = Field(
        default_factory=list,
        description="Short lines the principal can say, each readable on its own.",
    )


class SceneSetterFields(MemoFields):
    """A scene-setter prepares a principal for a visit or meeting."""

    counterpart_wants: list[Statement] = Field(
        default_factory=list,
        description="What the other side wants from the meeting, as the article reports.",
    )
    relations: list[Statement] = Field(
        default_factory=list, description="The state of the relationship."
    )
    talking_points: list[Statement] = Field(
        default_factory=list,
        description="Short lines the principal can say, each readable on its own.",
    )


class SinglePass(BaseModel):
    """Extraction and memo fields in one answer, for an article that fits one chunk."""

    model_config = ConfigDict(extra="forbid")

    extraction: Extraction
    memo: MemoFields


class ActionSinglePass(SinglePass):
    memo: ActionMemoFields


class TalkingPointsSinglePass(SinglePass):
    memo: TalkingPointsFields


class SceneSetterSinglePass(SinglePass):
    memo: SceneSetterFields


# Item limits keep answers to memo size. A small local model fills every list it may and
# repeats itself, so ``bounded`` schemas (for llama.cpp, which enforces them in its
# grammar) are tighter and also cap string lengths.
_MAX_ITEMS = {
    "bluf": 4,
    "background": 4,
    "outlook": 4,
    "information_gaps": 4,
    "recommendations": 4,
    "talking_points": 8,
    "counterpart_wants": 4,
    "relations": 4,
}
_DEFAULT_MAX_ITEMS = 12
_MAX_IDS = 6
_BOUNDED_MAX_ITEMS = 3
_BOUNDED_MAX_IDS = 3
_BOUNDED_MAX_STRING = 160


def strict_json_schema(model: type[BaseModel], *, bounded: bool = False) -> dict[str, Any]:
    """A JSON Schema OpenAI's strict mode accepts: closed objects, every field required.

    Optional fields stay required but nullable. With ``bounded``, strings get a maximum
    length too, which llama.cpp turns into its grammar.
    """
    schema = copy.deepcopy(model.model_json_schema())
    _tighten(schema, bounded=bounded, key=None)
    for definition in schema.get("$defs", {}).values():
        _tighten(definition, bounded=bounded, key=None)
    return schema


def _tighten(node: Any, *, bounded: bool, key: str | None) -> None:
    if isinstance(node, list):
        for item in node:
            _tighten(item, bounded=bounded, key=key)
        return
    if not isinstance(node, dict):
        return
    for noise in ("title", "default"):
        node.pop(noise, None)
    kind = node.get("type")
    if kind == "object" and "properties" in node:
        # Citations go last: the model writes the item, then says where it found it.
        props = node["properties"]
        if "sentence_ids" in props:
            props["sentence_ids"] = props.pop("sentence_ids")
        node["additionalProperties"] = False
        node["required"] = list(props)
        for name, sub in node["properties"].items():
            _tighten(sub, bounded=bounded, key=name)
    elif kind == "array":
        if key in ("sentence_ids", "who"):
            limit = _BOUNDED_MAX_IDS if bounded else _MAX_IDS
        elif bounded:
            limit = _BOUNDED_MAX_ITEMS
        else:
            limit = _MAX_ITEMS.get(key or "", _DEFAULT_MAX_ITEMS)
        node["maxItems"] = limit
        if key == "sentence_ids":
            node["items"] = {"type": "string", "pattern": "^S[0-9]+$"}
            node["minItems"] = 1  # every item must cite something
        else:
            _tighten(node.get("items"), bounded=bounded, key=None)
    elif kind == "string" and bounded and "enum" not in node:
        node["maxLength"] = _BOUNDED_MAX_STRING
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in node:
            _tighten(node[combinator], bounded=bounded, key=key)
