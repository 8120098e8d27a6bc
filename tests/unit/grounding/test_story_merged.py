"""A story read from its merged digest (one record, kept by the store) finds what the same
story read from every memo's own digest finds: the same new items, the same changes, the
same news carried before, the same withdrawn statements."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest
from repo_paths import BENCHMARKS
from story_answers import memo

from briefgen.grounding.changes import Story, StoryBase, compare, digest_memo, merge_all
from briefgen.memo.sections import sections
from briefgen.run.story_store import StoryStore


def _findings(story: Story, brief: Any) -> Any:
    return compare(
        story,
        brief.data,
        brief.article,
        earlier_times={},
        current_time=brief.article.published,
        with_withdrawn=True,
    )


def _both_ways(briefs: list[Any]) -> tuple[Any, Any]:
    *earlier, latest = briefs
    digests = [(n, digest_memo(b.data, b.article)) for n, b in enumerate(earlier, start=1)]
    one_by_one = _findings(Story.of(digests), latest)
    from_merged = _findings(Story.of_merged(merge_all(digests)), latest)
    return one_by_one, from_merged


def test_the_three_reports_find_the_same_from_the_merged_story() -> None:
    one_by_one, from_merged = _both_ways([memo(1), memo(2), memo(3)])
    assert from_merged == one_by_one
    assert one_by_one.changes  # the revised count: not a comparison of two empty findings


def _benchmark() -> Any:
    sys.path.insert(0, str(BENCHMARKS))  # its own helpers (goals.py)
    spec = importlib.util.spec_from_file_location("story_benchmark", BENCHMARKS / "stories.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("story_benchmark", module)
    spec.loader.exec_module(module)
    return module


def test_a_fortnight_of_daily_memos_finds_the_same_from_the_merged_story() -> None:
    bench = _benchmark()
    briefs = [bench._memo(day) for day in range(1, 16)]
    one_by_one, from_merged = _both_ways(briefs)
    assert from_merged == one_by_one
    assert one_by_one.new and one_by_one.carried


def _from_index(store: StoryStore, name: str, brief: Any) -> Any:
    base = store.earlier(name)[-1].story
    assert base is not None
    with Story.over(base).reading() as story:
        return _findings(story, brief)


def _memo_by_memo(store: StoryStore, name: str, brief: Any) -> Any:
    earlier = store.earlier(name)
    return _findings(Story.of([(e.memo.number, e.digest) for e in earlier]), brief)


def _sql(*statements: str) -> list[Any]:
    """The rows of the last of ``statements``, run on the store."""
    import sqlite3

    from briefgen.run.story_store import store_path

    with sqlite3.connect(store_path()) as db:
        rows: list[Any] = []
        for statement in statements:
            rows = db.execute(statement).fetchall()
        return rows


def test_the_stores_index_finds_what_the_memos_read_one_by_one_find() -> None:
    store = StoryStore()
    bench = _benchmark()
    for day in range(1, 15):
        store.add("Indexed talks", bench._memo(day))
    latest = bench._memo(15)
    assert [e.story is not None for e in store.earlier("Indexed talks")][-2:] == [False, True]
    by_index = _from_index(store, "Indexed talks", latest)
    assert by_index == _memo_by_memo(store, "Indexed talks", latest)
    assert by_index.new and by_index.carried and by_index.changes


def test_an_older_store_is_read_memo_by_memo_then_its_index_is_made() -> None:
    store = StoryStore()
    for number in (1, 2):
        store.add("Older talks", memo(number))
    # A store written before the index: the merged state in one record, no index, no
    # article column (each memo's article only in the memo).
    _sql(
        "ALTER TABLE memos DROP COLUMN article",
        "DROP TABLE story_index",
        "DROP TABLE story_entries",
        "DROP TABLE story_postings",
        "CREATE TABLE story_states (story INTEGER PRIMARY KEY, memos TEXT, state TEXT)",
        "INSERT INTO story_states VALUES (1, '[1, 2]', '{}')",
    )
    assert [e.story for e in store.earlier("Older talks")] == [None, None]
    assert [e.load_article() for e in store.earlier("Older talks")] == [
        memo(1).article,
        memo(2).article,
    ]
    latest = memo(3)
    before = _memo_by_memo(store, "Older talks", latest)
    assert before.changes
    store.add("Older talks", memo(2))  # made again from the memos' digests
    base = store.earlier("Older talks")[-1].story
    assert base is not None and base.memos == [1, 2, 3]
    assert _from_index(store, "Older talks", latest) == _memo_by_memo(store, "Older talks", latest)
    assert _sql("SELECT * FROM story_states") == []  # the old state's row is dropped
    assert _sql("SELECT seq FROM memos WHERE article IS NOT NULL") == [(3,)]
    assert store.earlier("Older talks")[-1].load_article() == memo(2).article


@pytest.mark.parametrize(
    "damage",
    [
        "DELETE FROM story_index",
        "UPDATE story_index SET memos = '[1]'",
        "UPDATE story_index SET memos = '{'",
        "UPDATE story_entries SET body = '{'",
        "DROP TABLE story_postings",
    ],
)
def test_a_damaged_index_is_never_read_and_the_memo_finds_the_same(damage: str) -> None:
    store = StoryStore()
    store.add("Damaged talks", memo(1))
    store.add("Damaged talks", memo(2))
    _sql(damage)
    assert len(store.earlier("Damaged talks")) == 2
    damaged = memo(3, story="Damaged talks")
    plain = memo(3, since=[memo(1), memo(2)])
    for field in ("since_new", "since_changed", "since_withdrawn"):
        assert getattr(damaged.data, field) == getattr(plain.data, field)
    assert damaged.data.since is not None and plain.data.since is not None
    assert damaged.data.since.moved_to_background == plain.data.since.moved_to_background
    assert damaged.data.since_changed  # the revised count: not two empty sections
    base = store.earlier("Damaged talks")[-1].story  # the index made again with memo 3
    assert base is not None and base.memos == [1, 2, 3]


def test_an_index_the_story_moved_on_from_is_not_read() -> None:
    from briefgen.grounding.changes import StoryBaseError

    store = StoryStore()
    store.add("Moving talks", memo(1))
    base = store.earlier("Moving talks")[-1].story
    assert base is not None
    store.add("Moving talks", memo(2))  # another process, between the read and the memo
    with pytest.raises(StoryBaseError), Story.over(base).reading():
        pass


def test_the_index_then_memos_after_it_find_what_all_memos_one_by_one_find() -> None:
    """A story read from the store, then memos given as ``since`` after it: the index,
    then what those memos carried, added in memory."""
    bench = _benchmark()
    store = StoryStore()
    briefs = [bench._memo(day) for day in range(1, 12)]
    for brief in briefs[:8]:
        store.add("Mixed talks", brief)
    base = store.earlier("Mixed talks")[-1].story
    assert base is not None
    later = [(n, digest_memo(b.data, b.article)) for n, b in enumerate(briefs[8:10], start=9)]
    story = Story.over(base)
    for number, digest in later:
        story.add(number, digest)
    with story.reading():
        mixed = _findings(story, briefs[10])
    all_digests = [(n, digest_memo(b.data, b.article)) for n, b in enumerate(briefs[:10], start=1)]
    assert mixed == _findings(Story.of(all_digests), briefs[10])
    assert mixed.new and mixed.carried


def _section(brief: Any) -> dict[str, Any]:
    """Everything the section says, and the report's records of it."""
    data = brief.data
    assert data.since is not None
    return {
        "new": data.since_new,
        "changed": data.since_changed,
        "withdrawn": data.since_withdrawn,
        "earlier": data.since.earlier,
        "moved": data.since.moved_to_background,
        "background": data.background,
        "records": [
            r
            for r in brief.report.grounding
            if r.kind.startswith("since") or "Background" in (r.reason or "")
        ],
    }


