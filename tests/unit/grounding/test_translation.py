"""A translation of a checked memo line is shown only when it says what the line says:
its numbers, dates, negation and names, each side read in its own language."""

from __future__ import annotations

import pytest

from briefgen.grounding.translation import check_translation

ARTICLE = (
    "Die Regierung hat den Vertrag am 3. März nicht unterzeichnet. Drei Minister reisten "
    "nach Genf. Kanzler Merz äußerte sich nicht. Die Kosten liegen bei 1 Billion Euro."
)


def _check(line: str, translated: str, source: str = "de") -> tuple[str | None, tuple[str, ...]]:
    found = check_translation(line, translated, source=source, target="en", article=ARTICLE)
    return found.problem, found.unchecked_names


def test_a_faithful_translation_passes_with_its_number_words_and_month_read_in_each_language() -> (
    None
):
    problem, _ = _check(
        "Die Regierung hat den Vertrag am 3. März nicht unterzeichnet.",
        "The government did not sign the treaty on 3 March.",
    )
    assert problem is None
    assert _check("Drei Minister reisten nach Genf.", "Three ministers went to Geneva.")[0] is None


@pytest.mark.parametrize(
    ("translated", "said"),
    [
        ("The government signed the treaty on 3 March.", "negation"),
        ("The government did not sign the treaty on 3 April.", "dates"),
        ("The government did not sign the treaty on 4 March.", "number"),
        ("The government did not sign the treaty on 3 March with two allies.", "number"),
    ],
)
def test_a_translation_that_changes_what_the_line_says_is_refused(
    translated: str, said: str
) -> None:
    problem, _ = _check("Die Regierung hat den Vertrag am 3. März nicht unterzeichnet.", translated)
    assert problem is not None and said in problem, problem


def test_a_german_billion_is_a_trillion_in_english() -> None:
    line = "Die Kosten liegen bei 1 Billion Euro."
    assert _check(line, "The costs are 1 trillion euros.")[0] is None
    assert "number" in (_check(line, "The costs are 1 billion euros.")[0] or "")


def test_a_name_the_article_gives_elsewhere_is_a_swap_and_an_exonym_is_listed_unchecked() -> None:
    problem, _ = _check(
        "Drei Minister reisten nach Genf.", "Three ministers and Merz went to Geneva."
    )
    assert problem is not None and "merz" in problem.lower()
    problem, unchecked = _check(
        "Drei Minister reisten nach Genf.", "Three ministers went to Geneva."
    )
    assert problem is None and unchecked == ("geneva",)


def test_names_in_another_script_are_not_looked_up_but_numbers_still_are() -> None:
    article = "三名部长抵达日内瓦。"
    ok = check_translation(
        article, "Three ministers arrived in Geneva.", source="zh", target="en", article=article
    )
    assert ok.problem is None and "geneva" in ok.unchecked_names
    wrong = check_translation(
        article, "Five ministers arrived in Geneva.", source="zh", target="en", article=article
    )
    assert wrong.problem is not None and "number" in wrong.problem
