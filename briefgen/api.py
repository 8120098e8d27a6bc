"""The public entry points for one memo: ``generate_brief`` and ``agenerate_brief``."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import time
from collections.abc import Coroutine, Sequence
from typing import Any, TypeVar

from briefgen.brief import Brief
from briefgen.config import BriefConfig, build_config
from briefgen.dossier import read_entries, run_dossier
from briefgen.ingest.article import Article
from briefgen.ingest.dossier import Entry
from briefgen.llm.openai_backend import loop_safe_client
from briefgen.memo.styles import get_style
from briefgen.pipeline import open_runtime, run_memo
from briefgen.progress import ProgressCallback

T = TypeVar("T")

AnyClient = Any
"""An ``openai.OpenAI`` or ``openai.AsyncOpenAI`` (Azure included), or a briefgen
``Backend`` such as ``FunctionBackend``."""


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end from sync code, even inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    # Called from inside a running event loop (a notebook, say): run on a worker thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def generate_brief(
    article: str | bytes | Article,
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: AnyClient | None = None,
    progress: ProgressCallback | None = None,
    **overrides: Any,
) -> Brief:
    """Turn one article into a grounded memo. See ``agenerate_brief``."""

    async def run() -> Brief:
        async with loop_safe_client(client) as usable:
            return await agenerate_brief(
                article, style=style, config=config, client=usable, progress=progress, **overrides
            )

    return run_sync(run())


async def agenerate_brief(
    article: str | bytes | Article,
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: AnyClient | None = None,
    progress: ProgressCallback | None = None,
    **overrides: Any,
) -> Brief:
    """Turn one article into a grounded memo.

    ``article`` is the article's text (or UTF-8 bytes, or an ``Article``). ``config`` holds
    the settings; keyword ``overrides`` replace single fields of it (``model=``,
    ``base_url=``, ``api_key=`` ...). ``client`` is a ready ``openai.OpenAI`` or
    ``openai.AsyncOpenAI`` (Azure included), or a briefgen ``Backend``, to use instead of
    building one. ``progress`` is called with a ``Progress`` event as the work advances.
    """
    cfg = build_config(config, overrides)
    memo_style = get_style(style, cfg.template_dir)
    doc = as_article(article, cfg)
    started = time.perf_counter()
    async with open_runtime(cfg, client) as runtime:
        return await run_memo(doc, memo_style, cfg, runtime, started, progress=progress)


def as_article(article: str | bytes | Article, cfg: BriefConfig) -> Article:
    if isinstance(article, Article):
        return article
    return Article.from_text(article, max_chars=cfg.max_input_chars)


ArticleInput = str | bytes | Article | os.PathLike[str] | Entry
"""One article of a dossier: its text (str or UTF-8 bytes), an ``Article``, a path, or
an ``Entry`` (an article read by the caller, or why it could not be)."""


def generate_dossier(
    articles: Sequence[ArticleInput],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: AnyClient | None = None,
    progress: ProgressCallback | None = None,
    **overrides: Any,
) -> Brief:
    """One memo from several articles. See ``agenerate_dossier``."""

    async def run() -> Brief:
        async with loop_safe_client(client) as usable:
            return await agenerate_dossier(
                articles, style=style, config=config, client=usable, progress=progress, **overrides
            )

    return run_sync(run())


async def agenerate_dossier(
    articles: Sequence[ArticleInput],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: AnyClient | None = None,
    progress: ProgressCallback | None = None,
    **overrides: Any,
) -> Brief:
    """One memo from several reports of the same events: a dossier.

    ``articles`` holds texts (str, or UTF-8 bytes), ``Article`` objects, or paths (a
    ``pathlib.Path``, read as the CLI reads files: text, Markdown or HTML). Sentence ``m``
    of article ``n`` is cited ``A<n>:S<m>``; facts reported by several sources become one
    item citing them all; disagreements between sources are shown, never resolved. One
    article gives the same memo as ``generate_brief``. An article that cannot be read or
    extracted is left out with a warning (``on_article_failure="raise"`` stops instead).
    """
    cfg = build_config(config, overrides)
    memo_style = get_style(style, cfg.template_dir)
    entries = read_entries(articles, cfg)
    started = time.perf_counter()
    async with open_runtime(cfg, client) as runtime:
        return await run_dossier(entries, memo_style, cfg, runtime, started, progress=progress)
