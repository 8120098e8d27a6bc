"""The figures of an article skip the sentences with no digit and no number word: the
claim reader finds no quantity in any of them (so no figure is lost)."""

from __future__ import annotations

import pytest
from repo_paths import EXAMPLES

from briefgen.grounding.changes._digest import may_count
from briefgen.grounding.claims import read_claim
from briefgen.ingest.article import Article

_TRICKY = [
    "Twenty-five people were hurt.",
    "A million people fled.",
    "a dozen trucks waited",
    "They counted ４２ bodies.",  # a full-width digit
    "Scores were killed, officials said.",
    "The fifth round of talks opened.",
    "Only one of them spoke.",
    "Ninety percent voted yes.",
    "The ceasefire collapsed on Friday.",
    "Hundreds marched in the capital.",
    "Prices have tripled since the fighting began.",
    "“Zero tolerance,” the minister said.",
    "Onetime allies met again.",
    "事故造成三万人流离失所。",  # Han numerals with a scale, read in any language
    "损失达一亿五千万元。",
]


@pytest.mark.parametrize("text", _TRICKY)
def test_a_sentence_skipped_holds_no_quantity(text: str) -> None:
    assert may_count(text) or not read_claim(text).quantities


def test_no_sentence_of_the_examples_with_a_quantity_is_skipped() -> None:
    sentences = [
        s.text
        for path in sorted(EXAMPLES.glob("articles/*.txt"))
        for s in Article.from_text(path.read_text(encoding="utf-8")).sentences
    ]
    assert sentences
    assert [t for t in sentences if not may_count(t) and read_claim(t).quantities] == []
    assert any(not may_count(t) for t in sentences)  # it does skip some


def test_numbers_are_not_skipped() -> None:
    assert may_count("12 people died") and may_count("twenty trucks") and may_count("a million")
    assert not may_count("The talks resumed in the capital.")
