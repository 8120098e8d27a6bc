"""A server that lies in the article's own language, through the public API: it copies
the article's sentences but drops a negation, swaps a month and changes a number word,
states as a fact what the article only asks, or makes a number "more than" it was. In
every language with word lists, no lie reaches the memo, and the faithful lines do."""

from __future__ import annotations

import difflib
from typing import Any

import pytest
from language_cases import BOUND_CASES, CASES, CONDITION_CASES, QUESTION_CASES
from scripted_server import ScriptedServer, Step, completion

import briefgen

_ARTICLE_TAIL = {
    # A longer article in the same language, so that the memo has more than two lines and
    # the language is told from the text (not set by the test).
    code: " ".join([text, *(s for s, kind in items if kind == "faithful")])
    for code, (text, items) in CASES.items()
}


def _cite(statement: str, sentences: list[tuple[str, str]]) -> list[str]:
    """The id of the article sentence the statement was copied from."""
    best = max(sentences, key=lambda s: difflib.SequenceMatcher(None, s[1], statement).ratio())
    return [best[0]]


def _lying(statements: list[str]) -> Any:
    """A server answering with ``statements`` as the memo's events and summary, each
    citing the article sentence most like it."""

    def responder(body: dict[str, Any]) -> Step:
        prompt = next(m["content"] for m in body["messages"] if m["role"] == "user")
        sentences = [
            (line.split("] ", 1)[0][1:], line.split("] ", 1)[1])
            for line in prompt.splitlines()
            if line.startswith("[S")
        ]
        lines = [{"text": s, "sentence_ids": _cite(s, sentences)} for s in statements]
        extraction = {
            "actors": [],
            "positions": [],
            "events": [
                {"what": line["text"], "when": None, "where": None, "who": [], **line}
                for line in lines
            ],
            "quotes": [],
            "allegations": [],
            "key_facts": [],
            "agenda_items": [],
        }
        for event in extraction["events"]:
            event.pop("text")
        memo = {
            "subject": lines[0],
            "bluf": lines,
            "background": [],
            "outlook": [],
            "information_gaps": [],
        }
        return completion({"extraction": extraction, "memo": memo})

    return responder


@pytest.mark.parametrize("code", sorted(CASES))
def test_no_lie_in_the_articles_language_reaches_the_memo(code: str) -> None:
    pytest.importorskip("py3langid")  # the language is identified, not given
    with ScriptedServer(responder=_lying([s for s, _ in CASES[code][1]])) as server:
        # The memo in the article's language: what is checked there is what is shown
        # (tests/integration/test_memo_language.py shows it translated).
        brief = briefgen.generate_brief(
            _ARTICLE_TAIL[code],
            base_url=server.base_url,
            model="m",
            cache=False,
            memo_language=None,
        )
    body = brief.markdown.split("## Annex")[0]  # the annex quotes the article itself
    faithful = [s.rstrip(".۔。") for s, kind in CASES[code][1] if kind == "faithful"]
    for line in faithful:
        assert line in body, (code, line)
        body = body.replace(line, "")  # a lie that only drops a word is inside it
    for statement, kind in CASES[code][1]:
        if kind != "faithful":
            assert statement.rstrip(".۔。") not in body, (code, kind, statement)


def test_a_language_with_no_word_lists_says_what_was_not_checked(server: ScriptedServer) -> None:
    pytest.importorskip("py3langid")
    dutch = (
        "De regering heeft het verdrag in maart niet ondertekend. Drie ministers reisden "
        "naar Genève. De onderhandelingen duren al maanden en er is nog geen akkoord."
    )
    brief = briefgen.generate_brief(dutch, base_url=server.base_url, model="m", cache=False)
    assert any("'nl'" in w and "negations" in w for w in brief.report.warnings), brief.report
    english = briefgen.generate_brief(
        "The talks went on. " * 5, base_url=server.base_url, model="m", cache=False
    )
    assert not any("word lists" in w for w in english.report.warnings)


@pytest.mark.parametrize(
    ("code", "cases", "reason"),
    [
        *((code, QUESTION_CASES, "only asked") for code in sorted(QUESTION_CASES)),
        *((code, CONDITION_CASES, "condition") for code in sorted(CONDITION_CASES)),
    ],
)
def test_what_the_article_only_asks_or_conditions_is_not_reported_as_fact(
    code: str, cases: dict[str, tuple[str, str, str]], reason: str
) -> None:
    framed, told, fact = cases[code]
    reasons = _told_not_lied(f"{framed} {told}", told, fact)
    assert any(reason in r for r in reasons), (code, reasons)


@pytest.mark.parametrize("code", sorted(BOUND_CASES))
def test_a_number_given_a_bound_the_article_does_not_imply_is_not_reported(code: str) -> None:
    article, told, lie, given = BOUND_CASES[code]
    reasons = _told_not_lied(f"{article} {told}", told, lie)
    assert any(f"is '{given}' in the cited sentences" in r for r in reasons), (code, reasons)


def _told_not_lied(article: str, told: str, lie: str) -> list[str]:
    """The memo of ``article`` from a server that gives ``told`` and ``lie``, its language
    told from the text: ``told`` is in it, ``lie`` is not; the reasons of what was dropped."""
    pytest.importorskip("py3langid")
    with ScriptedServer(responder=_lying([told, lie])) as server:
        brief = briefgen.generate_brief(
            article, base_url=server.base_url, model="m", cache=False, memo_language=None
        )
    body = brief.markdown.split("## Annex")[0]
    assert told.rstrip(".۔。") in body
    assert lie.rstrip(".۔。") not in body
    return [r.reason or "" for r in brief.report.dropped]


_FRAMED = (
    "If the talks collapse, the army will resume its offensive on the northern front. "
    "The rebels accused the army of shelling the refugee camp near Kessala. "
    "The government plans to close the border crossing at Torkham. "
    "The envoy failed to reach an agreement with the rebels. "
    "The foreign minister will visit Kabul next week. "
    "Some residents fled the town before the rebels arrived. "
    "Three ministers arrived in Geneva on Monday."
)
_LIFTED = [
    "The army will resume its offensive on the northern front.",
    "The army shelled the refugee camp near Kessala.",
    "The government closed the border crossing at Torkham.",
    "The envoy reached an agreement with the rebels.",
    "The foreign minister visited Kabul.",
    "All residents fled the town after the rebels arrived.",
]


def test_what_the_article_frames_is_not_reported_as_fact() -> None:
    # English only: frames are read in English (briefgen/grounding/frames.py).
    told = "Three ministers arrived in Geneva on Monday."
    kept = "The envoy did not reach an agreement with the rebels."
    with ScriptedServer(responder=_lying([told, kept, *_LIFTED])) as server:
        brief = briefgen.generate_brief(_FRAMED, base_url=server.base_url, model="m", cache=False)
    body = brief.markdown.split("## Annex")[0]
    assert told.rstrip(".") in body and kept.rstrip(".") in body
    for lie in _LIFTED:
        assert lie.rstrip(".") not in body, lie
    reasons = " ".join(r.reason or "" for r in brief.report.dropped)
    for kind in ("condition", "claim", "plan", "failed", "still to come", "is 'before'"):
        assert kind in reasons, (kind, reasons)
