"""Rules find what the sources of a dossier dispute (a toll, a claim, a speaker), each side
citing its own source, and stay silent on reports that agree and on unrelated stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.grounding.conflicts import find_conflicts
from briefgen.ingest.article import Article, sentence_order, source_of
from briefgen.ingest.dossier import Entry, build_dossier
from briefgen.memo.items import Contradiction

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
# Over 40 unrelated CNN/DailyMail articles the pass finds 0 contradictions (measured);
# one stray match is tolerated so a harmless change in the word lists does not fail it.
MAX_CORPUS_CONFLICTS = 1

BOMBING_A = (
    "Suicide bomber strikes market in Peshawar\n"
    "At least 12 people were killed when a suicide bomber blew himself up in a crowded "
    "vegetable market in Peshawar on Tuesday, police said. "
    "The blast tore through stalls shortly after morning prayers. "
    "Dozens of wounded were taken to Lady Reading Hospital. "
    "The Pakistani Taliban claimed responsibility for the attack in a message to reporters. "
    "Police chief Ahmed Khan said: “We will find everyone who helped this man.” "
    "Security has been tightened across the city."
)
BOMBING_B = (
    "Peshawar market bombing kills 19\n"
    "A suicide bombing at a busy vegetable market in Peshawar killed 19 people on Tuesday, "
    "hospital officials said. "
    "Witnesses described scenes of panic as the explosion shook the neighbourhood. "
    "A little-known group, Jamaat ul-Ahrar, claimed responsibility for the bombing. "
    "“We will find everyone who helped this man,” provincial governor Shaukat Yousafzai "
    "told reporters. "
    "Shops in the area stayed closed on Wednesday."
)
# Same bombing, same facts as BOMBING_A in other words.
BOMBING_AGREES = (
    "Bomb at Peshawar market\n"
    "A suicide attack on a vegetable market in Peshawar on Tuesday left at least 12 people "
    "dead, police said. "
    "The Pakistani Taliban said they had carried out the bombing. "
    "“We will find everyone who helped this man,” police chief Ahmed Khan told reporters. "
    "Traders said the market would reopen next week."
)
UNRELATED = (
    "Parliament passes budget\n"
    "Lawmakers in Oslo approved the national budget on Thursday by 96 votes to 73. "
    "The plan raises spending on rail lines by 8 percent. "
    "Finance Minister Trygve Vedum said the budget was responsible. "
    "Opposition parties said 40 people lost their jobs at the state railway last month. "
    "The budget takes effect in January."
)
QUAKE_EARLY = (
    "Earthquake hits eastern Turkey\n"
    "A magnitude 6.1 earthquake struck the province of Malatya early on Monday. "
    "Officials said 8 people died in the quake and dozens were injured. "
    "Rescue teams were searching collapsed buildings in the town of Doganyol. "
    "Schools in Malatya were closed for the day."
)
QUAKE_LATE = (
    "Malatya earthquake toll rises\n"
    "The death toll from Monday's earthquake in Malatya has risen to 23, the disaster "
    "agency said. "
    "Rescue teams pulled more survivors from collapsed buildings in Doganyol overnight. "
    "Aftershocks continued to rattle the province. "
    "Tents were being set up for families who lost their homes."
)


def _conflicts(*texts: str, published: tuple[str | None, ...] = ()) -> list[Contradiction]:
    times = published or (None,) * len(texts)
    return find_conflicts(
        build_dossier(
            [Entry(Article.from_text(t, published=p)) for t, p in zip(texts, times, strict=True)]
        )
    )


def _about(found: list[Contradiction], topic: str) -> list[Contradiction]:
    return [c for c in found if c.topic.startswith(topic)]


def _check_sides(item: Contradiction) -> None:
    """Each side cites one source; the item's ids are the union, in order."""
    sources = [{source_of(i) for i in side.sentence_ids} for side in item.sides]
    assert all(len(s) == 1 for s in sources)
    assert len(set.union(*sources)) == len(item.sides)
    ids = [i for side in item.sides for i in side.sentence_ids]
    assert item.sentence_ids == sorted(set(ids), key=sentence_order)
    assert item.found_by == "rules"


def _claim_in_its_sentence(item: Contradiction, dossier_texts: tuple[str, ...]) -> None:
    doc = build_dossier([Entry(Article.from_text(t)) for t in dossier_texts]).article
    for side in item.sides:
        [sid] = side.sentence_ids
        sentence = doc.sentence(sid)
        assert sentence is not None and side.claim in sentence.text


