"""The memo in the reader's language (memo_language, default English) on a German and a
Chinese article, through the public API against a loopback server: each line is checked
in the article's language and shown translated only when the translation agrees with it;
a quotation stays verbatim with its translation beside it, marked; a translation that
lies (a number, a negation, a date, a name) is never shown."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from scripted_server import Recorded, ScriptedServer, Step, answer_requests_file, completion
from seed_answers import empty_extraction

import briefgen
from briefgen.cli import EXIT_OK, main

GERMAN = (
    "Berlin, 4. März. Die Regierung hat den Vertrag am 3. März nicht unterzeichnet, "
    "teilte das Auswärtige Amt mit. Drei Minister reisten anschließend nach Genf. "
    "Außenminister Wadephul sagte: »Wir werden weiter verhandeln, bis es eine Einigung "
    "gibt.« Die Gespräche sollen in der kommenden Woche fortgesetzt werden."
)
CHINESE = (
    "北京消息。政府三月没有签署协议，外交部表示谈判仍在继续。三名部长随后抵达日内瓦。"
    "外交部长王毅说：“我们将继续谈判，直到达成协议。”会谈将于下周继续举行。"
)

# What the model writes, in the article's language: (line, cited sentence id).
LINES = {
    "de": [
        ("Die Regierung hat den Vertrag am 3. März nicht unterzeichnet.", "S2"),
        ("Drei Minister reisten anschließend nach Genf.", "S3"),
    ],
    "zh": [
        ("政府三月没有签署协议。", "S2"),
        ("三名部长随后抵达日内瓦。", "S3"),
    ],
}
QUOTES = {
    "de": ("Wir werden weiter verhandeln, bis es eine Einigung gibt.", "Wadephul", "S4"),
    "zh": ("我们将继续谈判，直到达成协议。", "王毅", "S4"),
}
# The lies a model tells in translation: a negation, a month, a number, a date added.
LIES = {
    "The government did not sign the treaty on 3 March.": "The government signed the treaty "
    "on 3 March.",
    "The government did not sign the treaty in March.": "The government did not sign the "
    "treaty in May.",
    "Three ministers then travelled to Geneva.": "Four ministers then travelled to Geneva.",
    "We will keep negotiating until there is an agreement.": "We will keep negotiating "
    "until there is an agreement in April.",
}
_SOURCE_TO_ENGLISH = {
    "Die Regierung hat den Vertrag am 3. März nicht unterzeichnet.": "The government did "
    "not sign the treaty on 3 March.",
    "Drei Minister reisten anschließend nach Genf.": "Three ministers then travelled to Geneva.",
    "政府三月没有签署协议。": "The government did not sign the treaty in March.",
    "三名部长随后抵达日内瓦。": "Three ministers then travelled to Geneva.",
    QUOTES["de"][0]: "We will keep negotiating until there is an agreement.",
    QUOTES["zh"][0]: "We will keep negotiating until there is an agreement.",
}


def _memo_answer(code: str) -> dict[str, Any]:
    lines = [{"text": text, "sentence_ids": [sid]} for text, sid in LINES[code]]
    quote, speaker, sid = QUOTES[code]
    extraction = {
        **empty_extraction(),
        "events": [
            {"what": text, "when": None, "where": None, "who": [], "sentence_ids": [sid]}
            for text, sid in LINES[code]
        ],
        "quotes": [{"speaker": speaker, "text": quote, "source": "named", "sentence_ids": [sid]}],
    }
    memo = {
        "subject": lines[0],
        "bluf": lines,
        "background": [],
        "outlook": [],
        "information_gaps": [],
    }
    return {"extraction": extraction, "memo": memo}


def _english(line: str, lying: bool) -> str:
    english = _SOURCE_TO_ENGLISH.get(line, line)
    if lying:
        english = LIES.get(english, english)
    return english


def _responder(code: str, *, lying: bool = False, garbage: bool = False) -> Any:
    def respond(body: dict[str, Any]) -> Step:
        if Recorded("", body, {}, 0.0).schema_name != "briefgen_translation":
            return completion(_memo_answer(code))
        if garbage:
            return completion({"no": "translations here"})
        prompt = next(m["content"] for m in body["messages"] if m["role"] == "user")
        lines = re.findall(r"^\[(L\d+)\] (.*)$", prompt, flags=re.MULTILINE)
        return completion(
            {"lines": [{"id": i, "text": _english(text, lying)} for i, text in lines]}
        )

    return respond


def _memo(code: str, **settings: Any) -> tuple[briefgen.Brief, list[Recorded]]:
    text = GERMAN if code == "de" else CHINESE
    responder = _responder(
        code, **{k: settings.pop(k) for k in ("lying", "garbage") if k in settings}
    )
    with ScriptedServer(responder=responder) as server:
        brief = briefgen.generate_brief(
            text, base_url=server.base_url, model="m", cache=False, **settings
        )
        return brief, list(server.requests)


def _body(brief: briefgen.Brief) -> str:
    """The memo before its source annex (which lists the article's own sentences)."""
    return re.split(r"\n#{1,6} (?:Source annex|Sources)\b", brief.markdown, maxsplit=1)[0]


@pytest.mark.parametrize("code", ["de", "zh"])
def test_an_english_memo_whose_every_line_was_checked_in_the_articles_language(
    code: str,
) -> None:
    pytest.importorskip("py3langid")  # the language is identified, not given
    brief, requests = _memo(code)
    assert brief.article.language == code
    body = _body(brief)
    quote = QUOTES[code][0]
    english_quote = "We will keep negotiating until there is an agreement."
    assert f"“{quote}” [translation: “{english_quote}”]" in body
    for line, _ in LINES[code]:
        assert _SOURCE_TO_ENGLISH[line].rstrip(".") in body
        assert line.rstrip(".。") not in body  # shown in English, not as checked
    translated = [r for r in brief.report.grounding if r.kind == "translation"]
    assert translated and all(r.checked_in == code and r.status == "kept" for r in translated)
    assert {r.wording for r in translated} >= {line for line, _ in LINES[code]}
    assert sum(r.schema_name == "briefgen_translation" for r in requests) == 1
    assert any("checked in" in w for w in brief.report.warnings)


@pytest.mark.parametrize("code", ["de", "zh"])
def test_a_translation_that_lies_is_never_shown(code: str) -> None:
    pytest.importorskip("py3langid")
    brief, _ = _memo(code, lying=True)
    body = _body(brief)
    for lie in LIES.values():
        assert lie.rstrip(".") not in body, lie
    dropped = {r.wording: r.reason for r in brief.report.grounding if r.status == "dropped"}
    # Shown as checked, in the article's language, each with why its translation is not.
    for line, _ in LINES[code]:
        assert line.rstrip(".。") in body
        assert dropped.get(line), (line, dropped)
    assert "[translation:" not in body  # the quote's lying translation is left out
    assert QUOTES[code][0] in body


def test_the_memo_in_the_articles_own_language_makes_no_translation_call() -> None:
    pytest.importorskip("py3langid")
    brief, requests = _memo("de", memo_language=None)
    assert not any(r.schema_name == "briefgen_translation" for r in requests)
    assert LINES["de"][1][0].rstrip(".") in _body(brief)
    assert not any(r.kind == "translation" for r in brief.report.grounding)


def test_an_unusable_translation_leaves_the_memo_as_checked_with_a_warning() -> None:
    pytest.importorskip("py3langid")
    brief, _ = _memo("de", garbage=True)
    assert LINES["de"][1][0].rstrip(".") in _body(brief)
    assert any("could not be put into English" in w for w in brief.report.warnings)


def test_an_english_article_is_not_translated(seed_text: str) -> None:
    with ScriptedServer() as server:
        brief = briefgen.generate_brief(seed_text, base_url=server.base_url, model="m")
        names = [r.schema_name for r in server.requests]
    assert "briefgen_translation" not in names
    assert not any(r.kind == "translation" for r in brief.report.grounding)


def test_the_json_memo_carries_what_each_line_was_checked_in() -> None:
    pytest.importorskip("py3langid")
    brief, _ = _memo("de")
    again = briefgen.Brief.from_json(brief.to_json())
    checked = [r for r in again.report.grounding if r.checked_in == "de"]
    assert checked and all(r.wording for r in checked)
    assert (
        again.data.quotes[0].translation == "We will keep negotiating until there is an agreement."
    )
    assert json.loads(brief.to_json())  # one JSON document


def test_a_batch_translates_in_one_more_round(tmp_path: Path) -> None:
    pytest.importorskip("py3langid")
    article = tmp_path / "bericht.txt"
    article.write_text(GERMAN, encoding="utf-8")
    requests = tmp_path / "requests.jsonl"
    assert main(["batch", "export", str(article), "-o", str(requests), "-q"]) == EXIT_OK
    results = tmp_path / "results.jsonl"
    results.write_text(answer_requests_file(requests.read_text(), _responder("de")))
    out = tmp_path / "memos"
    imported = ["batch", "import", str(requests), str(results), "-d", str(out), "-q"]
    assert main(imported) == EXIT_OK
    assert not (out / "bericht.md").exists()  # waits for its translation
    round2 = tmp_path / "requests.round2.jsonl"
    assert "briefgen_translation" in round2.read_text()
    answered = tmp_path / "results.round2.jsonl"
    answered.write_text(answer_requests_file(round2.read_text(), _responder("de")))
    assert main(["batch", "import", str(round2), str(answered), "-d", str(out), "-q"]) == EXIT_OK
    memo = (out / "bericht.md").read_text(encoding="utf-8")
    assert "Three ministers then travelled to Geneva" in memo
    assert "[translation: “We will keep negotiating" in memo


def test_the_command_line_keeps_the_articles_language_with_memo_language_source(
    tmp_path: Path,
) -> None:
    pytest.importorskip("py3langid")
    article = tmp_path / "bericht.txt"
    article.write_text(GERMAN, encoding="utf-8")
    with ScriptedServer(responder=_responder("de")) as server:
        argv = [str(article), "-o", str(tmp_path / "memo.md"), "--base-url", server.base_url]
        assert main([*argv, "--model", "m", "--memo-language", "source", "-q"]) == EXIT_OK
        names = [r.schema_name for r in server.requests]
    assert "briefgen_translation" not in names
    assert "Drei Minister reisten anschließend nach Genf" in (tmp_path / "memo.md").read_text()


def test_a_storys_next_memo_is_compared_with_the_lines_as_checked_not_as_translated() -> None:
    pytest.importorskip("py3langid")
    from briefgen.grounding.changes import digest_memo

    brief, _ = _memo("de")
    assert "Three ministers then travelled to Geneva." in brief.markdown
    carried = {s.text for s in digest_memo(brief.data, brief.article).statements}
    assert LINES["de"][1][0] in carried
    assert not any(text.startswith("Three ministers") for text in carried)


def test_an_estimate_counts_the_translation_call() -> None:
    pytest.importorskip("py3langid")
    settings = {"base_url": "http://127.0.0.1:9/v1", "model": "gpt-4o-mini"}
    english = briefgen.estimate(GERMAN, **settings)
    german = briefgen.estimate(GERMAN, memo_language=None, **settings)
    assert english.calls == german.calls + 1
    assert english.prompt_tokens > german.prompt_tokens


def test_a_translation_that_copies_the_prompt_is_not_shown() -> None:
    pytest.importorskip("py3langid")

    def leaking(body: dict[str, Any]) -> Step:
        if Recorded("", body, {}, 0.0).schema_name != "briefgen_translation":
            return completion(_memo_answer("de"))
        prompt = next(m["content"] for m in body["messages"] if m["role"] == "user")
        ids = re.findall(r"^\[(L\d+)\]", prompt, flags=re.MULTILINE)
        return completion({"lines": [{"id": i, "text": '{"lines": [{"id": "L1"}]}'} for i in ids]})

    with ScriptedServer(responder=leaking) as server:
        brief = briefgen.generate_brief(GERMAN, base_url=server.base_url, model="m", cache=False)
    assert '{"lines"' not in brief.markdown
    assert LINES["de"][1][0].rstrip(".") in _body(brief)
    reasons = [r.reason for r in brief.report.grounding if r.kind == "translation"]
    assert reasons and all("JSON" in (r or "") for r in reasons)


def test_the_evidence_view_shows_the_quotation_verbatim_with_its_translation_marked() -> None:
    pytest.importorskip("py3langid")
    brief, _ = _memo("de")
    page = brief.to_html()
    assert f'<q class="verbatim">{QUOTES["de"][0]}</q>' in page
    assert "[translation: “We will keep negotiating until there is an agreement.”]" in page


@pytest.mark.parametrize(("code", "name"), [("de", "German"), ("zh", "Chinese")])
def test_the_model_is_asked_to_write_in_the_articles_language(code: str, name: str) -> None:
    pytest.importorskip("py3langid")
    _, requests = _memo(code)
    first = next(r for r in requests if r.schema_name != "briefgen_translation")
    system = next(m["content"] for m in first.messages if m["role"] == "system")
    assert f"Write every item in {name}, the article's language" in system


def test_an_english_articles_request_says_nothing_of_a_language(seed_text: str) -> None:
    with ScriptedServer() as server:
        briefgen.generate_brief(seed_text, base_url=server.base_url, model="m", cache=False)
        prompts = [m["content"] for r in server.requests for m in r.messages]
    assert not any("Write every item in" in p or "Write every field in" in p for p in prompts)
