"""What the entry points take as articles, read into ``Article`` objects: one article's
text or ``Article``, and a dossier's list of texts, ``Article`` objects, paths or entries."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Union

from briefgen.config import BriefConfig
from briefgen.errors import InputError
from briefgen.ingest.article import Article
from briefgen.ingest.dossier import Entry
from briefgen.ingest.sources import load_article

logger = logging.getLogger(__name__)

SourceInput = Union[str, bytes, Article, "os.PathLike[str]"]
"""One article: its text (str or UTF-8 bytes), an ``Article``, or a path (a
``pathlib.Path``, read as the command line reads files: text, Markdown, HTML, PDF, Word
or OpenDocument). A URL is
read with ``briefgen.load_article(url)``."""

ArticleInput = Union[str, bytes, Article, "os.PathLike[str]", Entry]
"""One article of a dossier: what ``SourceInput`` takes, or an ``Entry`` (an article
read by the caller, or why it could not be)."""


def read_source(spec: str | os.PathLike[str], cfg: BriefConfig) -> Article:
    """The article at a path, URL or "-" (stdin), read within the config's limits and with
    its PDF password."""
    return load_article(
        os.fspath(spec),
        max_chars=cfg.max_input_chars,
        timeout=cfg.timeout,
        pdf_password=pdf_password_of(cfg),
    )


def pdf_password_of(cfg: BriefConfig) -> str | None:
    """The PDF password the config holds, as the readers take it."""
    return cfg.pdf_password.get_secret_value() if cfg.pdf_password else None


def as_article(article: SourceInput, cfg: BriefConfig) -> Article:
    """``article`` as an ``Article``: text (or UTF-8 bytes) is read within the size cap, a
    path as the command line reads it; anything else is an InputError."""
    if isinstance(article, Article):
        return article
    if isinstance(article, os.PathLike):
        return read_source(article, cfg)
    if not isinstance(article, str | bytes):
        raise InputError(
            "An article is its text (str or UTF-8 bytes), an Article or a path, not "
            f"{type(article).__name__}."
        )
    return Article.from_text(article, max_chars=cfg.max_input_chars)


def read_entries(articles: Sequence[ArticleInput], cfg: BriefConfig) -> list[Entry]:
    """Each article read (a path as the CLI reads it); one that cannot be read is an entry
    with its problem, or raises with ``on_article_failure="raise"``."""
    if isinstance(articles, str | bytes | Article) or not isinstance(articles, Sequence):
        raise InputError(
            "generate_dossier takes a list of articles (texts, Articles or paths); for one "
            "article pass [article], or use generate_brief."
        )
    if not articles:
        raise InputError("The dossier has no article: pass at least one.")
    entries = [_entry(number, item, cfg) for number, item in enumerate(articles, start=1)]
    if not any(entry.article for entry in entries):
        problems = "; ".join(f"A{n}: {e.problem}" for n, e in enumerate(entries, start=1))
        raise InputError(f"No article of the dossier could be read ({problems}).")
    return entries


def _entry(number: int, item: ArticleInput, cfg: BriefConfig) -> Entry:
    if isinstance(item, Entry):  # read by the caller (the CLI), or why it could not be
        if item.article is None and cfg.on_article_failure == "raise":
            raise InputError(f"A{number} ({item.location}): {item.problem}")
        return item
    location = os.fspath(item) if isinstance(item, os.PathLike) else None
    try:
        doc = as_article(item, cfg)
    except InputError as exc:
        where = location or f"article {number}"
        if cfg.on_article_failure == "raise":
            raise InputError(f"A{number} ({where}): {exc}") from exc
        logger.warning("Leaving out A%d (%s): %s", number, where, exc)
        return Entry(None, location, str(exc))
    return Entry(doc, location)
