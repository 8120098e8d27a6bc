"""A server that puts a non-English quotation in the wrong mouth, through the public API:
it names as the speaker a person the quotation's own sentence mentions, who did not say
it. The article's said-clause, read in its own language, wins: the wrong name never
reaches the memo, and the right one does. Before the languages had attribution patterns
the sentence's own speaker was not read, and the planted name stood (it is named outside
the quotation marks)."""

from __future__ import annotations

from typing import Any

import pytest
from language_cases import CASES, WRONG_SPEAKERS
from scripted_server import ScriptedServer, Step, completion

import briefgen
from briefgen.text.quotations import quotations


def _article(code: str) -> str:
    # The language is told from the text: the quotation among the language's own lines.
    sentence = WRONG_SPEAKERS[code][0]
    text, items = CASES[code]
    return " ".join([text, sentence, *(s for s, kind in items if kind == "faithful")])


def _misattributing(code: str) -> Any:
    sentence, first, _, planted = WRONG_SPEAKERS[code]
    start, end = quotations(sentence)[0]
    quote = sentence[start:end]

    def responder(body: dict[str, Any]) -> Step:
        prompt = next(m["content"] for m in body["messages"] if m["role"] == "user")
        sid = next(line.split("] ", 1)[0][1:] for line in prompt.splitlines() if first in line)
        line = {"text": CASES[code][0].split(". ")[0], "sentence_ids": ["S1"]}
        extraction = {
            "actors": [],
            "positions": [],
            "events": [],
            "quotes": [
                {"speaker": planted, "text": quote, "source": "named", "sentence_ids": [sid]}
            ],
            "allegations": [],
            "key_facts": [],
            "agenda_items": [],
        }
        memo = {"subject": line, "bluf": [line], "background": [], "outlook": []}
        memo["information_gaps"] = []
        return completion({"extraction": extraction, "memo": memo})

    return responder


@pytest.mark.parametrize("code", sorted(WRONG_SPEAKERS))
def test_a_wrong_speaker_of_a_non_english_quotation_never_reaches_the_memo(code: str) -> None:
    pytest.importorskip("py3langid")  # the language is identified, not given
    _, first, right, planted = WRONG_SPEAKERS[code]
    with ScriptedServer(responder=_misattributing(code)) as server:
        brief = briefgen.generate_brief(
            _article(code), base_url=server.base_url, model="m", cache=False
        )
    assert brief.data.quotes, brief.report.grounding
    [quote] = [q for q in brief.data.quotes if q.text.startswith(first)]
    assert quote.speaker == right, (code, quote)
    body = brief.markdown.split("## Annex")[0]  # the annex quotes the article itself
    # The memo's quote lines ("“…” — speaker"), not the article's sentences it cites.
    quoted = [line for line in body.splitlines() if first in line and "” — " in line]
    assert quoted and all(line.endswith(f"— {right}") for line in quoted), quoted
    reasons = [r.reason or "" for r in brief.report.grounding if r.kind == "quote"]
    assert any(f"the model named '{planted}'" in r for r in reasons), reasons
