"""PDF text extraction: pages per second and peak memory, briefgen's reader against raw
pypdfium2 and pdfplumber, on a long PDF that Chromium printed.

    python benchmarks/documents.py [--pdf PATH] [--sizes 50,100,200] [--repeat 3]
                                   [--readers briefgen,pypdfium2,pdfplumber]

Without ``--pdf`` it prints ``long_pdf(n)`` of tests/document_files.py for each size (a report
of n pages of generated prose, headers and footers on; a few seconds each); with
``--pdf`` it reads the first n pages of that file (copied out with pypdfium2). Each
reader runs on each size in a fresh Python process, so its memory figures are its own:

- briefgen: ``briefgen.ingest.pdf.article_from_pdf`` (the whole reader: text, layout,
  sentences), when it exists;
- pypdfium2: ``get_textpage().get_text_bounded()`` page by page, each page closed after;
- pdfplumber: ``page.extract_text()`` page by page, each page closed after (it caches
  every page's objects otherwise).

It prints the best time of ``--repeat`` runs (fewer once they add up to 10 s), the pages
per second that gives, the peak of Python memory (tracemalloc, a separate run: it slows
Python several times over; it does not see PDFium's own C++ allocations) and how far the
process's peak resident memory (ru_maxrss, which does) rose above its resident memory
before the first run. A reader whose memory stays flat from 50 to 200 pages
holds one page at a time. pdfplumber takes most of the run (about 7 minutes on two
busy cores, nearly all of it under tracemalloc); ``--readers`` leaves it out.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

READERS = ("briefgen", "pypdfium2", "pdfplumber")
ABSENT = "briefgen PDF reader not present"
REPEAT_SECONDS = 10.0


def _pypdfium2(data: bytes) -> int:
    import pypdfium2 as pdfium

    chars = 0
    document = pdfium.PdfDocument(data)
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_bounded())
        textpage.close()
        page.close()
    document.close()
    return chars


def _pdfplumber(data: bytes) -> int:
    import pdfplumber

    chars = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            page.close()
    return chars


def _briefgen() -> Callable[[bytes], int] | None:
    try:
        from briefgen.ingest.pdf import article_from_pdf
    except ImportError:
        return None

    def read(data: bytes) -> int:
        # Every page, however long the text: the point is the reader, not the limit.
        return len(article_from_pdf(data, max_chars=100_000_000).text)

    return read


def _reader(name: str) -> Callable[[bytes], int] | None:
    if name == "briefgen":
        return _briefgen()
    return {"pypdfium2": _pypdfium2, "pdfplumber": _pdfplumber}[name]


def _resident_kib() -> int:
    """The process's resident memory now (Linux), else its peak so far."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(status.split("VmRSS:")[1].split()[0])


def worker(name: str, pdf: Path, repeat: int) -> None:
    """One reader on one file, in this (fresh) process: a JSON line of its figures."""
    read = _reader(name)
    if read is None:
        print(json.dumps({"absent": True}))
        return
    data = pdf.read_bytes()
    rss_before = _resident_kib()
    best = float("inf")
    chars = 0
    spent = 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        chars = read(data)
        took = time.perf_counter() - started
        best, spent = min(best, took), spent + took
        if spent > REPEAT_SECONDS:  # a slow reader is timed fewer times
            break
    # ru_maxrss: the peak since the process started, the reading's own (Linux: KiB).
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    tracemalloc.start()
    read(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    figures = {"seconds": best, "chars": chars, "peak_kib": peak // 1024, "rss_kib": rss_growth}
    print(json.dumps(figures))


def _measure(name: str, pdf: Path, repeat: int) -> dict[str, float] | None:
    command = [sys.executable, __file__, "--worker", name, "--pdf", str(pdf)]
    done = subprocess.run(
        [*command, "--repeat", str(repeat)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{name} on {pdf.name} failed: {done.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return None if figures.get("absent") else figures


def _first_pages(source: Path, count: int, out: Path) -> Path:
    """The first ``count`` pages of ``source`` as a PDF of their own (pypdfium2)."""
    import pypdfium2 as pdfium

    whole = pdfium.PdfDocument(source)
    part = pdfium.PdfDocument.new()
    part.import_pages(whole, list(range(min(count, len(whole)))))
    target = out / f"{source.stem}-first-{count}.pdf"
    part.save(target)
    part.close()
    whole.close()
    return target


def _documents(sizes: list[int], given: Path | None, scratch: Path) -> list[tuple[int, Path]]:
    import pypdfium2 as pdfium
    from document_files import long_pdf  # tests/document_files.py: tests/ comes first on sys.path

    made: list[tuple[int, Path]] = []
    for size in sizes:
        started = time.perf_counter()
        path = _first_pages(given, size, scratch) if given else long_pdf(scratch, size)
        document = pdfium.PdfDocument(path)
        pages = len(document)
        document.close()
        how = "copied out of " + given.name if given else "printed by Chromium"
        print(
            f"  {pages:>4} pages, {path.stat().st_size / 1e6:5.2f} MB,"
            f" {how} in {time.perf_counter() - started:.1f} s"
        )
        made.append((pages, path))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdf", type=Path, help="read this PDF instead of printing one")
    parser.add_argument("--sizes", default="50,100,200", help="page counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts")
    parser.add_argument("--readers", default=",".join(READERS), help="comma-separated")
    parser.add_argument("--worker", choices=READERS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.pdf, args.repeat)
        return
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    unknown = set(args.readers.split(",")) - set(READERS)
    if unknown:
        parser.error(f"unknown readers {sorted(unknown)}; choose from {', '.join(READERS)}")
    with tempfile.TemporaryDirectory(prefix="briefgen-pdf-bench-") as scratch:
        print("documents:")
        documents = _documents(sizes, args.pdf, Path(scratch))
        print(
            f"best of <= {args.repeat} runs; traced = tracemalloc peak;"
            " RSS = peak ru_maxrss - VmRSS before reading"
        )
        print(
            f"{'reader':<11} {'pages':>5} {'seconds':>8} {'pages/s':>8} {'chars':>9}"
            f" {'traced KiB':>10} {'RSS KiB':>8}"
        )
        for name in args.readers.split(","):
            for pages, path in documents:
                figures = _measure(name, path, args.repeat)
                if figures is None:
                    print(f"{name:<11} {ABSENT}")
                    break
                seconds = figures["seconds"]
                print(
                    f"{name:<11} {pages:>5} {seconds:>8.3f} {pages / seconds:>8.0f}"
                    f" {figures['chars']:>9.0f} {figures['peak_kib']:>10.0f}"
                    f" {figures['rss_kib']:>8.0f}"
                )


if __name__ == "__main__":
    main()
