"""The two plans on the embedded model: items and quotes kept, and time, per article.

    python benchmarks/plans.py [--plans abstractive,extractive]
                                          (needs the local extra; downloads the model once)

The seed article and three real pages from the development corpus (../shared/corpus/html),
each with plan="abstractive" (the model writes the items) and plan="extractive" (it picks
sentences), the response cache off. Run it on an idle machine: times are wall clock.
``--plans extractive`` runs the extractive rows alone (seconds; the abstractive ones take
minutes an article).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import briefgen  # noqa: E402
from briefgen.ingest.sources import load_article  # noqa: E402
from briefgen.text.quotations import quoted_spans  # noqa: E402

CORPUS = Path(os.environ.get("BRIEFGEN_CORPUS", ROOT.parent / "shared" / "corpus"))
PAGES = ["dw.com.colonial.html", "reuters.com.parasite.html", "salon.com.emissions.html"]


def articles() -> list[tuple[str, briefgen.Article]]:
    found = [
        (
            "seed",
            briefgen.Article.from_text(
                (ROOT / "examples" / "articles" / "pakistan_us_joint_ops.txt").read_text()
            ),
        )
    ]
    for page in PAGES:
        path = CORPUS / "html" / page
        if path.is_file():
            found.append((page.split(".")[0], load_article(str(path))))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", default="abstractive,extractive")
    plans = [p for p in parser.parse_args().plans.split(",") if p]
    sys.stdout.reconfigure(line_buffering=True)  # rows as they come: a run takes minutes
    print(f"load average {os.getloadavg()[0]:.2f}; embedded model, cache off")
    print(
        f"{'article':<10}{'plan':<13}{'kept':>5}{'amended':>8}{'dropped':>8}"
        f"{'quotes':>7}{'of':>4}{'seconds':>9}"
    )
    totals: dict[str, list[float]] = {plan: [] for plan in plans}
    for name, article in articles():
        quotations = sum(
            1 for a, b in quoted_spans(article.text) if len(article.text[a:b].split()) >= 4
        )
        for plan in plans:
            started = time.perf_counter()
            try:
                brief = briefgen.generate_brief(article, plan=plan, cache=False, backend="embedded")
            except briefgen.BriefgenError as exc:
                # A small model may run away (a truncated answer): a result, not a crash.
                seconds = time.perf_counter() - started
                print(f"{name:<10}{plan:<13} failed after {seconds:.1f} s: {type(exc).__name__}")
                totals[plan].append(0)
                continue
            seconds = time.perf_counter() - started
            summary = brief.report.summary
            totals[plan].append(summary.kept + summary.amended)
            print(
                f"{name:<10}{plan:<13}{summary.kept:>5}{summary.amended:>8}{summary.dropped:>8}"
                f"{len(brief.data.quotes):>7}{quotations:>4}{seconds:>9.1f}"
            )
    for plan, kept in totals.items():
        print(f"{plan}: {sum(kept):.0f} items kept or amended over {len(kept)} articles")


if __name__ == "__main__":
    main()
