"""Fields that are not claims carry no unchecked text into any output: an event's date, a
denial, an actor's title and affiliation, information gaps; JSON fragments, schema field
names and prompt lines are dropped wherever they appear; a line is printed once; the annex
lists exactly what the memo cites."""

from __future__ import annotations

import json
from typing import Any

import pytest
from seed_answers import SEED_TEXT, good_single_pass

import briefgen
from briefgen.llm.backend import CompletionRequest
from briefgen.llm.function import FunctionBackend
from briefgen.memo.sections import cited_groups

SMUGGLED_WHEN = 'on 14 March 2031, Zebulon Quartermaine said "We will hand the moon over"'
SMUGGLED_DENIAL = "Islamabad vehemently denies the allegation, and 9,999 officers agreed."
SMUGGLED_TITLE = "Grand Vizier of the Lunar Fleet"
SMUGGLED = [
    "14 March 2031",
    "Zebulon",
    "Quartermaine",
    "hand the moon",
    "9,999",
    "Grand Vizier",
    "Lunar Fleet",
    "Zanzibar",
    "sentence_ids",
    '{"text"',
    "Answer with JSON",
    "7,777",
]


def _strings(value: Any) -> list[str]:
    """Every string value of a JSON document (its keys are the schema's own words)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _system_prompt_line(request: CompletionRequest) -> str:
    system = next(m["content"] for m in request.messages if m["role"] == "system")
    words = system.split()
    return " ".join(words[10:22])  # a dozen words of the instructions, copied into prose


def smuggling(request: CompletionRequest) -> str:
    answer = good_single_pass()
    extraction, memo = answer["extraction"], answer["memo"]
    event = extraction["events"][0]
    event["when"] = SMUGGLED_WHEN
    extraction["allegations"][0]["denial"] = SMUGGLED_DENIAL
    extraction["actors"][0]["title"] = SMUGGLED_TITLE
    extraction["actors"][0]["affiliation"] = "Zanzibar"
    memo["information_gaps"] = [
        "How will the US respond to Pakistan's refusal of joint operations?",
        'Will {"text": "the talks", "sentence_ids": ["S3"]} resume?',
        "Why did 7,777 troops move to the border last week?",
        f"{_system_prompt_line(request)}?",
        "Which sentence_ids support the visit?",
    ]
    memo["background"].append({"text": _system_prompt_line(request), "sentence_ids": ["S3"]})
    # The same statement as a development and again as a key fact, and twice in a section.
    extraction["key_facts"].append({"fact": event["what"], "sentence_ids": event["sentence_ids"]})
    extraction["events"].append(dict(event))
    return json.dumps(answer)


@pytest.mark.parametrize("style", sorted(briefgen.SHIPPED_STYLES))
def test_nothing_smuggled_reaches_any_output(style: str) -> None:
    brief = briefgen.generate_brief(
        SEED_TEXT, style=style, client=FunctionBackend(smuggling), cache=False
    )
    outputs = {
        "md": brief.markdown,
        "json": " | ".join(_strings(brief.data.model_dump(mode="json"))),
        # The page's grounding report lists what was dropped, with its text: that is the
        # one place a dropped line may appear. The memo and the article come before it.
        "html": brief.to_html().split('<section class="sheet grounding"', 1)[0],
    }
    for name, text in outputs.items():
        for needle in SMUGGLED:
            assert needle not in text, f"{needle!r} reached the {name} output"
    # Each was dropped with a reason the report gives.
    reasons = " ".join(f"{r.kind}: {r.reason}" for r in brief.report.dropped)
    for kind in ("event_when", "allegation_denial", "actor_title", "information_gap"):
        assert kind in reasons, reasons


def test_a_line_is_printed_once() -> None:
    brief = briefgen.generate_brief(
        SEED_TEXT, style="one-pager", client=FunctionBackend(smuggling), cache=False
    )
    body = brief.markdown.split("## Sources", 1)[0]
    lines = [ln.split(")", 1)[-1].strip() for ln in body.splitlines() if ln.strip()[:1] in "-1("]
    statements = [ln for ln in lines if len(ln.split()) > 4]
    assert len(statements) == len(set(statements)), statements
    assert any((r.reason or "").startswith("repeats ") for r in brief.report.dropped)


def test_the_annex_lists_exactly_what_the_memo_shows() -> None:
    def answer(_request: CompletionRequest) -> dict[str, Any]:
        result = good_single_pass()
        # A key fact citing S17 alone: the information memo does not show key facts.
        result["extraction"]["key_facts"] = [
            {"fact": "Islamabad vehemently denies the allegation.", "sentence_ids": ["S17"]}
        ]
        result["extraction"]["allegations"] = []
        return result

    brief = briefgen.generate_brief(
        SEED_TEXT, style="info-memo", client=FunctionBackend(answer), cache=False
    )
    annex = brief.markdown.split("## Source annex", 1)[1]
    shown = {
        sid
        for _, ids in cited_groups(brief.data, lambda s: "info-memo" in s.shown_in)
        for sid in ids
    }
    listed = {line.split("**")[1] for line in annex.splitlines() if line.startswith("- **S")}
    assert listed == shown
    assert "S17" not in listed
    assert "Key fact" not in annex
