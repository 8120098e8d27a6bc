from __future__ import annotations

import pytest

from briefgen.extract.schema import Extraction
from briefgen.grounding.grounder import Grounder
from briefgen.grounding.names import name_occurs
from briefgen.grounding.support import check_cited
from briefgen.ingest.article import Article
from briefgen.memo.fields import MemoFields
from briefgen.memo.items import Event, KeyFact, Quote, Statement


@pytest.fixture
def article(seed_text: str) -> Article:
    return Article.from_text(seed_text)


def _quote(text: str, speaker: str = "an official", ids: list[str] | None = None) -> Quote:
    return Quote(speaker=speaker, text=text, source="anonymous", sentence_ids=ids or ["S11"])


def test_exact_quote_keeps_article_offsets(article: Article) -> None:
    grounder = Grounder(article)
    text = "only Pakistani security forces will conduct counterterrorism operations on its soil"
    [kept] = grounder.ground_quotes([_quote(text)])
    assert kept.match == "exact"
    assert article.text[kept.start : kept.end] == kept.text == text
    assert kept.sentence_ids == ["S11"]


def test_normalised_quote_is_shown_as_the_article_writes_it(article: Article) -> None:
    grounder = Grounder(article)
    sent = "IT WOULD ALSO be conveyed to Mr Tillerson that   Pakistan wants to promote relationship"
    [kept] = grounder.ground_quotes([_quote(sent, "one official")])
    assert kept.match == "normalised"
    assert kept.text == article.text[kept.start : kept.end]
    assert kept.text.startswith("It would also be conveyed")


def test_curly_and_straight_marks_and_dashes_normalise() -> None:
    article = Article.from_text("“We won’t accept it — never,” the minister said.")
    grounder = Grounder(article)
    [kept] = grounder.ground_quotes([_quote("We won't accept it - never", "the minister")])
    assert kept.text == "We won’t accept it — never"


def test_invented_quote_is_dropped_with_reason(article: Article) -> None:
    grounder = Grounder(article)
    assert grounder.ground_quotes([_quote("We will bomb the tribal areas tomorrow.")]) == []
    [record] = grounder.records
    assert record.status == "dropped" and record.reason == "not found in the article"


def test_words_outside_quotation_marks_are_not_a_quote(article: Article) -> None:
    grounder = Grounder(article)
    assert grounder.ground_quotes([_quote("Mr Tillerson is expected to visit Pakistan")]) == []
    assert "not inside quotation marks" in (grounder.records[0].reason or "")


def test_repeated_quote_maps_to_successive_occurrences() -> None:
    article = Article.from_text("“No deal,” he said. Later: “No deal,” she said.")
    grounder = Grounder(article)
    first, second = grounder.ground_quotes([_quote("No deal", "he"), _quote("No deal", "she")])
    assert first.start < second.start
    assert article.text[second.start : second.end] == "No deal"


def test_invented_speaker_loses_attribution_but_quote_stays(article: Article) -> None:
    grounder = Grounder(article)
    [kept] = grounder.ground_quotes([_quote("do more", "General Zia Karimov")])
    assert kept.speaker is None
    assert grounder.records[0].status == "amended"
    assert "General Zia Karimov" in (grounder.records[0].reason or "")


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Rex Tillerson", True),
        ("Mr Tillerson", True),
        ("Secretary Tillerson", True),
        ("United States", True),
        ("Khawaja Asif", True),
        ("an official", True),
        ("John Smith", False),
        ("Mr Smith", False),
        ("Vladimir Putin", False),
        ("China", False),
    ],
)
def test_names_and_aliases(article: Article, name: str, expected: bool) -> None:
    assert name_occurs(name, article) is expected


def test_citations_of_missing_sentences_are_removed_or_dropped(article: Article) -> None:
    grounder = Grounder(article)
    extraction = Extraction(
        actors=[],
        positions=[],
        quotes=[],
        allegations=[],
        agenda_items=[],
        events=[
            Event(
                what="Mr Tillerson is expected to visit Pakistan this week.",
                when=None,
                where=None,
                who=["Mr Tillerson"],
                sentence_ids=["S4", "S99"],
            ),
            Event(
                what="Talks on trade tariffs stalled again.",
                when=None,
                where=None,
                who=[],
                sentence_ids=["S404"],
            ),
        ],
        key_facts=[],
    )
    data = grounder.ground_extraction(extraction)
    assert [e.sentence_ids for e in data.developments] == [["S4"]]
    statuses = {(r.status, r.reason) for r in grounder.records}
    assert ("amended", "removed citation(s) of missing sentence(s) S99") in statuses
    assert ("dropped", "cites sentence id(s) S404 that do not exist") in statuses


def test_a_copied_sentence_with_a_wrong_citation_is_recited(article: Article) -> None:
    grounder = Grounder(article)
    extraction = Extraction(
        actors=[],
        positions=[],
        quotes=[],
        allegations=[],
        agenda_items=[],
        key_facts=[],
        events=[
            Event(
                what="The Pakistani side would stress the need for intelligence sharing.",
                when=None,
                where=None,
                who=[],
                sentence_ids=["S9", "S95"],
            ),
        ],
    )
    data = grounder.ground_extraction(extraction)
    assert data.developments[0].sentence_ids in (["S2"], ["S15"])
    [record] = grounder.records
    assert record.status == "amended" and "citation corrected" in (record.reason or "")


def test_changed_number_is_not_supported(article: Article) -> None:
    s8 = [article.sentence("S8")]
    assert check_cited("The Taliban regime was ousted in 2001.", s8, article).supported
    result = check_cited("The Taliban regime was ousted in 2011.", s8, article)
    assert not result.supported and "2011" in (result.reason or "")


def test_memo_statements_need_support(article: Article) -> None:
    grounder = Grounder(article)
    data = grounder.ground_extraction(
        Extraction(
            actors=[],
            positions=[],
            events=[],
            quotes=[],
            allegations=[],
            key_facts=[KeyFact(fact="Taliban ousted in 2001", sentence_ids=["S8"])],
            agenda_items=[],
        )
    )
    memo = MemoFields(
        subject=Statement(text="Pakistan not ready for joint action", sentence_ids=["S3"]),
        bluf=[
            Statement(
                text="Pakistan is not ready for joint action against the militants.",
                sentence_ids=["S3"],
            ),
            Statement(
                text="The weather in Lahore was sunny and pleasant for tourists.",
                sentence_ids=["S3"],
            ),
        ],
        background=[],
        outlook=[],
        information_gaps=["What will Angela Merkel say to this?"],
    )
    data = grounder.ground_memo(data, memo)
    assert [s.text for s in data.bluf] == [
        "Pakistan is not ready for joint action against the militants."
    ]
    assert data.information_gaps == []
    assert data.subject == "Pakistan not ready for joint action"
