"""Who speaks a quotation in the article's own language: the speaker the sentence gives
is read in every language with attribution patterns; an outlet or a place named there is
never the speaker; a pronoun, two speakers joined, or a verb of speech whose subject is
not plain give none. The cases are short sentences in ``tests/language_cases.py``; before
these patterns every one of them came out unattributed."""

from __future__ import annotations

import pytest
from language_cases import CASES, SPEAKER_CASES

from briefgen.grounding.attribution import attribute
from briefgen.ingest.article import Article
from briefgen.text.languages import speech
from briefgen.text.quotations import quotations
from briefgen.text.speakers import reading_language


def _speaker(text: str, first: str, language: str) -> str | None:
    article = Article.from_text(text).model_copy(update={"language": language})
    start, end = next(
        (s, e) for s, e in quotations(article.text) if article.text[s:e].startswith(first)
    )
    return attribute(article, start, end).speaker


@pytest.mark.parametrize(
    ("language", "text", "first", "expected", "what"),
    [(code, *case) for code, cases in SPEAKER_CASES.items() for case in cases],
)
def test_the_speaker_is_read_in_the_articles_language_or_none(
    language: str, text: str, first: str, expected: str | None, what: str
) -> None:
    assert _speaker(text, first, language) == expected, what


def test_every_language_has_patterns_and_a_speaker_a_place_and_an_unsure_case() -> None:
    for code in [*CASES, "zh", "ja"]:
        patterns = speech(code)
        assert patterns is not None and patterns.verbs, code
        assert code in SPEAKER_CASES
        kinds = {what for *_, what in SPEAKER_CASES[code]}
        assert {"speaker", "place", "unsure"} <= kinds, code


def test_each_language_has_an_outlet_that_is_never_the_speaker() -> None:
    missing = [c for c, cases in SPEAKER_CASES.items() if not any(w == "outlet" for *_, w in cases)]
    assert missing == ["ur"]  # Urdu: the ergative "نے" is never written after an outlet here


def test_a_language_with_no_patterns_is_read_as_english_was() -> None:
    assert reading_language("nl") == "en"
    assert reading_language(None) == "en"
    assert reading_language("de") == "de"
    text = "“We will go,” Ann Lee said."
    dutch = Article.from_text(text).model_copy(update={"language": "nl"})
    start = dutch.text.index("We will")
    assert attribute(dutch, start, start + len("We will go,")).speaker == "Ann Lee"


def test_the_same_sentence_in_german_is_not_read_with_englishs_words() -> None:
    text = "„Wir gehen nicht“, sagte Anna Weber."
    article = Article.from_text(text).model_copy(update={"language": "de"})
    start = article.text.index("Wir")
    end = start + len("Wir gehen nicht")
    assert attribute(article, start, end).speaker == "Anna Weber"
    assert attribute(article, start, end, language="en").speaker is None


def test_a_quotation_that_is_its_own_sentence_continues_the_one_before() -> None:
    text = "„Ich freue mich sehr auf Leipzig“, so Emanuel Scobel. „Es ist eine große Aufgabe.“"
    assert _speaker(text, "Es ist", "de") == "Emanuel Scobel"
    # Inside a clause of its own, it does not: that clause names no speaker.
    text = (
        "„Ich freue mich sehr auf Leipzig“, so Emanuel Scobel. "
        "Die Stadt plant „eine große Aufgabe“ für ihn."
    )
    assert _speaker(text, "eine große", "de") is None


def test_an_according_to_speaks_only_for_the_quotation_it_stands_by() -> None:
    text = "« Comment faire ? » demande le texte, « une voix claire », selon Kriss Graffiti."
    assert _speaker(text, "une voix", "fr") == "Kriss Graffiti"
    assert _speaker(text, "Comment", "fr") is None
