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
from briefgen.memo.items import LIKELIHOOD_RANGES
from briefgen.memo.report import Report
from briefgen.memo.sections import cited_groups, sections
from briefgen.memo.styles import SHIPPED_STYLES, WORDS_PER_PAGE, Style, get_style
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
    env.filters["likelihood_range"] = likelihood_range
    env.filters["clause"] = clause
    return env


def render_markdown(style: str, context: dict[str, Any], template_dir: Path | None = None) -> str:
    """Render the template for ``style`` with ``context``.

    A style with a length budget (``Style.page_words``) that the memo's body overruns
    loses items, the lowest ``Section.priority`` first and the last item of a section
    first, until it fits; each cut is added to ``context["report"].warnings``.
    """
    chosen = get_style(style, template_dir)
    text = _render(chosen.template, context, template_dir)
    budget = chosen.page_words
    data = context.get("data")
    if budget is None or not isinstance(data, BriefData) or body_words(text) <= budget:
        return text
    cuts: dict[str, int] = {}
    candidates = sorted(
        (s for s in sections() if chosen.shows(s) and s.field != "bluf"),
        key=lambda s: -s.priority,
    )
    for spec in candidates:
        while body_words(text) > budget and spec.items(data):
            data = data.model_copy(update={spec.field: spec.items(data)[:-1]})
            cuts[spec.title] = cuts.get(spec.title, 0) + 1
            text = _render(chosen.template, {**context, "data": data}, template_dir)
        if body_words(text) <= budget:
            break
    report = context.get("report")
    if cuts and isinstance(report, Report):
        pages = budget / WORDS_PER_PAGE
        report.warnings.append(
            f"The {chosen.name} memo was over its length budget ({pages:g} page(s), "
            f"{budget} words at {WORDS_PER_PAGE} a page); cut to fit: "
            + ", ".join(f"{n} item(s) of {title}" for title, n in cuts.items())
            + "."
        )
    return text


def body_words(markdown: str) -> int:
    """Words of a memo before its source annex (what the length budget counts)."""
    body = re.split(r"\n#{1,6} (?:Source annex|Sources)\b", markdown, maxsplit=1)[0]
    return len(re.findall(r"\w+", body))


def _render(template: str, context: dict[str, Any], template_dir: Path | None) -> str:
    text = render_file(_environment(template_dir), template, "Template", **context)
    # Headings always get a blank line before them (jinja's trim_blocks eats newlines after
    # tags); values cannot start a line, so only template headings match.
    text = re.sub(r"\n(#{1,6} )", r"\n\n\1", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# An article from these sources is an official statement, not a press report.
_OFFICIAL_SOURCE = re.compile(
    r"(?i)\b(ministry|government|gov\.|\.gov\b|white house|state department|embassy|"
    r"foreign office|press release|official statement|spokes(?:person|man|woman))"
)


def sourcing(source: str | None, articles: int = 1) -> str:
    """What the memo rests on: a single press report, several independent reports, or an
    official statement."""
    if source and _OFFICIAL_SOURCE.search(source):
        return "an official statement"
    return "a single press report" if articles == 1 else "several independent reports"


_PLAIN_OPENERS = frozenset("the a an this these those that it its there both talks".split())


def clause(text: str) -> str:
    """A sentence made the tail of another ("... that the talks will fail"): its first
    letter lowered when its first word is a plain word, never a name."""
    first = text.split(" ", 1)[0]
    if first.lower() in _PLAIN_OPENERS and first[:1].isupper():
        return text[:1].lower() + text[1:]
    return text


def likelihood_range(term: str | None) -> str:
    """ "likely (55–80%)": an ICD 203 term with its probability range."""
    if not term:
        return ""
    span = LIKELIHOOD_RANGES.get(term)
    return f"{term} ({span})" if span else term


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
    mark = header.portion_mark
    return {
        "data": data,
        "report": report,
        "pm": Trusted(escape_markdown(f"({mark})") + " ") if mark else Trusted(""),
        "office": header.office,
        "cleared": header.cleared,
        "decision_by": header.decision_by,
        "visit": header.visit,
        "sourcing": sourcing(doc.source),
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
