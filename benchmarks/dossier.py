"""Dossiers: calls, prompt characters and wall time of many-article memos, each beside
the ideal and, for 40 articles, beside its goal.

sizes   dossiers of 5, 20 and 50 real articles at 1 s per call, max_concurrency=16:
        wall time, calls by kind, prompt characters sent per article character (the
        ideal is one call per article plus one synthesis, and 1.00x the articles), the
        JSON-schema characters each request carries besides, and the sources cited
goal    40 articles: calls <= 46, prompt chars <= 1.6x the articles', wall <= 7 s,
        >= 5 articles cited; PASS/FAIL printed, the process never fails on it
cached  a 20-article dossier with the response cache on, then the same 20 + 1 new
        article: the calls the second run makes (ideal: 1 extraction + synthesis)

The articles are the first N distinct ones of the development corpus
(../shared/corpus/qags_cnndm.jsonl, CNN/DailyMail, lower-cased); it is read in place,
never copied. Everything runs in this process: the real openai client talks HTTP to the
threaded OpenAI-compatible server on 127.0.0.1 (tests/scripted_server.py), which answers
like a model from each request alone (tests/dossier_answers.py) after a set delay.
Prompt characters are counted on what that server received: every message's content.

    python benchmarks/dossier.py [--sizes 5,20,50] [--goal-size 40] [--delay 1.0]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from dossier_answers import dossier_responder, sentence_lines  # noqa: E402
from goals import Row, heading, print_summary  # noqa: E402
from scripted_server import Recorded, ScriptedServer, Step  # noqa: E402

import briefgen  # noqa: E402
from briefgen.ingest.article import source_of  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus" / "qags_cnndm.jsonl"
MODEL = "gpt-4o-mini"  # an exact offline tokenizer exists for it
CONCURRENCY = 16
DELAY = 1.0
SIZES = (5, 20, 50)
GOAL_SIZE = 40
CACHED_SIZE = 20
# Short names for the request kinds (their response_format's json_schema name).
KINDS = {
    "briefgen_extraction": "extraction",
    "briefgen_dossier": "synthesis",
    "briefgen_memo": "single-pass",
    "briefgen_synthesis": "one-article synthesis",
}


# -- the corpus -----------------------------------------------------------------------------


def corpus_articles(count: int) -> list[str]:
    """The first ``count`` distinct articles of the corpus, in file order."""
    if not CORPUS.is_file():
        sys.exit(f"The development corpus is absent ({CORPUS}); this benchmark needs it.")
    seen: dict[str, None] = {}
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["article"].strip()
            seen.setdefault(text, None)
            if len(seen) == count:
                break
    if len(seen) < count:
        sys.exit(f"The corpus has {len(seen)} distinct articles; {count} were asked for.")
    return list(seen)


# -- the server ---------------------------------------------------------------------------


class Delayed:
    """dossier_responder's answers, sent after ``delay`` seconds (a model's latency)."""

    def __init__(self, delay: float):
        self.delay = delay

    def __call__(self, body: dict[str, Any]) -> Step:
        step = dossier_responder(body)
        step.delay = self.delay
        return step


@contextmanager
def serving(delay: float) -> Iterator[ScriptedServer]:
    with ScriptedServer(responder=Delayed(delay)) as server:
        yield server


def settings(server: ScriptedServer, **more: Any) -> dict[str, Any]:
    # Cache off by default: a hit would hide the very calls being counted.
    return {
        "base_url": server.base_url,
        "model": MODEL,
        "cache": False,
        "max_concurrency": CONCURRENCY,
        **more,
    }


# -- counting what the server received ------------------------------------------------------


def kind(request: Recorded) -> str:
    name = request.schema_name or "?"
    return KINDS.get(name, name)


def prompt_chars(request: Recorded) -> int:
    return sum(len(str(m.get("content") or "")) for m in request.messages)


def schema_chars(request: Recorded) -> int:
    """The response_format sent with a request: not prompt text, but the provider reads
    it (and most bill it) all the same."""
    return len(json.dumps(request.body.get("response_format") or {}))


@dataclass
class Run:
    """One dossier against the delayed server: what was sent and how long it took."""

    articles: int
    article_chars: int
    wall: float
    requests: list[Recorded]
    cited: int
    """Sources the rendered memo cites (A<n>:S<m> in its markdown): a memo over its
    length budget is cut at rendering, after ``data`` is final."""
    cited_in_data: int
    independent: int
    started: float

    @property
    def calls(self) -> int:
        return len(self.requests)

    @property
    def by_kind(self) -> Counter[str]:
        return Counter(kind(r) for r in self.requests)

    @property
    def chars(self) -> int:
        return sum(prompt_chars(r) for r in self.requests)

    @property
    def ratio(self) -> float:
        return self.chars / self.article_chars

    def chars_of(self, name: str) -> int:
        return sum(prompt_chars(r) for r in self.requests if kind(r) == name)

    def schema_of(self, name: str) -> list[int]:
        return [schema_chars(r) for r in self.requests if kind(r) == name]

    def arrivals(self, name: str) -> list[float]:
        """When each request of this kind reached the server, seconds after the start."""
        return sorted(r.at - self.started for r in self.requests if kind(r) == name)


def extraction_split(requests: list[Recorded]) -> tuple[int, int, int]:
    """Characters of the extraction requests: (system prompts, user framing around the
    sentence lines, the ``[S<m>] text`` lines themselves)."""
    system = framing = lines = 0
    for request in requests:
        if kind(request) != "extraction":
            continue
        user = request.last_user_text
        carried = sum(len(f"[{sid}] {text}") + 1 for sid, text in sentence_lines(user))
        system += sum(len(str(m["content"])) for m in request.messages if m["role"] == "system")
        framing += len(user) - carried
        lines += carried
    return system, framing, lines


def run_dossier(texts: list[str], server: ScriptedServer, **more: Any) -> Run:
    first = len(server.chat_requests)
    started = time.monotonic()
    brief = briefgen.generate_dossier(texts, **settings(server, **more))
    wall = time.monotonic() - started
    return Run(
        articles=len(texts),
        article_chars=sum(len(t) for t in texts),
        wall=wall,
        requests=list(server.chat_requests[first:]),
        cited=len(set(re.findall(r"\bA(\d+):S\d+", brief.markdown))),
        cited_in_data=len({source_of(sid) for sid in brief.data.cited_ids()} - {0}),
        independent=brief.data.independent_sources,
        started=started,
    )


def fresh_dossier(texts: list[str], delay: float, **more: Any) -> Run:
    """A dossier on a server of its own (a new endpoint: nothing cached is reused)."""
    with serving(delay) as server:
        return run_dossier(texts, server, **more)


# -- results ------------------------------------------------------------------------------


@dataclass
class Bench:
    delay: float
    rows: list[Row] = field(default_factory=list)


def _kinds(counts: Counter[str]) -> str:
    return ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))


def print_run(run: Run, delay: float) -> None:
    n = run.articles
    print(
        f"{n} articles ({run.independent} independent), {run.article_chars:,} characters"
        f"   wall {run.wall:.2f} s"
    )
    print(f"  calls             {run.calls} ({_kinds(run.by_kind)});  ideal {n + 1} ({n} + 1)")
    print(
        f"  prompt chars      {run.chars:,} = {run.ratio:.2f}x the articles;  ideal 1.00x"
        f"  (extraction {run.chars_of('extraction'):,}, synthesis "
        f"{run.chars_of('synthesis'):,})"
    )
    for name in sorted(run.by_kind):
        sizes = run.schema_of(name)
        print(
            f"  schema chars      {name}: {min(sizes):,}-{max(sizes):,} per request, "
            f"{sum(sizes):,} in all (response_format, not counted above)"
        )
    system, framing, lines = extraction_split(run.requests)
    calls = run.by_kind["extraction"] or 1
    print(
        f"  extraction chars  per call: system {system / calls:,.0f} + user framing "
        f"{framing / calls:,.0f} (fixed); sentence lines {lines:,} in all = "
        f"{lines / run.article_chars:.2f}x the articles"
    )
    extraction, synthesis = run.arrivals("extraction"), run.arrivals("synthesis")
    if extraction and synthesis:
        # Where the time goes, from the server's arrival times (answers take `delay`).
        print(
            f"  timeline          1st extraction sent at {extraction[0]:.2f} s, last at "
            f"{extraction[-1]:.2f} s; 1st synthesis at {synthesis[0]:.2f} s, last at "
            f"{synthesis[-1]:.2f} s; done at {run.wall:.2f} s"
        )
        print(
            f"  after the last answer {run.wall - synthesis[-1] - delay:.2f} s (grounding, "
            f"rendering);  ideal wall {math.ceil(n / CONCURRENCY) + 1} answer times"
        )
    print(
        f"  sources cited     {run.cited} of {n} in the markdown "
        f"({run.cited_in_data} in brief.data.cited_ids())"
    )


def bench_sizes(bench: Bench, sizes: list[int]) -> None:
    heading(f"sizes  {bench.delay} s per call, max_concurrency={CONCURRENCY}, cache off")
    for size in sizes:
        run = fresh_dossier(corpus_articles(size), bench.delay)
        print_run(run, bench.delay)
        bench.rows.append(
            Row(
                f"{size} articles: calls / chars ratio / wall / cited",
                f"{run.calls} / {run.ratio:.2f}x / {run.wall:.2f} s / {run.cited}",
                "",
                None,
            )
        )


def bench_goal(bench: Bench, size: int) -> None:
    heading(f"goal  {size} articles, {bench.delay} s per call")
    run = fresh_dossier(corpus_articles(size), bench.delay)
    print_run(run, bench.delay)
    checks = (
        ("calls", f"{run.calls}", f"<= {size + 6}", run.calls <= size + 6),
        ("prompt chars / article chars", f"{run.ratio:.2f}x", "<= 1.6x", run.ratio <= 1.6),
        ("wall", f"{run.wall:.2f} s", "<= 7 s", run.wall <= 7.0),
        ("articles cited", f"{run.cited}", ">= 5", run.cited >= 5),
    )
    for figure, value, goal, met in checks:
        print(f"  {figure:<30}{value:>10}   goal {goal:<9} {'PASS' if met else 'FAIL'}")
        bench.rows.append(Row(f"goal {size}: {figure}", value, goal, met))


def bench_cached(bench: Bench, size: int) -> None:
    heading(f"cached  {size} articles with the response cache on, then {size} + 1")
    texts = corpus_articles(size + 1)
    # One server for both runs: the cache keys answers by endpoint, and a new server
    # listens on a new port.
    with tempfile.TemporaryDirectory() as tmp, serving(bench.delay) as server:
        cache = {"cache": True, "cache_path": Path(tmp) / "responses.sqlite3"}
        first = run_dossier(texts[:size], server, **cache)
        second = run_dossier(texts, server, **cache)
    print(
        f"first run             {first.calls} calls ({_kinds(first.by_kind)}), {first.wall:.2f} s"
    )
    print(
        f"with one article more {second.calls} calls ({_kinds(second.by_kind)}), "
        f"{second.wall:.2f} s;  ideal 1 extraction + synthesis"
    )
    extraction = second.by_kind["extraction"]
    bench.rows.append(
        Row(f"cached {size} + 1: extraction calls", str(extraction), "1", extraction == 1)
    )
    bench.rows.append(Row(f"cached {size} + 1: all calls", str(second.calls), "", None))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="dossier sizes")
    parser.add_argument("--goal-size", type=int, default=GOAL_SIZE, help="the goal's size")
    parser.add_argument("--delay", type=float, default=DELAY, help="seconds per call")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    corpus_articles(max([*sizes, args.goal_size, CACHED_SIZE + 1]))  # exits if absent

    began = time.monotonic()
    bench = Bench(delay=args.delay)
    # The process's first dossier pays for imports, prompt compiling and the tokenizer;
    # every figure below is for a warm process.
    warm = fresh_dossier(corpus_articles(2), 0.0)
    print(f"first dossier of the process (cold, zero latency, 2 articles): {warm.wall:.2f} s")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    bench_sizes(bench, sizes)
    bench_goal(bench, args.goal_size)
    bench_cached(bench, CACHED_SIZE)
    print_summary(bench.rows, words=("PASS", "FAIL"))
    print(f"\ntotal run time {time.monotonic() - began:.1f} s")


if __name__ == "__main__":
    main()
