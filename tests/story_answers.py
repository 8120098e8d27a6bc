"""Canned single-pass answers for the three reports of tests/story_articles.py, as a
competent model writes them: each item copies the words of the sentence it cites.

The second answer lists again, as a development, the opening of the talks that the first
memo already reported (the article tells it as background): a memo made since the first
must move it out of the news.
"""

from __future__ import annotations

import copy
from typing import Any

Json = dict[str, Any]


def _actor(name: str, kind: str, title: str | None, affiliation: str | None, sid: str) -> Json:
    return {
        "name": name,
        "kind": kind,
        "title": title,
        "affiliation": affiliation,
        "sentence_ids": [sid],
    }


def _event(what: str, when: str | None, who: list[str], sid: str) -> Json:
    return {"what": what, "when": when, "where": "Port Selim", "who": who, "sentence_ids": [sid]}


def _fact(text: str, sid: str) -> Json:
    return {"fact": text, "sentence_ids": [sid]}


def _said(text: str, sid: str) -> Json:
    return {"text": text, "sentence_ids": [sid]}


def _empty_lists() -> Json:
    return {"allegations": [], "agenda_items": []}


FIRST: Json = {
    "extraction": {
        "actors": [
            _actor("Hamid al-Nour", "person", "head of the army delegation", "Darvan army", "S4"),
            _actor("Yusra Maalouf", "person", "political adviser", "Rapid Guard", "S6"),
            _actor("United Nations", "organisation", None, None, "S3"),
            _actor("Rapid Guard", "armed_group", None, None, "S2"),
        ],
        "positions": [
            {
                "party": "al-Nour",
                "stance": "The army would not accept any deal that left the Rapid Guard in "
                "control of cities.",
                "sentence_ids": ["S4"],
            },
            {
                "party": "Maalouf",
                "stance": "The group supported a nationwide truce to allow aid convoys to move.",
                "sentence_ids": ["S7"],
            },
        ],
        "events": [
            _event(
                "Delegations of the Darvan army and the Rapid Guard opened ceasefire talks in "
                "Port Selim.",
                "Tuesday",
                ["Rapid Guard"],
                "S2",
            ),
        ],
        "quotes": [
            {
                "speaker": "al-Nour",
                "text": "We came to talk, but we will not sign away our country,",
                "source": "named",
                "sentence_ids": ["S5"],
            }
        ],
        "key_facts": [
            _fact(
                "The United Nations says 8 million people have been displaced by the fighting.",
                "S3",
            ),
            _fact(
                "Aid agencies say 3 million people face acute hunger in the western provinces.",
                "S8",
            ),
        ],
        **_empty_lists(),
    },
    "memo": {
        "subject": _said("Darvan ceasefire talks open in Port Selim", "S1"),
        "bluf": [
            _said(
                "Delegations of the Darvan army and the Rapid Guard opened ceasefire talks in "
                "Port Selim on Tuesday.",
                "S2",
            ),
            _said(
                "The United Nations says 8 million people have been displaced by the fighting.",
                "S3",
            ),
        ],
        "background": [
            _said(
                "The talks are hosted by the government of Kesh and are expected to last a week.",
                "S9",
            ),
        ],
        "outlook": [],
        "information_gaps": ["Will the Rapid Guard accept a truce that leaves cities contested?"],
    },
}

