"""Issue 5: the cache, the single round trip, the shared concurrency bound, estimate(),
and batches, all against the scripted loopback server."""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from scripted_server import Recorded, ScriptedServer, Step, completion, echo_responder, error
from seed_answers import good_single_pass

import briefgen
from briefgen import Brief, Progress
from briefgen.llm.tokens import token_counter


def _brief(text: str, server: ScriptedServer, **overrides: Any) -> Brief:
    settings: dict[str, Any] = {"base_url": server.base_url, "model": "gpt-4o-mini"}
    settings.update(overrides)
    return briefgen.generate_brief(text, **settings)


def _articles(seed_text: str, count: int) -> list[str]:
    # Distinct articles (a cache hit would hide requests), each one chunk long.
    return [f"Report number {i}\n\n{seed_text}" for i in range(count)]


# -- cache ----------------------------------------------------------------------------


def test_the_same_memo_again_costs_no_call(seed_text: str, server: ScriptedServer) -> None:
    server.push(completion(good_single_pass()))
    first = _brief(seed_text, server)
    second = _brief(seed_text, server)
    assert len(server.requests) == 1
    assert first.report.usage.requests == 1 and first.report.usage.cache_hits == 0
    assert second.report.usage.requests == 0 and second.report.usage.cache_hits == 1
    assert second.report.usage.cache_saved_tokens == 150  # what the first answer cost
    assert second.markdown == first.markdown


def test_cache_key_covers_model_sampling_and_style(seed_text: str, server: ScriptedServer) -> None:
    _brief(seed_text, server)
    _brief(seed_text, server, model="gpt-4o")
    _brief(seed_text, server, temperature=0.5)
    _brief(seed_text, server, style="action-memo")
    assert len(server.requests) == 4
    _brief(seed_text, server, style="action-memo")
    assert len(server.requests) == 4


def test_cache_can_be_turned_off(seed_text: str, server: ScriptedServer) -> None:
    _brief(seed_text, server, cache=False)
    _brief(seed_text, server, cache=False)
    assert len(server.requests) == 2


def test_invalid_answers_are_never_cached(seed_text: str, server: ScriptedServer) -> None:
    server.push(completion("not json"), completion("still not json"), completion("nope"))
    with pytest.raises(briefgen.InvalidOutputError):
        _brief(seed_text, server, max_reasks=2)
    _brief(seed_text, server)  # the echo responder answers validly now
    assert len(server.requests) == 4


def test_cache_file_is_shared_safely_by_threads(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    path = tmp_path / "shared.sqlite3"
    articles = _articles(seed_text, 6)
    errors: list[BaseException] = []

    def work(article: str) -> None:
        try:
            _brief(article, server, cache_path=path)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(a,)) for a in articles * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM responses").fetchone()[0] == 6
    assert path.stat().st_mode & 0o077 == 0  # holds article text: owner only
    before = len(server.requests)
    for article in articles:
        _brief(article, server, cache_path=path)
    assert len(server.requests) == before


def _hold_first(server: ScriptedServer, count: int) -> None:
    """Answer like echo_responder, but hold the first ``count`` requests until ``count``
    are in flight at once: a client that sends them together gets its answers, one that
    sends fewer at a time is found out by ``max_in_flight``. No timing is asserted; the
    wait only gives up (after seconds) so that such a client fails instead of hanging."""
    seen = itertools.count(1)

    def respond(body: dict[str, Any]) -> Step:
        if next(seen) <= count:
            server.wait_for_in_flight(count)
        return echo_responder(body)

    server.responder = respond


# -- one round trip, two on the critical path ---------------------------------------


def test_short_article_is_one_request(seed_text: str, server: ScriptedServer) -> None:
    brief = _brief(seed_text, server)
    assert [r.schema_name for r in server.requests] == ["briefgen_memo"]
    assert brief.report.chunks == 1 and brief.report.usage.calls == 1


