"""Where the tests find files outside tests/: the checkout's examples and benchmarks, and
the shared development corpus beside the checkout (absent on most machines)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = REPO_ROOT / "examples"
BENCHMARKS = REPO_ROOT / "benchmarks"
CORPUS_HTML = REPO_ROOT.parent / "shared" / "corpus" / "html"
