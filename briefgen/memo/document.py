"""MemoDocument: a rendered memo with everything behind it (what every format renders)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from briefgen.ingest.article import Article
from briefgen.memo.data import BriefData
from briefgen.memo.header import MemoHeader
from briefgen.memo.report import Report


class MemoDocument(BaseModel):
    """The memo's Markdown, the grounded data, the article, the report and the header."""

    markdown: str
    data: BriefData
    article: Article
    report: Report
    header: MemoHeader
    """Banner, kind, TO, FROM and DATE the memo was rendered with."""
    articles: list[Article] = Field(default_factory=list)
    """A dossier's articles, in source order (``A1`` first), each with its own ``S<m>``
    ids; ``article`` is then their joined text, whose ids are ``A<n>:S<m>``. Empty for a
    memo of one article."""