def _chunk_calls(text: str, server: ScriptedServer, **settings: Any) -> int:
    forecast = briefgen.estimate(text, base_url=server.base_url, model="gpt-4o-mini", **settings)
    return forecast.calls - 1  # one extraction call per chunk, then the synthesis


def _two_rounds(server: ScriptedServer, chunks: int) -> None:
    """Every chunk request reached the server before the one synthesis request."""
    names = [r.schema_name for r in server.requests]
    assert names == ["briefgen_extraction"] * chunks + ["briefgen_synthesis"]
    extraction, synthesis = server.requests[:-1], server.requests[-1]
    assert max(r.at for r in extraction) <= synthesis.at


def test_long_article_is_two_round_trips_deep(seed_text: str, server: ScriptedServer) -> None:
    # Seven chunk calls all in flight at once, then one synthesis: two answer times on
    # the critical path, not eight (benchmarks/speed.py P2 times it).
    text = "\n\n".join([seed_text] * 7)
    settings: dict[str, Any] = {"chunk_tokens": 600, "chunk_overlap_tokens": 0}
    chunks = _chunk_calls(text, server, **settings)
    assert chunks >= 7
    _hold_first(server, chunks)
    brief = _brief(text, server, max_concurrency=16, **settings)
    assert brief.report.chunks == chunks
    assert server.max_in_flight == chunks  # all of them at once
    _two_rounds(server, chunks)


# -- the concurrency bound -----------------------------------------------------------


def test_batch_never_exceeds_max_concurrency(seed_text: str, server: ScriptedServer) -> None:
    _hold_first(server, 3)
    results = briefgen.generate_briefs(
        _articles(seed_text, 12), base_url=server.base_url, model="m", max_concurrency=3
    )
    assert all(isinstance(r, Brief) for r in results)
    assert len(server.requests) == 12
    assert server.max_in_flight == 3  # the bound is used, and never exceeded


def test_concurrent_memos_share_one_limit(seed_text: str, server: ScriptedServer) -> None:
    import asyncio

    async def many(base_url: str) -> list[Brief]:
        config = briefgen.BriefConfig(base_url=base_url, model="m", max_concurrency=2)
        return await asyncio.gather(
            *(briefgen.agenerate_brief(a, config=config) for a in _articles(seed_text, 8))
        )

    _hold_first(server, 2)
    briefs = asyncio.run(many(server.base_url))
    assert len(briefs) == 8 and server.max_in_flight == 2


def test_multi_chunk_memo_respects_the_bound(seed_text: str, server: ScriptedServer) -> None:
    text = "\n\n".join([seed_text] * 6)
    settings: dict[str, Any] = {"chunk_tokens": 500, "chunk_overlap_tokens": 0}
    chunks = _chunk_calls(text, server, **settings)
    _hold_first(server, 2)
    brief = _brief(text, server, max_concurrency=2, **settings)
    assert brief.report.chunks == chunks >= 6
    assert server.max_in_flight == 2
    _two_rounds(server, chunks)


# -- batches ---------------------------------------------------------------------------


def test_batch_keeps_order_and_one_failure_stops_nothing(seed_text: str) -> None:
    articles: list[str | bytes] = _articles(seed_text, 5)
    articles[2] = b"\x00\x01binary"

    def respond(body: dict[str, Any]) -> Step:
        if "Report number 3\n" in Recorded("", body, {}, 0.0).last_user_text:
            return completion(None, refusal="I cannot help with that.")
        return echo_responder(body)

    events: list[Progress] = []
    with ScriptedServer(responder=respond) as server:
        results = briefgen.generate_briefs(
            articles, base_url=server.base_url, model="m", progress=events.append
        )
    assert isinstance(results[2], briefgen.InputError)
    assert isinstance(results[3], briefgen.RefusalError)
    for i in (0, 1, 4):
        brief = results[i]
        assert isinstance(brief, Brief)
        assert brief.article.title == f"Report number {i}"
    failed = sorted(e.article for e in events if e.stage == "failed")
    done = sorted(e.article for e in events if e.stage == "done")
    assert failed == [2, 3] and done == [0, 1, 4]
    assert all(e.articles == 5 for e in events)


