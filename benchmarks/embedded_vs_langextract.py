"""Embedded model: briefgen's whole memo against langextract's bare extraction.

Both run on the same in-process llama.cpp server, in the same process, on the seed
article: briefgen through its embedded backend, langextract through its OpenAI provider
pointed at that server. Prints wall time, calls and tokens for each, and the ratio
briefgen / langextract (goal: <= 1.0).

    pip install -e ".[dev,bench]"
    python benchmarks/embedded_vs_langextract.py [--repeat N] [--article PATH]

Run it on an otherwise idle machine: two cores shared with anything else skew both sides.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from langextract_baseline import run_langextract  # noqa: E402

import briefgen  # noqa: E402
from briefgen.llm.embedded import default_model_path, ensure_server  # noqa: E402

SEED = HERE.parent / "examples" / "articles" / "pakistan_us_joint_ops.txt"


def _run_briefgen(text: str, model: Path) -> dict[str, Any]:
    started = time.perf_counter()
    # No response cache: the second run must do the work again to be timed.
    brief = briefgen.generate_brief(text, local_model_path=model, cache=False)
    wall = time.perf_counter() - started
    usage = brief.report.usage
    return {
        "wall_s": wall,
        "calls": usage.requests,
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "kept": brief.report.summary.kept,
        "dropped": brief.report.summary.dropped,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--article", type=Path, default=SEED)
    parser.add_argument(
        "--max-output-tokens",
        type=int,
        default=512,
        help="langextract's output cap per call (default 512)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    text = args.article.read_text(encoding="utf-8")
    model = default_model_path()
    server = ensure_server(model)
    print(
        f"model: {model.name}; server {server.base_url}; article {args.article.name} "
        f"({len(text)} chars)"
    )

    ours: list[dict[str, Any]] = []
    theirs: list[dict[str, Any]] = []
    for round_number in range(args.repeat):
        # Alternate the order so neither side always runs on a warm server.
        if round_number % 2 == 0:
            ours.append(_run_briefgen(text, model))
        theirs.append(
            run_langextract(text, server.base_url, server.model_name, args.max_output_tokens)
        )
        if round_number % 2 == 1:
            ours.append(_run_briefgen(text, model))

    def show(name: str, runs: list[dict[str, Any]]) -> float:
        wall = statistics.median(r["wall_s"] for r in runs)
        last = runs[-1]
        extra = {k: v for k, v in last.items() if k not in ("wall_s",)}
        print(f"{name:<24} wall {wall:7.2f} s  {extra}")
        return wall

    print()
    ours_wall = show("briefgen (whole memo)", ours)
    theirs_wall = show("langextract (extraction)", theirs)
    ratio = ours_wall / theirs_wall if theirs_wall else float("inf")
    verdict = "met" if ratio <= 1.0 else "NOT met"
    print(f"\nratio briefgen / langextract: {ratio:.2f}  (goal <= 1.00: {verdict})")


if __name__ == "__main__":
    main()
