"""Per language, on pySBD's golden suites: how many cases briefgen's sentence splitter gets
right beside pysbd's own, and how often each language identifier names the language.

    python benchmarks/golden_languages.py --pysbd PATH     (a checkout of pySBD)

pySBD's ``tests/lang/test_*.py`` hold, per language, literal lists of (text, expected
sentences). They are read from the checkout given (with ``ast``: nothing of them is
copied here) and each text is split on its own, as one paragraph. A case is right when
the sentences come out exactly as expected, spaces trimmed. The same texts, one per
case, are given to each language identifier installed (py3langid, lingua) and to
briefgen's own stop-word guess; a short text is hard for all of them, so this is a floor.
pysbd, py3langid and lingua come with the bench extra.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.ingest.article import normalise, split_sentences  # noqa: E402
from briefgen.text.language import guess_language  # noqa: E402

# pySBD's file names -> ISO 639-1 codes.
LANGUAGES = {
    "amharic": "am", "arabic": "ar", "armenian": "hy", "bulgarian": "bg", "burmese": "my",
    "chinese": "zh", "danish": "da", "deutsch": "de", "dutch": "nl", "english": "en",
    "french": "fr", "greek": "el", "hindi": "hi", "italian": "it", "japanese": "ja",
    "kazakh": "kk", "marathi": "mr", "persian": "fa", "polish": "pl", "russian": "ru",
    "slovak": "sk", "spanish": "es", "urdu": "ur",
}  # fmt: skip


def golden_cases(checkout: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """Every (text, sentences) of the suites, by language code."""
    found: dict[str, list[tuple[str, list[str]]]] = {}
    for path in sorted((checkout / "tests" / "lang").glob("test_*.py")):
        code = LANGUAGES.get(path.stem.removeprefix("test_"))
        if code is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.List):
                continue
            if not any(isinstance(t, ast.Name) and "TEST_CASES" in t.id for t in node.targets):
                continue
            for element in node.value.elts:
                case = _case(element)
                if case is not None:
                    found.setdefault(code, []).append(case)
    return found


def _case(node: ast.expr) -> tuple[str, list[str]] | None:
    """One (text, sentences) literal, or the first two arguments of ``pytest.param(...)``;
    None for anything else, and for a text of several lines (briefgen ends a sentence at
    every line break, and pySBD's multi-line cases expect otherwise)."""
    parts = node.args[:2] if isinstance(node, ast.Call) else getattr(node, "elts", [])[:2]
    try:
        text, sentences = (ast.literal_eval(part) for part in parts)
    except (ValueError, TypeError, SyntaxError):
        return None
    if not isinstance(text, str) or not isinstance(sentences, list) or "\n" in text:
        return None
    return text, [str(s).strip() for s in sentences]


def ours(text: str) -> list[str]:
    """briefgen's sentences of ``text`` as an article's text is split (normalised first;
    the checks an article gets, such as "too few letters", are not the splitter's)."""
    return [s.text for s in split_sentences(normalise(text))]


def pysbd_for(code: str) -> Callable[[str], list[str]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    try:
        segmenter = pysbd.Segmenter(language=code, clean=False)
    except (ValueError, KeyError):
        return None
    return lambda text: [s.strip() for s in segmenter.segment(text) if s.strip()]


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


_SPLIT_SECONDS: dict[str, float] = {}


def _right(name: str, split: Callable[[str], list[str]], cases: list[tuple[str, list[str]]]) -> int:
    right = 0
    started = time.perf_counter()
    for text, expected in cases:
        # A library that fails on a case gets it wrong; the run goes on.
        with contextlib.suppress(Exception):
            right += split(text) == expected
    _SPLIT_SECONDS[name] = _SPLIT_SECONDS.get(name, 0.0) + time.perf_counter() - started
    return right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pysbd", type=Path, required=True, help="a checkout of pySBD")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    cases = golden_cases(args.pysbd)
    if not cases:
        sys.exit(f"no golden cases under {args.pysbd / 'tests' / 'lang'}")
    ids = identifiers()
    print(f"{'lang':<6}{'cases':>6}{'briefgen':>10}{'pysbd':>7}" + "".join(f"{n:>12}" for n in ids))
    totals: dict[str, int] = {"cases": 0, "briefgen": 0, "pysbd": 0, **{n: 0 for n in ids}}
    timing: dict[str, float] = {n: 0.0 for n in ids}
    for code, suite in sorted(cases.items()):
        theirs = pysbd_for(code)
        row: dict[str, Any] = {
            "briefgen": _right("briefgen", ours, suite),
            "pysbd": _right("pysbd", theirs, suite) if theirs else "-",
        }
        for name, identify in ids.items():
            started = time.perf_counter()
            row[name] = sum(identify(text) == code for text, _ in suite)
            timing[name] += time.perf_counter() - started
        totals["cases"] += len(suite)
        for key, value in row.items():
            totals[key] += value if isinstance(value, int) else 0
        print(
            f"{code:<6}{len(suite):>6}{row['briefgen']:>10}{row['pysbd']!s:>7}"
            + "".join(f"{row[n]:>12}" for n in ids)
        )
    print(
        f"{'all':<6}{totals['cases']:>6}{totals['briefgen']:>10}{totals['pysbd']:>7}"
        + "".join(f"{totals[n]:>12}" for n in ids)
    )
    for name, seconds in timing.items():
        print(f"{name}: {seconds / max(totals['cases'], 1) * 1000:.2f} ms a text")
    chars = sum(len(text) for suite in cases.values() for text, _ in suite)
    for name, seconds in _SPLIT_SECONDS.items():
        print(f"splitting, {name}: {seconds / chars * 1e6:.2f} us a character")


if __name__ == "__main__":
    main()
