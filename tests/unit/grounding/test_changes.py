"""The comparison of a memo with the earlier memos of its story, by rules alone: what is
new, what changed (both sides grounded, each in its own article), what an earlier memo
already carried, and one identity per actor across the story."""

from __future__ import annotations

from typing import Any

import pytest
from story_answers import memo, report

from briefgen.grounding.changes import (
    SidesGrounder,
    Story,
    classify,
    compare,
    digest_memo,
    parse_day,
)
from briefgen.grounding.changes._identity import Identities
from briefgen.ingest.article import Article
from briefgen.memo.data import BriefData
from briefgen.memo.items import Actor, Event, KeyFact, Position

LABELS = {1: "memo of March 3", 2: "memo of March 10"}


@pytest.fixture(scope="module")
def first() -> Any:
    return memo(1)


@pytest.fixture(scope="module")
def second() -> Any:
    return memo(2)


def _compare(earlier: list[Any], current: Any, **settings: Any) -> Any:
    story = Story.of(
        [(n, digest_memo(b.data, b.article)) for n, b in enumerate(earlier, start=1)], LABELS
    )
    return compare(
        story,
        current.data,
        current.article,
        earlier_times={n: b.article.published for n, b in enumerate(earlier, start=1)},
        current_time=current.article.published,
        **settings,
    )


def test_the_second_report_brings_a_new_event_head_of_delegation_and_quotation(
    first: Any, second: Any
) -> None:
    found = _compare([first], second)
    new = {(item.kind, item.text) for item in found.new}
    assert ("actor", "Rashid Osman Kabbar, head of the army delegation") in new
    assert any(kind == "quote" and text.startswith("A truce in the west") for kind, text in new)
    assert any(kind == "event" and "Mediators from Kesh" in text for kind, text in new)
    # What the first memo carried is not new: Maalouf, her position, the 3 million.
    texts = " ".join(text for _, text in new)
    assert "Maalouf" not in texts and "3 million" not in texts
    assert "opened the talks" not in texts


def test_the_revised_figure_is_a_change_with_both_sides(first: Any, second: Any) -> None:
    found = _compare([first], second)
    [figure] = [c for c in found.changes if c.topic == "number displaced"]
    assert figure.before.memo == 1 and figure.before.ids == ("S3",)
    assert "8 million" in figure.before.claim and "9 million" in figure.after
    assert figure.after_ids == ("S5",)
    assert figure.names == ("8 million", "9 million")


def test_the_old_event_told_again_moves_out_of_the_news(first: Any, second: Any) -> None:
    found = _compare([first], second)
    moved = {(c.field, c.index) for c in found.carried}
    events = [e.what for e in second.data.developments]
    index = next(i for i, what in enumerate(events) if "opened the talks" in what)
    assert ("developments", index) in moved
    assert all("memo of March 3" in c.how for c in found.carried)


def test_the_role_change_names_both_holders(first: Any, second: Any) -> None:
    [role] = [c for c in _compare([first], second).changes if c.check == "role"]
    assert role.topic == "Head of the army delegation"
    assert role.names == ("Hamid al-Nour", "Rashid Osman Kabbar")


def test_a_change_is_grounded_on_both_sides_each_in_its_own_article(
    first: Any, second: Any
) -> None:
    found = _compare([first], second)
    grounder = SidesGrounder(second.article, lambda n: first.article, LABELS)
    kept = grounder.changes(found.changes)
    figure = next(c for c in kept if c.topic == "number displaced")
    assert figure.before.sentences[0].startswith("The United Nations says 8 million")
    assert (figure.before_value, figure.after_value) == ("8 million", "9 million")
    assert figure.kind == "update" and "2026-03-10" in (figure.note or "")
    assert {r.status for r in grounder.records} == {"kept"}


def test_a_change_whose_earlier_side_its_article_does_not_carry_is_dropped(
    first: Any, second: Any
) -> None:
    found = _compare([first], second)
    # The earlier memo's stored article, with the 8 million sentence rewritten.
    altered = Article.from_text(first.article.text.replace("8 million", "7 million"))
    grounder = SidesGrounder(second.article, lambda n: altered, LABELS)
    kept = grounder.changes(found.changes)
    assert all(c.topic != "number displaced" for c in kept)
    [dropped] = [r for r in grounder.records if r.status == "dropped"]
    assert "memo of March 3's article is not supported" in (dropped.reason or "")


def test_a_change_whose_earlier_article_is_missing_is_dropped(first: Any, second: Any) -> None:
    found = _compare([first], second)
    grounder = SidesGrounder(second.article, lambda n: None, LABELS)
    assert grounder.changes(found.changes) == []
    assert all("is not available" in (r.reason or "") for r in grounder.records)


def test_a_steady_figure_is_no_change(first: Any) -> None:
    found = _compare([first], memo(1, memo_date="March 4, 2026"))
    assert found.changes == [] and found.new == []