SECOND: Json = {
    "extraction": {
        "actors": [
            _actor(
                "Rashid Osman Kabbar", "person", "head of the army delegation", "Darvan army", "S3"
            ),
            _actor("Hamid al-Nour", "person", None, None, "S2"),
            _actor("Yusra Maalouf", "person", "Rapid Guard adviser", "Rapid Guard", "S7"),
            _actor("United Nations", "organisation", None, None, "S5"),
        ],
        "positions": [
            {
                "party": "Kabbar",
                "stance": "The army was ready to discuss a truce limited to the western provinces.",
                "sentence_ids": ["S3"],
            },
            {
                "party": "Maalouf",
                "stance": (
                    "The group still supported a nationwide truce to allow aid convoys to move."
                ),
                "sentence_ids": ["S7"],
            },
        ],
        "events": [
            _event(
                "The Darvan army recalled General Hamid al-Nour from the ceasefire talks and sent "
                "General Rashid Osman Kabbar in his place.",
                "Monday",
                ["Hamid al-Nour", "Rashid Osman Kabbar"],
                "S2",
            ),
            _event(
                "Delegations of the army and the Rapid Guard opened the talks in Port Selim.",
                "last Tuesday",
                ["Rapid Guard"],
                "S6",
            ),
            _event(
                "Mediators from Kesh presented a draft map of the truce lines to both delegations.",
                "Monday evening",
                [],
                "S9",
            ),
        ],
        "quotes": [
            {
                "speaker": "Kabbar",
                "text": (
                    "A truce in the west can save lives, and we are ready to sign one this week,"
                ),
                "source": "named",
                "sentence_ids": ["S4"],
            }
        ],
        "key_facts": [
            _fact(
                "9 million people have now been displaced by the fighting, "
                "the United Nations said.",
                "S5",
            ),
            _fact(
                "Aid agencies say 3 million people face acute hunger in the western provinces.",
                "S8",
            ),
        ],
        **_empty_lists(),
    },
    "memo": {
        "subject": _said(
            "Darvan army names new negotiator as Port Selim talks enter second week", "S1"
        ),
        "bluf": [
            _said(
                "The Darvan army recalled General Hamid al-Nour and sent General Rashid Osman "
                "Kabbar in his place.",
                "S2",
            ),
            _said(
                "General Rashid Osman Kabbar said the army was ready to discuss a truce limited to "
                "the western provinces.",
                "S3",
            ),
        ],
        "background": [],
        "outlook": [],
        "information_gaps": ["Will the Rapid Guard accept a truce limited to the west?"],
    },
}

THIRD: Json = {
    "extraction": {
        "actors": [
            _actor("Kabbar", "person", None, None, "S3"),
            _actor("Yusra Maalouf", "person", None, None, "S4"),
            _actor("United Nations", "organisation", None, None, "S5"),
        ],
        "positions": [],
        "events": [
            _event(
                "The Darvan army and the Rapid Guard signed a truce covering "
                "the western provinces.",
                "Monday",
                ["Rapid Guard"],
                "S2",
            ),
            _event("The truce would take effect at midnight on Wednesday.", "Wednesday", [], "S3"),
        ],
        "quotes": [
            {
                "speaker": "Yusra Maalouf",
                "text": "This is a first step, not the last one,",
                "source": "named",
                "sentence_ids": ["S4"],
            }
        ],
        "key_facts": [
            _fact(
                "The United Nations says 9.5 million people have now been "
                "displaced by the fighting.",
                "S5",
            ),
            _fact(
                "Aid agencies say 3 million people face acute hunger in the western provinces.",
                "S6",
            ),
        ],
        **_empty_lists(),
    },
    "memo": {
        "subject": _said("Darvan truce signed for the western provinces", "S1"),
        "bluf": [
            _said(
                "The Darvan army and the Rapid Guard signed a truce covering "
                "the western provinces.",
                "S2",
            ),
        ],
        "background": [],
        "outlook": [],
        "information_gaps": ["Will the truce hold beyond the western provinces?"],
    },
}


def answers() -> list[Json]:
    """The three answers, in story order (fresh copies)."""
    return [copy.deepcopy(a) for a in (FIRST, SECOND, THIRD)]


def report(number: int) -> Any:
    """Report ``number`` (1 to 3) as an ``Article`` with its publication time."""
    from story_articles import PUBLISHED_1, PUBLISHED_2, PUBLISHED_3, REPORT_1, REPORT_2, REPORT_3

    from briefgen import Article

    text = (REPORT_1, REPORT_2, REPORT_3)[number - 1]
    return Article.from_text(text, published=(PUBLISHED_1, PUBLISHED_2, PUBLISHED_3)[number - 1])


def memo(number: int, **settings: Any) -> Any:
    """The memo of report ``number`` (1 to 3), its model a function answering with the
    canned answer; ``settings`` go to ``generate_brief`` (``since=``, ``story=`` ...)."""
    import json

    from story_articles import MEMO_DATE_1, MEMO_DATE_2, MEMO_DATE_3

    import briefgen

    answer = answers()[number - 1]
    backend = briefgen.FunctionBackend(lambda request: json.dumps(answer))
    settings.setdefault("memo_date", (MEMO_DATE_1, MEMO_DATE_2, MEMO_DATE_3)[number - 1])
    settings.setdefault("cache", False)
    return briefgen.generate_brief(report(number), client=backend, **settings)
