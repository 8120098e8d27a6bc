"""briefgen: news articles into grounded diplomatic briefing memos.

import briefgen
brief = briefgen.generate_brief(article_text)
print(brief.markdown)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The public names, each from the module that defines it. They are imported on first use,
# so that ``briefgen --help`` (and Ctrl-C while it starts) does not wait for the openai SDK.
_EXPORTS: dict[str, str] = {
    "Article": "briefgen.ingest.article",
    "Backend": "briefgen.llm.backend",
    "BackendError": "briefgen.llm.backend",
    "BatchError": "briefgen.errors",
    "BatchJob": "briefgen.batch.jobs",
    "Brief": "briefgen.brief",
    "BriefConfig": "briefgen.config",
    "BriefData": "briefgen.memo.data",
    "BriefgenError": "briefgen.errors",
    "BudgetExceeded": "briefgen.errors",
    "CallEstimate": "briefgen.run.estimate",
    "ChunkFailedError": "briefgen.errors",
    "Completion": "briefgen.llm.backend",
    "CompletionRequest": "briefgen.llm.backend",
    "ConfigError": "briefgen.errors",
    "Estimate": "briefgen.run.estimate",
    "FetchError": "briefgen.errors",
    "FunctionBackend": "briefgen.llm.function",
    "GroundedQuote": "briefgen.memo.data",
    "GroundingRecord": "briefgen.memo.report",
    "InputError": "briefgen.errors",
    "InvalidOutputError": "briefgen.errors",
    "LLMError": "briefgen.errors",
    "MemoFileError": "briefgen.errors",
    "MemoHeader": "briefgen.memo.header",
    "Progress": "briefgen.progress",
    "RefusalError": "briefgen.errors",
    "Report": "briefgen.memo.report",
    "SHIPPED_STYLES": "briefgen.memo.styles",
    "Visit": "briefgen.config",
    "Sentence": "briefgen.ingest.article",
    "Source": "briefgen.ingest.dossier",
    "Contradiction": "briefgen.memo.items",
    "Style": "briefgen.memo.styles",
    "StoryStore": "briefgen.run.story_store",
    "StoryStoreError": "briefgen.errors",
    "SinceLast": "briefgen.memo.since",
    "SupportResult": "briefgen.grounding.support",
    "TruncatedOutputError": "briefgen.errors",
    "UsageError": "briefgen.errors",
    "Usage": "briefgen.usage",
    "agenerate_brief": "briefgen.api",
    "agenerate_briefs": "briefgen.api",
    "agenerate_dossier": "briefgen.api",
    "available_styles": "briefgen.memo.styles",
    "check_support": "briefgen.grounding.support",
    "estimate": "briefgen.run.estimate",
    "estimate_dossier": "briefgen.run.estimate",
    "generate_brief": "briefgen.api",
    "generate_briefs": "briefgen.api",
    "generate_dossier": "briefgen.api",
    "resume_batch": "briefgen.batch.files",
    "submit_batch": "briefgen.batch.files",
    "load_article": "briefgen.ingest.sources",
}

if TYPE_CHECKING:
    from briefgen.api import (
        agenerate_brief,
        agenerate_briefs,
        agenerate_dossier,
        generate_brief,
        generate_briefs,
        generate_dossier,
    )
    from briefgen.batch.files import resume_batch, submit_batch
    from briefgen.batch.jobs import BatchJob
    from briefgen.brief import Brief
    from briefgen.config import BriefConfig, Visit
    from briefgen.errors import (
        BatchError,
        BriefgenError,
        BudgetExceeded,
        ChunkFailedError,
        ConfigError,
        FetchError,
        InputError,
        InvalidOutputError,
        LLMError,
        MemoFileError,
        RefusalError,
        StoryStoreError,
        TruncatedOutputError,
        UsageError,
    )
    from briefgen.grounding.support import SupportResult, check_support
    from briefgen.ingest.article import Article, Sentence
    from briefgen.ingest.dossier import Source
    from briefgen.ingest.sources import load_article
    from briefgen.llm.backend import Backend, BackendError, Completion, CompletionRequest
    from briefgen.llm.function import FunctionBackend
    from briefgen.memo.data import BriefData, GroundedQuote
    from briefgen.memo.header import MemoHeader
    from briefgen.memo.items import Contradiction
    from briefgen.memo.report import GroundingRecord, Report
    from briefgen.memo.since import SinceLast
    from briefgen.memo.styles import SHIPPED_STYLES, Style, available_styles
    from briefgen.progress import Progress
    from briefgen.run.estimate import CallEstimate, Estimate, estimate, estimate_dossier
    from briefgen.run.story_store import StoryStore
    from briefgen.usage import Usage


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__version__ = "0.1.0"

__all__ = [
    "SHIPPED_STYLES",
    "Article",
    "Backend",
    "BackendError",
    "BatchError",
    "BatchJob",
    "Brief",
    "BriefConfig",
    "BriefData",
    "BriefgenError",
    "BudgetExceeded",
    "CallEstimate",
    "ChunkFailedError",
    "Completion",
    "CompletionRequest",
    "ConfigError",
    "Contradiction",
    "Estimate",
    "FetchError",
    "FunctionBackend",
    "GroundedQuote",
    "GroundingRecord",
    "InputError",
    "InvalidOutputError",
    "LLMError",
    "MemoFileError",
    "MemoHeader",
    "Progress",
    "RefusalError",
    "Report",
    "Sentence",
    "SinceLast",
    "Source",
    "StoryStore",
    "StoryStoreError",
    "Style",
    "SupportResult",
    "TruncatedOutputError",
    "Usage",
    "UsageError",
    "Visit",
    "__version__",
    "agenerate_brief",
    "agenerate_briefs",
    "agenerate_dossier",
    "available_styles",
    "check_support",
    "estimate",
    "estimate_dossier",
    "generate_brief",
    "generate_briefs",
    "generate_dossier",
    "load_article",
    "resume_batch",
    "submit_batch",
]
