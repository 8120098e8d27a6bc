"""Soak: many memos against a loopback server that faults 30 % of calls.

Each request to the scripted server fails with probability --fault-rate, picking one of:
429 (Retry-After 0), 500, 502, 503, 504, a dropped connection, a slow answer past the
client timeout, a reply that is not JSON, a truncated reply, a refusal. Prints memos
completed, errors by type, retries, re-asks and wall time. Every memo must end, in a memo
or a typed briefgen error, within the overall deadline.

With ``--batch N`` it soaks the batch path instead: N short articles through
``export_batch``, a results file in which 5 % of the lines are mistyped (a field of the
wrong JSON type) or missing, ``import_results``, then the engine's corrected file,
imported twice. Every memo must be written exactly once, the ledger must end consistent
(every article written, the job done, nothing left out or stored twice), and it prints
the peak of Python memory (tracemalloc) of each import.

    python benchmarks/soak.py [--memos 200] [--fault-rate 0.3] [--concurrency 16]
    python benchmarks/soak.py --batch 1000
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import random
import sqlite3
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from scripted_server import (  # noqa: E402
    ScriptedServer,
    Step,
    answer_requests_file,
    completion,
    echo_responder,
    error,
)

import briefgen  # noqa: E402
from briefgen.batch.files import export_batch, import_results  # noqa: E402
from briefgen.batch.ledger import Ledger  # noqa: E402

SEED = HERE.parent / "examples" / "articles" / "pakistan_us_joint_ops.txt"


def _faults(timeout: float) -> list[tuple[str, Step]]:
    return [
        ("429", error(429, headers={"retry-after": "0"})),
        ("500", error(500)),
        ("502", error(502)),
        ("503", error(503)),
        ("504", error(504)),
        ("reset", Step(drop=True)),
        ("timeout", Step(delay=timeout * 2, body={})),
        ("not-json", completion("I am not JSON")),
        ("truncated", completion('{"extraction": {"actors": [', finish_reason="length")),
        ("refusal", completion(None, refusal="I can't help with that.")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--memos", type=int, default=200)
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, metavar="N", help="soak the batch path instead")
    args = parser.parse_args()
    if args.batch:
        batch_round(args.batch, random.Random(args.seed))
        return
    live_soak(args)


def live_soak(args: argparse.Namespace) -> None:
    """Many live memos against a server that faults ``--fault-rate`` of the calls."""

    timeout = 0.5
    faults = _faults(timeout)
    rng = random.Random(args.seed)
    lock = threading.Lock()
    injected: collections.Counter[str] = collections.Counter()

    def responder(body: dict[str, Any]) -> Step:
        with lock:
            hit = rng.random() < args.fault_rate
            name, step = rng.choice(faults) if hit else ("ok", echo_responder(body))
            injected[name] += 1
        return step

    text = SEED.read_text(encoding="utf-8")
    outcomes: collections.Counter[str] = collections.Counter()
    totals = collections.Counter[str]()

    with ScriptedServer(responder=responder) as server:
        config = briefgen.BriefConfig(
            base_url=server.base_url,
            model="soak",
            timeout=timeout,
            max_retries=4,
            max_retry_wait=0.2,
            max_reasks=2,
            max_output_tokens=512,
            cache=False,  # every memo must meet the faults, not a cached answer
        )
        gate = asyncio.Semaphore(args.concurrency)

        async def one() -> None:
            async with gate:
                try:
                    brief = await briefgen.agenerate_brief(text, config=config)
                except briefgen.BriefgenError as exc:
                    outcomes[type(exc).__name__] += 1
                    return
                outcomes["memo"] += 1
                usage = brief.report.usage
                totals["retries"] += usage.retries
                totals["reasks"] += usage.reasks
                totals["truncations"] += usage.truncations

        async def run_all() -> None:
            jobs = [one() for _ in range(args.memos)]
            await asyncio.wait_for(asyncio.gather(*jobs), timeout=600)

        started = time.perf_counter()
        asyncio.run(run_all())
        wall = time.perf_counter() - started
        requests = len(server.requests)

    print(f"memos requested    {args.memos}")
    print(f"memos completed    {outcomes['memo']}")
    typed = {k: v for k, v in outcomes.items() if k != "memo"}
    print(f"typed errors       {sum(typed.values())} {dict(sorted(typed.items()))}")
    unaccounted = args.memos - sum(outcomes.values())
    print(f"unaccounted        {unaccounted}  (goal 0: no hang, no unhandled exception)")
    print(
        f"requests           {requests}; faults injected "
        f"{sum(v for k, v in injected.items() if k != 'ok')} "
        f"({dict(sorted((k, v) for k, v in injected.items() if k != 'ok'))})"
    )
    print(
        f"in completed memos retries {totals['retries']}, re-asks {totals['reasks']}, "
        f"truncations {totals['truncations']}"
    )
    print(f"wall time          {wall:.1f} s")


# -- the batch round --------------------------------------------------------------------


def _mistype(line: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A copy of a results line with one field of the wrong JSON type."""
    spoiled = json.loads(json.dumps(line))
    body = spoiled["response"]["body"]
    how = rng.choice(["response", "choices", "choices-object", "tokens", "content"])
    if how == "response":
        spoiled["response"] = [1]
    elif how == "choices":
        body["choices"] = 5
    elif how == "choices-object":
        body["choices"] = {}
    elif how == "tokens":
        body["usage"]["prompt_tokens"] = "abc"
    else:
        body["choices"][0]["message"]["content"] = 123
    return dict(spoiled)


