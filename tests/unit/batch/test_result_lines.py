"""The one reader of batch results lines: any line, of any shape or size, is a good answer
or a ``BatchError`` naming its custom_id and the reason; nothing else ever comes out."""

from __future__ import annotations

import io
import json
import tracemalloc
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.errors import BatchError, BriefgenError, InputError
from briefgen.llm import batch_results
from briefgen.llm.batch_results import (
    MAX_RESULT_LINE_BYTES,
    Answer,
    completion_from,
    parse_result_line,
    read_results,
)

GOOD_BODY: dict[str, Any] = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "choices": [
        {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "{}"}}
    ],
    "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15},
}


def _line(body: Any = None, *, status: Any = 200, error: Any = None, custom_id: Any = "r1") -> str:
    response = {
        "status_code": status,
        "request_id": "q",
        "body": GOOD_BODY if body is None else body,
    }
    return json.dumps({"id": "x", "custom_id": custom_id, "response": response, "error": error})


def test_a_good_line_is_an_answer_read_as_the_live_path_reads_it() -> None:
    answer = parse_result_line(_line())
    assert isinstance(answer, Answer)
    assert answer.custom_id == "r1"
    completion = completion_from(answer.body)
    assert (completion.text, completion.finish_reason) == ("{}", "stop")
    assert (completion.prompt_tokens, completion.completion_tokens) == (12, 3)


@pytest.mark.parametrize(
    "line",
    [
        json.dumps({"custom_id": "r1", "response": [1]}),
        _line({"choices": 5}),
        _line({"choices": {}}),
        _line({**GOOD_BODY, "usage": {"prompt_tokens": "abc"}}),
        _line({"choices": [{"message": {"content": 123}}]}),
        _line({"choices": [{"message": None}]}),
        _line("just text"),
        _line(status="200 OK"),
        _line(status=None),
        json.dumps({"custom_id": "r1"}),
    ],
    ids=[
        "response-list",
        "choices-number",
        "choices-object",
        "usage-words",
        "content-number",
        "message-null",
        "body-string",
        "status-words",
        "status-null",
        "no-response",
    ],
)
def test_a_line_of_the_wrong_shape_is_a_failure_of_its_request(line: str) -> None:
    outcome = parse_result_line(line)
    assert isinstance(outcome, BatchError)
    assert outcome.custom_id == "r1"
    assert str(outcome).startswith("not a ") and len(str(outcome)) < 300


@pytest.mark.parametrize(
    "line",
    ["", "{", "[1, 2]", '"text"', json.dumps({"custom_id": 7}), json.dumps({"id": "x"})],
)
def test_a_line_with_no_custom_id_is_a_failure_that_names_none(line: str) -> None:
    outcome = parse_result_line(line, number=4)
    assert isinstance(outcome, BatchError)
    assert outcome.custom_id is None
    assert "line 4" in str(outcome)


@pytest.mark.parametrize(
    ("error", "body", "status"),
    [
        ("the prompt is too long", None, 400),
        ({"message": "the prompt is too long", "code": 400}, None, 400),
        ({"error": {"message": "the prompt is too long"}}, None, 400),
        (None, {"error": {"message": "the prompt is too long", "type": "invalid"}}, 400),
        (None, {"object": "error", "message": "the prompt is too long"}, 400),
        (None, {"error": "the prompt is too long"}, 200),
    ],
    ids=["vllm-string", "vllm-message", "vllm-nested", "openai", "vllm-body", "error-in-200"],
)
def test_an_error_line_keeps_the_servers_message(error: Any, body: Any, status: int) -> None:
    response: dict[str, Any] = {"status_code": status, "body": body}
    line = json.dumps({"custom_id": "r1", "response": response, "error": error})
    outcome = parse_result_line(line)
    assert isinstance(outcome, BatchError)
    assert "the prompt is too long" in str(outcome)
    assert f"HTTP {status}" in str(outcome)


def test_an_error_that_echoes_a_key_is_masked() -> None:
    error = {"message": "bad key sk-proj-abcdefghijklmnopqrstuvwxyz123456"}
    outcome = parse_result_line(_line(status=401, error=error))
    assert isinstance(outcome, BatchError)
    assert "abcdefghijklmnop" not in str(outcome)


