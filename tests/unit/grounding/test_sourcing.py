"""What a dossier says about its sources is grounded: who carries an item, each side of a
disagreement, and a quotation several sources print."""

from __future__ import annotations

from dossier_articles import BOMBING_A, BOMBING_B

from briefgen.grounding.grounder import Grounder
from briefgen.ingest.article import Article
from briefgen.ingest.dossier import Entry, build_dossier
from briefgen.memo.data import BriefData
from briefgen.memo.items import Disagreement, Event, Quote, Side
from briefgen.memo.sections import section

QUOTED = '"We will rebuild the market," said Mayor Ida Brun.'


def _grounder(*texts: str) -> Grounder:
    dossier = build_dossier([Entry(Article.from_text(t)) for t in texts])
    return Grounder(dossier.article)


def test_a_source_that_does_not_carry_a_merged_item_loses_its_citation() -> None:
    grounder = _grounder(BOMBING_A, BOMBING_B)
    event = Event(
        what="The blast struck as traders were opening their stalls near the old mosque.",
        when=None,
        where=None,
        who=[],
        sentence_ids=["A1:S3", "A2:S6"],  # A2:S6 is about blood donations
    )
    data = grounder.confirm_sources(BriefData(subject="x", developments=[event]))
    assert data.developments[0].sentence_ids == ["A1:S3"]
    [record] = [r for r in grounder.records if r.status == "amended"]
    assert "A2" in str(record.reason)


def test_an_item_two_sources_carry_keeps_both() -> None:
    grounder = _grounder(BOMBING_A, BOMBING_B)
    event = Event(
        what="Interior Minister Lena Sorvik spoke about the attack.",
        when=None,
        where=None,
        who=[],
        sentence_ids=["A1:S6", "A2:S5"],
    )
    data = grounder.confirm_sources(BriefData(subject="x", developments=[event]))
    assert data.developments[0].sentence_ids == ["A1:S6", "A2:S5"]


def test_a_disagreement_needs_two_sources_each_saying_its_side() -> None:
    grounder = _grounder(BOMBING_A, BOMBING_B)
    spec = section("contradictions")
    good = Disagreement(
        topic="death toll",
        sides=[
            Side(claim="The bomb killed 12 people, police said.", sentence_ids=["A1:S2"]),
            Side(claim="At least 19 people were killed.", sentence_ids=["A2:S2"]),
        ],
    )
    same_source = Disagreement(
        topic="the blast",
        sides=[
            Side(claim="The bomb killed 12 people.", sentence_ids=["A1:S2"]),
            Side(claim="The blast struck near the old mosque.", sentence_ids=["A1:S3"]),
        ],
    )
    invented = Disagreement(
        topic="the culprit",
        sides=[
            Side(claim="The Northern Front claimed the attack.", sentence_ids=["A1:S5"]),
            Side(claim="A drone strike caused the blast.", sentence_ids=["A2:S2"]),
        ],
    )
    kept = grounder.ground_section(spec, [good, same_source, invented])
    assert [c.topic for c in kept] == ["death toll"]
    assert kept[0].sentence_ids == ["A1:S2", "A2:S2"]
    reasons = {r.text: r.reason for r in grounder.records if r.kind == "contradiction"}
    assert "fewer than two sources" in str(reasons["the blast"])
    assert "fewer than two sources" in str(reasons["the culprit"])


def test_a_topic_with_a_number_no_side_gives_is_dropped() -> None:
    grounder = _grounder(BOMBING_A, BOMBING_B)
    claim = Disagreement(
        topic="whether 40 died",
        sides=[
            Side(claim="The bomb killed 12 people, police said.", sentence_ids=["A1:S2"]),
            Side(claim="At least 19 people were killed.", sentence_ids=["A2:S2"]),
        ],
    )
    assert grounder.ground_section(section("contradictions"), [claim]) == []


def test_a_quotation_two_sources_print_with_one_speaker_cites_both() -> None:
    first = BOMBING_A + "\n" + QUOTED
    second = BOMBING_B + "\n" + QUOTED
    grounder = _grounder(first, second)
    [quote] = grounder.ground_quotes(
        [_quote("We will rebuild the market", "Mayor Ida Brun", ["A1:S8"])]
    )
    data = grounder.confirm_sources(BriefData(subject="x", quotes=[quote]))
    assert data.quotes[0].sentence_ids == ["A1:S8", "A2:S8"]


def _quote(text: str, speaker: str, ids: list[str]) -> Quote:
    return Quote(speaker=speaker, text=text, source="named", sentence_ids=ids)


def test_sides_from_two_different_stories_are_no_disagreement() -> None:
    from dossier_articles import UNRELATED

    grounder = _grounder(BOMBING_A, UNRELATED)
    unrelated = Disagreement(
        topic="figures reported",
        sides=[
            Side(claim="The bomb killed 12 people, police said.", sentence_ids=["A1:S2"]),
            Side(claim="The talks are expected to last two weeks.", sentence_ids=["A2:S6"]),
        ],
    )
    assert grounder.ground_section(section("contradictions"), [unrelated]) == []
    [record] = [r for r in grounder.records if r.kind == "contradiction"]
    assert "different stories" in str(record.reason)
