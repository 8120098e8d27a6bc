"""Issue 7: a memo made from a lying answer contains none of the lies, and the report names
each; grounding modes; attribution as the article gives it; estimative language."""

from __future__ import annotations

import copy
from typing import Any

from scripted_server import ScriptedServer, completion

import briefgen
from briefgen import Brief

# Written for these tests (not news): numbers, a date, named and anonymous speakers.
ARTICLE = """Border talks end with troop deal
Kesh: The two governments agreed on Monday to withdraw 50 troops from the border post at Kesh.
“We will not accept any new checkpoints,” Foreign Minister Amal Rahimi said after the talks.
Officials said the next round of talks would open on 20 October in Geneva.
“The deal is fragile and could collapse within weeks,” an official said.
The agreement also covers $5,000,000 in reconstruction aid for the border villages."""

S = {"title": "S1", "troops": "S2", "rahimi": "S3", "geneva": "S4", "fragile": "S5", "aid": "S6"}


def _statement(text: str, *ids: str) -> dict[str, Any]:
    return {"text": text, "sentence_ids": list(ids)}


HONEST: dict[str, Any] = {
    "extraction": {
        "actors": [
            {
                "name": "Amal Rahimi",
                "kind": "person",
                "title": "Foreign Minister",
                "affiliation": None,
                "sentence_ids": [S["rahimi"]],
            }
        ],
        "positions": [],
        "events": [
            {
                "what": (
                    "The governments agreed to withdraw 50 troops from the border post at Kesh."
                ),
                "when": "Monday",
                "where": "Kesh",
                "who": [],
                "sentence_ids": [S["troops"]],
            },
            {
                "what": "The next round of talks opens on Oct 20 in Geneva.",
                "when": "Oct 20",
                "where": "Geneva",
                "who": [],
                "sentence_ids": [S["geneva"]],
            },
        ],
        "quotes": [
            {
                "speaker": "Amal Rahimi",
                "text": "We will not accept any new checkpoints,",
                "source": "named",
                "sentence_ids": [S["rahimi"]],
            }
        ],
        "allegations": [],
        "key_facts": [
            {
                "fact": "The agreement covers $5 million in reconstruction aid.",
                "sentence_ids": [S["aid"]],
            }
        ],
        "agenda_items": [],
    },
    "memo": {
        "subject": _statement("Border talks end with troop deal", S["title"]),
        "bluf": [_statement("The two governments agreed to withdraw 50 troops.", S["troops"])],
        "background": [],
        "outlook": [
            {
                "text": "The next round of talks will open in Geneva.",
                "likelihood": "likely",
                "sentence_ids": [S["geneva"]],
            }
        ],
        "information_gaps": [],
    },
}

INVENTED_QUOTE = "We will crush any incursion without mercy"
INVENTED_SPEAKER = "General Ayub Qureshi"


def _lying_answer() -> dict[str, Any]:
    answer = copy.deepcopy(HONEST)
    ex = answer["extraction"]
    ex["quotes"] += [
        # Invented quote, given to a real person.
        {
            "speaker": "Amal Rahimi",
            "text": INVENTED_QUOTE,
            "source": "named",
            "sentence_ids": [S["rahimi"]],
        },
        # Real quote, given to a speaker the article never mentions.
        {
            "speaker": INVENTED_SPEAKER,
            "text": "The deal is fragile and could collapse within weeks",
            "source": "named",
            "sentence_ids": [S["fragile"]],
        },
        # A near quote: words changed, so not verbatim.
        {
            "speaker": "an official",
            "text": "The deal is fragile and might collapse in weeks",
            "source": "anonymous",
            "sentence_ids": [S["fragile"]],
        },
    ]
    ex["events"].append(
        {
            "what": "The governments agreed to withdraw 500 troops from the border post.",
            "when": None,
            "where": None,
            "who": [],
            "sentence_ids": [S["troops"]],
        }
    )
    ex["key_facts"].append(
        {"fact": "Reconstruction aid will reach the border villages.", "sentence_ids": ["S40"]}
    )
    answer["memo"]["bluf"].append(
        _statement("The governments agreed to withdraw 500 troops from Kesh.", S["troops"])
    )
    answer["memo"]["outlook"].append(
        {
            "text": "We assess with high confidence that the deal will probably collapse.",
            "likelihood": "likely",
            "sentence_ids": [S["fragile"]],
        }
    )
    return answer


def _brief(server: ScriptedServer, answer: dict[str, Any], **settings: Any) -> Brief:
    server.push(completion(answer))
    return briefgen.generate_brief(ARTICLE, base_url=server.base_url, model="m", **settings)


def test_honest_answer_is_kept_with_values_written_differently(server: ScriptedServer) -> None:
    brief = _brief(server, HONEST)
    # The outlook line repeats a development: the memo prints it once, nothing else goes.
    [repeat] = brief.report.dropped
    assert repeat.kind == "outlook" and repeat.reason == "repeats Key development 2"
    assert "Oct 20" in brief.markdown  # "20 October" in the article
    assert [f.fact for f in brief.data.key_facts] == [  # "$5,000,000" in the article
        "The agreement covers $5 million in reconstruction aid."
    ]
    assert "“We will not accept any new checkpoints” — Amal Rahimi" in brief.markdown