def test_a_stored_body_of_a_bad_shape_is_a_typed_error() -> None:
    for stored in ('{"choices": 5}', "[]", "not json", '{"choices": [{"message": 1}]}'):
        with pytest.raises(BatchError):
            completion_from(stored)


def test_a_line_over_the_cap_is_a_failure_named_by_its_custom_id_and_never_held_whole() -> None:
    big = _line(
        {**GOOD_BODY, "choices": [{"message": {"content": "x" * (5 * MAX_RESULT_LINE_BYTES)}}]}
    )
    stream = io.BytesIO((big + "\n" + _line(custom_id="r2") + "\n").encode())
    tracemalloc.start()
    try:
        first, second = list(read_results(stream, name="res.jsonl"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(first, BatchError) and first.custom_id == "r1"
    assert "over the cap" in str(first)
    assert isinstance(second, Answer) and second.custom_id == "r2"
    assert peak < 2 * MAX_RESULT_LINE_BYTES


def test_lines_split_across_reads_are_read_whole() -> None:
    lines = [_line(custom_id=f"r{n}") for n in range(50)]

    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            chunk, self.data = self.data[:7], self.data[7:]
            return chunk

    outcomes = list(read_results(Trickle(("\r\n".join(lines) + "\n\n").encode()), name="r"))
    assert [o.custom_id for o in outcomes] == [f"r{n}" for n in range(50)]
    assert all(isinstance(o, Answer) for o in outcomes)


def test_a_results_file_over_the_whole_file_cap_is_an_input_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch_results, "MAX_RESULTS_FILE_BYTES", 10_000)
    stream = io.BytesIO(("\n".join(_line(custom_id=f"r{n}") for n in range(100))).encode())
    with pytest.raises(InputError, match=r"res\.jsonl is over"):
        list(read_results(stream, name="res.jsonl"))


# -- any JSON value in any field -------------------------------------------------------

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(value, _json)


_message = st.fixed_dictionaries(
    {"content": _maybe(st.text(max_size=30)), "refusal": _maybe(st.none())}
)
_choice = st.fixed_dictionaries(
    {"message": _maybe(_message), "finish_reason": _maybe(st.sampled_from(["stop", "length"]))}
)
_usage = st.fixed_dictionaries(
    {"prompt_tokens": _maybe(st.integers(0, 10**6)), "completion_tokens": _maybe(st.integers())}
)
_body = st.fixed_dictionaries(
    {"choices": _maybe(st.lists(_maybe(_choice), max_size=3)), "usage": _maybe(_usage)}
)
_error = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.fixed_dictionaries({"message": _json}),
    st.fixed_dictionaries({"error": st.one_of(_json, st.fixed_dictionaries({"message": _json}))}),
    _json,
)
_line_value = st.fixed_dictionaries(
    {
        "custom_id": _maybe(st.text(max_size=12)),
        "response": _maybe(
            st.fixed_dictionaries(
                {"status_code": _maybe(st.sampled_from([200, 400, 500])), "body": _maybe(_body)}
            )
        ),
        "error": _error,
    }
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_line_value)
def test_any_json_in_any_field_is_an_answer_or_a_typed_failure(value: dict[str, Any]) -> None:
    outcome = parse_result_line(json.dumps(value))
    assert isinstance(outcome, Answer | BatchError)
    if isinstance(outcome, Answer):
        completion_from(outcome.body)  # what was kept reads back, always
        assert outcome.custom_id == value["custom_id"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_an_answer_or_a_typed_failure(data: bytes) -> None:
    outcomes = list(read_results(io.BytesIO(data), name="r"))
    assert all(isinstance(o, Answer | BatchError) for o in outcomes)


@settings(max_examples=200, deadline=None)
@given(_json)
def test_any_stored_body_reads_as_a_completion_or_a_typed_error(value: Any) -> None:
    try:
        completion_from(json.dumps(value))
    except BriefgenError as exc:
        assert isinstance(exc, BatchError)
