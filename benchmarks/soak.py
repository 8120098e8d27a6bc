"""Soak: many memos against a loopback server that faults 30 % of calls.

Each request to the scripted server fails with probability --fault-rate, picking one of:
429 (Retry-After 0), 500, 502, 503, 504, a dropped connection, a slow answer past the
client timeout, a reply that is not JSON, a truncated reply, a refusal. Prints memos
completed, errors by type, retries, re-asks and wall time. Every memo must end, in a memo
or a typed briefgen error, within the overall deadline.

    python benchmarks/soak.py [--memos 200] [--fault-rate 0.3] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from scripted_server import ScriptedServer, Step, completion, echo_responder, error  # noqa: E402

import briefgen  # noqa: E402

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
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
