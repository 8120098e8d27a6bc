from __future__ import annotations

from briefgen.extract.merge import merge_extractions
from briefgen.extract.schema import Extraction
from briefgen.memo.items import Actor, Event, Quote


def _extraction(**lists: list) -> Extraction:  # type: ignore[type-arg]
    empty: dict[str, list] = {  # type: ignore[type-arg]
        k: []
        for k in (
            "actors",
            "positions",
            "events",
            "quotes",
            "allegations",
            "key_facts",
            "agenda_items",
        )
    }
    return Extraction(**{**empty, **lists})


def test_same_actor_in_two_chunks_becomes_one() -> None:
    first = _extraction(
        actors=[
            Actor(
                name="Mr Tillerson",
                kind="person",
                title=None,
                affiliation="US",
                sentence_ids=["S4"],
            )
        ]
    )
    second = _extraction(
        actors=[
            Actor(
                name="Rex Tillerson",
                kind="person",
                title="secretary of state",
                affiliation=None,
                sentence_ids=["S3"],
            ),
            Actor(
                name="Khawaja Mohammed Asif",
                kind="person",
                title=None,
                affiliation=None,
                sentence_ids=["S6"],
            ),
        ]
    )
    merged = merge_extractions([first, second])
    assert [a.name for a in merged.actors] == ["Rex Tillerson", "Khawaja Mohammed Asif"]
    tillerson = merged.actors[0]
    assert tillerson.sentence_ids == ["S3", "S4"]
    assert tillerson.title == "secretary of state" and tillerson.affiliation == "US"


def test_overlapping_quotes_and_similar_events_merge() -> None:
    q_short = Quote(speaker="an official", text="do more", source="anonymous", sentence_ids=["S13"])
    q_long = Quote(
        speaker="an official",
        text="pushing Pakistan to “do more”",
        source="anonymous",
        sentence_ids=["S13"],
    )
    e1 = Event(
        what="Tillerson will visit Pakistan this week",
        when=None,
        where=None,
        who=[],
        sentence_ids=["S4"],
    )
    e2 = Event(
        what="Tillerson visits Pakistan this week",
        when=None,
        where=None,
        who=[],
        sentence_ids=["S3"],
    )
    e3 = Event(
        what="Haqqani network keeps safe havens",
        when=None,
        where=None,
        who=[],
        sentence_ids=["S17"],
    )
    merged = merge_extractions(
        [_extraction(quotes=[q_short], events=[e1]), _extraction(quotes=[q_long], events=[e2, e3])]
    )
    assert [q.text for q in merged.quotes] == [q_long.text]
    assert len(merged.events) == 2
    assert merged.events[0].sentence_ids == ["S3", "S4"]


def test_alike_events_with_different_numbers_stay_two() -> None:
    first = _extraction(
        events=[
            Event(
                what="12 people were killed in the market bombing",
                when=None,
                where=None,
                who=[],
                sentence_ids=["A1:S2"],
            )
        ]
    )
    second = _extraction(
        events=[
            Event(
                what="19 people were killed in the market bombing",
                when=None,
                where=None,
                who=[],
                sentence_ids=["A2:S2"],
            )
        ]
    )
    same = _extraction(
        events=[
            Event(
                what="People were killed in the market bombing, 12 of them",
                when=None,
                where=None,
                who=[],
                sentence_ids=["A3:S4"],
            )
        ]
    )
    merged = merge_extractions([first, second, same])
    assert [e.sentence_ids for e in merged.events] == [["A1:S2", "A3:S4"], ["A2:S2"]]