def test_the_third_memo_compares_with_the_latest_value_and_knows_its_actors(
    first: Any, second: Any
) -> None:
    found = _compare([first, second], memo(3))
    [figure] = [c for c in found.changes if c.topic == "number displaced"]
    assert figure.before.memo == 2 and figure.names == ("9 million", "9.5 million")
    assert not [item for item in found.new if item.kind == "actor"]  # Kabbar, Maalouf known
    assert {item.kind for item in found.new} == {"event", "quote"}


def test_one_identity_across_the_forms_of_a_name() -> None:
    known = Identities()
    known.add("General Rashid Osman Kabbar", 2)
    assert known.known("Kabbar") and known.known("Rashid Kabbar")
    assert known.first_memo("Kabbar") == 2
    assert known.canonical("Kabbar") == "General Rashid Osman Kabbar"
    assert not known.known("Hamid Kabbar")  # another Kabbar
    known.add_words(["the", "government", "of", "kesh"])
    assert known.known("Kesh") and not known.known("Ostrand")


def _data(**items: Any) -> BriefData:
    return BriefData(subject="s", **items)


def _article(text: str, published: str) -> Article:
    return Article.from_text(text, published=published)


def test_a_figure_of_another_place_is_not_the_same_figure() -> None:
    old = _article("Floods hit Velmar\nIn Velmar, 2,000 people were displaced.", "2026-04-01")
    new = _article("Floods spread\nIn Ostrand, 5,000 people were displaced.", "2026-04-02")
    old_data = _data(key_facts=[KeyFact(fact="2,000 people were displaced.", sentence_ids=["S2"])])
    story = Story.of([(1, digest_memo(old_data, old))])
    found = compare(story, _data(), new, earlier_times={}, current_time=None)
    assert found.changes == []


def test_a_stance_turned_round_is_a_changed_position() -> None:
    old = _article("Talks\nThe union accepted the wage offer on Friday.", "2026-04-01")
    new = _article("Talks\nThe union rejected the wage offer on Monday.", "2026-04-03")
    before = Position(
        party="union", stance="The union accepted the wage offer.", sentence_ids=["S2"]
    )
    after = Position(
        party="union", stance="The union rejected the wage offer.", sentence_ids=["S2"]
    )
    story = Story.of([(1, digest_memo(_data(positions=[before]), old))])
    found = compare(story, _data(positions=[after]), new, earlier_times={}, current_time=None)
    [change] = found.changes
    assert change.topic == "Position of union" and "rejected" in change.after
    assert not [item for item in found.new if item.kind == "position"]


def test_withdrawn_statements_are_found_only_when_asked() -> None:
    old = _article("Talks\nThe rebels agreed to withdraw from the port city.", "2026-04-01")
    new = _article(
        "Talks\nThe rebels have not agreed to withdraw from the port city.", "2026-04-02"
    )
    event = Event(
        what="The rebels agreed to withdraw from the port city.",
        when=None,
        where=None,
        who=[],
        sentence_ids=["S2"],
    )
    story = Story.of([(1, digest_memo(_data(developments=[event]), old))])
    plain = compare(story, _data(), new, earlier_times={}, current_time=None)
    assert plain.withdrawn == []
    asked = compare(story, _data(), new, earlier_times={}, current_time=None, with_withdrawn=True)
    [gone] = asked.withdrawn
    assert gone.before.ids == ("S2",) and gone.now_ids == ("S2",)
    assert "negates" in gone.how


def test_an_actor_new_to_the_story_is_new_once() -> None:
    article = _article("Talks\nEnvoy Lena Sorvik arrived; Sorvik met both sides.", "2026-04-02")
    actors = [
        Actor(
            name="Lena Sorvik", kind="person", title="envoy", affiliation=None, sentence_ids=["S2"]
        ),
        Actor(name="Sorvik", kind="person", title=None, affiliation=None, sentence_ids=["S2"]),
    ]
    found = compare(Story(), _data(actors=actors), article, earlier_times={}, current_time=None)
    assert [item.text for item in found.new] == ["Lena Sorvik, envoy"]


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        ("2026-03-03T10:00", "2026-03-10T10:00", "update"),
        ("March 3, 2026", "10 March 2026", "update"),
        ("2026-03-10T08:00", "2026-03-10T18:00", "contradiction"),
        ("2026-03-10", "2026-03-03", "contradiction"),
        (None, "2026-03-03", "update"),
    ],
)
def test_an_update_needs_a_later_source_and_a_contradiction_the_same_time(
    before: str | None, after: str, kind: str
) -> None:
    assert classify(before, after)[0] == kind


def test_days_are_read_from_iso_and_memo_dates() -> None:
    assert parse_day("March 3, 2026") == parse_day("2026-03-03T23:00") == parse_day("3 March 2026")
    assert parse_day("sometime") is None


def test_report_fixture_has_the_sentence_ids_the_answers_cite() -> None:
    assert report(2).sentence("S5") is not None
    assert "9 million" in report(2).sentence("S5").text  # type: ignore[union-attr]
