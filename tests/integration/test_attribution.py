"""A model that puts quotes in the wrong mouth, against the real HTTP path: the memo never
prints a speaker the quotation only talks about, or a person named far from it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from scripted_server import ScriptedServer, Step, completion, echo_responder

import briefgen

_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\s+[A-Z][a-z]+|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")
# Named in the seed article, but far from every quotation in it.
DISTANT_PERSON = "Khawaja Mohammed Asif"


def _wrong_speaker(quote: str) -> str:
    inside = _NAME.findall(quote)
    return inside[0] if inside else DISTANT_PERSON


def misattributing(body: dict[str, Any]) -> Step:
    """Answers like a model (items copied from the prompt's sentences), but names as each
    quote's speaker a person the quotation mentions, else a distant person."""
    step = echo_responder(body)
    answer = json.loads(step.body["choices"][0]["message"]["content"])
    extraction = answer.get("extraction", answer)
    for quote in extraction.get("quotes", []):
        quote["speaker"] = _wrong_speaker(quote["text"])
        quote["source"] = "named"
    return completion(answer)


STYLES = ["info-memo", "action-memo", "scene-setter", "talking-points", "one-pager"]
RUNS = [{"style": s} for s in STYLES] + [
    {"style": "info-memo", "grounding": "flag"},
    {"style": "info-memo", "allow_paraphrase": True},
    {"style": "info-memo", "chunk_tokens": 200, "chunk_overlap_tokens": 0},
]


@pytest.mark.parametrize("run", RUNS, ids=[str(sorted(r.items())) for r in RUNS])
def test_no_memo_puts_a_quote_in_the_wrong_mouth(seed_text: str, run: dict[str, Any]) -> None:
    with ScriptedServer(responder=misattributing) as server:
        settings = {k: v for k, v in run.items() if k != "style"}
        brief = briefgen.generate_brief(
            seed_text,
            style=run["style"],
            base_url=server.base_url,
            model="scripted-model",
            cache=False,
            **settings,
        )
    planted = {_wrong_speaker(q.text) for q in brief.data.quotes}
    assert brief.data.quotes, "the seed article has quotations; the answer carried them"
    for quote in brief.data.quotes:
        assert quote.speaker not in planted | {DISTANT_PERSON}, quote
    lines = [line for line in brief.markdown.splitlines() if "”" in line and "—" in line]
    for line in lines:
        speaker = line.rsplit("—", 1)[-1].strip()
        assert speaker not in {"Mr Tillerson", DISTANT_PERSON}, line
    reasons = [r.reason or "" for r in brief.report.grounding if r.kind == "quote"]
    assert any("the model named" in r or "left unattributed" in r for r in reasons)
