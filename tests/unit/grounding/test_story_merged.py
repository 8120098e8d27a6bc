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

from briefgen.grounding.changes import Story, compare, digest_memo, merge_all
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


def test_the_store_keeps_the_merged_story_and_makes_it_again_when_it_is_gone() -> None:
    store = StoryStore()
    for number in (1, 2, 3):
        store.add("Merged talks", memo(number))
    earlier = store.earlier("Merged talks")
    assert [e.story is not None for e in earlier] == [False, False, True]
    kept = earlier[-1].story
    assert kept is not None and kept.memos == [1, 2, 3]
    assert kept == merge_all((e.memo.number, e.digest) for e in earlier)

    import sqlite3

    from briefgen.run.story_store import store_path

    with sqlite3.connect(store_path()) as db:  # a store written before states were kept
        db.execute("DROP TABLE story_states")
    assert store.earlier("Merged talks")[-1].story is None  # read memo by memo instead
    store.add("Merged talks", memo(3))
    again = store.earlier("Merged talks")[-1].story
    assert again is not None and again.memos == [1, 2, 3, 4]


@pytest.mark.parametrize(
    "damage", ["UPDATE story_states SET state = '{'", "DELETE FROM story_states"]
)
def test_a_damaged_or_missing_state_is_never_read(damage: str) -> None:
    store = StoryStore()
    store.add("Damaged talks", memo(1))
    store.add("Damaged talks", memo(2))
    import sqlite3

    from briefgen.run.story_store import store_path

    with sqlite3.connect(store_path()) as db:
        db.execute(damage)
    assert store.earlier("Damaged talks")[-1].story is None
    assert len(store.earlier("Damaged talks")) == 2
