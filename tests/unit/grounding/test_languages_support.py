"""The support check in the article's own language: a dropped negation, a swapped month
and a changed number word are caught in every language with word lists, and the
faithful sentence still passes. Each lie below passed the check when it read every text
as English."""

from __future__ import annotations

import pytest
from language_cases import CASES

from briefgen.grounding.names import name_occurs
from briefgen.grounding.support import check_support
from briefgen.ingest.article import Article
from briefgen.text.languages import claim_words

_REASONS = {"negation": "negates", "month": "date", "number": "number"}


def _article(text: str, language: str) -> Article:
    return Article.from_text(text).model_copy(update={"language": language})


@pytest.mark.parametrize(
    ("language", "statement", "kind"),
    [(code, s, kind) for code, (_, items) in CASES.items() for s, kind in items],
)
def test_a_lie_in_the_articles_language_is_caught_and_the_faithful_line_passes(
    language: str, statement: str, kind: str
) -> None:
    result = check_support(statement, _article(CASES[language][0], language))
    if kind == "faithful":
        assert result.supported, result
    else:
        assert not result.supported, result
        assert _REASONS[kind] in (result.reason or ""), result.reason


def test_every_language_here_has_its_word_lists() -> None:
    for code in CASES:
        words = claim_words(code)
        assert words is not None and words.negators and len(set(words.months.values())) == 12


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_language_of_each_article_is_identified(code: str) -> None:
    pytest.importorskip("py3langid")
    text, items = CASES[code]
    longer = " ".join([text, *(s for s, kind in items if kind == "faithful")] * 2)
    assert Article.from_text(longer).language == code


def test_a_decimal_comma_is_read_as_one_and_either_point_as_the_text_means() -> None:
    doc = _article("Die Kosten lagen bei 1,5 Milliarden Euro, für 3.800 Menschen.", "de")
    assert check_support("Die Kosten lagen bei 1,5 Milliarden Euro.", doc).supported
    assert check_support("Die Kosten lagen bei 1.5 Milliarden Euro.", doc).supported
    assert not check_support("Die Kosten lagen bei 2,5 Milliarden Euro.", doc).supported
    assert check_support(
        "Die Kosten lagen bei 1,5 Milliarden Euro für 3.800 Menschen.", doc
    ).supported
    assert not check_support(
        "Die Kosten lagen bei 1,5 Milliarden Euro für 3.900 Menschen.", doc
    ).supported


def test_german_nouns_are_not_taken_for_names_the_article_lacks() -> None:
    doc = _article("Der Zug stand am Bahnhof. Die Reisenden warteten auf dem Bahnsteig.", "de")
    result = check_support("Die Reisenden warteten auf dem Bahnsteig am Gleis.", doc)
    assert "name" not in (result.reason or ""), result.reason


def test_french_sept_is_seven_not_september() -> None:
    doc = _article("Sept ministres sont arrivés lundi à Genève.", "fr")
    assert not check_support("Huit ministres sont arrivés lundi à Genève.", doc).supported
    assert check_support("Sept ministres sont arrivés lundi à Genève.", doc).supported
    assert not check_support("Sept ministres sont arrivés mardi à Genève.", doc).supported


def test_english_reads_as_it_did() -> None:
    doc = Article.from_text("The minister did not sign the deal in March. Three envoys left.")
    assert doc.language == "en"
    assert not check_support("The minister signed the deal in March.", doc).supported
    assert not check_support("The minister did not sign the deal in April.", doc).supported
    assert check_support("The minister did not sign the deal in March.", doc).supported


def test_an_invented_name_is_caught_in_german_where_every_noun_has_a_capital() -> None:
    doc = _article(
        "Die Rede von Friedrich Merz im Bundestag wurde von vielen Abgeordneten gelobt.", "de"
    )
    assert check_support(
        "Die Rede von Friedrich Merz im Bundestag wurde von vielen Abgeordneten gelobt.", doc
    ).supported
    for lie in ("Olaf Scholz", "Friedrich Scholz"):
        result = check_support(f"Die Rede von {lie} im Bundestag wurde gelobt.", doc)
        assert not result.supported and lie in (result.reason or ""), result


def test_a_name_in_another_alphabet_is_checked_in_its_cases() -> None:
    doc = _article("Слова Лотара Маттеуса вызвали споры в Мюнхене. Тренер ответил.", "ru")
    assert check_support("Лотар Маттеус вызвал споры в Мюнхене.", doc).supported
    result = check_support("Слова Ивана Петрова вызвали споры в Мюнхене.", doc)
    assert not result.supported and "Ивана Петрова" in (result.reason or ""), result


def test_a_declined_finnish_name_is_the_name() -> None:
    doc = _article("Pääministeri Sanna Marinin mukaan hallitus jatkaa neuvotteluja.", "fi")
    result = check_support("Pääministeri Sanna Marinin mukaan hallitus jatkaa neuvotteluja.", doc)
    assert result.supported
    assert name_occurs("Sanna Marin", doc)
    assert not name_occurs("Sanna Mari", doc)
