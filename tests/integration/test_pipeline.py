"""generate_brief end to end against the scripted server, through the real openai client."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import openai
import pytest
from markdown_it import MarkdownIt
from scripted_server import ScriptedServer, Step, completion, error
from seed_answers import (
    INVENTED_ACTOR,
    INVENTED_QUOTE,
    INVENTED_SPEAKER,
    REAL_QUOTE,
    good_single_pass,
    inventive_single_pass,
)

import briefgen
from briefgen import Brief, BriefConfig, InvalidOutputError, LLMError, RefusalError
from briefgen.extract.schema import SinglePass
from briefgen.llm.backend import BackendProfile
from briefgen.llm.caller import CallSettings, StructuredCaller
from briefgen.llm.openai_backend import OpenAIBackend
from briefgen.usage import Usage

SECTIONS = (
    "Summary",
    "Background",
    "Key developments",
    "Positions of the parties",
    "Key quotes",
    "Outlook",
    "Information gaps",
    "Source annex",
)


def _brief(text: str, server: ScriptedServer, **overrides: object) -> Brief:
    settings: dict[str, object] = {"base_url": server.base_url, "model": "scripted-model"}
    settings.update(overrides)
    return briefgen.generate_brief(text, **settings)


def _rendered_text(markdown: str) -> str:
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    text = re.sub(r"<[^>]+>", "", html)
    return text.replace("&quot;", '"').replace("&amp;", "&").replace("&#39;", "'")


def test_seed_article_gives_a_full_memo_in_one_round_trip(
    seed_text: str, server: ScriptedServer
) -> None:
    server.push(completion(good_single_pass()))
    brief = _brief(seed_text, server)

    for section in SECTIONS:
        assert f"## {section}" in brief.markdown
    assert brief.markdown.startswith("**UNCLASSIFIED**")
    assert "**SUBJECT:** (U) Pakistan not ready for joint anti-terror operations" in brief.markdown
    assert "| Pakistan |" in brief.markdown  # positions table
    assert "- **S11** " in brief.markdown  # source annex lists cited sentences

    [request] = server.requests
    fmt = request.body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"]["additionalProperties"] is False
    assert request.body["max_tokens"] > 0  # compatible servers get max_tokens
    user = request.last_user_text
    assert "<article" in user and "[S11] “He (Mr Tillerson)" in user
    assert request.messages[0]["role"] == "system"

    usage = brief.report.usage
    assert (usage.calls, usage.requests, usage.prompt_tokens, usage.completion_tokens) == (
        1,
        1,
        100,
        50,
    )
    assert brief.report.chunks == 1
    assert brief.report.backend == "openai-compatible"


def test_quotes_in_the_memo_are_verbatim(seed_text: str, server: ScriptedServer) -> None:
    server.push(completion(good_single_pass()))
    brief = _brief(seed_text, server)
    assert len(brief.data.quotes) == 2
    rendered = _rendered_text(brief.markdown)
    article = brief.article.text
    for quote in brief.data.quotes:
        assert article[quote.start : quote.end] == quote.text
        assert f"“{quote.text}”" in rendered
    for shown in re.findall(r"\d+\. \(U\) “(.+?)” —", rendered):
        assert shown in article


def test_invented_quote_speaker_and_actor_never_reach_the_memo(
    seed_text: str, server: ScriptedServer
) -> None:
    server.push(completion(inventive_single_pass()))
    brief = _brief(seed_text, server)
    rendered = _rendered_text(brief.markdown)
    for invented in (
        INVENTED_QUOTE,
        INVENTED_SPEAKER,
        "Ayub Qureshi",
        INVENTED_ACTOR,
        "Marchetti",
        "Waziristan",
    ):
        assert invented not in brief.markdown
        assert invented not in rendered
    assert REAL_QUOTE.rstrip(",") in rendered  # the real quote stays, unattributed

    dropped = {(r.kind, r.text): r.reason for r in brief.report.dropped}
    assert dropped[("quote", INVENTED_QUOTE)] == "not found in the article"
    assert "not in the article" in (dropped[("actor", INVENTED_ACTOR)] or "")
    assert any(k == "bluf" and INVENTED_SPEAKER in t for k, t in dropped)
    amended = [r for r in brief.report.grounding if r.status == "amended"]
    assert any(INVENTED_SPEAKER in (r.reason or "") for r in amended)
    assert brief.report.summary.quotes_dropped == 1


def test_429_is_retried_after_retry_after_and_never_reasked(
    seed_text: str, server: ScriptedServer
) -> None:
    server.push(
        error(429, "slow down", headers={"retry-after": "1"}), completion(good_single_pass())
    )
    brief = _brief(seed_text, server)
    first, second = server.requests
    assert second.at - first.at >= 0.95
    assert second.body == first.body  # the same request again, not a re-ask
    assert brief.report.usage.retries == 1 and brief.report.usage.reasks == 0
    assert "## Key quotes" in brief.markdown


def test_500_is_retried(seed_text: str, server: ScriptedServer) -> None:
    server.push(error(500), error(503), completion(good_single_pass()))
    brief = _brief(seed_text, server)
    assert len(server.requests) == 3
    assert brief.report.usage.retries == 2


def test_retries_run_out_with_an_error_naming_the_status(
    seed_text: str, server: ScriptedServer
) -> None:
    server.push(*[error(503)] * 3)
    with pytest.raises(LLMError, match="HTTP 503") as caught:
        _brief(seed_text, server, max_retries=2)
    assert caught.value.status == 503 and caught.value.retryable
    assert len(server.requests) == 3


def test_invalid_answer_is_reasked_with_the_validation_error(
    seed_text: str, server: ScriptedServer
) -> None:
    broken = good_single_pass()
    del broken["memo"]["bluf"]
    server.push(completion(broken), completion(good_single_pass()))
    brief = _brief(seed_text, server)
    first, second = server.requests
    assert len(second.messages) == len(first.messages) + 2
    assert second.messages[-2] == {"role": "assistant", "content": json.dumps(broken)}
    assert "memo.bluf" in second.last_user_text and "Field required" in second.last_user_text
    assert brief.report.usage.reasks == 1
    assert brief.report.usage.prompt_tokens == 200  # both attempts are counted


def test_not_json_is_reasked_then_fails_with_the_last_reply(
    seed_text: str, server: ScriptedServer
) -> None:
    server.push(*[completion("Sure! Here is the memo you asked for.")] * 3)
    with pytest.raises(InvalidOutputError, match="not valid JSON") as caught:
        _brief(seed_text, server, max_reasks=2)
    assert caught.value.last_reply == "Sure! Here is the memo you asked for."
    assert len(server.requests) == 3


def test_401_fails_at_once_with_the_fix(seed_text: str, server: ScriptedServer) -> None:
    server.push(error(401, "Incorrect API key provided"))
    with pytest.raises(LLMError, match="OPENAI_API_KEY") as caught:
        _brief(seed_text, server)
    assert caught.value.status == 401 and not caught.value.retryable
    assert len(server.requests) == 1


def test_404_names_the_model_problem(seed_text: str, server: ScriptedServer) -> None:
    server.push(error(404, "The model `gpt-9` does not exist"))
    with pytest.raises(LLMError, match="Model or endpoint not found"):
        _brief(seed_text, server)
    assert len(server.requests) == 1


def test_truncated_answer_gets_more_room(seed_text: str, server: ScriptedServer) -> None:
    server.push(
        completion('{"extraction": {"actors": [', finish_reason="length"),
        completion(good_single_pass()),
    )
    brief = _brief(seed_text, server, max_output_tokens=500)
    first, second = server.requests
    assert (first.body["max_tokens"], second.body["max_tokens"]) == (500, 1000)
    assert brief.report.usage.truncations == 1


def test_refusal_is_a_typed_error_without_reask(seed_text: str, server: ScriptedServer) -> None:
    server.push(completion(None, refusal="I can't help with that."))
    with pytest.raises(RefusalError, match="can't help") as caught:
        _brief(seed_text, server)
    assert caught.value.reason == "refusal"
    assert len(server.requests) == 1


def test_empty_choices_and_missing_usage_do_not_crash(
    seed_text: str, server: ScriptedServer
) -> None:
    no_choices = completion("{}")
    no_choices.body["choices"] = []
    server.push(no_choices, completion(good_single_pass(), usage=None))
    brief = _brief(seed_text, server)
    assert brief.report.usage.requests_without_usage == 1
    assert brief.report.usage.reasks == 1


def test_timeout_is_retried_and_then_reported(seed_text: str, server: ScriptedServer) -> None:
    server.push(Step(delay=1.5, body={}), Step(delay=1.5, body={}))
    with pytest.raises(LLMError, match="timeout"):
        _brief(seed_text, server, timeout=0.3, max_retries=1)
    assert len(server.requests) == 2


def test_unreachable_server_is_an_llm_error(seed_text: str) -> None:
    with pytest.raises(LLMError, match="connection error"):
        briefgen.generate_brief(seed_text, base_url="http://127.0.0.1:9/v1", max_retries=1)


def test_long_article_maps_chunks_then_synthesises_without_the_raw_text(
    server: ScriptedServer,
) -> None:
    paragraphs = [
        f"Delegates from province {i} said the ceasefire talks would resume on day {i}. "
        f"“We expect progress on prisoner exchanges in round {i},” an official said."
        for i in range(40)
    ]
    text = "Ceasefire talks resume\n" + "\n".join(paragraphs)
    brief = _brief(text, server, chunk_tokens=400, chunk_overlap_tokens=40)
    names = [r.schema_name for r in server.requests]
    assert brief.report.chunks > 2
    assert names.count("briefgen_extraction") == brief.report.chunks
    assert names[-1] == "briefgen_synthesis"
    synthesis = server.requests[-1].last_user_text
    assert "<facts>" in synthesis and "[S" not in synthesis
    assert brief.report.usage.calls == brief.report.chunks + 1
    # Quotes found in several overlapping chunks appear once.
    texts = [q.text for q in brief.data.quotes]
    assert len(texts) == len(set(texts)) > 0
    assert brief.data.bluf, "synthesis statements that cite real sentences are kept"


def test_caller_messages_are_not_mutated(seed_text: str, server: ScriptedServer) -> None:
    broken = good_single_pass()
    broken["memo"]["bluf"] = "not a list"
    server.push(completion(broken), completion(good_single_pass()))
    client = openai.AsyncOpenAI(base_url=server.base_url, api_key="k")
    caller = StructuredCaller(
        OpenAIBackend(client, BackendProfile(name="test", model="m"), token_param="max_tokens"),
        CallSettings(
            temperature=0,
            timeout=10,
            max_retries=0,
            max_retry_wait=1,
            max_reasks=1,
            max_output_tokens=100,
            max_output_tokens_cap=200,
            reask=lambda error: {"role": "user", "content": f"Fix it: {error}"},
        ),
        Usage(),
    )
    messages = [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]
    snapshot = json.dumps(messages)
    asyncio.run(caller.call("briefgen_memo", messages, SinglePass))
    assert json.dumps(messages) == snapshot


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_ready_clients_are_used_with_their_retries_off(
    seed_text: str, server: ScriptedServer, kind: str
) -> None:
    client: openai.OpenAI | openai.AsyncOpenAI
    if kind == "sync":
        client = openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=5)
    else:
        client = openai.AsyncOpenAI(base_url=server.base_url, api_key="k", max_retries=5)
    server.push(error(401))
    with pytest.raises(LLMError):
        briefgen.generate_brief(seed_text, client=client, model="m")
    assert len(server.requests) == 1  # the SDK did not retry on its own
    server.push(completion(good_single_pass()))
    brief = briefgen.generate_brief(seed_text, client=client, model="m")
    assert brief.data.quotes


def test_agenerate_brief_runs_concurrently(seed_text: str, server: ScriptedServer) -> None:
    async def many() -> list[Brief]:
        config = BriefConfig(base_url=server.base_url, model="m")
        jobs = [briefgen.agenerate_brief(seed_text, config=config) for _ in range(4)]
        return await asyncio.gather(*jobs)

    briefs = asyncio.run(many())
    assert len(server.requests) == 4
    assert all(b.report.usage.calls == 1 for b in briefs)


def test_save_writes_markdown_and_json_atomically(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    server.push(completion(good_single_pass()))
    brief = _brief(seed_text, server, api_key="sk-secret-test-key-123")
    md = brief.save(tmp_path / "memo.md")
    js = brief.save(tmp_path / "out" / "memo.json")
    assert md.read_text(encoding="utf-8") == brief.markdown
    payload = json.loads(js.read_text(encoding="utf-8"))
    assert payload["report"]["usage"]["calls"] == 1
    assert payload["data"]["quotes"][0]["text"].startswith("He (Mr Tillerson)")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["memo.json", "memo.md"]
    for path in (md, js):
        assert "sk-secret" not in path.read_text(encoding="utf-8")
    with pytest.raises(briefgen.ConfigError, match=r"\.pdf"):
        brief.save(tmp_path / "memo.pdf")
    assert not (tmp_path / "memo.pdf").exists()


def test_azure_from_its_environment(
    seed_text: str, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", server.base_url.removesuffix("/v1"))
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "azure-secret")
    forecast = briefgen.estimate(seed_text, model="memo-deployment")
    assert forecast.backend == "azure"
    with pytest.raises(briefgen.ConfigError, match="OPENAI_API_VERSION"):
        briefgen.generate_brief(seed_text, model="memo-deployment")
    monkeypatch.setenv("OPENAI_API_VERSION", "2024-10-21")
    brief = briefgen.generate_brief(seed_text, model="memo-deployment")
    request = server.requests[0]
    assert request.path.startswith("/openai/deployments/memo-deployment/chat/completions")
    assert "api-version=2024-10-21" in request.path
    assert request.headers.get("api-key") == "azure-secret"
    assert brief.report.backend == "azure"
