"""Stories: a story of 50 daily memos kept in the store, then the 51st.

section  the 51st memo's extra CPU time for "Since the last memo" (reading the story from
         the store: its memos' rows, then its index looked up by what the new memo names;
         the comparison; grounding both sides of each change; filling the section),
         against the memo's own CPU time made since nothing; the median of --repeats
         runs. Goal: under 10 %. (benchmarks/stories_breakdown.py times its steps.)
store    the store's size on disk after 10, 20 and 50 memos, and bytes per memo. Goal: it
         grows linearly (the bytes per memo of the last 30 within 25 % of the first 10's).

client   the same share against the memo made since nothing through the real ``openai``
         client, talking HTTP to the tests' scripted server in a child process (whose
         CPU time is not counted): the memo as a user makes it, for information; the
         goal is read against the memo above, the smaller.

The reports are invented here, one a day, of about 20 sentences: events, two people and
two quotations new each day,
the count of the displaced revised every third day, the story's opening told again as
background, and a figure that stays the same. The model is a FunctionBackend answering as
the tests' competent stand-in does (tests/dossier_answers.py: items copied from the
request's own sentences), so no socket is opened and the CPU time is briefgen's own.

    python benchmarks/stories.py [--memos 50] [--repeats 5] [--sizes 10,20,50]

(``--sizes``: the story sizes at which the store is measured; the last two and the first
two are compared for linear growth.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from dossier_answers import dossier_responder  # noqa: E402
from goals import Row, heading, print_summary  # noqa: E402
from scripted_server import served_in_child  # noqa: E402

import briefgen  # noqa: E402
from briefgen.llm.backend import CompletionRequest  # noqa: E402

SECTION_GOAL = 0.10
LINEAR_GOAL = 0.25
SIZES = (10, 20, 50)
_SYLLABLES = "ba da fa ha ka la ma na ra sa ta wa zi mu".split()
_ROLES = "envoy spokesman adviser negotiator governor commander".split()
_ORGS = ("the Rapid Guard", "the Darvan army", "the Kesh mediators", "the relief council")


def _word(day: int, salt: int, length: int = 3) -> str:
    """A made-up name, different for every day (and salt)."""
    n, parts = day * 7 + salt * 1009, []
    for _ in range(length):
        n, digit = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return "".join(parts).capitalize()


def _person(day: int) -> tuple[str, str]:
    return _word(day, 1, 2), _word(day, 2)


# The story's background, as a wire service tells it again each day: ten of these
# sixteen, in turn.
_BACKGROUND = (
    "Delegations of the Darvan army and the Rapid Guard opened the talks in Port Selim on "
    "March 1, the first direct meeting since the war began.",
    "Aid agencies say 3 million people face acute hunger in the western provinces.",
    "The war began two years ago when a dispute over the command of the Rapid Guard turned "
    "into open fighting in the capital.",
    "The government of Kesh hosts the talks and has offered to monitor any truce.",
    "Earlier rounds of talks collapsed after both sides accused each other of attacks on "
    "civilians.",
    "The Rapid Guard controls most of the western provinces, while the army holds the "
    "capital and the coast.",
    "Hospitals in the western provinces report shortages of fuel, medicine and staff.",
    "The United Nations Security Council has called for an immediate ceasefire.",
    "Both delegations have said they would not sign a deal that divides the country.",
    "Relief convoys have been stopped at checkpoints on the main road from the coast.",
    "Prices of bread and fuel have tripled in the capital since the fighting began.",
    "Neighbouring states fear that the war could spread across the borders.",
    "The army accuses the Rapid Guard of recruiting fighters from abroad.",
    "The Rapid Guard says the army has bombed markets and schools.",
    "Diplomats say the mediators want a first agreement on aid before any political talks.",
    "Journalists have been barred from the conference centre in Port Selim.",
)


def report(day: int) -> briefgen.Article:
    """The invented report of ``day`` (1 for the first), with its publication date: about
    20 sentences, half of them the story's background told again."""
    date = dt.date(2026, 3, 1) + dt.timedelta(days=day - 1)
    first, last = _person(day)
    other_first, other_last = _word(day, 5, 2), _word(day, 6)
    role, org = _ROLES[day % len(_ROLES)], _ORGS[day % len(_ORGS)]
    place, district = _word(day, 3), _word(day, 4)
    displaced = 8 + (day // 3) * 0.1
    lines = [
        f"Port Selim talks, day {day}: {org} in focus",
        f"PORT SELIM, {date:%B} {date.day} (Meridian Wire) - Delegates met in the town of "
        f"{place} on {date:%A} to discuss aid convoys to the {district} district.",
        f"{first} {last}, the {role} of {org}, said the group would back a local truce "
        f"around {place}.",
        f"“We will open the road to {place} if the shelling stops,” {last} told reporters.",
        f"The United Nations says {displaced:.1f} million people have been displaced by "
        "the fighting.",
        f"{other_first} {other_last}, a relief worker in {district}, said {day + 20} trucks "
        "were waiting at the checkpoint.",
        f"“The children of {district} have not eaten for days,” {other_last} said.",
        f"Mediators from Kesh said the next round would focus on prisoners held near {place}.",
        f"Fighting was reported overnight on the road between {place} and {district}.",
        *(_BACKGROUND[(day + k) % len(_BACKGROUND)] for k in range(10)),
        f"The talks are expected to resume on {date + dt.timedelta(days=1):%A}.",
    ]
    return briefgen.Article.from_text("\n".join(lines), published=date.isoformat())


def _reply(request: CompletionRequest) -> str:
    body = {
        "messages": list(request.messages),
        "response_format": {"json_schema": {"name": request.name}},
    }
    step = dossier_responder(body)
    return str(step.body["choices"][0]["message"]["content"])


def _memo(day: int, **settings: Any) -> briefgen.Brief:
    backend = briefgen.FunctionBackend(_reply)
    date = dt.date(2026, 3, 1) + dt.timedelta(days=day - 1)
    return briefgen.generate_brief(
        report(day),
        client=backend,
        cache=False,
        memo_date=f"{date:%B} {date.day}, 2026",
        **settings,
    )


def _client_memo(day: int, base_url: str) -> None:
    """Memo ``day`` made since nothing through the openai client (a report of its own:
    ``day`` far from the story's, so no cache of this process has read it)."""
    date = dt.date(2026, 3, 1) + dt.timedelta(days=day - 1)
    briefgen.generate_brief(
        report(day),
        base_url=base_url,
        api_key="benchmark",
        model="scripted",
        cache=False,
        memo_date=f"{date:%B} {date.day}, 2026",
    )


def _store_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def _checkpoint(path: Path) -> None:
    import sqlite3

    # The WAL is folded into the file first, so that the size is the store's own.
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def build_story(count: int, at: tuple[int, ...] = SIZES) -> dict[int, int]:
    """Keep ``count`` daily memos in story "bench"; the store's bytes after each size."""
    from briefgen.run.story_store import store_path

    sizes: dict[int, int] = {}
    for day in range(1, count + 1):
        _memo(day, story="bench")
        if day in at or day == count:
            _checkpoint(store_path())
            sizes[day] = _store_bytes(store_path())
    return sizes


def time_section(
    day: int, repeats: int, base_url: str
) -> tuple[float, float, float, float, dict[str, int]]:
    """Median CPU seconds of a memo (days ``day``, ``day`` + 2 ...) made since nothing, of
    the section's extra in one made since the story (days ``day`` + 1 ...: the story read
    from the store, plus the stage), of that whole memo (a cross-check), and of a memo
    made since nothing through the openai client at ``base_url``."""
    # The memo takes the stage from its module when it is made since others.
    from briefgen.run import since as memo_run
    from briefgen.run.story_store import StoryStore

    stage = memo_run.since_last
    spent: list[float] = []

    async def timed(state: Any, draft: Any) -> None:
        started = time.process_time()
        await stage(state, draft)
        spent.append(time.process_time() - started)

    memo_run.since_last = timed  # type: ignore[assignment]
    own, extra, whole, client = [], [], [], []
    made: briefgen.Brief | None = None
    try:
        for run in range(repeats):
            # Two reports never read before, so that no cache of this process helps
            # either: one made since nothing, the next since the story.
            plain, since = day + 2 * run, day + 2 * run + 1
            started = time.process_time()
            _memo(plain)
            own.append(time.process_time() - started)
            started = time.process_time()
            _client_memo(plain + 10_000, base_url)
            client.append(time.process_time() - started)
            spent.clear()
            started = time.process_time()
            earlier = StoryStore().earlier("bench")
            reading = time.process_time() - started
            made = _since_memo(since, earlier)
            whole.append(time.process_time() - started)
            extra.append(reading + sum(spent))
    finally:
        memo_run.since_last = stage  # type: ignore[assignment]
    assert made is not None and made.data.since is not None
    counts = {
        "earlier memos": made.data.since.count,
        "named in the memo": len(made.data.since.earlier),
        "new": len(made.data.since_new),
        "changed": len(made.data.since_changed),
        "moved to background": len(made.data.since.moved_to_background),
    }
    medians = [statistics.median(times) for times in (own, extra, whole, client)]
    return medians[0], medians[1], medians[2], medians[3], counts


def _since_memo(day: int, earlier: list[Any]) -> briefgen.Brief:
    """Memo ``day`` made since ``earlier`` (read from the store), not kept in it: the
    story stays at its size however many runs are timed."""
    from briefgen.config import build_config
    from briefgen.memo.styles import get_style
    from briefgen.run import open_runtime, run_memo, run_sync

    date = dt.date(2026, 3, 1) + dt.timedelta(days=day - 1)
    cfg = build_config(None, {"cache": False, "memo_date": f"{date:%B} {date.day}, 2026"})

    async def make() -> briefgen.Brief:
        async with open_runtime(cfg, briefgen.FunctionBackend(_reply)) as runtime:
            return await run_memo(
                report(day),
                get_style("info-memo"),
                cfg,
                runtime,
                time.perf_counter(),
                earlier=earlier,
            )

    return run_sync(make())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--memos", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args()
    at = tuple(int(size) for size in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as data:
        os.environ["BRIEFGEN_DATA_DIR"] = data
        os.environ["BRIEFGEN_RESPONSE_CACHE"] = "off"
        heading(f"a story of {args.memos} daily memos")
        started = time.perf_counter()
        sizes = build_story(args.memos, at)
        print(f"made and kept {args.memos} memos in {time.perf_counter() - started:.1f} s")
        for count, size in sorted(sizes.items()):
            kib = size / 1024
            print(f"store after {count:>3} memos: {kib:8.1f} KiB ({kib / count:.1f} KiB a memo)")
        heading(f"memo {args.memos + 1}: CPU time, median of {args.repeats}")
        with served_in_child("dossier_answers:dossier_responder") as (base_url, _):
            own, extra, whole, client, counts = time_section(args.memos + 1, args.repeats, base_url)
        share, client_share = extra / own, extra / client
        print(f"memo made since nothing:              {own * 1000:7.1f} ms CPU")
        print(f"section (store read + stage):         {extra * 1000:7.1f} ms = {share:.1%} of it")
        print(f"memo made since the story, in all:    {whole * 1000:7.1f} ms CPU")
        print(
            f"memo since nothing, openai client:    {client * 1000:7.1f} ms CPU "
            f"(the section {client_share:.1%} of it)"
        )
        print("section: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    # Linear growth: the bytes each memo adds stay the same as the story grows (the
    # first memos also pay for the file's own pages, so the increments are compared).
    counts = sorted(sizes)
    steps = [(sizes[b] - sizes[a]) / (b - a) for a, b in itertools.pairwise(counts)]
    per_first, per_rest = steps[0], steps[-1]
    linear = abs(per_rest - per_first) / per_first
    print_summary(
        [
            Row(
                "section extra CPU / memo CPU",
                f"{share:.1%}",
                f"<{SECTION_GOAL:.0%}",
                share < SECTION_GOAL,
            ),
            Row(
                "section / memo through the openai client",
                f"{client_share:.1%}",
                "-",
                None,
            ),
            Row(
                f"bytes a memo adds, {counts[-2]}-{counts[-1]} vs {counts[0]}-{counts[1]}",
                f"{per_rest / 1024:.1f} vs {per_first / 1024:.1f} KiB",
                f"±{LINEAR_GOAL:.0%}",
                linear <= LINEAR_GOAL,
            ),
        ]
    )
    print(json.dumps({"sizes": sizes, "own_s": own, "section_s": extra, "client_s": client}))


if __name__ == "__main__":
    main()
