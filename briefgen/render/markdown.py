"""Render memo data into Markdown with sandboxed jinja2 templates.

Every value a template prints is escaped for Markdown unless the template itself marks it
trusted, so text from the article or the model cannot add links, images, HTML,
headings or table breaks to the memo.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefgen.ingest.article import Article
from briefgen.memo.data import BriefData
from briefgen.memo.header import MemoHeader
from briefgen.memo.report import Report
from briefgen.memo.sections import cited_groups
from briefgen.memo.styles import SHIPPED_STYLES, Style, get_style
from briefgen.templating import render_file, sandboxed_environment

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

STYLES = tuple(SHIPPED_STYLES)


# ASCII punctuation that can start Markdown syntax anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|!~$])")
# Syntax that only matters at the start of a line (lists, quotes, rules, setext).
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|file|data|javascript)(:)")
_WWW = re.compile(r"(?i)\b(www)(\.)")
_ENTITY = re.compile(r"&(?=#?\w+;)")


class Trusted(Markup):
    """Markdown written by briefgen itself; printed as is."""

    __slots__ = ()


def escape_markdown(value: object) -> str:
    """One line of literal text, safe in Markdown prose and table cells."""
    text = " ".join(str(value).split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = _AUTOLINK.sub(r"\1\\\2", text)
    text = _WWW.sub(r"\1\\\2", text)
    return _LINE_START.sub(r"\1\\\2", text)


def _finalize(value: object) -> Markup:
    # Autoescape is on only so that jinja marks macro output as Markup: what a macro
    # returns was escaped value by value inside it and must not be escaped again. Every
    # other value is escaped here, for Markdown, and marked done so no HTML escaping follows.
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(escape_markdown(value))


def _ids(value: list[str]) -> Trusted:
    return Trusted(", ".join(escape_markdown(v) for v in value))


@lru_cache(maxsize=16)
def _environment(user_dir: Path | None) -> jinja2.Environment:
    env = sandboxed_environment(
        user_dir, TEMPLATE_DIR, autoescape=True, finalize=_finalize, keep_trailing_newline=True
    )
    env.filters["ids"] = _ids
    return env


def render_markdown(style: str, context: dict[str, Any], template_dir: Path | None = None) -> str:
    """Render the template for ``style`` with ``context``."""
    template = get_style(style, template_dir).template
    text = render_file(_environment(template_dir), template, "Template", **context)
    # Headings always get a blank line before them (jinja's trim_blocks eats newlines after
    # tags); values cannot start a line, so only template headings match.
    text = re.sub(r"\n(#{1,6} )", r"\n\n\1", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_context(
    doc: Article, data: BriefData, report: Report, header: MemoHeader, style: Style | None = None
) -> dict[str, Any]:
    """What every memo template receives.

    The source annex lists the items of the sections ``style`` prints, and only the
    sentences those items cite (without a style: every section).
    """
    shown = style.shows if style is not None else None
    source_map = list(cited_groups(data, shown))
    cited = {sid for _, ids in source_map for sid in ids}
    return {
        "data": data,
        "memo_kind": header.memo_kind,
        "classification": header.classification,
        "portion_mark": header.portion_mark,
        "memo_to": header.memo_to,
        "memo_from": header.memo_from,
        "memo_date": header.memo_date,
        "article_title": doc.title or "Untitled article",
        "article_source": doc.source,
        "article_published": doc.published,
        "source_map": source_map,
        "cited_sentences": [s for s in doc.sentences if s.id in cited],
        "uncovered": data.uncovered,
        "model": report.model,
        "backend": report.backend,
        "plan": report.plan,
        "dropped_count": len(report.dropped),
    }
