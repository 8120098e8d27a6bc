"""Brief: the memo, the data behind it, the article and the report, and atomic saving."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from briefgen.ingest.article import Article
from briefgen.errors import ConfigError
from briefgen.render.files import write_atomic
from briefgen.memo.data import BriefData, MemoHeader
from briefgen.memo.report import Report

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
FORMAT_SUFFIXES = {"md": ".md", "json": ".json", "html": ".html", "docx": ".docx"}
SAVE_SUFFIXES = (*MARKDOWN_SUFFIXES, ".json", ".html", ".htm", ".docx")
Format = Literal["md", "json", "html", "docx"]


def format_of(path: str | os.PathLike[str]) -> Format:
    """The output format a file name asks for, or a ConfigError naming the choices."""
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".json":
        return "json"
    if suffix == ".docx":
        return "docx"
    raise ConfigError(
        f"Cannot save a memo as {suffix or 'a file without suffix'}; "
        f"use one of {', '.join(SAVE_SUFFIXES)}."
    )


def check_save_path(path: str | os.PathLike[str]) -> Path:
    """The path as a Path, or a ConfigError when briefgen cannot write that format."""
    format_of(path)
    return Path(path)


class Brief(BaseModel):
    """One generated memo."""

    markdown: str
    data: BriefData
    article: Article
    report: Report
    header: MemoHeader | None = None
    """Banner, TO, FROM and DATE the memo was rendered with."""

    def to_json(self, *, indent: int | None = 2) -> str:
        """Memo, data, article and report as one JSON document."""
        payload = {
            "markdown": self.markdown,
            "data": self.data.model_dump(mode="json"),
            "article": self.article.model_dump(mode="json"),
            "header": self.header.model_dump(mode="json") if self.header else None,
            "report": {
                **self.report.model_dump(mode="json"),
                "summary": self.report.summary.model_dump(mode="json"),
            },
        }
        return json.dumps(payload, ensure_ascii=False, indent=indent)

    def to_html(self) -> str:
        """The evidence view: memo and article side by side, one self-contained page."""
        from briefgen.render.evidence import render_evidence_html

        return render_evidence_html(self)

    def to_docx(self) -> bytes:
        """The memo as a Word document (needs the ``docx`` extra)."""
        from briefgen.render.docx import markdown_to_docx

        return markdown_to_docx(self.markdown)

    def render(self, fmt: Format) -> str | bytes:
        """The memo in ``fmt``: "md", "json", "html" or "docx" (bytes)."""
        renderers: dict[str, Callable[[], str | bytes]] = {
            "md": lambda: self.markdown,
            "json": self.to_json,
            "html": self.to_html,
            "docx": self.to_docx,
        }
        if fmt not in renderers:
            raise ConfigError(f"Unknown format {fmt!r}; use one of {', '.join(renderers)}.")
        return renderers[fmt]()

    def save(self, path: str | os.PathLike[str], *, fmt: Format | None = None) -> Path:
        """Write the memo to ``path``, atomically; the format follows the suffix (.md,
        .json, .html, .docx) unless ``fmt`` names one.

        The content is rendered in full first, then goes to a temporary file in the same
        directory, which replaces the target in one step: a crash leaves either the old
        file or the new one, never half.
        """
        target = Path(path)
        content = self.render(fmt or format_of(target))
        write_atomic(target, content)
        return target
