"""Quotes go in the mouth the article puts them in, never in the mouth of someone the
quotation talks about, a distant name, a phrase across a sentence end or a book title."""

from __future__ import annotations

import pytest

from briefgen.grounding.attribution import attribute
from briefgen.grounding.grounder import Grounder
from briefgen.ingest.article import Article
from briefgen.memo.items import Quote


def _quote(text: str, speaker: str) -> Quote:
    return Quote(speaker=speaker, text=text, source="named", sentence_ids=["S1"])


def _ground(text: str, quote: str, speaker: str) -> tuple[str | None, str | None]:
    grounder = Grounder(Article.from_text(text))
    [kept] = grounder.ground_quotes([_quote(quote, speaker)])
    [record] = grounder.records
    return kept.speaker, record.reason


def _attribution(text: str, quote: str) -> str | None:
    doc = Article.from_text(text)
    start = doc.text.index(quote)
    return attribute(doc, start, start + len(quote)).speaker


def test_a_name_inside_the_quotation_is_not_its_speaker(seed_text: str) -> None:
    quote = "He (Mr Tillerson) will be told"
    speaker, reason = _ground(seed_text, quote, "Mr Tillerson")
    assert speaker == "an official"
    assert reason is not None and "Mr Tillerson" in reason and "said-clause" in reason


def test_the_models_spelling_stands_when_it_is_the_same_actor() -> None:
    text = "“We will not go,” Khawaja Asif said on Tuesday."
    assert _ground(text, "We will not go", "Mr Asif") == ("Mr Asif", None)


def test_a_real_person_named_far_away_does_not_get_the_quote() -> None:
    text = (
        "Prime Minister Ayesha Rahman opened the session in the morning.\n"
        "Talks went on all day.\n"
        "Delegates ate lunch.\n"
        "Late in the evening a banner read “we will not be moved by threats”."
    )
    speaker, reason = _ground(text, "we will not be moved by threats", "Ayesha Rahman")
    assert speaker is None
    assert reason is not None and "Ayesha Rahman" in reason and "unattributed" in reason


def test_a_speaker_named_outside_the_marks_in_the_same_sentence_stands() -> None:
    text = "In a statement on Monday, Omar Haddad called the plan “a betrayal of the region”."
    assert _ground(text, "a betrayal of the region", "Omar Haddad") == ("Omar Haddad", None)


def test_a_speaker_never_runs_across_a_sentence_end() -> None:
    text = (
        "“Pay will rise in the spring,” wrote the managers. Staff on short-term contracts "
        "were not told."
    )
    assert _attribution(text, "Pay will rise in the spring,") == "the managers"


def test_a_book_title_is_not_a_speaker() -> None:
    text = (
        "Gilley, author of the 2017 article “The Case for Colonialism,” argued that the "
        "empire was benevolent."
    )
    speaker, _ = _ground(text, "The Case for Colonialism", "The Case")
    assert speaker is None


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            "This, according to Tahir Della, does nothing. “We just have to look,” he said.",
            "We just have to look,",
            "Tahir Della",
        ),
        (
            "Brad Pitt won. “It was a difficult part,” quipped Pitt of his role.",
            "It was a difficult part,",
            "Pitt",
        ),
        (
            "The talks broke up. “It is over,” she said.",
            "It is over,",
            None,  # no one is named before it: left unattributed
        ),
        (
            "Maria Lopez met Ahmed Karim. “It went well,” he said.",
            "It went well,",
            None,  # two people: the pronoun is not plain
        ),
        (
            "Speaking through an interpreter, Mr Bong added: “We are part of the race.”",
            "We are part of the race.",
            "Mr Bong",
        ),
    ],
)
def test_pronouns_resolve_only_where_the_article_makes_it_plain(
    text: str, quote: str, expected: str | None
) -> None:
    assert _attribution(text, quote) == expected


def test_a_quotation_continued_in_the_next_sentence_keeps_its_speaker() -> None:
    text = "“We will fight on,” the minister said. “We will not give up.” Aides nodded."
    assert _attribution(text, "We will not give up.") == "the minister"


def test_the_reason_is_recorded_for_every_change(seed_text: str) -> None:
    grounder = Grounder(Article.from_text(seed_text))
    grounder.ground_quotes([_quote("It would also be conveyed to Mr Tillerson", "Mr Tillerson")])
    [record] = grounder.records
    assert record.status == "amended"
    assert "one official" in (record.reason or "") or "article does" in (record.reason or "")
