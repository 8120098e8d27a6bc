"""Speed: briefgen's figures against the scripted loopback server, each beside its goal.

P2    wall time of one 20,000-token memo at 1 s per call, max_concurrency=16
P3    prompt tokens sent per article token, counted on what the server received
P4    library overhead per memo against a zero-latency server, with a profile
P5    a second run of the same memo with the response cache on: calls made, wall time
P6    100 one-chunk memos at 0.5 s per call through generate_briefs: share of 32 calls/s
cold  the first memo of a fresh process against a warm one (20,000 tokens, 1 s per call)
naive one call per memo section with the whole article each time, for comparison
rounds  a 7-chunk memo at 0.3 s per call: answer times on the critical path (was a
        timing assert in tests/integration/test_speed.py)

Everything runs in this process: the real openai client talks HTTP to a threaded
OpenAI-compatible server on 127.0.0.1 (tests/scripted_server.py) that answers like its
echo_responder after a set delay. The response cache is off except in P5.

The cold section runs its memos in a child python, against the same server.

    python benchmarks/speed.py [--only P2,P4] [--memos 50] [--profile-memos 20]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import math
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import openai  # noqa: E402
from goals import Row, heading, print_summary  # noqa: E402
from scripted_server import Recorded, ScriptedServer, Step, completion, echo_responder  # noqa: E402

import briefgen  # noqa: E402
from briefgen.extract.chunking import chunk_article  # noqa: E402
from briefgen.extract.prompts import extraction_messages, synthesis_messages  # noqa: E402
from briefgen.ingest.article import Article  # noqa: E402
from briefgen.llm.tokens import token_counter  # noqa: E402

SEED = HERE.parent / "examples" / "articles" / "pakistan_us_joint_ops.txt"
MODEL = "gpt-4o-mini"  # an exact offline tokenizer exists for it
STYLE = "info-memo"
COUNTER = token_counter(MODEL)
CONCURRENCY = 16
LISTEN_BACKLOG = 128
LONG_TOKENS = 20_000
CHUNK_TOKENS = 3000  # BriefConfig's default, restated for the label/overlap simulation

NAIVE_PREFIX = "naive_"
NAIVE_SECTIONS = {
    "subject": "the subject line",
    "summary": "the bottom line up front (a short summary)",
    "background": "the background",
    "developments": "the key developments",
    "positions": "the positions of the parties",
    "quotes": "the notable quotes, verbatim, with speakers",
    "outlook": "the outlook",
    "information_gaps": "the information gaps: questions the article leaves open",
}
NAIVE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"text": {"type": "string"}},
    "required": ["text"],
    "additionalProperties": False,
}

_LABEL = re.compile(r"^\[(S\d+)\] ", re.MULTILINE)
_PART = re.compile(r"This is part (\d+) of (\d+) of the article\.")


# -- the server's answers ---------------------------------------------------------------


class DelayedEcho:
    """echo_responder's answers, sent after ``delay`` seconds; the naive baseline's
    requests get a small JSON answer of their own."""

    def __init__(self, delay: float):
        self.delay = delay
        self.built: list[float] = []
        """When each answer was ready to send (time.monotonic, in the order built)."""
        self._lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> Step:
        name = Recorded("", body, {}, 0.0).schema_name or ""
        if name.startswith(NAIVE_PREFIX):
            step = completion({"text": "Nothing beyond the article."})
        else:
            step = echo_responder(body)
        # Serialised here, not by the server after we return, so P4 times all of it.
        step.body = json.dumps(step.body)
        step.delay = self.delay
        with self._lock:
            self.built.append(time.monotonic())
        return step


@contextmanager
def serving(delay: float) -> Iterator[tuple[ScriptedServer, DelayedEcho]]:
    responder = DelayedEcho(delay)
    with ScriptedServer(responder=responder) as server:
        # socketserver listens with a backlog of 5: a 6th simultaneous connect overflows
        # the accept queue and the client's SYN is retried a whole second later, which
        # would be timed as briefgen's. Widen the queue (Linux applies a second listen()).
        server._httpd.socket.listen(LISTEN_BACKLOG)
        yield server, responder


def settings(server: ScriptedServer, **more: Any) -> dict[str, Any]:
    # Cache off by default: a hit would hide the very calls being timed.
    return {
        "base_url": server.base_url,
        "model": MODEL,
        "cache": False,
        "max_concurrency": CONCURRENCY,
        **more,
    }


# -- articles ---------------------------------------------------------------------------

_CITIES = ("Islamabad", "Washington", "Kabul", "Rawalpindi", "New Delhi", "Peshawar")
_TOPICS = (
    "talks on joint operations",
    "intelligence sharing",
    "the Haqqani network",
    "border security",
    "the Afghan peace process",
    "aid and conditions",
)


def long_article(seed: str, target: int = LONG_TOKENS, shift: int = 0) -> str:
    """The seed article as dated dispatches under distinct headers until ``target``
    tokens: every paragraph opens with its own dateline, so no two lines are equal.
    Another ``shift`` gives another article of the same size, no line of it the same."""
    title, _, body = seed.partition("\n")
    paragraphs = [p for p in body.split("\n") if p.strip()]
    lines = [f"{title}: a dossier of dispatches"]
    section = 0
    while True:
        section += 1
        topic = _TOPICS[section % len(_TOPICS)]
        lines.append(f"Dispatch {section}: {topic}, day {section} of the visit")
        for number, paragraph in enumerate(paragraphs, start=1):
            city = _CITIES[(section + number + shift) % len(_CITIES)]
            lines.append(f"{city}, day {section + shift}, item {number} — {paragraph}")
            text = "\n".join(lines)
            if COUNTER.count(text) >= target:
                return text


def short_articles(seed: str, count: int) -> list[str]:
    # Distinct titles make distinct requests, each one chunk long.
    return [f"Report number {i}\n\n{seed}" for i in range(count)]


# -- counting what the server received --------------------------------------------------


def content_tokens(messages: list[dict[str, Any]]) -> int:
    return sum(COUNTER.count(str(m["content"])) for m in messages)


def schema_tokens(body: dict[str, Any]) -> int:
    schema = body["response_format"]["json_schema"]["schema"]
    return COUNTER.count(json.dumps(schema))


def sent_tokens(request: Recorded) -> int:
    """Prompt tokens of one request as received: message contents plus the schema."""
    return content_tokens(request.messages) + schema_tokens(request.body)


@dataclass
class CallTokens:
    name: str
    total: int
    fixed: int
    """The same messages rendered with no article sentences (or no facts), plus schema."""
    schema: int
    sentence_ids: list[str]

    @property
    def variable(self) -> int:
        return self.total - self.fixed


def bare_messages(request: Recorded, doc: Article) -> list[dict[str, str]]:
    if request.schema_name == "briefgen_synthesis":
        return synthesis_messages({}, title=doc.title, style=STYLE)
    part = _PART.search(request.last_user_text)
    number, count = (int(part[1]), int(part[2])) if part else (1, 1)
    return extraction_messages(
        [],
        title=doc.title,
        with_memo=request.schema_name == "briefgen_memo",
        part_number=number,
        part_count=count,
        style=STYLE,
    )


def split_call(request: Recorded, doc: Article) -> CallTokens:
    schema = schema_tokens(request.body)
    return CallTokens(
        name=request.schema_name or "",
        total=sent_tokens(request),
        fixed=content_tokens(bare_messages(request, doc)) + schema,
        schema=schema,
        sentence_ids=_LABEL.findall(request.last_user_text),
    )


# -- results ------------------------------------------------------------------------------


@dataclass
class MemoRun:
    """One memo against a delayed server: what was sent and how long it took."""

    wall: float
    chunks: int
    requests: list[Recorded]
    started: float


@dataclass
class Bench:
    seed: str
    long: str
    memos: int
    profile_memos: int
    rows: list[Row] = field(default_factory=list)
    _runs: dict[tuple[str, float], MemoRun] = field(default_factory=dict)

    def text(self, name: str) -> str:
        return self.seed if name == "seed" else self.long

    def memo_at(self, name: str, delay: float) -> MemoRun:
        """A briefgen memo of ``name`` at ``delay`` per call (run once, shared by sections)."""
        key = (name, delay)
        if key not in self._runs:
            with serving(delay) as (server, _):
                started = time.monotonic()
                brief = briefgen.generate_brief(self.text(name), **settings(server))
                wall = time.monotonic() - started
                self._runs[key] = MemoRun(wall, brief.report.chunks, list(server.requests), started)
        return self._runs[key]


# -- P2 -----------------------------------------------------------------------------------


def bench_p2(bench: Bench) -> None:
    heading("P2  20,000-token article, 1 s per call, max_concurrency=16")
    delay = 1.0
    run = bench.memo_at("20k", delay)
    extraction = [r.at for r in run.requests if r.schema_name == "briefgen_extraction"]
    synthesis = [r.at for r in run.requests if r.schema_name == "briefgen_synthesis"]
    print(f"article tokens      {COUNTER.count(bench.long):,}")
    print(f"chunks              {run.chunks}")
    print(
        f"requests            {len(run.requests)} ({len(extraction)} extraction + "
        f"{len(synthesis)} synthesis)"
    )
    print(f"wall time           {run.wall:.3f} s   (goal <= 2.3 s; two round trips = 2.0 s)")
    if extraction and synthesis:
        # Where the time beyond the two delays goes, from the server's arrival times.
        end = run.started + run.wall
        print(
            "  before 1st call   "
            f"{(min(extraction) - run.started) * 1000:7.1f} ms  (split, chunk, render prompts)"
        )
        print(
            "  fan-out spread    "
            f"{(max(extraction) - min(extraction)) * 1000:7.1f} ms  (first to last chunk call)"
        )
        print(
            "  between rounds    "
            f"{(synthesis[0] - max(extraction) - delay) * 1000:7.1f} ms  (parse, merge, ground)"
        )
        print(
            f"  after last answer {(end - synthesis[0] - delay) * 1000:7.1f} ms  (ground, render)"
        )
    bench.rows.append(
        Row("P2 wall, 20k-token memo @1 s", f"{run.wall:.2f} s", "<= 2.3 s", run.wall <= 2.3)
    )
    bench.rows.append(Row("P2 chunks / requests", f"{run.chunks} / {len(run.requests)}", "", None))


# -- P3 -----------------------------------------------------------------------------------


def _simulated_tokens(doc: Article, overlap: int, label: Callable[[str], str], chunk: int) -> int:
    """Tokens of the article lines briefgen would send, with another label or overlap."""
    by_id = {s.id: s for s in doc.sentences}
    total = 0
    for part in chunk_article(doc, COUNTER, budget=chunk, overlap=overlap):
        total += COUNTER.count(
            "".join(f"{label(sid)}{by_id[sid].text}\n" for sid in part.sentence_ids)
        )
    return total


def bench_p3(bench: Bench) -> None:
    heading("P3  prompt tokens sent per article token (counted at the server)")
    print("per call: message contents + JSON schema; fixed = the same messages rendered with")
    print("no article sentences (or no facts) + schema; article-carrying = total - fixed")
    for name in ("seed", "20k"):
        doc = Article.from_text(bench.text(name))
        article = COUNTER.count(doc.text)
        run = bench.memo_at(name, 0.0)
        calls = [split_call(r, doc) for r in run.requests]
        carrying = [c for c in calls if c.name != "briefgen_synthesis"]
        synth = [c for c in calls if c.name == "briefgen_synthesis"]
        sent_article = sum(c.variable for c in carrying)
        sentence_tokens = {s.id: COUNTER.count(s.text) for s in doc.sentences}
        seen: Counter[str] = Counter(sid for c in carrying for sid in c.sentence_ids)
        unique = sum(sentence_tokens[sid] for sid in seen)
        repeated = sum(sentence_tokens[sid] * (n - 1) for sid, n in seen.items())
        framing = sent_article - unique - repeated
        ratio = sent_article / article
        print(
            f"\n{name} article: {article:,} tokens, {len(doc.sentences)} sentences, "
            f"{len(carrying)} article-carrying call(s) ({carrying[0].name})"
        )
        fixed_each = sorted({c.fixed for c in carrying})
        print(
            f"  fixed per call      {'/'.join(map(str, fixed_each))} tokens "
            f"(schema {carrying[0].schema} of them), {sum(c.fixed for c in carrying):,} "
            "in all"
        )
        print(
            f"  article-carrying    {sent_article:,} tokens = sentences {unique:,} "
            f"+ overlap repeats {repeated:,} + labels/line breaks {framing:,}"
        )
        print(f"  ratio carrying/article  {ratio:.3f}   (goal <= 1.15)")
        everything = sum(c.total for c in calls)
        print(
            f"  all prompt tokens   {everything:,} = {everything / article:.2f} x the article "
            "(fixed parts and synthesis included)"
        )
        for c in synth:
            print(
                f"  synthesis call      {c.total:,} tokens: fixed {c.fixed:,} (schema "
                f"{c.schema}) + compact extraction {c.variable:,} (echo model: small)"
            )
        bench.rows.append(
            Row(f"P3 article-carrying/article, {name}", f"{ratio:.3f}", "<= 1.15", ratio <= 1.15)
        )
        bench.rows.append(
            Row(f"P3 all prompt tokens/article, {name}", f"{everything / article:.2f}", "", None)
        )
        if name == "20k":
            _p3_alternatives(doc, article, sent_article)


def _p3_alternatives(doc: Article, article: int, measured: int) -> None:
    """What other label formats and overlaps would send (a simulation, no library change)."""
    labels: dict[str, Callable[[str], str]] = {
        '"[S12] " (now)': lambda sid: f"[{sid}] ",
        '"[12] "': lambda sid: f"[{sid[1:]}] ",
        '"S12 "': lambda sid: f"{sid} ",
        '"12|"': lambda sid: f"{sid[1:]}|",
        "no label": lambda sid: "",
    }
    settings_ = [(150, CHUNK_TOKENS), (75, CHUNK_TOKENS), (0, CHUNK_TOKENS), (150, 6000)]
    print("\n  simulated article-carrying/article for the 20k article (sentence lines only):")
    header = "".join(f"  ov {o:>3}/ch {c:>4}" for o, c in settings_)
    print(f"  {'label':<16}{header}")
    for label_name, label in labels.items():
        cells = "".join(
            f"  {_simulated_tokens(doc, o, label, c) / article:>14.3f}" for o, c in settings_
        )
        print(f"  {label_name:<16}{cells}")
    now = _simulated_tokens(doc, 150, labels['"[S12] " (now)'], CHUNK_TOKENS)
    print(
        f"  (simulation of today's format: {now:,} tokens vs {measured:,} measured at the server)"
    )


# -- P4 -----------------------------------------------------------------------------------

_GROUPS = (
    ("briefgen", "/briefgen/"),
    ("openai", "/openai/"),
    ("httpx", "/httpx/"),
    ("httpcore", "/httpcore/"),
    ("pydantic", "/pydantic"),
    ("jinja2", "/jinja2/"),
    ("tiktoken", "tiktoken"),
    ("anyio", "/anyio/"),
    ("asyncio", "/asyncio/"),
    ("ssl", "ssl"),
    ("sqlite3", "sqlite3"),
    ("json", "/json/"),
)
_NAMED = ("briefgen", "openai", "httpx", "httpcore", "pydantic", "jinja2")


def _group(filename: str, function: str) -> str:
    where = filename if filename != "~" else function  # builtins: "<method ... of '_ssl...'>"
    for name, marker in _GROUPS:
        if marker in where:
            return name
    return "other"


def _short(filename: str, line: int, function: str) -> str:
    if filename == "~":
        return function
    for marker in ("/site-packages/", "/main/", "/lib/python"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({function})"


def print_profile(profiler: cProfile.Profile, memos: int) -> None:
    stats: dict[tuple[str, int, str], tuple[int, int, float, float, Any]]
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    per_memo = 1000.0 / memos
    rows = [
        (_group(f, fn), ct * per_memo, tt * per_memo, nc / memos, _short(f, ln, fn))
        for (f, ln, fn), (_cc, nc, tt, ct, _callers) in stats.items()
    ]
    total = sum(r[2] for r in rows)
    print(
        f"\ncProfile of {memos} memos: {total:.1f} ms of profiled time per memo "
        "(profiling inflates it)"
    )
    print("top 15 by cumulative time, briefgen/openai/httpx/httpcore/pydantic/jinja2 only:")
    print(f"  {'group':<9} {'cum ms':>7} {'self ms':>7} {'calls':>6}  function")
    named = sorted((r for r in rows if r[0] in _NAMED), key=lambda r: -r[1])
    for group, cum, own, calls, where in named[:15]:
        print(f"  {group:<9} {cum:7.2f} {own:7.2f} {calls:6.0f}  {where}")
    print("self time by group, ms per memo:")
    by_group: dict[str, float] = {}
    for group, _cum, own, _calls, _where in rows:
        by_group[group] = by_group.get(group, 0.0) + own
    ranked = sorted(by_group.items(), key=lambda item: -item[1])
    print("  " + ", ".join(f"{g} {ms:.1f}" for g, ms in ranked))
    print("top 10 by self time, any module:")
    for group, _cum, own, calls, where in sorted(rows, key=lambda r: -r[2])[:10]:
        print(f"  {group:<9} {own:7.2f} ms {calls:6.0f} calls  {where}")


def _parse_seconds(body: dict[str, Any]) -> float:
    # The server decodes each request before it records the arrival; time that part too.
    raw = json.dumps(body).encode()
    began = time.perf_counter()
    json.loads(raw)
    return time.perf_counter() - began


def bench_p4(bench: Bench) -> None:
    heading(
        f"P4  library overhead per memo, zero-latency server, seed article, {bench.memos} memos"
    )
    with serving(0.0) as (server, responder):
        kw = settings(server)
        briefgen.generate_brief(bench.seed, **kw)  # this server's first memo is not timed
        walls: list[float] = []
        server_times: list[float] = []
        for _ in range(bench.memos):
            first = len(server.requests)
            started = time.monotonic()
            briefgen.generate_brief(bench.seed, **kw)
            walls.append(time.monotonic() - started)
            # Sequential memos: the i-th answer built belongs to the i-th request.
            server_times.append(
                sum(
                    responder.built[i]
                    - server.requests[i].at
                    + _parse_seconds(server.requests[i].body)
                    for i in range(first, len(server.requests))
                )
            )
        calls = (len(server.requests) - 1) / bench.memos
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(bench.profile_memos):
            briefgen.generate_brief(bench.seed, **kw)
        profiler.disable()
    overhead = sorted((w - s) * 1000 for w, s in zip(walls, server_times, strict=True))
    median = statistics.median(overhead)
    p90 = overhead[min(len(overhead) - 1, math.ceil(0.9 * len(overhead)) - 1)]
    print(f"calls per memo      {calls:.0f}")
    print(f"wall per memo       median {statistics.median(walls) * 1000:.1f} ms")
    print(
        f"server per memo     median {statistics.median(server_times) * 1000:.2f} ms "
        "(decode, build answer, encode)"
    )
    print(
        f"overhead per memo   median {median:.1f} ms, p90 {p90:.1f} ms, "
        f"min {overhead[0]:.1f} ms   (goal <= 50 ms)"
    )
    print_profile(profiler, bench.profile_memos)
    bench.rows.append(Row("P4 overhead/memo median", f"{median:.1f} ms", "<= 50 ms", median <= 50))
    bench.rows.append(Row("P4 overhead/memo p90", f"{p90:.1f} ms", "<= 50 ms", p90 <= 50))


# -- P5 -----------------------------------------------------------------------------------


def bench_p5(bench: Bench) -> None:
    heading("P5  the same memo again with the response cache on (1 s per call)")
    with tempfile.TemporaryDirectory() as tmp, serving(1.0) as (server, _):
        kw = settings(server, cache=True, cache_path=Path(tmp) / "responses.sqlite3")
        for name in ("seed", "20k"):
            results: list[tuple[float, int, int]] = []
            for _ in range(2):
                before = len(server.requests)
                started = time.monotonic()
                brief = briefgen.generate_brief(bench.text(name), **kw)
                wall = time.monotonic() - started
                results.append((wall, len(server.requests) - before, brief.report.usage.cache_hits))
            (first_wall, first_calls, _), (wall, calls, hits) = results
            print(
                f"{name:<5} first run {first_calls} calls {first_wall:.3f} s;  second run "
                f"{calls} calls, {hits} cache hits, {wall * 1000:.1f} ms  (goal 0 calls)"
            )
            bench.rows.append(Row(f"P5 calls on 2nd run, {name}", str(calls), "0", calls == 0))
            bench.rows.append(Row(f"P5 wall of 2nd run, {name}", f"{wall * 1000:.0f} ms", "", None))


# -- P6 -----------------------------------------------------------------------------------


def bench_p6(bench: Bench, count: int = 100) -> None:
    delay = 0.5
    heading(
        f"P6  {count} one-chunk memos via generate_briefs, {delay} s per call, "
        f"max_concurrency={CONCURRENCY}"
    )
    articles = short_articles(bench.seed, count)
    with serving(delay) as (server, _):
        started = time.monotonic()
        results = briefgen.generate_briefs(articles, **settings(server))
        wall = time.monotonic() - started
        calls = len(server.requests)
        in_flight = server.max_in_flight
        arrivals = sorted(r.at - started for r in server.requests)
    ideal = CONCURRENCY / delay
    rate = calls / wall
    # Whole waves of 16: 100 calls need at least ceil(100/16) = 7 delays.
    best = calls / (math.ceil(calls / CONCURRENCY) * delay)
    memos = sum(isinstance(r, briefgen.Brief) for r in results)
    print(f"memos               {memos}/{count}, {calls} calls in {wall:.3f} s")
    print(
        f"calls per second    {rate:.1f} = {rate / ideal:.1%} of the ideal {ideal:.0f}"
        "   (goal >= 90 %)"
    )
    print(
        f"                    ({best:.1f}/s = {best / ideal:.1%} is the most {calls} calls "
        f"can reach in whole waves of {CONCURRENCY}; {rate / best:.1%} of that, goal >= 95 %)"
    )
    print(f"max in flight       {in_flight} at the server (limit {CONCURRENCY})")
    # Every answer takes exactly the delay, so calls go out in waves; the spread of a
    # wave is time the event loop spent elsewhere (other memos' CPU work) before sending.
    waves = [arrivals[i : i + CONCURRENCY] for i in range(0, len(arrivals), CONCURRENCY)]
    print(
        "waves sent at (ms)  " + ", ".join(f"{w[0] * 1000:.0f}-{w[-1] * 1000:.0f}" for w in waves)
    )
    print(f"after last answer   {(wall - arrivals[-1] - delay) * 1000:.0f} ms")
    bench.rows.append(
        Row("P6 calls/s share of ideal 32", f"{rate / ideal:.1%}", ">= 90 %", rate / ideal >= 0.9)
    )
    bench.rows.append(
        Row("P6 share of whole-wave bound", f"{rate / best:.1%}", ">= 95 %", rate / best >= 0.95)
    )
    bench.rows.append(Row("P6 max in flight", str(in_flight), f"{CONCURRENCY}", None))


# -- cold start ---------------------------------------------------------------------------

_COLD_CHILD = """
import sys, time
began = time.monotonic()
import briefgen
text = open(sys.argv[2], encoding="utf-8").read()
other = open(sys.argv[5], encoding="utf-8").read()
kw = dict(base_url=sys.argv[1], model=sys.argv[3], cache=False, max_concurrency=int(sys.argv[4]))
briefgen.generate_brief(text, **kw)
first = time.monotonic()
briefgen.generate_brief(text, **kw)
again = time.monotonic()
briefgen.generate_brief(other, **kw)
print(first - began, again - first, time.monotonic() - again)
"""

# What an installed briefgen has done once on the machine before: compiled its modules
# (pip does it at install) and kept its decoded tokenizer (its first memo does it).
_COLD_SETUP = (
    "import briefgen.api, sys; from briefgen.llm.tokens import token_counter as t; t(sys.argv[1])"
)

# The SDK's own first use: its import, one client (its HTTP transport) and the chat
# resource it loads on first touch; loopback, so no TLS trust is loaded.
_SDK_IMPORT = (
    "import time; t = time.monotonic(); import ssl, openai; "
    "h = openai.DefaultAsyncHttpxClient(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)); "
    "c = openai.AsyncOpenAI(api_key='x', base_url='http://127.0.0.1:9/v1', http_client=h); "
    "c.chat.completions; print(time.monotonic() - t)"
)


def bench_cold(bench: Bench, runs: int = 2) -> None:
    """What the first memo of a process pays beyond a warm one: a fresh python (as the
    command line is) times from before ``import briefgen`` to its first memo, then a
    second memo of the same article, then one of another article of the same size (whose
    own reading no cache of the process holds); the interpreter's own start is not
    counted."""
    delay = 1.0
    heading(f"cold start  20,000-token memo at {delay} s per call, first memo of a fresh process")
    root = str(Path(briefgen.__file__).resolve().parents[1])
    costs: list[float] = []
    others: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, serving(delay) as (server, _):
        # As an installed package is: its modules compiled once (pip does it at install),
        # here into a cache of the run's own, whatever PYTHONDONTWRITEBYTECODE says; its
        # files (the kept tokenizer) in a cache directory of the run's own.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPATH"] = os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        env["BRIEFGEN_CACHE_DIR"] = str(Path(tmp) / "cache")
        subprocess.run([sys.executable, "-c", _COLD_SETUP, MODEL], env=env, check=True)
        article, other = Path(tmp) / "article.txt", Path(tmp) / "other.txt"
        article.write_text(bench.long, encoding="utf-8")
        other.write_text(long_article(bench.seed, shift=1), encoding="utf-8")
        for _ in range(runs):
            argv = [server.base_url, str(article), MODEL, str(CONCURRENCY), str(other)]
            done = subprocess.run(
                [sys.executable, "-c", _COLD_CHILD, *argv],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            first, warm, fresh = map(float, done.stdout.split()[-3:])
            costs.append(first - warm)
            others.append(first - fresh)
            print(
                f"first memo {first:.3f} s (imports included), warm memo {warm:.3f} s, "
                f"warm memo of another article {fresh:.3f} s"
            )
        # The floor no briefgen change can lower: the SDK's own import, in a fresh process.
        sdk = [
            float(
                subprocess.run(
                    [sys.executable, "-c", _SDK_IMPORT],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(runs)
        ]
    cost, other_cost = statistics.median(costs), statistics.median(others)
    print(f"cold-start cost     {cost:.3f} s = first - warm, median of {runs}   (goal < 0.3 s)")
    print(f"                    {other_cost:.3f} s against a warm memo of another article")
    floor = statistics.median(sdk)
    print(f"of which            {floor:.3f} s is the openai SDK's own first use (import, client)")
    print(f"briefgen's own      {cost - floor:.3f} s")
    bench.rows.append(Row("cold-start cost, fresh process", f"{cost:.2f} s", "< 0.3 s", cost < 0.3))
    bench.rows.append(Row("  of it the SDK's first use", f"{floor:.2f} s", "", None))


# -- naive baseline -----------------------------------------------------------------------


async def _naive_memo(base_url: str, article: str) -> None:
    """One request per memo section, each carrying the whole article."""
    client = openai.AsyncOpenAI(base_url=base_url, api_key="not-needed", max_retries=0)
    gate = asyncio.Semaphore(CONCURRENCY)

    async def section(key: str, what: str) -> None:
        async with gate:
            await client.chat.completions.create(
                model=MODEL,
                messages=[
                    {
                        "role": "system",
                        "content": f"You are a diplomatic analyst. Write {what} of a "
                        "briefing memo on the article the user sends. Answer in JSON.",
                    },
                    {"role": "user", "content": article},
                ],
                temperature=0.0,
                max_tokens=512,
                response_format={
                    "type": "json_schema",
                    "json_schema": {
                        "name": f"{NAIVE_PREFIX}{key}",
                        "schema": NAIVE_SCHEMA,
                        "strict": True,
                    },
                },
            )

    try:
        await asyncio.gather(*(section(k, w) for k, w in NAIVE_SECTIONS.items()))
    finally:
        await client.close()


def bench_naive(bench: Bench) -> None:
    delay = 1.0
    heading(
        f"naive baseline: {len(NAIVE_SECTIONS)} calls per memo, whole article each, "
        f"{delay} s per call, concurrency {CONCURRENCY}"
    )
    print(f"{'':<8}{'':<10}{'calls':>6}{'prompt tokens':>15}{'wall s':>9}")
    for name in ("seed", "20k"):
        with serving(delay) as (server, _):
            started = time.monotonic()
            asyncio.run(_naive_memo(server.base_url, bench.text(name)))
            wall = time.monotonic() - started
            naive_calls = len(server.requests)
            naive_tokens = sum(sent_tokens(r) for r in server.requests)
        ours = bench.memo_at(name, delay)
        our_tokens = sum(sent_tokens(r) for r in ours.requests)
        print(f"{name:<8}{'naive':<10}{naive_calls:>6}{naive_tokens:>15,}{wall:>9.3f}")
        print(f"{'':<8}{'briefgen':<10}{len(ours.requests):>6}{our_tokens:>15,}{ours.wall:>9.3f}")
        bench.rows.append(
            Row(
                f"naive vs briefgen tokens, {name}",
                f"{naive_tokens:,} vs {our_tokens:,}",
                "",
                None,
            )
        )
        bench.rows.append(
            Row(f"naive vs briefgen wall, {name}", f"{wall:.2f} vs {ours.wall:.2f} s", "", None)
        )


# -- main -----------------------------------------------------------------------------------

SECTIONS: dict[str, Callable[[Bench], None]] = {
    "P2": bench_p2,
    "P3": bench_p3,
    "P4": bench_p4,
    "P5": bench_p5,
    "P6": bench_p6,
    "cold": bench_cold,
    "naive": bench_naive,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run, of {', '.join(SECTIONS)}",
    )
    parser.add_argument("--memos", type=int, default=50, help="P4's timed memos")
    parser.add_argument("--profile-memos", type=int, default=20, help="P4's profiled memos")
    args = parser.parse_args()
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    lookup = {name.lower(): name for name in SECTIONS}
    unknown = [s for s in wanted if s.lower() not in lookup]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")

    began = time.monotonic()
    seed = SEED.read_text(encoding="utf-8")
    bench = Bench(
        seed=seed, long=long_article(seed), memos=args.memos, profile_memos=args.profile_memos
    )
    # The process's first memo pays for imports, prompt compiling and the tokenizer;
    # every figure below is for a warm process.
    with serving(0.0) as (server, _):
        started = time.monotonic()
        briefgen.generate_brief(seed, **settings(server))
        cold = time.monotonic() - started
    print(f"first memo of the process (cold, zero latency): {cold * 1000:.0f} ms")
    # Timings here are CPU-bound on a small machine: say how busy it was.
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    for name in wanted:
        SECTIONS[lookup[name.lower()]](bench)
    print_summary(bench.rows)
    print(
        f"\ntotal run time {time.monotonic() - began:.1f} s; load average now "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    )


# -- rounds (appended) ----------------------------------------------------------------------


def bench_rounds(bench: Bench) -> None:
    """The figure tests/integration/test_speed.py used to assert on the clock: seven chunk
    calls in parallel, then one synthesis, take about two answer times, not eight."""
    delay = 0.3
    heading(f"rounds  7 x the seed article, chunk_tokens=600, {delay} s per call")
    text = "\n\n".join([bench.seed] * 7)
    with serving(delay) as (server, _):
        started = time.monotonic()
        brief = briefgen.generate_brief(
            text, **settings(server), chunk_tokens=600, chunk_overlap_tokens=0
        )
        wall = time.monotonic() - started
        requests = list(server.requests)
        in_flight = server.max_in_flight
    names = [r.schema_name for r in requests]
    extraction = [r.at for r in requests if r.schema_name == "briefgen_extraction"]
    synthesis = [r.at for r in requests if r.schema_name == "briefgen_synthesis"]
    rounds = wall / delay
    print(f"chunks              {brief.report.chunks}; requests {len(requests)}")
    everything = in_flight == len(extraction)
    print(f"max in flight       {in_flight} at the server (all chunk calls at once: {everything})")
    print(
        f"chunk calls before the synthesis: {bool(synthesis) and max(extraction) <= synthesis[0]}"
        f" (order {'ok' if names[-1:] == ['briefgen_synthesis'] else 'WRONG'})"
    )
    print(f"wall time           {wall:.3f} s = {rounds:.2f} answer times   (goal < 4; 2 is ideal)")
    bench.rows.append(
        Row("rounds, 7-chunk memo @0.3 s", f"{rounds:.2f} answer times", "< 4", rounds < 4)
    )


SECTIONS["rounds"] = bench_rounds


if __name__ == "__main__":
    main()
