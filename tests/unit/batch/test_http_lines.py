"""Request lines sent as they were written, against the scripted server on loopback:
the exact body bytes, the live path's retries, and the server's last word kept."""

from __future__ import annotations

import asyncio
import json
import socket

import pytest
from scripted_server import ScriptedServer, Step, completion, error

from briefgen.batch.http_lines import Endpoint, LineSender, read_request_line
from briefgen.errors import InputError
from briefgen.llm.batch_results import Answer, parse_result_line, rejected

# Spacing, key order, escapes and non-ASCII text a JSON library would not write back alike.
_BODY = (
    '{ "model":"m", "messages":[{"role":"user",'
    '"content":"Caf\\u00e9 \u00ab\u00a0Ukraine\u00a0\u00bb \\"quoted\\" \\/ end"}],'
    '\t "response_format":{"type":"json_schema","json_schema":'
    '{"name":"x","strict":true,"schema":{"anyOf":[{"type":"null"},{"type":"string"}]}}} }'
)
_LINE = f'{{"custom_id":"job-a1-c1","method":"POST","url":"/v1/chat/completions","body":{_BODY}}}'


def _send(endpoint: Endpoint, *lines: str) -> list[str]:
    async def run() -> list[str]:
        sender = LineSender(endpoint)
        try:
            return await sender.send_all(lines)
        finally:
            await sender.aclose()

    return asyncio.run(run())


def _endpoint(server: ScriptedServer, **more: object) -> Endpoint:
    return Endpoint.model_validate(
        {"base_url": server.base_url, "max_retries": 2, "max_wait": 0.05, **more}
    )


def test_a_request_line_gives_its_body_as_the_very_text_written() -> None:
    request = read_request_line(_LINE)
    assert request.custom_id == "job-a1-c1"
    assert request.url == "/v1/chat/completions"
    assert request.body == _BODY


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        '{"custom_id":"x","url":"/v1/chat/completions"}',
        '{"custom_id":5,"url":"/v1/chat/completions","body":{}}',
        '{"custom_id":"x","url":"/v1/embeddings","body":{}}',
        '{"custom_id":"x","url":"/v1/chat/completions","body":[1]}',
        '{"custom_id":"x","url":"/v1/chat/completions","body":{}} trailing',
    ],
)
def test_a_line_that_is_not_a_chat_request_is_an_input_error(line: str) -> None:
    with pytest.raises(InputError):
        read_request_line(line)


def test_the_server_gets_the_exported_bytes_and_its_answer_is_a_batch_output_line(
    server: ScriptedServer,
) -> None:
    [line] = _send(_endpoint(server, api_key="sk-test-0000"), _LINE)
    assert server.chat_requests[0].raw == _BODY.encode("utf-8")
    headers = {k.lower(): v for k, v in server.chat_requests[0].headers.items()}
    assert headers["authorization"] == "Bearer sk-test-0000"
    outcome = parse_result_line(line)
    assert isinstance(outcome, Answer) and outcome.custom_id == "job-a1-c1"


def test_a_dropped_connection_and_a_429_are_sent_again(server: ScriptedServer) -> None:
    server.push(Step(drop=True), error(429, "slow down"), completion({"ok": True}))
    [line] = _send(_endpoint(server), _LINE)
    assert isinstance(parse_result_line(line), Answer)
    assert len(server.chat_requests) == 3


def test_retries_spent_keep_the_servers_last_status_and_message(server: ScriptedServer) -> None:
    server.push(*[error(503, "engine overloaded")] * 3)
    [line] = _send(_endpoint(server), _LINE)
    outcome = parse_result_line(line)
    assert not isinstance(outcome, Answer)
    assert outcome.status == 503 and "engine overloaded" in str(outcome)
    assert len(server.chat_requests) == 3  # one try and two retries
    assert not rejected(str(outcome))  # a later round may send it again


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (error(400, "the prompt is too long"), "the prompt is too long"),
        (error(429, "You exceeded your current quota", code="insufficient_quota"), "quota"),
        (error(404, "model m does not exist"), "does not exist"),
    ],
)
def test_a_refusal_is_sent_once_and_kept_as_the_refusal_it_is(
    server: ScriptedServer, step: Step, message: str
) -> None:
    server.push(step)
    [line] = _send(_endpoint(server), _LINE)
    outcome = parse_result_line(line)
    assert not isinstance(outcome, Answer) and message in str(outcome)
    assert len(server.chat_requests) == 1
    assert rejected(str(outcome))


def test_no_server_at_all_is_an_error_line_that_names_the_request() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint = Endpoint(base_url=f"http://127.0.0.1:{port}/v1", max_retries=1, max_wait=0.01)
    [line] = _send(endpoint, _LINE)
    item = json.loads(line)
    assert item["custom_id"] == "job-a1-c1" and item["response"] is None
    outcome = parse_result_line(line)
    assert not isinstance(outcome, Answer) and "kept failing" in str(outcome)


def test_no_more_than_in_flight_requests_are_out_at_once() -> None:
    lines = [_LINE.replace("job-a1-c1", f"job-a{n}-c1") for n in range(1, 9)]
    with ScriptedServer(
        responder=lambda body: Step(**{**vars(completion("{}")), "delay": 0.2})
    ) as server:
        answered = _send(_endpoint(server, in_flight=3), *lines)
        assert server.max_in_flight == 3
    assert [json.loads(line)["custom_id"] for line in answered] == [
        json.loads(line)["custom_id"] for line in lines
    ]
