"""briefgen's sentence splitter beside pysbd: hard cases, agreement on real news, speed.

    python benchmarks/sentence_split.py        (pysbd from the bench extra)

The hard cases are the ones users met (glued full stops, lower-case text, ordinal dates
in German, abbreviations, quotations of several sentences, decimals). On the corpus there
is no gold standard: agreement says where the two differ, and the disagreements printed
show who is right. Both split line by line, as briefgen does (a line is a paragraph).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.ingest.sentences import split_line  # noqa: E402

CASES: list[tuple[str, int]] = [
    (
        "Thousands attended the service.Anzac Day commemorates the battle."
        + "A service was also held.",
        3,
    ),
    (
        "natalia moon learned tagalog . the darwin woman moved in 2012 . "
        + "she landed a role on a show .",
        3,
    ),
    ("Am 3. Dezember trafen sich die Minister in Berlin. Sie sprachen über die Ukraine.", 2),
    ("Le 14 juillet, le président a parlé. Il a annoncé des mesures.", 2),
    ("Mr. Smith met Dr. Jones at 10 a.m. on Jan. 5. They discussed the U.S. position.", 2),
    ("He said: “We will not go. Never.” Officials disagreed.", 2),
    ("The deal is worth $4.5 billion. Shares rose 3.2 per cent.", 2),
    ("El Sr. García llegó a las 5. Después habló con la Sra. López.", 2),
    ("Die Regierung, z.B. das Innenministerium, widersprach. Der Minister schwieg.", 2),
    ("“It is over,” she said. “We go home.”", 2),
]


def ours(line: str) -> list[str]:
    return [line[a:b] for a, b in split_line(line)]


def pysbd_splitter(language: str = "en") -> Callable[[str], list[str]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language=language, clean=False)
    return lambda line: [s.strip() for s in segmenter.segment(line) if s.strip()]


def corpus_lines(limit: int) -> list[str]:
    folder = Path(os.environ.get("BRIEFGEN_CORPUS", ROOT.parent / "shared" / "corpus"))
    lines: list[str] = []
    for name in ("qags_cnndm.jsonl", "qags_xsum.jsonl"):
        path = folder / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            for row in list(handle)[:limit]:
                lines += [ln for ln in json.loads(row)["article"].split("\n") if ln.strip()]
    return lines


def boundaries(parts: list[str]) -> set[int]:
    """Letters and digits before each sentence end but the last: a closing quote mark
    put at the end of one sentence or the start of the next is the same split."""
    ends, total = set(), 0
    for part in parts[:-1]:
        total += sum(ch.isalnum() for ch in part)
        ends.add(total)
    return ends


def main() -> None:
    other = pysbd_splitter()
    print("hard cases (expected sentences):")
    for text, want in CASES:
        mine = ours(text)
        theirs = other(text) if other else []
        print(
            f"  ours {len(mine)} {'ok ' if len(mine) == want else 'BAD'}"
            f"  pysbd {len(theirs) if other else '-'} "
            f"{('ok ' if len(theirs) == want else 'BAD') if other else ''}  {text[:60]}"
        )
    solved = sum(len(ours(t)) == n for t, n in CASES)
    print(f"  ours {solved}/{len(CASES)}", end="")
    if other:
        print(f", pysbd {sum(len(other(t)) == n for t, n in CASES)}/{len(CASES)}")
    else:
        print(" (pysbd not installed: pip install -e '.[bench]')")
    lines = corpus_lines(100)
    if not lines or other is None:
        return
    started = time.perf_counter()
    mine_all = [ours(line) for line in lines]
    mine_s = time.perf_counter() - started
    started = time.perf_counter()
    theirs_all = [other(line) for line in lines]
    theirs_s = time.perf_counter() - started
    agree = both = only_ours = only_theirs = 0
    shown = 0
    for line, mine, theirs in zip(lines, mine_all, theirs_all, strict=True):
        a, b = boundaries(mine), boundaries(theirs)
        both += len(a & b)
        only_ours += len(a - b)
        only_theirs += len(b - a)
        agree += a == b
        if a != b and shown < 6:
            shown += 1
            print(f"\n  differ: {line[:160]}")
            print(f"    ours : {' | '.join(s[:50] for s in mine)}")
            print(f"    pysbd: {' | '.join(s[:50] for s in theirs)}")
    print(f"\ncorpus: {len(lines)} paragraphs of 200 articles (CNN/DM and XSum, lower-cased)")
    print(f"  paragraphs split the same: {agree / len(lines):.1%}")
    print(f"  sentence ends: both {both}, only ours {only_ours}, only pysbd {only_theirs}")
    print(f"  time: ours {mine_s * 1000:.0f} ms, pysbd {theirs_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
