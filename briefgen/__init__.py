"""briefgen: news articles into grounded diplomatic briefing memos.

import briefgen
brief = briefgen.generate_brief(article_text)
print(brief.markdown)
"""

from briefgen.article import Article, Sentence
from briefgen.brief import Brief
from briefgen.config import BriefConfig
from briefgen.exceptions import (
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
from briefgen.memo import BriefData, GroundedQuote
from briefgen.pipeline import agenerate_brief, generate_brief
from briefgen.render import STYLES
from briefgen.report import GroundingRecord, Report
from briefgen.usage import Usage

__version__ = "0.1.0"

__all__ = [
    "STYLES",
    "Article",
    "Brief",
    "BriefConfig",
    "BriefData",
    "BriefgenError",
    "BudgetExceeded",
    "ChunkFailedError",
    "ConfigError",
    "GroundedQuote",
    "GroundingRecord",
    "InputError",
    "InvalidOutputError",
    "LLMError",
    "RefusalError",
    "Report",
    "Sentence",
    "TruncatedOutputError",
    "Usage",
    "__version__",
    "agenerate_brief",
    "generate_brief",
]
