"""briefgen: news articles into grounded diplomatic briefing memos.

import briefgen
brief = briefgen.generate_brief(article_text)
print(brief.markdown)
"""

from briefgen.api import agenerate_brief, generate_brief
from briefgen.batch import agenerate_briefs, generate_briefs
from briefgen.brief import Brief
from briefgen.config import BriefConfig
from briefgen.errors import (
    BriefgenError,
    BudgetExceeded,
    ChunkFailedError,
    ConfigError,
    InputError,
    InvalidOutputError,
    LLMError,
    RefusalError,
    TruncatedOutputError,
)
from briefgen.estimation import CallEstimate, Estimate, estimate
from briefgen.grounding.support import SupportResult, check_support
from briefgen.ingest.article import Article, Sentence
from briefgen.memo.data import BriefData, GroundedQuote
from briefgen.memo.report import GroundingRecord, Report
from briefgen.memo.styles import SHIPPED_STYLES, Style, available_styles
from briefgen.progress import Progress
from briefgen.usage import Usage

__version__ = "0.1.0"

__all__ = [
    "SHIPPED_STYLES",
    "Article",
    "Brief",
    "BriefConfig",
    "BriefData",
    "BriefgenError",
    "BudgetExceeded",
    "CallEstimate",
    "ChunkFailedError",
    "ConfigError",
    "Estimate",
    "GroundedQuote",
    "GroundingRecord",
    "InputError",
    "InvalidOutputError",
    "LLMError",
    "Progress",
    "RefusalError",
    "Report",
    "Sentence",
    "Style",
    "SupportResult",
    "TruncatedOutputError",
    "Usage",
    "__version__",
    "agenerate_brief",
    "agenerate_briefs",
    "available_styles",
    "check_support",
    "estimate",
    "generate_brief",
    "generate_briefs",
]
