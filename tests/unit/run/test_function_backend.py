"""Everything above llm/ driven through FunctionBackend: the model is a Python function,
and no socket is opened (a guard below fails any connection attempt).

These tests pin what the pipeline sends (prompts, schemas, how many requests) and how it
treats what comes back (re-asks, retries, grounding), independent of HTTP and the openai
SDK; tests/integration/ covers the same ground through a real loopback server.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
from collections.abc import Callable
from typing import Any

import pytest
from schema_nodes import object_nodes
from seed_answers import (
    INVENTED_ACTOR,
    INVENTED_QUOTE,
    INVENTED_SPEAKER,
    REAL_QUOTE,
    SEED_TEXT,
    empty_extraction,
    good_single_pass,
    inventive_single_pass,
)

import briefgen
from briefgen.ingest.article import Article
from briefgen.llm.backend import BackendError, CompletionRequest
from briefgen.llm.function import FunctionBackend
from briefgen.llm.tokens import token_counter
from briefgen.run import memo as pipeline
from briefgen.run.estimate import MESSAGE_OVERHEAD, REQUEST_OVERHEAD

MODEL = "gpt-4o-mini"
# No response cache (every call reaches the function) and no real waits between retries.
SETTINGS: dict[str, Any] = {"cache": False, "max_retry_wait": 0.01}
LONG = {"chunk_tokens": 200, "chunk_overlap_tokens": 0}

_NUMBERED = re.compile(r"^\[(S\d+)\] (.*)$", re.MULTILINE)
_FACTS = re.compile(r"<facts>\s*(.*?)\s*</facts>", re.DOTALL)
_PART = re.compile(r"This is part (\d+) of (\d+)")
_TITLE = re.compile(r'<article title="([^"]*)">')


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to connect anywhere fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a FunctionBackend test tried to open a connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _backend(
    *replies: Any, then: Callable[[CompletionRequest], Any] | None = None
) -> FunctionBackend:
    """A FunctionBackend that gives ``replies`` in order (raising the exceptions among
    them), then answers with ``then``; it records every request it receives."""
    script = list(replies)

    def answer(request: CompletionRequest) -> Any:
        if script:
            reply = script.pop(0)
        elif then is not None:
            reply = then(request)
        else:
            raise AssertionError(f"unexpected request {request.name}")
        if isinstance(reply, BaseException):
            raise reply
        return reply

    return FunctionBackend(answer, model=MODEL)


def _user_text(request: CompletionRequest) -> str:
    return [m["content"] for m in request.messages if m["role"] == "user"][-1]


def _all_text(request: CompletionRequest) -> str:
    return "\n".join(m["content"] for m in request.messages)


def _part_of(user: str) -> tuple[int, int]:
    match = _PART.search(user)
    assert match is not None, user[:200]
    return int(match.group(1)), int(match.group(2))


def _without_bluf() -> str:
    answer = good_single_pass()
    del answer["memo"]["bluf"]
    return json.dumps(answer)


def _long_text(count: int = 40) -> str:
    # Distinct sentences: none is a part of another, so "in the prompt" is unambiguous.
    body = " ".join(
        f"Delegates from province {i} met envoys in the border town on day {i} of the talks."
        for i in range(count)
    )
    return "Ceasefire talks resume\n" + body


def _one_fact_per_chunk(request: CompletionRequest) -> dict[str, Any]:
    """A small model: each chunk yields its last sentence as a key fact; the synthesis
    writes the memo from the facts it is given."""
    user = _user_text(request)
    empty = empty_extraction()
    if request.name == "briefgen_extraction":
        sid, text = _NUMBERED.findall(user)[-1]
        return {**empty, "key_facts": [{"fact": text, "sentence_ids": [sid]}]}
    assert request.name == "briefgen_synthesis", request.name
    match = _FACTS.search(user)
    assert match is not None
    facts = json.loads(match.group(1))["facts"]
    statements = [{"text": f["fact"], "sentence_ids": f["ids"]} for f in facts]
    return {
        "subject": statements[0],
        "bluf": statements[:2],
        "background": [],
        "outlook": [],
        "information_gaps": ["When do the talks end?"],
    }


# -- what is sent --------------------------------------------------------------------------


def test_one_chunk_is_one_request_with_numbered_sentences_and_a_strict_schema() -> None:
    backend = _backend(good_single_pass())
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, **SETTINGS)

    [request] = backend.requests
    assert request.name == "briefgen_memo"
    assert [m["role"] for m in request.messages] == ["system", "user"]
    user = _user_text(request)
    article = Article.from_text(SEED_TEXT)
    assert len(article.sentences) == 17
    for sentence in article.sentences:
        assert f"[{sentence.id}] {sentence.text}\n" in user, sentence.id
    assert [sid for sid, _ in _NUMBERED.findall(user)] == [s.id for s in article.sentences]
    assert "<article" in user and "</article>" in user
    assert "This is part" not in user  # the whole article is one part

    schema = request.schema
    assert set(schema["properties"]) == {"extraction", "memo"}
    objects = object_nodes(schema)
    assert len(objects) > 5
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert sorted(obj["required"]) == sorted(obj["properties"])

    assert request.max_output_tokens == 2048 and request.temperature == 0.0
    assert brief.report.backend == "function" and brief.report.model == MODEL
    assert brief.report.chunks == 1
    usage = brief.report.usage
    assert (usage.calls, usage.requests, usage.retries, usage.reasks) == (1, 1, 0, 0)
    assert "## Key quotes" in brief.markdown


def test_long_article_is_one_extraction_per_chunk_then_one_synthesis_of_facts_only() -> None:
    text = _long_text()
    backend = _backend(then=_one_fact_per_chunk)
    brief = briefgen.generate_brief(text, client=backend, **LONG, **SETTINGS)
    article = brief.article
    chunks = brief.report.chunks
    assert chunks >= 3

    names = [r.name for r in backend.requests]
    assert names == ["briefgen_extraction"] * chunks + ["briefgen_synthesis"]
    assert brief.report.usage.calls == brief.report.usage.requests == chunks + 1

    extractions, synthesis = backend.requests[:-1], backend.requests[-1]
    # With no overlap, the chunks share out the article's sentences, each sent once.
    sent = [sid for r in extractions for sid, _ in _NUMBERED.findall(_user_text(r))]
    assert sorted(sent) == sorted(s.id for s in article.sentences)
    parts = sorted(_part_of(_user_text(r)) for r in extractions)
    assert parts == [(n, chunks) for n in range(1, chunks + 1)]

    # The synthesis sees the extracted facts, never the article.
    extracted = {f["fact"] for r in extractions for f in _one_fact_per_chunk(r)["key_facts"]}
    assert len(extracted) == chunks
    prompt = _all_text(synthesis)
    assert "<facts>" in _user_text(synthesis) and "<article" not in prompt
    assert not _NUMBERED.search(prompt)
    unsent = [s for s in article.sentences[1:] if s.text not in extracted]
    assert len(unsent) > len(article.sentences) // 2
    for sentence in unsent:
        assert sentence.text not in prompt, sentence.id
    assert any(fact in prompt for fact in extracted)
    assert brief.data.bluf and {b.text for b in brief.data.bluf} <= extracted


def test_agenerate_brief_with_an_async_function_and_memos_sharing_one_backend() -> None:
    async def answer(request: CompletionRequest) -> str:
        await asyncio.sleep(0)
        return json.dumps(good_single_pass())

    backend = FunctionBackend(answer, model=MODEL)

    async def three() -> list[briefgen.Brief]:
        return await asyncio.gather(
            *(
                briefgen.agenerate_brief(f"Report {i}\n{SEED_TEXT}", client=backend, **SETTINGS)
                for i in range(3)
            )
        )

    briefs = asyncio.run(three())
    assert len(backend.requests) == 3
    titles = sorted(_TITLE.findall(_user_text(r))[0] for r in backend.requests)
    assert titles == ["Report 0", "Report 1", "Report 2"]
    assert [b.report.usage.requests for b in briefs] == [1, 1, 1]
    assert [b.article.title for b in briefs] == ["Report 0", "Report 1", "Report 2"]


# -- what comes back: re-asks, retries, failures --------------------------------------------


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ("Sure! Here is the memo you asked for.", ["not valid JSON"]),
        (_without_bluf(), ["memo.bluf", "Field required"]),
    ],
    ids=["not-json", "schema-error"],
)
def test_invalid_answer_is_reasked_once_with_the_error_and_messages_are_not_mutated(
    monkeypatch: pytest.MonkeyPatch, reply: str, problem: list[str]
) -> None:
    plans: list[tuple[Any, str]] = []
    real_plan_calls = pipeline.plan_calls

    def recording_plan_calls(*args: Any, **kwargs: Any) -> Any:
        plan = real_plan_calls(*args, **kwargs)
        plans.append((plan, json.dumps(plan.first_round[0].messages)))
        return plan

    monkeypatch.setattr(pipeline, "plan_calls", recording_plan_calls)
    received: list[str] = []

    def answer(request: CompletionRequest) -> Any:
        received.append(json.dumps(request.messages))
        return reply if len(received) == 1 else good_single_pass()

    backend = FunctionBackend(answer, model=MODEL)
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, **SETTINGS)

    first, second = backend.requests
    assert len(first.messages) == 2
    assert second.messages[:2] == first.messages
    assert second.messages[2] == {"role": "assistant", "content": reply}
    last = second.messages[-1]
    assert len(second.messages) == 4 and last["role"] == "user"
    assert last["content"].startswith("Your previous answer could not be used:")
    for fragment in problem:
        assert fragment in last["content"]
    assert second.schema == first.schema and second.name == first.name

    # Nothing the pipeline sent was changed afterwards: not the plan's message list, not
    # the messages of the first request.
    [(plan, planned)] = plans
    assert json.dumps(plan.first_round[0].messages) == planned
    assert list(first.messages) == plan.first_round[0].messages
    assert [json.dumps(r.messages) for r in backend.requests] == received

    usage = brief.report.usage
    assert (usage.calls, usage.requests, usage.reasks, usage.retries) == (1, 2, 1, 0)
    assert brief.data.bluf


def test_still_invalid_after_the_last_reask_is_an_invalid_output_error() -> None:
    backend = _backend(*["not json"] * 3)
    with pytest.raises(briefgen.InvalidOutputError, match="not valid JSON") as caught:
        briefgen.generate_brief(SEED_TEXT, client=backend, max_reasks=2, **SETTINGS)
    assert caught.value.last_reply == "not json"
    assert len(backend.requests) == 3


@pytest.mark.parametrize("retry_after", [0.0, None])
def test_transient_backend_error_is_retried_with_the_same_request(
    retry_after: float | None,
) -> None:
    failure = BackendError("HTTP 503", retryable=True, status=503, retry_after=retry_after)
    backend = _backend(failure, good_single_pass())
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, **SETTINGS)
    first, second = backend.requests
    assert second == first  # the same request again, not a re-ask
    usage = brief.report.usage
    assert (usage.requests, usage.retries, usage.reasks) == (2, 1, 0)
    assert brief.data.quotes


def test_transient_errors_run_out_as_a_retryable_llm_error() -> None:
    backend = _backend(*[BackendError("HTTP 503", retryable=True, status=503)] * 3)
    with pytest.raises(briefgen.LLMError, match="503") as caught:
        briefgen.generate_brief(SEED_TEXT, client=backend, max_retries=2, **SETTINGS)
    assert caught.value.retryable and caught.value.status == 503
    assert len(backend.requests) == 3


def test_permanent_backend_error_is_an_llm_error_at_once() -> None:
    failure = BackendError("Incorrect API key provided", retryable=False, status=401)
    backend = _backend(failure, then=lambda request: good_single_pass())
    with pytest.raises(briefgen.LLMError, match="OPENAI_API_KEY") as caught:
        briefgen.generate_brief(SEED_TEXT, client=backend, max_retries=4, **SETTINGS)
    assert caught.value.status == 401 and not caught.value.retryable
    assert "Incorrect API key provided" in str(caught.value)
    assert len(backend.requests) == 1  # no retry, no re-ask


def test_invented_quote_speaker_and_actor_never_reach_the_memo() -> None:
    backend = _backend(inventive_single_pass())
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, **SETTINGS)
    for invented in (INVENTED_QUOTE, "Waziristan", INVENTED_SPEAKER, "Qureshi", INVENTED_ACTOR):
        assert invented not in brief.markdown, invented
    quotes = [q.text for q in brief.data.quotes]
    assert INVENTED_QUOTE not in quotes
    assert REAL_QUOTE.rstrip(",") in quotes  # the real one stays
    dropped = {(r.kind, r.text): r.reason for r in brief.report.dropped}
    assert dropped[("quote", INVENTED_QUOTE)] == "not found in the article"
    assert brief.report.summary.quotes_dropped == 1


# -- estimate() counts what is sent --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sizes"), [(SEED_TEXT, {}), (_long_text(), LONG)], ids=["one-chunk", "chunked"]
)
def test_estimate_counts_the_requests_the_backend_receives(
    text: str, sizes: dict[str, int]
) -> None:
    forecast = briefgen.estimate(text, backend="openai", model=MODEL, **sizes)
    model = _one_fact_per_chunk if sizes else (lambda request: good_single_pass())
    backend = _backend(then=model)
    brief = briefgen.generate_brief(text, client=backend, **sizes, **SETTINGS)

    assert forecast.calls == len(backend.requests) == brief.report.usage.requests
    assert forecast.chunks == brief.report.chunks
    assert [c.name for c in forecast.detail] == [r.name for r in backend.requests]
    if sizes:
        assert forecast.chunks >= 3
    # The first round's prompts are counted on the very messages and schema sent.
    counter = token_counter(MODEL)
    sent = [
        sum(counter.count(m["content"]) for m in r.messages)
        + MESSAGE_OVERHEAD * len(r.messages)
        + REQUEST_OVERHEAD
        + counter.count(json.dumps(r.schema))
        for r in backend.requests
        if r.name != "briefgen_synthesis"
    ]
    counted = [c.prompt_tokens for c in forecast.detail if c.name != "briefgen_synthesis"]
    assert sorted(counted) == sorted(sent)
