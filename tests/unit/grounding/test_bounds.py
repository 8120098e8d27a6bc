"""A number's bound: a statement may not add one its evidence lacks ("20" -> "more than
20") or turn one round ("up to 500" -> "at least 500"); one dropped ("at least 20" ->
"20") only lowers its score, as a dropped hedge does; an approximate one rests on any."""

from __future__ import annotations

import pytest

from briefgen.grounding.support import check_cited
from briefgen.ingest.article import Article
from briefgen.text.languages import parse_bounds

_TAIL = " Officials declined to comment on the matter."


def _checked(evidence: str, statement: str, language: str | None = None) -> tuple[bool, float, str]:
    article = Article.from_text(evidence + _TAIL)
    if language is not None:
        article = article.model_copy(update={"language": language})
    result = check_cited(statement, [article.sentences[0]], article)
    return result.supported, result.score, result.reason or ""


@pytest.mark.parametrize(
    ("evidence", "statement", "shown"),
    [
        (
            "The attack killed 20 people in the market.",
            "The attack killed more than 20 people in the market.",
            "'more than 20' is '20'",
        ),
        (
            "Up to 500 jobs could go at the plant.",
            "At least 500 jobs could go at the plant.",
            "'at least 500' is 'up to 500'",
        ),
        (
            "Nearly 300 protesters were arrested in the capital.",
            "Over 300 protesters were arrested in the capital.",
            "'over 300' is 'nearly 300'",
        ),
        (
            # "over" before a span of time is "during"; "under" is a bound all the same.
            "The company grew for 20 years in the region.",
            "The company grew under 20 years in the region.",
            "'under 20' is '20'",
        ),
        (
            "The fund holds 40 million dollars for the reconstruction.",
            "The fund holds over $40 million for the reconstruction.",
            "is '40 million'",
        ),
    ],
)
def test_a_bound_added_or_turned_round_is_not_supported(
    evidence: str, statement: str, shown: str
) -> None:
    supported, _, reason = _checked(evidence, statement)
    assert not supported
    assert shown in reason


@pytest.mark.parametrize(
    ("evidence", "statement"),
    [
        # Weaker than the evidence, or the same bound in other words.
        (
            "The attack killed 20 people in the market.",
            "The attack killed at least 20 people in the market.",
        ),
        (
            "More than 300 people were arrested in the capital.",
            "Over 300 people were arrested in the capital.",
        ),
        (
            "The attack killed 20 people in the market.",
            "The attack killed about 20 people in the market.",
        ),
        ("About 20 people were killed in the market.", "Some 20 people were killed in the market."),
        # "over 20 years" is a span of time, not more than twenty of them.
        (
            "The company grew for 20 years in the region.",
            "The company grew over 20 years in the region.",
        ),
        # A date's bound is a time: "until" a day is not "up to" a number.
        (
            "The troops will stay until March 5 in the region.",
            "The troops will stay in the region on March 5.",
        ),
    ],
)
def test_a_bound_the_evidence_implies_is_supported(evidence: str, statement: str) -> None:
    supported, _, reason = _checked(evidence, statement)
    assert supported, reason


def test_a_bound_dropped_lowers_the_score_as_a_dropped_hedge_does() -> None:
    kept = _checked(
        "At least 20 people were killed in the market.",
        "At least 20 people were killed in the market.",
    )
    dropped = _checked(
        "At least 20 people were killed in the market.", "20 people were killed in the market."
    )
    assert kept[0] and dropped[0]  # people who judge summaries mostly accept it
    assert dropped[1] == pytest.approx(kept[1] * 0.8)


@pytest.mark.parametrize(
    ("language", "evidence", "statement"),
    [
        (
            "de",
            "Bei dem Angriff wurden 20 Menschen getötet.",
            "Bei dem Angriff wurden über 20 Menschen getötet.",
        ),
        (
            "fr",
            "Jusqu'à 500 emplois pourraient disparaître.",
            "Au moins 500 emplois pourraient disparaître.",
        ),
        (
            "es",
            "El ataque mató a 20 personas en el mercado.",
            "El ataque mató a más de 20 personas en el mercado.",
        ),
        (
            "ru",
            "При нападении погибли почти 20 человек.",
            "При нападении погибли более 20 человек.",
        ),
        ("uk", "Внаслідок нападу загинули 20 людей.", "Внаслідок нападу загинули понад 20 людей."),
        # Read in pairs of characters, as the text is: "少なくとも" is four pairs.
        ("zh", "袭击造成20人死亡。", "袭击造成超过20人死亡。"),
        ("ja", "攻撃で最大20人が死亡した。", "攻撃で少なくとも20人が死亡した。"),
    ],
)
def test_bounds_are_read_in_each_language_with_word_lists(
    language: str, evidence: str, statement: str
) -> None:
    supported, _, reason = _checked(evidence, statement, language)
    assert not supported
    assert "0' is '" in reason and "' in the cited sentences" in reason, reason


def test_a_kind_of_bound_that_is_none_is_refused() -> None:
    with pytest.raises(ValueError, match="not a kind of bound"):
        parse_bounds("most: at most")
