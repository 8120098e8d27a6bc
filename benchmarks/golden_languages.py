"""Per language, on pySBD's golden suites: how often each language identifier names the
language of a text.

    python benchmarks/golden_languages.py --pysbd PATH     (a checkout of pySBD)

pySBD's ``tests/lang/test_*.py`` hold, per language, texts with the sentences they split
into; they are read from the checkout given (``golden_suites``: nothing of them is copied
here). Each text, one per case, is given to each language identifier installed
(py3langid, lingua) and to briefgen's own stop-word guess; a short text is hard for all
of them, so this is a floor. The splitters on the same suites (and sentencex's) are
``benchmarks/sentence_split.py``'s. py3langid and lingua come with the bench extra.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from golden_suites import pysbd_cases  # noqa: E402

from briefgen.text.language import guess_language  # noqa: E402


def identifiers() -> dict[str, Callable[[str], str | None]]:
    """Each language identifier installed, as text -> ISO 639-1 code."""
    found: dict[str, Callable[[str], str | None]] = {"stop words": guess_language}
    try:
        import py3langid

        found["py3langid"] = lambda text: str(py3langid.classify(text)[0])
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().build()

        def lingua_code(text: str) -> str | None:
            language = detector.detect_language_of(text)
            return language.iso_code_639_1.name.lower() if language is not None else None

        found["lingua"] = lingua_code
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pysbd", type=Path, required=True, help="a checkout of pySBD")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    cases = pysbd_cases(args.pysbd)
    if not cases:
        sys.exit(f"no golden cases under {args.pysbd / 'tests' / 'lang'}")
    ids = identifiers()
    print(f"{'lang':<6}{'cases':>6}" + "".join(f"{n:>12}" for n in ids))
    totals: dict[str, int] = {"cases": 0, **{n: 0 for n in ids}}
    timing: dict[str, float] = {n: 0.0 for n in ids}
    for code, suite in sorted(cases.items()):
        row: dict[str, int] = {}
        for name, identify in ids.items():
            started = time.perf_counter()
            row[name] = sum(identify(text) == code for text, _ in suite)
            timing[name] += time.perf_counter() - started
            totals[name] += row[name]
        totals["cases"] += len(suite)
        print(f"{code:<6}{len(suite):>6}" + "".join(f"{row[n]:>12}" for n in ids))
    print(f"{'all':<6}{totals['cases']:>6}" + "".join(f"{totals[n]:>12}" for n in ids))
    for name, seconds in timing.items():
        print(f"{name}: {seconds / max(totals['cases'], 1) * 1000:.2f} ms a text")


if __name__ == "__main__":
    main()
