"""Many memos at once: one endpoint, one cache and one request limit shared by all.

Results come back in the order of the input. A memo that fails leaves its error in its
place and does not stop the others; an error that is not briefgen's (a bug) is raised.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from typing import Any

from briefgen.api import AnyClient, as_article, run_sync
from briefgen.brief import Brief
from briefgen.config import BriefConfig, build_config
from briefgen.errors import BriefgenError
from briefgen.ingest.article import Article
from briefgen.llm.openai_backend import loop_safe_client
from briefgen.memo.styles import get_style
from briefgen.pipeline import open_runtime, run_memo
from briefgen.progress import Progress, ProgressCallback

BriefOrError = Brief | BriefgenError

# Memos started ahead of free request slots: enough to keep every slot busy while a memo
# is between calls, few enough that a batch of thousands does not hold them all in memory.
_MEMOS_PER_SLOT = 2


def generate_briefs(
    articles: Iterable[str | bytes | Article],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: AnyClient | None = None,
    progress: ProgressCallback | None = None,
    **overrides: Any,
) -> list[BriefOrError]:
    """One memo per article, in order; see ``agenerate_briefs``."""

    async def run() -> list[BriefOrError]:
        async with loop_safe_client(client) as usable:
            return await agenerate_briefs(
                articles,
                style=style,
                config=config,
                client=usable,
                progress=progress,
                **overrides,
            )

    return run_sync(run())


async def agenerate_briefs(
    articles: Iterable[str | bytes | Article],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: AnyClient | None = None,
    progress: ProgressCallback | None = None,
    **overrides: Any,
) -> list[BriefOrError]:
    """One memo per article, with every request of every memo under one
    ``max_concurrency`` limit. Each place in the result holds a ``Brief`` or the
    ``BriefgenError`` that stopped that memo; budgets (``max_calls`` ...) apply per memo.
    """
    cfg = build_config(config, overrides)
    memo_style = get_style(style, cfg.template_dir)
    items = list(articles)
    total = len(items)
    if total == 0:
        return []
    slots = asyncio.Semaphore(cfg.max_concurrency * _MEMOS_PER_SLOT)

    async def one(index: int, article: str | bytes | Article, runtime: Any) -> BriefOrError:
        async with slots:
            started = time.perf_counter()
            try:
                doc = as_article(article, cfg)
                return await run_memo(
                    doc,
                    memo_style,
                    cfg,
                    runtime,
                    started,
                    progress=progress,
                    position=(index, total),
                )
            except BriefgenError as exc:
                if progress is not None:
                    progress(
                        Progress(article=index, articles=total, stage="failed", error=str(exc))
                    )
                return exc

    async with open_runtime(cfg, client) as runtime:
        tasks = [asyncio.ensure_future(one(i, a, runtime)) for i, a in enumerate(items)]
        try:
            return list(await asyncio.gather(*tasks))
        finally:
            for task in tasks:
                task.cancel()
