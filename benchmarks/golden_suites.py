"""The golden suites of pySBD and sentencex, read from a checkout of each (with ``ast``:
nothing of them is copied into this repository), by ISO 639-1 language code.

pySBD's ``tests/lang/test_<language>.py`` and sentencex's ``test/unit/test_<code>.py``
hold literal lists of (text, expected sentences), some as ``pytest.param(...)``. Each
case is kept, including those a suite marks as expected to fail (their expectation is
still the right answer), except texts of several lines: briefgen ends a sentence at
every line break, and the suites' multi-line cases expect otherwise.
"""

from __future__ import annotations

import ast
import unicodedata
from collections.abc import Callable
from pathlib import Path

Suite = dict[str, list[tuple[str, list[str]]]]

# pySBD's file names -> ISO 639-1 codes.
PYSBD_LANGUAGES = {
    "amharic": "am", "arabic": "ar", "armenian": "hy", "bulgarian": "bg", "burmese": "my",
    "chinese": "zh", "danish": "da", "deutsch": "de", "dutch": "nl", "english": "en",
    "french": "fr", "greek": "el", "hindi": "hi", "italian": "it", "japanese": "ja",
    "kazakh": "kk", "marathi": "mr", "persian": "fa", "polish": "pl", "russian": "ru",
    "slovak": "sk", "spanish": "es", "urdu": "ur",
}  # fmt: skip


def pysbd_cases(checkout: Path) -> Suite:
    """Every (text, sentences) of pySBD's ``tests/lang``, by language code."""
    found: Suite = {}
    for path in sorted((checkout / "tests" / "lang").glob("test_*.py")):
        code = PYSBD_LANGUAGES.get(path.stem.removeprefix("test_"))
        if code is not None:
            found[code] = _cases(path, lambda name: "TEST_CASES" in name)
    return {code: cases for code, cases in found.items() if cases}


def sentencex_cases(checkout: Path) -> Suite:
    """Every (text, sentences) of sentencex's ``test/unit`` (files named by code)."""
    found: Suite = {}
    for path in sorted((checkout / "test" / "unit").glob("test_*.py")):
        code = path.stem.removeprefix("test_")
        if len(code) == 2:  # test_fallbacks.py holds no cases
            found[code] = _cases(path, lambda name: name == "tests")
    return {code: cases for code, cases in found.items() if cases}


def _cases(path: Path, named: Callable[[str], bool]) -> list[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    cases: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.List):
            continue
        if not any(isinstance(t, ast.Name) and named(t.id) for t in node.targets):
            continue
        for element in node.value.elts:
            case = _case(element)
            if case is not None:
                cases.append(case)
    return cases


def _case(node: ast.expr) -> tuple[str, list[str]] | None:
    """One (text, sentences) literal, or the first two arguments of ``pytest.param(...)``;
    None for anything else and for a text of several lines."""
    parts = node.args[:2] if isinstance(node, ast.Call) else getattr(node, "elts", [])[:2]
    try:
        text, sentences = (ast.literal_eval(part) for part in parts)
    except (ValueError, TypeError, SyntaxError):
        return None
    if not isinstance(text, str) or not isinstance(sentences, list) or "\n" in text:
        return None
    return text, [str(s).strip() for s in sentences if str(s).strip()]


def same_sentences(got: list[str], expected: list[str]) -> bool:
    """Whether the sentences are the expected ones, compared as briefgen's article text
    has them: Unicode NFC, runs of spaces as one (the splitter does not decide these)."""
    return [_key(s) for s in got] == [_key(s) for s in expected]


def _key(sentence: str) -> str:
    return " ".join(unicodedata.normalize("NFC", sentence).split())
