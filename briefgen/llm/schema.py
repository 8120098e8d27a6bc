"""Strict JSON Schemas from pydantic models, in the form OpenAI's strict mode accepts.

Closed objects, every field required (optional ones nullable), list sizes bounded; with
``bounded``, strings get a maximum length too, which llama.cpp turns into its grammar.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

# A list without a maxItems of its own gets the default. A small local model fills every
# list it may and repeats itself, so ``bounded`` schemas (for llama.cpp, which enforces
# them in its grammar) are tighter and also cap string lengths.
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
        _tighten_object(node, bounded=bounded)
    elif kind == "array":
        _tighten_array(node, bounded=bounded, key=key)
    elif kind == "string" and bounded and "enum" not in node:
        node["maxLength"] = _BOUNDED_MAX_STRING
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in node:
            _tighten(node[combinator], bounded=bounded, key=key)


def _tighten_object(node: dict[str, Any], *, bounded: bool) -> None:
    # Citations go last: the model writes the item, then says where it found it.
    props = node["properties"]
    if "sentence_ids" in props:
        props["sentence_ids"] = props.pop("sentence_ids")
    node["additionalProperties"] = False
    node["required"] = list(props)
    for name, sub in node["properties"].items():
        _tighten(sub, bounded=bounded, key=name)


def _tighten_array(node: dict[str, Any], *, bounded: bool, key: str | None) -> None:
    if key in ("sentence_ids", "who"):
        limit = _BOUNDED_MAX_IDS if bounded else _MAX_IDS
    elif bounded:
        limit = _BOUNDED_MAX_ITEMS
    else:
        limit = int(node.get("maxItems", _DEFAULT_MAX_ITEMS))
    node["maxItems"] = limit
    if key == "sentence_ids":
        # "S3", or "A2:S3" (sentence 3 of article 2) in a dossier's synthesis.
        node["items"] = {"type": "string", "pattern": "^(A[0-9]+:)?S[0-9]+$"}
        node["minItems"] = 1  # every item must cite something
    else:
        _tighten(node.get("items"), bounded=bounded, key=None)


@lru_cache(maxsize=32)
def schema_for(output_type: type[BaseModel], bounded: bool) -> dict[str, Any]:
    """``strict_json_schema``, built once per model and form."""
    return strict_json_schema(output_type, bounded=bounded)
