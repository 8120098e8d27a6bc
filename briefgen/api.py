"""The public entry points: ``generate_brief`` (one article), ``generate_dossier``
(several articles, one memo) and ``generate_briefs`` (one memo per article), each with
its async twin. The sync ones run their twin on an event loop of their own."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from briefgen.config import BriefConfig, build_config
from briefgen.errors import BriefgenError, StoryStoreError
from briefgen.llm.openai_backend import loop_safe_client
from briefgen.llm.requests_first import requests_written
from briefgen.memo.styles import get_style
from briefgen.progress import Progress, ProgressCallback
from briefgen.run import (
    ArticleInput,
    Runtime,
    SourceInput,
    as_article,
    open_runtime,
    read_entries,
    run_memo,
    run_sync,
)

if TYPE_CHECKING:
    from briefgen.brief import Brief, BriefOrError
    from briefgen.llm.openai_backend import Client
    from briefgen.run.earlier import Earlier, SinceInput
    from briefgen.run.story_store import StoryStore

T = TypeVar("T")

# Memos started ahead of free request slots: enough to keep every slot busy while a memo
# is between calls, few enough that a batch of thousands does not hold them all in memory.
_MEMOS_PER_SLOT = 2


def _sync(client: Client | None, twin: Callable[[Client | None], Awaitable[T]]) -> T:
    """``twin`` (an async entry point given the client) run to the end from sync code,
    on a client made safe for the new event loop."""

    async def run() -> T:
        async with loop_safe_client(client) as usable:
            return await twin(usable)

    return run_sync(run())


def generate_brief(
    article: SourceInput,
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: Client | None = None,
    progress: ProgressCallback | None = None,
    since: SinceInput | None = None,
    story: str | None = None,
    **overrides: Any,
) -> Brief:
    """Turn one article into a grounded memo. See ``agenerate_brief``."""
    settings = {"style": style, "config": config, "progress": progress, **overrides}
    settings |= {"since": since, "story": story}
    return _sync(client, lambda usable: agenerate_brief(article, client=usable, **settings))


async def agenerate_brief(
    article: SourceInput,
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: Client | None = None,
    progress: ProgressCallback | None = None,
    since: SinceInput | None = None,
    story: str | None = None,
    **overrides: Any,
) -> Brief:
    """Turn one article into a grounded memo.

    ``article`` is the article's text (or UTF-8 bytes), an ``Article``, or a path (read as
    the command line reads files; a URL is read with ``load_article``). ``config`` holds
    the settings; keyword ``overrides`` replace single fields of it (``model=``,
    ``base_url=``, ``api_key=`` ...). ``client`` is a ready ``openai.OpenAI`` or
    ``openai.AsyncOpenAI`` (Azure included), or a briefgen ``Backend``, to use instead of
    building one. ``progress`` is called with a ``Progress`` event as the work advances.

    ``since`` is an earlier memo of the same story (a ``Brief``, or the ``.json`` file it
    was saved as), or a list of them, oldest first: the memo then opens with "Since the
    last memo" (what is new, what changed, both sides cited) and moves to Background the
    news they already carried. ``story`` names a story in the local store: the memo is
    made since all its earlier memos, then kept as its next one (see docs/stories.md).
    """
    cfg = build_config(config, overrides)
    memo_style = get_style(style, cfg.template_dir)
    doc = as_article(article, cfg)
    stories, earlier = _earlier_memos(since, story)
    started = time.perf_counter()
    async with open_runtime(cfg, client) as runtime:
        brief = await run_memo(
            doc, memo_style, cfg, runtime, started, progress=progress, earlier=earlier
        )
    return _kept(brief, stories, story)


def _earlier_memos(
    since: SinceInput | None, story: str | None
) -> tuple[StoryStore | None, Sequence[Earlier]]:
    """The memos a new one is made since: the story's (from the store), then ``since``'s;
    read before anything is paid, so a bad file or store stops the memo at no cost."""
    if since is None and story is None:
        return None, []  # the story's modules stay unloaded (see RunState.new_grounder)
    from briefgen.run.earlier import after_story, read_since
    from briefgen.run.story_store import StoryStore

    given = read_since(since)
    if story is None:
        return None, given
    stories = StoryStore()
    return stories, after_story(stories.earlier(story), given)


def _kept(brief: Brief, stories: StoryStore | None, story: str | None) -> Brief:
    """``brief`` kept as the next memo of ``story``; a store that cannot take it raises
    StoryStoreError holding the memo (``.memo``), so nothing paid for is lost."""
    if stories is not None and story is not None:
        try:
            stories.add(story, brief)
        except StoryStoreError as exc:
            exc.memo = brief
            raise
    return brief


def generate_dossier(
    articles: Sequence[ArticleInput],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: Client | None = None,
    progress: ProgressCallback | None = None,
    since: SinceInput | None = None,
    story: str | None = None,
    **overrides: Any,
) -> Brief:
    """One memo from several articles. See ``agenerate_dossier``."""
    settings = {"style": style, "config": config, "progress": progress, **overrides}
    settings |= {"since": since, "story": story}
    return _sync(client, lambda usable: agenerate_dossier(articles, client=usable, **settings))


async def agenerate_dossier(
    articles: Sequence[ArticleInput],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: Client | None = None,
    progress: ProgressCallback | None = None,
    since: SinceInput | None = None,
    story: str | None = None,
    **overrides: Any,
) -> Brief:
    """One memo from several reports of the same events: a dossier.

    ``articles`` holds texts (str, or UTF-8 bytes), ``Article`` objects, or paths (a
    ``pathlib.Path``, read as the CLI reads files: text, Markdown or HTML). Sentence ``m``
    of article ``n`` is cited ``A<n>:S<m>``; facts reported by several sources become one
    item citing them all; disagreements between sources are shown, never resolved. One
    article gives the same memo as ``generate_brief``. An article that cannot be read or
    extracted is left out with a warning (``on_article_failure="raise"`` stops instead).
    ``since`` and ``story`` are as for ``agenerate_brief``.
    """
    cfg = build_config(config, overrides)
    memo_style = get_style(style, cfg.template_dir)
    entries = read_entries(articles, cfg)
    stories, earlier = _earlier_memos(since, story)
    started = time.perf_counter()
    async with open_runtime(cfg, client) as runtime:
        from briefgen.run.dossier_memo import run_dossier  # its rules load when used

        brief = await run_dossier(
            entries, memo_style, cfg, runtime, started, progress=progress, earlier=earlier
        )
    return _kept(brief, stories, story)


def generate_briefs(
    articles: Iterable[SourceInput],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: Client | None = None,
    progress: ProgressCallback | None = None,
    **overrides: Any,
) -> list[BriefOrError]:
    """One memo per article, in order; see ``agenerate_briefs``."""
    settings = {"style": style, "config": config, "progress": progress, **overrides}
    return _sync(client, lambda usable: agenerate_briefs(articles, client=usable, **settings))


async def agenerate_briefs(
    articles: Iterable[SourceInput],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    client: Client | None = None,
    progress: ProgressCallback | None = None,
    **overrides: Any,
) -> list[BriefOrError]:
    """One memo per article, with every request of every memo under one
    ``max_concurrency`` limit, results in the order of the input. Each place holds a
    ``Brief`` or the ``BriefgenError`` that stopped that memo (the others go on; an error
    that is not briefgen's, a bug, is raised); budgets (``max_calls`` ...) apply per memo.
    """
    cfg = build_config(config, overrides)
    memo_style = get_style(style, cfg.template_dir)
    items = list(articles)
    total = len(items)
    if total == 0:
        return []
    slots = asyncio.Semaphore(cfg.max_concurrency * _MEMOS_PER_SLOT)

    async def one(index: int, article: SourceInput, runtime: Runtime) -> BriefOrError:
        async with slots:
            # Let the requests of the memos ahead leave before reading this article
            # takes the CPU: a request written late is answered late, and at the start
            # of a batch every memo would otherwise be read before the first is sent.
            await requests_written()
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
