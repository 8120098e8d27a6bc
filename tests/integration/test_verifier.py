"""The opt-in model verifier (verify="model") over the real HTTP path: one extra call per
memo; what it rejects with real evidence goes; a verdict resting on invented evidence is
overruled; its verdicts are in the grounding records and estimate() counts the call."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from scripted_server import Recorded, ScriptedServer, Step, completion
from seed_answers import good_single_pass

import briefgen
from briefgen.extract.plan import VERIFY_CHARS_PER_CALL, PlanOptions, plan_calls
from briefgen.ingest.article import Article
from briefgen.llm.tokens import token_counter
from briefgen.memo.styles import get_style

_STATEMENT = re.compile(r"^\[(V\d+)\] (.*)$", re.MULTILINE)
_CITE = re.compile(r"^  cites (S\d+): (.*)$", re.MULTILINE)
INVENTED_EVIDENCE = "the talks were cancelled by both sides"


class Verifier:
    """Answers the memo honestly, then judges: the first statement not supported (with
    real evidence), the second not supported on invented evidence, the rest supported."""

    def __init__(self) -> None:
        self.judged: dict[str, str] = {}

    def __call__(self, body: dict[str, Any]) -> Step:
        record = Recorded("", body, {}, 0.0)
        if record.schema_name != "briefgen_verification":
            return completion(good_single_pass())
        text = record.last_user_text
        blocks = re.split(r"(?=^\[V\d+\] )", text, flags=re.MULTILINE)
        verdicts = []
        for block in blocks:
            head = _STATEMENT.search(block)
            if head is None:
                continue
            sid, statement = head.groups()
            cited = _CITE.findall(block)
            real = cited[0][1].split(",")[0] if cited else ""
            number = int(sid[1:])
            self.judged[sid] = statement
            if number == 1:
                verdicts.append({"id": sid, "verdict": "not_supported", "evidence": [real]})
            elif number == 2:
                verdicts.append(
                    {"id": sid, "verdict": "contradicted", "evidence": [INVENTED_EVIDENCE]}
                )
            else:
                verdicts.append({"id": sid, "verdict": "supported", "evidence": [real]})
        return completion({"verdicts": verdicts})


def _brief(seed_text: str, verifier: Verifier, **settings: Any) -> tuple[Any, list[Recorded]]:
    with ScriptedServer(responder=verifier) as server:
        brief = briefgen.generate_brief(
            seed_text, base_url=server.base_url, model="m", cache=False, **settings
        )
        return brief, list(server.requests)


def test_the_verifier_costs_one_call_and_drops_what_it_rejects(seed_text: str) -> None:
    verifier = Verifier()
    brief, requests = _brief(seed_text, verifier, verify="model")
    assert [r.schema_name for r in requests] == ["briefgen_memo", "briefgen_verification"]
    rejected, overruled = verifier.judged["V1"], verifier.judged["V2"]
    by_text = {r.text: r for r in brief.report.grounding if r.verdict is not None}
    assert by_text[rejected].status == "dropped"
    assert by_text[rejected].verdict == "not_supported"
    assert rejected not in brief.markdown
    # Invented evidence: the verdict does not count, the statement stays.
    assert by_text[overruled].verdict == "overruled"
    assert by_text[overruled].status != "dropped"
    assert overruled in brief.markdown
    assert INVENTED_EVIDENCE in (by_text[overruled].reason or "")
    supported = [r for r in by_text.values() if r.verdict == "supported"]
    assert supported and all(r.status in ("kept", "amended") for r in supported)
    # Every statement the memo prints was judged.
    assert len(by_text) == len(verifier.judged)


def test_flag_mode_marks_instead_of_dropping(seed_text: str) -> None:
    verifier = Verifier()
    brief, _ = _brief(seed_text, verifier, verify="model", grounding="flag")
    rejected = verifier.judged["V1"]
    assert f"[Unverified] {rejected}" in brief.markdown.replace("\\[", "[").replace("\\]", "]")


def test_without_verify_no_extra_call(seed_text: str) -> None:
    brief, requests = _brief(seed_text, Verifier())
    assert [r.schema_name for r in requests] == ["briefgen_memo"]
    assert all(r.verdict is None for r in brief.report.grounding)


def test_estimate_counts_the_verification_call(seed_text: str) -> None:
    plain = briefgen.estimate(seed_text, base_url="http://127.0.0.1:9/v1", model="m")
    verified = briefgen.estimate(
        seed_text, base_url="http://127.0.0.1:9/v1", model="m", verify="model"
    )
    assert verified.calls == plain.calls + 1
    assert [c.name for c in verified.detail][-1] == "briefgen_verification"
    assert verified.prompt_tokens > plain.prompt_tokens


@pytest.mark.parametrize(("statements", "calls"), [(10, 1), (100, 2)])
def test_statements_are_batched_into_one_call_two_for_very_long_memos(
    seed_text: str, statements: int, calls: int
) -> None:
    doc = Article.from_text(seed_text)
    plan = plan_calls(
        doc, get_style("info-memo"), token_counter("m"), PlanOptions(chunk_tokens=3000)
    )
    sentence = {"id": "S3", "text": "x" * (VERIFY_CHARS_PER_CALL // 150)}
    batch = [
        {"id": f"V{n}", "text": f"Statement {n}.", "cited": [sentence]}
        for n in range(1, statements + 1)
    ]
    made = plan.verification_calls(batch)
    assert len(made) == calls
    sent = [s for call in made for s in _STATEMENT.findall(call.messages[1]["content"])]
    assert [sid for sid, _ in sent] == [s["id"] for s in batch]  # each once, in order
    assert json.dumps(made[0].messages).count("cites S3") >= 1