def _traced(call: Any) -> tuple[Any, int, float]:
    """What ``call()`` returns (or raises), its peak Python memory (KiB) and wall time."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = call()
    except briefgen.BriefgenError as exc:
        outcome = exc
    wall = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] // 1024
    tracemalloc.stop()
    return outcome, peak, wall


def batch_round(count: int, rng: random.Random) -> None:
    """Export, a spoiled results file, import, the corrected file imported twice."""
    from seed_answers import SEED_TEXT

    paragraphs = SEED_TEXT.split("\n")
    texts = [
        f"Report {n}\n" + "\n".join(paragraphs[1 + n % 5 : 8 + n % 5])[:1800] for n in range(count)
    ]
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        ledger = Ledger(root / "batches.sqlite3")
        requests, out = root / "req.jsonl", root / "memos"
        sources = [f"a{n:05d}" for n in range(count)]
        job = export_batch(texts, requests, sources=sources, ledger=ledger, cache=False)
        good = [json.loads(x) for x in answer_requests_file(requests.read_text()).splitlines()]
        spoiled, mistyped, missing = [], 0, 0
        for line in good:
            roll = rng.random()
            if roll < 0.025:
                spoiled.append(_mistype(line, rng))
                mistyped += 1
            elif roll < 0.05:
                missing += 1
            else:
                spoiled.append(line)
        bad, fixed = root / "bad.jsonl", root / "fixed.jsonl"
        bad.write_text("".join(json.dumps(x) + "\n" for x in spoiled))
        fixed.write_text("".join(json.dumps(x) + "\n" for x in good))
        writes: collections.Counter[str] = collections.Counter()

        def told(brief: Any, target: Path) -> None:
            writes[target.name] += 1

        print(f"batch round        {count} articles, {len(good)} requests")
        print(f"spoiled file       {mistyped} lines mistyped, {missing} left out")
        for label, path in (("spoiled", bad), ("corrected", fixed), ("corrected again", fixed)):
            outcome, peak, wall = _traced(
                lambda path=path: import_results(
                    requests, path, out, on_written=told, ledger=ledger
                )
            )
            said = type(outcome).__name__
            if isinstance(outcome, briefgen.BriefgenError):
                said += f": {str(outcome)[:90]}..."
            print(f"import {label:<16} {wall:6.1f} s, peak {peak:>7} KiB, {said}")
            memos = len(list(out.glob("*.md")))
            print(f"  memos so far     {memos}; articles {ledger.counts(job.id)}")
        _check_batch(ledger, job.id, count, writes, out)
        ledger.close()


def _check_batch(
    ledger: Ledger, job: str, count: int, writes: collections.Counter[str], out: Path
) -> None:
    """Every memo written once, none twice, and the ledger consistent."""
    twice = [name for name, n in writes.items() if n > 1]
    rounds = [r.state for r in ledger.rounds(job)]
    with sqlite3.connect(ledger.path) as db:
        bodies = db.execute("SELECT COUNT(*) FROM requests WHERE body IS NOT NULL").fetchone()[0]
        failures = db.execute("SELECT COUNT(*) FROM failures").fetchone()[0]
        answers = db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        sent = dict(db.execute("SELECT sent, COUNT(*) FROM requests GROUP BY sent").fetchall())
    state = ledger.job(job)[3]
    files = len(list(out.glob("*.md")))
    consistent = (
        files == count
        and len(writes) == count
        and not twice
        and ledger.counts(job) == {"written": count}
        and state == "done"
        and "submitted" not in rounds
        and bodies == 0
        and failures == 0
        and answers == count
    )
    print(f"memos written      {files} files, {sum(writes.values())} writes, {len(twice)} twice")
    print(f"ledger             job {state}; rounds {rounds}; requests by times sent {sent}")
    print(
        f"                   {answers} answers, {failures} failures, {bodies} request bodies kept"
    )
    print(f"                   {ledger.path.stat().st_size // 1024} KiB on disk")
    print(f"consistent         {'yes' if consistent else 'NO'}")
    if not consistent:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
