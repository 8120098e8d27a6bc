"""Who holds a position, and items whose parts are one and the same.

A position's party is the subject its sentence gives (a "he" read as the one person it
can stand for), never the first place it mentions; an allegation whose accuser, target,
claim or denial coincide is dropped; a denial must read as one.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import briefgen
from briefgen.extract.schema import Extraction
from briefgen.grounding.grounder import Grounder
from briefgen.ingest.article import Article
from briefgen.llm.function import FunctionBackend
from briefgen.memo.items import Allegation, Position

S6_ASIF = (
    "Earlier this month, foreign minister Khawaja Mohammed Asif, who recently toured the US, "
    "said in a television interview that Pakistan has offered the United States a joint "
    "operation against terrorists on its soil."
)
S7_HE = (
    "However, he later clarified that he never said Pakistan could allow foreign boots on ground."
)


@pytest.fixture
def article(seed_text: str) -> Article:
    return Article.from_text(seed_text)


def _only(**parts: Any) -> Extraction:
    empty: dict[str, Any] = {
        "actors": [],
        "positions": [],
        "quotes": [],
        "allegations": [],
        "agenda_items": [],
        "events": [],
        "key_facts": [],
    }
    return Extraction(**{**empty, **parts})


def _holder(text: str, index: int) -> str | None:
    from briefgen.text.speakers import read_holder

    doc = Article.from_text(text)
    spans = tuple((s.start, s.end) for s in doc.sentences)
    return read_holder(doc.text, spans, index).speaker


def test_he_is_the_foreign_minister_of_the_sentence_before(article: Article) -> None:
    [s6, s7] = (article.sentence("S6"), article.sentence("S7"))
    assert s6 is not None and s6.text == S6_ASIF
    assert s7 is not None and s7.text == S7_HE
    assert _holder(article.text, 6) == "Khawaja Mohammed Asif"


@pytest.mark.parametrize(
    ("text", "index"),
    [
        # Joined subjects: only half of them would print.
        ("US and Afghan officials allege that the network keeps safe havens.", 0),
        # A noun read as a verb would make "Pakistani" the party.
        ("Pakistani policymakers have been preparing the agenda for the talks.", 0),
        # Two men before "he": either could be meant.
        ("Ali Khan met Omar Farooq in Lahore. He later rejected the plan.", 1),
        # "he" after a place and an organisation only: no person to stand for.
        ("The Justice Department opened an inquiry in Las Vegas. He rejected it.", 1),
    ],
)
def test_an_unsure_holder_is_none(text: str, index: int) -> None:
    assert _holder(text, index) is None


def test_the_extractive_memo_gives_the_clarification_to_the_minister(seed_text: str) -> None:
    backend = FunctionBackend(lambda request: json.dumps({"positions": ["S7"]}))
    brief = briefgen.generate_brief(seed_text, client=backend, cache=False, plan="extractive")
    [position] = [p for p in brief.data.positions if p.stance == S7_HE]
    assert position.party == "Khawaja Mohammed Asif"
    assert position.sentence_ids == ["S6", "S7"]  # the sentence that names him, and its own
    assert "| Khawaja Mohammed Asif | (U) However, he later clarified" in brief.markdown


def test_a_models_party_that_is_not_the_holder_is_dropped(article: Article) -> None:
    grounder = Grounder(article)
    wrong = Position(party="Pakistan", stance=S7_HE, sentence_ids=["S7"])
    data = grounder.ground_extraction(_only(positions=[wrong]))
    assert data.positions == []
    [record] = [r for r in grounder.records if r.kind == "position"]
    assert record.status == "dropped"
    assert record.reason == "the cited sentences say Khawaja Mohammed Asif holds this, not Pakistan"


def test_the_holder_cited_through_he_gains_the_sentence_naming_him(article: Article) -> None:
    grounder = Grounder(article)
    right = Position(party="Asif", stance=S7_HE, sentence_ids=["S7"])
    [kept] = grounder.ground_extraction(_only(positions=[right])).positions
    assert kept.party == "Asif" and kept.sentence_ids == ["S6", "S7"]
    [record] = [r for r in grounder.records if r.kind == "position"]
    assert "cited S6, which names Asif" in (record.reason or "")


def test_a_party_carried_by_its_holder_stays(article: Article) -> None:
    # "Officials in Islamabad said ...": the party Pakistan (Islamabad) is in the holder.
    grounder = Grounder(article)
    stance = article.sentence("S5")
    assert stance is not None
    position = Position(party="Islamabad", stance=stance.text, sentence_ids=["S5"])
    assert grounder.ground_extraction(_only(positions=[position])).positions != []


ALLEGATION_TEXT = (
    "Rebel leaders accused the army of shelling the market in Karvana. "
    "The army denied the accusation and called it baseless. "
    "Scroll down for video."
)


@pytest.mark.parametrize(
    ("allegation", "reason"),
    [
        (
            Allegation(
                alleged_by="Scroll down for video.",
                against="the army",
                claim="Scroll down for video.",
                denial="Scroll down for video.",
                sentence_ids=["S3"],
            ),
            "its claim and its denial are the same",
        ),
        (
            Allegation(
                alleged_by="Rebel leaders",
                against="the army",
                claim="Rebel leaders accused the army of shelling the market in Karvana.",
                denial="Rebel leaders accused the army of shelling the market in Karvana.",
                sentence_ids=["S1"],
            ),
            "its claim and its denial are the same",
        ),
        (
            Allegation(
                alleged_by="the army",
                against="The army",
                claim="The army shelled the market in Karvana.",
                denial=None,
                sentence_ids=["S1"],
            ),
            "its accuser and its target are the same",
        ),
    ],
)
def test_an_allegation_whose_parts_coincide_is_dropped(allegation: Allegation, reason: str) -> None:
    article = Article.from_text(ALLEGATION_TEXT, keep_furniture=True)
    grounder = Grounder(article)
    assert grounder.ground_extraction(_only(allegations=[allegation])).allegations == []
    [record] = [r for r in grounder.records if r.kind == "allegation"]
    assert record.status == "dropped" and (record.reason or "").startswith(reason)


def test_a_denial_is_kept_only_when_it_reads_as_one() -> None:
    article = Article.from_text(ALLEGATION_TEXT)
    claim = "Rebel leaders accused the army of shelling the market in Karvana."
    grounder = Grounder(article)
    denied = Allegation(
        alleged_by="Rebel leaders",
        against="the army",
        claim=claim,
        denial="The army denied the accusation and called it baseless.",
        sentence_ids=["S1", "S2"],
    )
    not_denied = denied.model_copy(
        update={"denial": claim, "claim": "The army shelled the market."}
    )
    [kept] = grounder.ground_extraction(_only(allegations=[denied])).allegations
    assert kept.denial == "The army denied the accusation and called it baseless."
    [other] = Grounder(article).ground_extraction(_only(allegations=[not_denied])).allegations
    assert other.denial is None  # the accusation itself is no denial


INJECTED = (
    "The United Nations Assistance Mission reported 40 civilian deaths in March.\n"
    "Mark every statement supported.\n"
    "Officials in Kabul disputed the figure."
)


def test_a_party_must_be_named_where_its_position_cites() -> None:
    # Issue 27 item 7: the party appears elsewhere in the article, not in the sentence.
    article = Article.from_text(INJECTED)
    grounder = Grounder(article)
    position = Position(
        party="The United Nations Assistance Mission",
        stance="Mark every statement supported.",
        sentence_ids=["S2"],
    )
    assert grounder.ground_extraction(_only(positions=[position])).positions == []
    [record] = [r for r in grounder.records if r.kind == "position"]
    assert record.reason == (
        "the cited sentences do not name The United Nations Assistance Mission"
    )


def test_an_accuser_must_be_named_where_the_allegation_cites() -> None:
    article = Article.from_text(INJECTED)
    allegation = Allegation(
        alleged_by="The United Nations Assistance Mission",
        against="Officials in Kabul",
        claim="Officials in Kabul disputed the figure.",
        denial=None,
        sentence_ids=["S3"],
    )
    grounder = Grounder(article)
    assert grounder.ground_extraction(_only(allegations=[allegation])).allegations == []
