"""Many short articles through ``batch ray`` on this machine, beside export + import alone.

    python benchmarks/batch_ray.py [--articles 1000] [--workers 2] [--concurrency 16]

Needs the ``ray`` extra. The scripted server answers every request at once (echo
responder) from a process of its own, so that its work does not count as briefgen's.

- ``batch ray``: ``run_ray_batch`` on a local Ray started for the job (this machine's
  cores): export, the lines sent by Ray actors over HTTP, the memos made in Ray tasks,
  written to a directory. Wall time, memos per second, and the peak of the resident
  memory of this process and every process under it (Ray's own among them), sampled
  every 0.1 s from /proc (Linux).
- ``export + import``: the same articles exported, answered in this process (not timed:
  no engine's time is briefgen's), and imported; the memos made here, 16 at a time.
  Wall time of export and import, memos per second, the same peak.

Ray's start (some seconds) is inside the ``batch ray`` figure and printed apart.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from scripted_server import answer_requests_file, served_in_child  # noqa: E402
from seed_answers import SEED_TEXT  # noqa: E402

from briefgen.batch.files import export_batch, import_results  # noqa: E402
from briefgen.batch.ledger import Ledger  # noqa: E402
from briefgen.batch.on_ray import RayOptions, run_ray_batch  # noqa: E402


def _articles(count: int) -> list[str]:
    paragraphs = SEED_TEXT.split("\n")
    return [
        f"Report {n}\n" + "\n".join(paragraphs[1 + n % 5 : 8 + n % 5])[:1800] for n in range(count)
    ]


def _tree_rss_kib(root: int, skip: int = -1) -> int:
    """Resident KiB of ``root`` and every process under it but ``skip`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry)] = int(line.split()[1])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid == skip:
            continue
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


class _Peak:
    """The peak of ``_tree_rss_kib(this process)`` while the block runs (the scripted
    server's process, ``skip``, left out)."""

    def __init__(self, skip: int = -1) -> None:
        self.skip = skip

    def __enter__(self) -> _Peak:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, _tree_rss_kib(os.getpid(), self.skip))

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def on_ray(count: int, base_url: str, workers: int, concurrency: int, server: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        ledger = Ledger(root / "batches.sqlite3")
        import ray

        with _Peak(skip=server) as peak:
            started = time.monotonic()
            ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, logging_level="ERROR")
            ray_up = time.monotonic() - started
            outcome = run_ray_batch(
                _articles(count),
                root / "memos",
                ledger=ledger,
                base_url=base_url,
                model="gpt-4o-mini",
                cache=False,
                max_concurrency=concurrency,
                ray=RayOptions(workers=workers),
            )
            wall = time.monotonic() - started
            ray.shutdown()
        written = len(list((root / "memos").glob("*.md")))
        print(
            f"batch ray        {count:>5} articles  {written:>5} memos  {wall:7.1f} s  "
            f"{written / wall:6.1f} memos/s  (Ray start {ray_up:.1f} s; without it "
            f"{written / (wall - ray_up):.1f} memos/s)  peak {peak.peak / 1024:7.0f} MiB  "
            f"{outcome.articles}"
        )
        ledger.close()


def export_import(count: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        ledger = Ledger(root / "batches.sqlite3")
        requests, results, out = root / "req.jsonl", root / "res.jsonl", root / "memos"
        with _Peak() as peak:
            started = time.monotonic()
            export_batch(
                _articles(count), requests, ledger=ledger, model="gpt-4o-mini", cache=False
            )
            exported = time.monotonic() - started
            results.write_text(answer_requests_file(requests.read_text()))  # the engine's part
            began = time.monotonic()
            import_results(requests, results, out, ledger=ledger)
            wall = exported + time.monotonic() - began
        written = len(list(out.glob("*.md")))
        print(
            f"export + import  {count:>5} articles  {written:>5} memos  {wall:7.1f} s  "
            f"{written / wall:6.1f} memos/s  (export {exported:.1f} s)                  "
            f"peak {peak.peak / 1024:7.0f} MiB"
        )
        ledger.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    os.environ.setdefault("BRIEFGEN_RESPONSE_CACHE", "off")
    print(f"{os.cpu_count()} cores; Ray actors {args.workers}, {args.concurrency} in flight")
    export_import(args.articles)
    with served_in_child() as (base_url, server):
        on_ray(args.articles, base_url, args.workers, args.concurrency, server)


if __name__ == "__main__":
    main()