def test_lies_never_reach_the_memo_and_the_report_names_each(server: ScriptedServer) -> None:
    brief = _brief(server, _lying_answer())
    memo = brief.markdown
    assert INVENTED_QUOTE not in memo
    assert "Qureshi" not in memo
    assert "500" not in memo
    assert "might collapse" not in memo
    assert "probably" not in memo and "high confidence" not in memo

    dropped = {r.text: r.reason or "" for r in brief.report.dropped}
    assert "not found" in dropped[INVENTED_QUOTE]
    assert "not a verbatim quote" in dropped["The deal is fragile and might collapse in weeks"]
    assert "500" in dropped["The governments agreed to withdraw 500 troops from the border post."]
    assert "500" in dropped["The governments agreed to withdraw 500 troops from Kesh."]
    assert "S40" in dropped["Reconstruction aid will reach the border villages."]
    estimative = dropped["We assess with high confidence that the deal will probably collapse."]
    assert "confidence" in estimative and "probably" in estimative

    # The real quote stays, attributed as the article attributes it; the report says so.
    assert "“The deal is fragile and could collapse within weeks” — an official" in memo
    amended = [r for r in brief.report.grounding if r.status == "amended" and r.kind == "quote"]
    assert any(INVENTED_SPEAKER in (r.reason or "") for r in amended)
    assert any("probably collapse" in f.text for f in brief.report.lint)


def test_flag_mode_keeps_unsupported_statements_marked(server: ScriptedServer) -> None:
    brief = _brief(server, _lying_answer(), grounding="flag")
    flagged = [r for r in brief.report.grounding if r.status == "flagged"]
    assert {r.text for r in flagged} >= {
        "The governments agreed to withdraw 500 troops from Kesh.",
        "We assess with high confidence that the deal will probably collapse.",
    }
    assert "\\[Unverified\\] The governments agreed to withdraw 500 troops" in brief.markdown
    # Invented quotes, speakers and sentence ids go in every mode.
    assert INVENTED_QUOTE not in brief.markdown and "Qureshi" not in brief.markdown
    assert brief.report.summary.flagged == len(flagged)


def test_off_mode_keeps_them_unmarked_but_reports_them(server: ScriptedServer) -> None:
    brief = _brief(server, _lying_answer(), grounding="off")
    assert "withdraw 500 troops from Kesh" in brief.markdown
    assert "Unverified" not in brief.markdown
    assert any(
        "grounding is off" in (r.reason or "") for r in brief.report.grounding if "500" in r.text
    )
    assert INVENTED_QUOTE not in brief.markdown


def test_paraphrase_allowed_becomes_reported_speech(server: ScriptedServer) -> None:
    answer = _lying_answer()
    quotes = answer["extraction"]["quotes"]
    answer["extraction"]["quotes"] = [q for q in quotes if q["speaker"] != INVENTED_SPEAKER]
    brief = _brief(server, answer, allow_paraphrase=True)
    reported = [q for q in brief.data.quotes if q.reported_speech]
    assert len(reported) == 1 and reported[0].match == "fuzzy"
    assert reported[0].speaker == "an official"
    # The article's words, never inside quotation marks.
    assert "an official said that The deal is fragile and could collapse" in brief.markdown
    assert "“The deal is fragile and could collapse within weeks” —" not in brief.markdown
    assert INVENTED_QUOTE not in brief.markdown


def test_paraphrase_of_a_quote_already_kept_is_not_repeated(server: ScriptedServer) -> None:
    brief = _brief(server, _lying_answer(), allow_paraphrase=True)
    assert not any(q.reported_speech for q in brief.data.quotes)
    dropped = {r.text: r.reason for r in brief.report.dropped}
    assert dropped["The deal is fragile and might collapse in weeks"] == (
        "repeats a quotation already in the memo"
    )


def test_advice_must_be_about_its_cited_sentences(server: ScriptedServer) -> None:
    answer = copy.deepcopy(HONEST)
    answer["memo"]["talking_points"] = [
        _statement("TheoDwjhMlk", S["troops"]),
        _statement("We welcome the agreement to withdraw troops from Kesh.", S["troops"]),
        _statement("We will raise fishing quotas and tariffs on steel imports.", S["troops"]),
        # Values written differently from the article pass; changed ones do not.
        _statement("We welcome the $5 million in reconstruction aid for the villages.", S["aid"]),
        _statement("We look forward to the talks in Geneva on Oct 21.", S["geneva"]),
    ]
    brief = _brief(server, answer, style="talking-points")
    assert [t.text for t in brief.data.talking_points] == [
        "We welcome the agreement to withdraw troops from Kesh.",
        "We welcome the $5 million in reconstruction aid for the villages.",
    ]
    dropped = {r.text: r.reason or "" for r in brief.report.dropped}
    assert "too short" in dropped["TheoDwjhMlk"]
    assert (
        "cited sentences" in dropped["We will raise fishing quotas and tariffs on steel imports."]
    )