def test_a_memo_since_the_stored_story_says_what_one_since_the_same_memos_says() -> None:
    """Eleven daily memos kept in the store, then the twelfth: since the story (its index,
    read by key, and each change's earlier article read alone) and since the same memos
    given as ``since`` (every digest in memory, the articles in the memos) make the same
    section, the same citations and the same report records. The second is made after
    the first, so what the first cached (the figures of the sentences it read) is read
    from the cache there."""
    bench = _benchmark()
    briefs = [bench._memo(day, story="Compared talks") for day in range(1, 12)]
    assert StoryStore().earlier("Compared talks")[-1].story is not None
    by_store = bench._memo(12, story="Compared talks", since_withdrawn=True)
    by_files = bench._memo(12, since=briefs, since_withdrawn=True)
    assert _section(by_store) == _section(by_files)
    assert by_store.render("md") == by_files.render("md")
    section = _section(by_store)
    assert section["new"] and section["changed"] and section["moved"]


def _daily_story(name: str, days: int) -> tuple[StoryStore, StoryBase]:
    """The benchmark's first ``days`` daily memos kept as story ``name``, and its index."""
    bench = _benchmark()
    store = StoryStore()
    for day in range(1, days + 1):
        store.add(name, bench._memo(day))
    base = store.earlier(name)[-1].story
    assert base is not None
    return store, base


