"""Running memos: the shared skeleton (``skeleton``), what a run stands on (``runtime``),
a single article's memo (``memo``), a dossier's (``dossier_memo``), the inputs they take
(``inputs``) and an estimate of what they would spend (``estimate``)."""

from __future__ import annotations

from briefgen.run.dossier_memo import run_dossier
from briefgen.run.inputs import ArticleInput, SourceInput, as_article, read_entries
from briefgen.run.memo import run_memo
from briefgen.run.runtime import Runtime, open_runtime, plan_options, run_sync, runtime_on

__all__ = [
    "ArticleInput",
    "Runtime",
    "SourceInput",
    "as_article",
    "open_runtime",
    "plan_options",
    "read_entries",
    "run_dossier",
    "run_memo",
    "run_sync",
    "runtime_on",
]
