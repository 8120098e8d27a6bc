"""Real number-rich articles, every shipped style, and a server that lies the way models do:
it copies the article's sentences but changes every number, plants a quote nobody said,
copies its instructions into prose, and repeats itself. No number the article lacks, no
invented quote, no prompt text and no repeated line may reach a memo."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from repo_paths import CORPUS_HTML
from scripted_server import Recorded, ScriptedServer, Step, completion

import briefgen
from briefgen.ingest.sources import load_article

CORPUS = CORPUS_HTML.parent
FAKE_QUOTE = "We will double every figure in this report by next spring"
_LINE = re.compile(r"^\[(S\d+)\] (.*)$", re.MULTILINE)
_FACTS = re.compile(r"<facts>\s*(.*?)\s*</facts>", re.DOTALL)
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


def _bump(text: str) -> str:
    """Every digit changed, as a model that miscopies numbers does."""
    return re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), text)


def _statement(text: str, sid: str) -> dict[str, Any]:
    return {"text": _bump(text), "sentence_ids": [sid]}


def _lying_answer(body: dict[str, Any]) -> dict[str, Any]:
    record = Recorded("", body, {}, 0.0)
    name = record.schema_name or ""
    system = next(m["content"] for m in record.messages if m["role"] == "system")
    prompt_line = " ".join(system.split()[8:20])
    prompt = next(m["content"] for m in record.messages if m["role"] == "user")
    sentences = _LINE.findall(prompt)
    if not sentences:  # synthesis: sentences come back from the facts
        facts = json.loads(_FACTS.search(prompt).group(1).replace("<\\/", "</"))
        sentences = [(e["ids"][0], e["what"]) for e in facts.get("events", []) if e["ids"]]
    numbered = [(sid, text) for sid, text in sentences if re.search(r"\d", text)] or sentences
    plain = [(sid, text) for sid, text in sentences if not re.search(r"\d", text)]
    first = numbered[:4]
    sid0 = first[0][0] if first else "S1"
    memo = {
        "subject": _statement(first[0][1] if first else "Report", sid0),
        # An honest line too (a sentence with no number, copied whole): it must survive.
        "bluf": [_statement(t, s) for s, t in [*first[:2], *plain[1:2]]]
        + [_statement(prompt_line, sid0)],
        "background": [_statement(t, s) for s, t in first[1:3]],
        "outlook": [
            {"text": _bump(t), "likelihood": "likely", "sentence_ids": [s]} for s, t in first[:1]
        ],
        "information_gaps": [f"Why did {n} more people arrive?" for n in ("4,242", "17")],
        "recommendations": [_statement("That you note " + t, s) for s, t in first[:1]],
        "talking_points": [_statement(t, s) for s, t in first[:2]],
        "counterpart_wants": [_statement(t, s) for s, t in first[:1]],
        "relations": [_statement(t, s) for s, t in first[:1]],
    }
    extraction = {
        "actors": [],
        "positions": [],
        "events": [
            {
                "what": _bump(t),
                "when": _bump("on 12 May 2019"),
                "where": None,
                "who": [],
                "sentence_ids": [s],
            }
            for s, t in first
        ],
        "quotes": [
            {
                "speaker": "an official",
                "text": FAKE_QUOTE,
                "source": "anonymous",
                "sentence_ids": [sid0],
            }
        ],
        "allegations": [],
        "key_facts": [{"fact": _bump(t), "sentence_ids": [s]} for s, t in first]
        + [{"fact": _bump(t), "sentence_ids": [s]} for s, t in first[:1]],  # said twice
        "agenda_items": [],
    }
    # Only the memo fields the request's schema asks for (a style's own fields).
    schema = body["response_format"]["json_schema"]["schema"]
    wanted = _memo_properties(schema)
    memo = {key: value for key, value in memo.items() if key in wanted}
    if "synthesis" in name:
        return memo
    if "extraction" in name:
        return extraction
    return {"extraction": extraction, "memo": memo}


def _memo_properties(schema: dict[str, Any]) -> set[str]:
    memo = schema.get("properties", {}).get("memo")
    if memo is None:  # the synthesis schema is the memo fields themselves
        return set(schema.get("properties", {}))
    ref = memo.get("$ref", "").rsplit("/", 1)[-1]
    return set(schema.get("$defs", {}).get(ref, memo).get("properties", {}))


def lying(body: dict[str, Any]) -> Step:
    return completion(_lying_answer(body))


def _articles() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    salon = CORPUS / "html" / "salon.com.emissions.html"
    if salon.is_file():
        found.append(("salon", load_article(str(salon)).text))
    cnndm = CORPUS / "qags_cnndm.jsonl"
    if cnndm.is_file():
        rows = [json.loads(line)["article"] for line in cnndm.open(encoding="utf-8")]
        rows.sort(key=lambda text: -len(_NUMBER.findall(text[:6000])))
        found += [(f"cnndm{n}", text[:6000]) for n, text in enumerate(rows[:2])]
    return found


ARTICLES = _articles()
pytestmark = pytest.mark.skipif(
    len(ARTICLES) < 3, reason="the development corpus (../shared/corpus) is not beside the repo"
)


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


@pytest.mark.parametrize("style", sorted(briefgen.SHIPPED_STYLES))
@pytest.mark.parametrize("name", [name for name, _ in ARTICLES])
def test_a_lying_server_gets_nothing_false_into_a_memo(name: str, style: str) -> None:
    text = dict(ARTICLES)[name]
    with ScriptedServer(responder=lying) as server:
        brief = briefgen.generate_brief(
            text, style=style, base_url=server.base_url, model="m", cache=False
        )
        system = server.requests[0].messages[0]["content"]
    _, _, rest = brief.markdown.partition("**SUBJECT:**")
    body = re.split(r"^## (?:Source annex|Sources)$", rest, flags=re.MULTILINE)[0]
    known = _numbers(brief.article.text)
    invented = _numbers(body) - known
    assert not invented, (invented, body)
    assert FAKE_QUOTE not in brief.markdown
    words = system.split()
    for start in range(0, len(words) - 8, 4):
        run = " ".join(words[start : start + 8])
        if run not in brief.article.text:
            assert run not in body, run
    lines = [ln.strip() for ln in body.splitlines() if len(ln.split()) > 5]
    assert len(lines) == len(set(lines)), lines
    # The lies were caught, not merely absent: and the honest line is in the memo.
    reasons = " ".join(r.reason or "" for r in brief.report.dropped)
    assert "number" in reasons and "not found in the article" in reasons
    assert brief.data.bluf, "the honest summary line was kept"


def test_the_corpus_articles_are_number_rich() -> None:
    for name, text in ARTICLES:
        assert len(_numbers(text)) >= 6, name
