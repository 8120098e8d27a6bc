"""Chinese and Japanese text read for the support check: cut into pairs of characters,
with its months, weekdays, Han numerals and negators read as such."""

from __future__ import annotations

import pytest

from briefgen.grounding.claims import read_claim
from briefgen.grounding.support import check_support
from briefgen.ingest.article import Article
from briefgen.text.cjk import CjkWords, han_number, spaced


def _article(text: str, language: str) -> Article:
    return Article.from_text(text).model_copy(update={"language": language})


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("二十五", 25),
        ("三千五百", 3500),
        ("一亿五千万", 150_000_000),
        ("三万", 30_000),
        ("二〇二四", 2024),
        ("十", 10),
        ("十一", 11),
        ("两", 2),
    ],
)
def test_han_numerals_are_read_as_their_value(written: str, value: float) -> None:
    assert han_number(written) == value


def test_text_without_cjk_is_returned_as_it_came() -> None:
    text = "The minister did not sign the accord in March."
    assert spaced(text, CjkWords()) is text


def test_a_number_is_the_same_in_han_numerals_digits_and_with_a_scale() -> None:
    doc = _article("事故造成三万人流离失所，损失达1.5亿元。", "zh")
    assert check_support("事故造成3万人流离失所。", doc).supported
    assert check_support("损失达一亿五千万元。", doc).supported
    assert read_claim("损失达1.5亿元", "zh").quantities[0].values == {"150000000"}
    assert not check_support("事故造成四万人流离失所。", doc).supported


def test_a_lone_numeral_inside_a_word_is_not_a_number() -> None:
    claim = read_claim("双方同意统一行动，并讨论了一些问题。", "zh")
    assert claim.quantities == ()


def test_a_compound_that_holds_a_negator_does_not_negate() -> None:
    doc = _article("他不仅访问了北京，还访问了上海。", "zh")
    claim = read_claim("他不仅访问了北京", "zh")
    assert claim.negations == ()
    result = check_support("他访问了北京。", doc)
    assert result.supported, result


def test_weekdays_are_read_in_each_written_form() -> None:
    doc = _article("外长星期一抵达北京。", "zh")
    assert check_support("外长周一抵达北京。", doc).supported
    result = check_support("外长星期二抵达北京。", doc)
    assert not result.supported and "date" in (result.reason or "")


def test_an_invented_chinese_name_is_not_supported() -> None:
    doc = _article("钟南山院士说，疫情可防可控。专家组昨天抵达武汉。", "zh")
    assert check_support("钟南山院士说疫情可防可控。", doc).supported
    assert not check_support("李文亮院士说疫情可防可控。", doc).supported


def test_a_dropped_japanese_negation_is_caught_where_the_verb_ends_the_clause() -> None:
    doc = _article("外相は会談に出席しなかった。首相は北京を訪れた。", "ja")
    assert check_support("外相は会談に出席しなかった。", doc).supported
    result = check_support("外相は会談に出席した。", doc)
    assert not result.supported and "negat" in (result.reason or ""), result
