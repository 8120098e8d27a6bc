"""Running memos: the shared skeleton (``skeleton``), what a run stands on (``runtime``),
a single article's memo (``memo``), a dossier's (``dossier_memo``), the inputs they take
(``inputs``) and an estimate of what they would spend (``estimate``).

The names below load with their module on first use, so that a single memo's first
requests do not wait for the dossier's rules to import."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # "x as x": the names are this package's own, for type checkers
    from briefgen.run.dossier_memo import run_dossier as run_dossier
    from briefgen.run.inputs import ArticleInput as ArticleInput
    from briefgen.run.inputs import SourceInput as SourceInput
    from briefgen.run.inputs import as_article as as_article
    from briefgen.run.inputs import read_entries as read_entries
    from briefgen.run.memo import run_memo as run_memo
    from briefgen.run.runtime import Runtime as Runtime
    from briefgen.run.runtime import open_runtime as open_runtime
    from briefgen.run.runtime import plan_options as plan_options
    from briefgen.run.runtime import run_sync as run_sync
    from briefgen.run.runtime import runtime_on as runtime_on

_HOMES = {
    "run_dossier": "dossier_memo",
    "ArticleInput": "inputs",
    "SourceInput": "inputs",
    "as_article": "inputs",
    "read_entries": "inputs",
    "run_memo": "memo",
    "Runtime": "runtime",
    "open_runtime": "runtime",
    "plan_options": "runtime",
    "run_sync": "runtime",
    "runtime_on": "runtime",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found once, then an ordinary attribute
    return value