def test_two_tolls_for_one_bombing_are_a_conflict_citing_both_sources() -> None:
    found = _conflicts(BOMBING_A, BOMBING_B)
    [toll] = _about(found, "number killed")
    _check_sides(toll)
    assert toll.kind == "conflict"
    assert "12" in toll.sides[0].claim and "19" in toll.sides[1].claim
    assert [source_of(s.sentence_ids[0]) for s in toll.sides] == [1, 2]
    assert "lower bound" in (toll.note or "")  # "at least 12" is not refuted by 19
    _claim_in_its_sentence(toll, (BOMBING_A, BOMBING_B))


def test_two_groups_claiming_the_attack_are_a_conflict_naming_both() -> None:
    [claim] = _about(_conflicts(BOMBING_A, BOMBING_B), "who claimed the attack")
    _check_sides(claim)
    assert "Pakistani Taliban" in claim.sides[0].claim
    assert "Jamaat ul-Ahrar" in claim.sides[1].claim
    _claim_in_its_sentence(claim, (BOMBING_A, BOMBING_B))


def test_one_quotation_in_two_mouths_is_a_conflict() -> None:
    [said] = _about(_conflicts(BOMBING_A, BOMBING_B), "who said")
    _check_sides(said)
    assert "We will find everyone" in said.topic
    assert "Ahmed Khan" in said.sides[0].claim
    assert "Shaukat Yousafzai" in said.sides[1].claim


def test_a_later_report_of_a_rising_toll_is_an_update_in_time_order() -> None:
    # Given late report first: the sides still come in publication order.
    found = _conflicts(QUAKE_LATE, QUAKE_EARLY, published=("2026-03-04T18:00", "2026-03-04T09:00"))
    [toll] = _about(found, "number killed")
    _check_sides(toll)
    assert toll.kind == "update"
    assert [source_of(s.sentence_ids[0]) for s in toll.sides] == [2, 1]
    assert "8" in toll.sides[0].claim and "23" in toll.sides[1].claim
    assert "2026-03-04T09:00" in (toll.note or "") and "2026-03-04T18:00" in (toll.note or "")


def test_without_times_a_changed_toll_is_a_conflict() -> None:
    [toll] = _about(_conflicts(QUAKE_EARLY, QUAKE_LATE), "number killed")
    assert toll.kind == "conflict"


def test_agreeing_reports_and_an_unrelated_story_give_nothing() -> None:
    assert _conflicts(BOMBING_A, BOMBING_AGREES) == []
    found = _conflicts(BOMBING_A, BOMBING_AGREES, UNRELATED)
    assert all(3 not in {source_of(i) for i in c.sentence_ids} for c in found)
    assert found == []


def test_an_unrelated_story_is_never_a_side() -> None:
    found = _conflicts(BOMBING_A, UNRELATED, BOMBING_B, QUAKE_EARLY)
    assert {source_of(i) for c in found for i in c.sentence_ids} == {1, 3}
    assert _about(found, "number killed")


def test_the_same_kind_of_event_in_two_places_is_not_one_event() -> None:
    kabul = (
        "A car bomb exploded outside a bank in Kabul on Monday, killing 20 people. "
        "The Taliban claimed responsibility for the bombing. "
        "Police said the bomber had driven in from the south of the city."
    )
    lagos = (
        "A car bomb exploded outside a bank in Lagos on Monday, killing 7 people. "
        "Boko Haram claimed responsibility for the bombing. "
        "Police said the bomber had driven in from the north of the city."
    )
    assert _conflicts(kabul, lagos) == []


def test_a_part_of_the_toll_is_not_a_rival_toll() -> None:
    part = (
        "Three police officers were killed in the Peshawar market bombing on Tuesday when "
        "the suicide bomber blew himself up at a checkpoint, police said. "
        "Among the dead were four children. "
        "The vegetable market in Peshawar was closed on Wednesday."
    )
    assert _conflicts(BOMBING_A, part) == []


def test_a_single_source_has_no_conflicts() -> None:
    assert _conflicts(BOMBING_A) == []


def _corpus_articles(count: int) -> list[str]:
    path = CORPUS / "qags_cnndm.jsonl"
    if not path.exists():
        pytest.skip("the shared development corpus is not here")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["article"] for line in lines][:count]


@pytest.mark.parametrize("offset", [0, 40, 80, 120, 160])
def test_unrelated_real_articles_give_almost_no_conflicts(offset: int) -> None:
    articles = _corpus_articles(offset + 40)[offset:]
    found = _conflicts(*articles)
    assert len(found) <= MAX_CORPUS_CONFLICTS, [(c.topic, c.sides) for c in found]