def test_the_index_finds_the_quotations_the_memos_read_one_by_one_find() -> None:
    """A quotation given again, a part of one and one that holds another are found in
    the index as in the memos' own digests: the latest such, from the same memo."""
    store, base = _daily_story("Quoted talks", 5)
    earlier = store.earlier("Quoted talks")
    in_memory = Story.of([(e.memo.number, e.digest) for e in earlier])
    quotes = [q.folded for e in earlier for q in e.digest.quotes]
    asked = [
        *quotes,
        quotes[3][5:40],  # held by one
        f"he said {quotes[6]} again",  # holds one
        quotes[0][:12],  # held by every quotation of that opening: the latest wins
        "nobody in the story said this",
    ]

    def said(story: Story, text: str) -> tuple[int, str, list[str]] | None:
        found = story.quoted(text)
        return None if found is None else (found[0], found[1].text, found[1].ids)

    with Story.over(base).reading() as story:
        by_index = [said(story, text) for text in asked]
    assert by_index == [said(in_memory, text) for text in asked]
    assert by_index[-1] is None and all(f is not None for f in by_index[:-1])
    assert by_index[-2] is not None and by_index[-2][0] > 1


def test_an_index_that_keeps_no_statement_sections_says_the_same() -> None:
    """A store written before the index kept each statement's section (``look`` empty)
    finds the same carried news, each said to be from the same section, read from the
    statement itself."""
    bench = _benchmark()
    briefs = [bench._memo(day) for day in range(1, 8)]
    store = StoryStore()
    for brief in briefs[:6]:
        store.add("Sectioned talks", brief)

    def carried() -> list[Any]:
        base = store.earlier("Sectioned talks")[-1].story
        assert base is not None
        with Story.over(base).reading() as story:
            return list(_findings(story, briefs[6]).carried)

    kept = carried()
    assert _sql("SELECT COUNT(*) FROM story_entries WHERE kind = 's' AND look = ''") == [(0,)]
    _sql("UPDATE story_entries SET look = '' WHERE kind = 's'")
    assert carried() == kept
    named = {c.how.split(" (", 1)[1].split(";")[0] for c in kept}
    assert named and named <= {spec.label for spec in sections()} | {"a sentence it cited"}


def test_a_lookup_for_news_already_carried_gives_the_one_statement_taken() -> None:
    # A day's "We will open the road to ..." sentence shares most of its stems with every
    # earlier day's, and the aid agencies' count is told in two memos: the lookup for
    # what already carried it gives only the statement the comparison takes (the most
    # stems, then the latest memo, the first of its sections in story order), not one
    # for each day, so a long story costs no more per item.
    from briefgen.grounding.changes import Asked
    from briefgen.grounding.changes._digest import stems_of, values_of

    bench = _benchmark()
    _, base = _daily_story("Retold talks", 12)
    for told in (bench.report(13).sentences[3].text, bench._BACKGROUND[1]):
        stems, values = stems_of(told), values_of(told)
        asked = Asked(stems, -(-len(stems) * 6 // 10), values)
        with base.reading():
            every = base.statements([asked], carried=False)[0]
            (carried,) = base.statements([asked], carried=True)[0]
        holding = [b for b in every if b.same_values]
        assert len({b.memo for b in holding}) > 1, told
        taken = max(holding, key=lambda b: (b.shared, b.memo))
        assert (carried.memo, carried.shared, carried.section) == (
            taken.memo,
            taken.shared,
            taken.section,
        )
