"""A near quote is not a quote: strict mode drops it with the reason, on its own test."""

from __future__ import annotations

from briefgen.grounding.grounder import Grounder
from briefgen.ingest.article import Article
from briefgen.memo.items import Quote

TEXT = (
    "“We will never accept foreign troops on our soil, whatever the pressure,” the minister "
    "said on Tuesday."
)


def _near(grounder: Grounder) -> list[object]:
    # Two words changed, one dropped: most of it is in the article, in order.
    near = "We will never accept foreign soldiers on our land, whatever pressure"
    return list(
        grounder.ground_quotes(
            [Quote(speaker="the minister", text=near, source="named", sentence_ids=["S1"])]
        )
    )


def test_strict_mode_drops_a_near_quote_with_its_coverage() -> None:
    grounder = Grounder(Article.from_text(TEXT), mode="strict")
    assert _near(grounder) == []
    [record] = grounder.records
    assert record.status == "dropped"
    assert record.stage == "fuzzy"
    assert "not a verbatim quote" in (record.reason or "")
    assert record.start is not None and TEXT[record.start : record.end].startswith("We will")


def test_the_exact_quote_is_kept_in_strict_mode() -> None:
    grounder = Grounder(Article.from_text(TEXT), mode="strict")
    [kept] = grounder.ground_quotes(
        [
            Quote(
                speaker="the minister",
                text="We will never accept foreign troops on our soil",
                source="named",
                sentence_ids=["S1"],
            )
        ]
    )
    assert kept.match == "exact" and kept.speaker == "the minister"


_PERSIAN = (
    "وزیر خارجه گفت: «ما نمی\u200cخواهیم جنگ ادامه یابد و باید مذاکره کنیم.» "
    "این سخنان در تهران بیان شد."
)


def test_a_persian_quotation_keeps_its_zero_width_non_joiner_however_the_model_writes_it() -> None:
    doc = Article.from_text(_PERSIAN)
    assert "\u200c" in doc.text  # the article keeps its own spelling
    wanted = "ما نمی\u200cخواهیم جنگ ادامه یابد و باید مذاکره کنیم."
    for written in (wanted, wanted.replace("\u200c", "")):  # as the page has it, or not
        grounder = Grounder(doc, mode="strict")
        [kept] = grounder.ground_quotes(
            [Quote(speaker="وزیر خارجه", text=written, source="named", sentence_ids=["S1"])]
        )
        assert kept.text == wanted  # the article's characters, joiner included
