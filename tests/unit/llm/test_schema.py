from __future__ import annotations

import pytest
from schema_nodes import object_nodes

from briefgen.extract.schema import Extraction, SinglePass
from briefgen.llm.schema import strict_json_schema
from briefgen.memo.fields import MemoFields


@pytest.mark.parametrize("model", [Extraction, MemoFields, SinglePass])
@pytest.mark.parametrize("bounded", [False, True])
def test_schema_is_strict(model: type, bounded: bool) -> None:
    schema = strict_json_schema(model, bounded=bounded)
    objects = object_nodes(schema)
    assert objects
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert sorted(obj["required"]) == sorted(obj["properties"])
        assert (
            list(obj["properties"])[-1] == "sentence_ids" or "sentence_ids" not in obj["properties"]
        )
    assert "default" not in str(schema)


def test_optional_fields_are_nullable_not_missing() -> None:
    actor = strict_json_schema(Extraction)["$defs"]["Actor"]["properties"]["title"]
    assert {"type": "null"} in actor["anyOf"]


def test_bounded_schema_limits_strings_and_lists() -> None:
    schema = strict_json_schema(SinglePass, bounded=True)
    quote = schema["$defs"]["Quote"]["properties"]
    assert quote["text"]["maxLength"] > 0
    assert schema["$defs"]["Extraction"]["properties"]["quotes"]["maxItems"] <= 3
    assert quote["sentence_ids"]["minItems"] == 1
