"""Where the "Since the last memo" section's CPU time goes, step by step: the story of
``benchmarks/stories.py`` (50 daily memos), then ``--runs`` memos made since it, each
after a memo made since nothing (as that benchmark times them); each step's CPU time is
summed over the runs and printed as ms a memo and as a share of the section (the store
read plus the stage). Then the stage once more, run again at once on the last memo,
``--again`` times: the same work with briefgen's code and data still in the caches.

The steps are timed by wrapping the functions that do them, so the shares add up to a
little less than the whole (the rest is the stage's own glue).

    python benchmarks/stories_breakdown.py [--memos 50] [--runs 30] [--again 50]
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import stories  # noqa: E402
from goals import heading  # noqa: E402

# (module[:class], function, what it is): the steps of the section, in the order they run.
STEPS = (
    ("briefgen.run.since", "story_of", "the story's index found"),
    ("briefgen.grounding.changes", "read_figures", "the new article's figures read"),
    ("briefgen.grounding.changes", "figure_changes", "figures compared with the story's"),
    ("briefgen.grounding.changes._index:StatementIndex", "carried_each", "news items by stem"),
    ("briefgen.grounding.changes._new", "_new_actors", "actors looked up"),
    ("briefgen.grounding.changes._story:Story", "quoted", "quotations looked up"),
    ("briefgen.run.since", "_compared", "the comparison, in all (the above and more)"),
    ("briefgen.run.since", "_by_rules", "the rules: comparison, index, earlier articles"),
    ("briefgen.run.since", "_applied", "both sides grounded, the section filled"),
)


def _owner(path: str) -> Any:
    module, _, cls = path.partition(":")
    found = importlib.import_module(module)
    return getattr(found, cls) if cls else found


def _timed(owner: Any, name: str, spent: list[float]) -> Callable[[], None]:
    """``owner.name`` timed into ``spent``; the function returned puts it back."""
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.process_time() - started)

    setattr(owner, name, timed)
    return lambda: setattr(owner, name, original)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--memos", type=int, default=50)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--again", type=int, default=50)
    args = parser.parse_args()
    from briefgen.run import since as memo_run
    from briefgen.run.story_store import StoryStore

    with tempfile.TemporaryDirectory() as data:
        os.environ["BRIEFGEN_DATA_DIR"] = data
        os.environ["BRIEFGEN_RESPONSE_CACHE"] = "off"
        stories.build_story(args.memos)
        spent: dict[str, list[float]] = defaultdict(list)
        stage = memo_run._found_and_applied
        undo = [_timed(_owner(path), name, spent[what]) for path, name, what in STEPS]
        kept: list[tuple[Any, Any, Any]] = []

        def keeping(state: Any, draft: Any, articles: Any) -> Any:
            """The stage timed, its memo kept to run it again below."""
            kept[:] = [(state, draft, draft.data)]
            started = time.process_time()
            try:
                return stage(state, draft, articles)
            finally:
                spent["stage"].append(time.process_time() - started)

        memo_run._found_and_applied = keeping
        try:
            for run in range(args.runs):
                day = args.memos + 1 + 2 * run
                stories._memo(day)  # made since nothing, as the benchmark does between
                started = time.process_time()
                earlier = StoryStore().earlier("bench")
                spent["store read"].append(time.process_time() - started)
                stories._since_memo(day + 1, earlier)
        finally:
            memo_run._found_and_applied = stage
            for put_back in reversed(undo):
                put_back()
        section = (sum(spent["store read"]) + sum(spent["stage"])) / args.runs
        heading(f"memo {args.memos + 1} and after, {args.runs} runs: ms a memo")
        for what in ["store read", *(what for *_, what in STEPS), "stage"]:
            each = sum(spent[what]) / args.runs
            print(f"{what:45s} {each * 1000:6.2f} ms  {each / section:6.1%}")
        print(f"{'section (store read + stage)':45s} {section * 1000:6.2f} ms")
        state, draft, data_before = kept[0]
        again = []
        for _ in range(args.again):
            draft.data, records = data_before, len(draft.grounder.records)
            started = time.process_time()
            stage(state, draft, memo_run._ArticlesOf(state))
            again.append(time.process_time() - started)
            del draft.grounder.records[records:]
        print(
            f"{'the stage again at once, same memo (median)':45s} "
            f"{statistics.median(again) * 1000:6.2f} ms"
        )


if __name__ == "__main__":
    main()