def test_progress_reports_each_chunk(seed_text: str, server: ScriptedServer) -> None:
    events: list[Progress] = []
    brief = _brief(
        "\n\n".join([seed_text] * 3),
        server,
        chunk_tokens=600,
        chunk_overlap_tokens=0,
        progress=events.append,
    )
    stages = [e.stage for e in events]
    assert stages[0] == "started" and stages[-2:] == ["synthesis", "done"]
    assert stages.count("chunk_done") == brief.report.chunks
    assert [e.chunks_done for e in events if e.stage == "chunk_done"] == list(
        range(1, brief.report.chunks + 1)
    )


def test_bug_in_a_progress_callback_is_not_swallowed(seed_text: str) -> None:
    def broken(_event: Progress) -> None:
        raise ZeroDivisionError("callback bug")

    with ScriptedServer() as server, pytest.raises(ZeroDivisionError):
        briefgen.generate_briefs(
            _articles(seed_text, 2), base_url=server.base_url, model="m", progress=broken
        )


# -- estimate ----------------------------------------------------------------------------


def _tokens_sent(request: Recorded) -> int:
    """Prompt tokens of a request as the server received it: messages, framing, schema."""
    counter = token_counter("gpt-4o-mini")
    body = request.body
    text = sum(counter.count(m["content"]) for m in body["messages"])
    schema = body["response_format"]["json_schema"]["schema"]
    return text + 4 * len(body["messages"]) + 3 + counter.count(json.dumps(schema))


def test_estimate_is_within_ten_percent_of_what_is_sent(
    seed_text: str, server: ScriptedServer
) -> None:
    forecast = briefgen.estimate(seed_text, base_url=server.base_url, model="gpt-4o-mini")
    assert server.requests == []  # no call to estimate
    _brief(seed_text, server)
    sent = sum(_tokens_sent(r) for r in server.requests)
    assert forecast.calls == len(server.requests) == 1
    assert abs(forecast.prompt_tokens - sent) <= 0.10 * sent
    assert 0 < forecast.fixed_prompt_tokens < forecast.prompt_tokens
    assert forecast.cost_usd is not None and 0 < forecast.cost_usd <= forecast.max_cost_usd


def test_estimate_for_a_long_article_counts_every_call(
    seed_text: str, server: ScriptedServer
) -> None:
    text = "\n\n".join([seed_text] * 4)
    settings: dict[str, Any] = {"chunk_tokens": 600, "chunk_overlap_tokens": 0}
    forecast = briefgen.estimate(text, base_url=server.base_url, model="gpt-4o-mini", **settings)
    _brief(text, server, **settings)
    extraction = [r for r in server.requests if r.schema_name == "briefgen_extraction"]
    assert forecast.calls == len(server.requests) == len(extraction) + 1
    forecast_extraction = sum(
        c.prompt_tokens for c in forecast.detail if c.name == "briefgen_extraction"
    )
    sent = sum(_tokens_sent(r) for r in extraction)
    assert abs(forecast_extraction - sent) <= 0.10 * sent


def test_unreachable_server_in_a_batch_is_an_error_in_each_place(seed_text: str) -> None:
    results = briefgen.generate_briefs(
        _articles(seed_text, 2), base_url="http://127.0.0.1:9/v1", model="m", max_retries=0
    )
    assert all(isinstance(r, briefgen.LLMError) for r in results)


def test_batch_server_errors_are_retried_per_request(seed_text: str) -> None:
    with ScriptedServer([error(503, headers={"retry-after": "0"})]) as server:
        results = briefgen.generate_briefs(
            _articles(seed_text, 3), base_url=server.base_url, model="m"
        )
    assert all(isinstance(r, Brief) for r in results)
    assert len(server.requests) == 4
