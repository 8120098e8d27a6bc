"""Batch export -> results made outside briefgen -> import, for many short articles.

    python benchmarks/batch_import.py [--articles 1000]

Each size (250, 500, then the full count) runs in a fresh ledger and output directory:
``export_batch`` writes the request file, ``echo_responder`` answers every line in this
process (no server; its time is not briefgen's), and ``import_results`` makes and writes
the memos. It prints briefgen's own CPU time per memo (export + import, process time) and
the peak of Python memory (tracemalloc) during the import. Goals: under 20 ms per memo,
and a peak that does not grow with the number of articles (memos are written as they are
made; answers wait in the ledger, not in memory).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from scripted_server import answer_requests_file  # noqa: E402
from seed_answers import SEED_TEXT  # noqa: E402

from briefgen.batch.files import export_batch, import_results  # noqa: E402
from briefgen.batch.ledger import Ledger  # noqa: E402


def _articles(count: int) -> list[str]:
    paragraphs = SEED_TEXT.split("\n")
    return [
        f"Report {n}\n" + "\n".join(paragraphs[1 + n % 5 : 8 + n % 5])[:1800] for n in range(count)
    ]


def run(count: int, *, trace: bool) -> tuple[float, float, float, int, int]:
    """CPU ms per memo for the export, for the import (user, then system: the kernel's
    share, mostly the fsync of each memo and of the ledger), peak KiB during the import,
    and the memos written."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        ledger = Ledger(root / "batches.sqlite3")
        requests, results, out = root / "req.jsonl", root / "res.jsonl", root / "memos"
        texts = _articles(count)
        started = time.process_time()
        export_batch(texts, requests, ledger=ledger, model="gpt-4o-mini", cache=False)
        export_ms = (time.process_time() - started) * 1000 / count
        results.write_text(answer_requests_file(requests.read_text()))  # not briefgen's time
        del texts
        if trace:
            tracemalloc.start()
        before = os.times()
        import_results(requests, results, out, ledger=ledger)
        after = os.times()
        import_ms = (after.user - before.user) * 1000 / count
        system_ms = (after.system - before.system) * 1000 / count
        peak = tracemalloc.get_traced_memory()[1] // 1024 if trace else 0
        tracemalloc.stop()
        written = len(list(out.glob("*.md")))
        ledger.close()
        return export_ms, import_ms, system_ms, peak, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    os.environ.setdefault("BRIEFGEN_RESPONSE_CACHE", "off")
    sizes = sorted({min(250, args.articles), min(500, args.articles), args.articles})
    print("CPU ms per memo (export; import user + system); peak Python memory of the import")
    print(f"{'articles':>8} {'export':>8} {'import':>8} {'system':>8} {'total':>8} {'peak KiB':>9}")
    for count in sizes:
        # Timed without tracemalloc (it slows Python several times over), then traced.
        export_ms, import_ms, system_ms, _, written = run(count, trace=False)
        peak = run(count, trace=True)[3]
        total = export_ms + import_ms + system_ms
        print(
            f"{count:>8} {export_ms:>8.2f} {import_ms:>8.2f} {system_ms:>8.2f} {total:>8.2f}"
            f" {peak:>9}  ({written} memos written)"
        )


if __name__ == "__main__":
    main()
