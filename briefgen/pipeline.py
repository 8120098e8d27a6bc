"""generate_brief: article -> chunks -> extraction -> merge -> grounding -> synthesis ->
render, in one direction.

An article that fits one chunk takes one LLM round trip (extraction and memo fields in one
answer). A longer one takes two on its critical path: the chunk extractions in parallel,
then one synthesis call over the merged, grounded extraction (never the raw text).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime as dt
import functools
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import openai

from briefgen.ingest.article import Article
from briefgen.brief import Brief
from briefgen.llm.budget import Budget
from briefgen.llm.cache import ResponseCache, default_cache_path
from briefgen.extract.chunking import Chunk, chunk_article
from briefgen.llm.endpoints import http_client, resolve_endpoint
from briefgen.llm.concurrency import gather_first_error, shared_gate
from briefgen.config import BriefConfig, build_config
from briefgen.errors import (
    ChunkFailedError,
    InvalidOutputError,
    LLMError,
    RefusalError,
)
from briefgen.grounding.grounder import Grounder
from briefgen.llm.caller import CallSettings, Endpoint, StructuredCaller
from briefgen.memo.data import BriefData, MemoHeader
from briefgen.extract.merge import merge_extractions
from briefgen.progress import Progress, ProgressCallback, Stage
from briefgen.extract.prompts import extraction_messages, synthesis_messages
from briefgen.render.markdown import render_markdown
from briefgen.memo.report import Report
from briefgen.extract.schema import Extraction
from briefgen.memo.styles import Style, get_style
from briefgen.llm.tokens import token_counter
from briefgen.usage import Usage

logger = logging.getLogger(__name__)

T = TypeVar("T")

AnyClient = openai.OpenAI | openai.AsyncOpenAI


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end from sync code, even inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    # Called from inside a running event loop (a notebook, say): run on a worker thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@contextlib.asynccontextmanager
async def loop_safe_client(client: AnyClient | None) -> AsyncIterator[AnyClient | None]:
    """The caller's client, made safe to use on a new event loop.

    Each sync call runs its own event loop, and an AsyncOpenAI's connection pool belongs
    to the loop that opened it; give the run a pool of its own.
    """
    if not isinstance(client, openai.AsyncOpenAI):
        yield client
        return
    fresh = client.copy(http_client=http_client())
    try:
        yield fresh
    finally:
        await fresh.close()


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
    ``openai.AsyncOpenAI`` (Azure included) to use instead of building one. ``progress``
    is called with a ``Progress`` event as the work advances.
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


@dataclass
class Runtime:
    """What the memos of one run share: the endpoint, the cache, the request limit."""

    endpoint: Endpoint
    cache: ResponseCache | None
    gate: asyncio.Semaphore


def open_cache(cfg: BriefConfig) -> ResponseCache | None:
    if not cfg.cache:
        return None
    path = cfg.cache_path or default_cache_path()
    return _cache_at(path) if path is not None else None


@functools.lru_cache(maxsize=8)
def _cache_at(path: Path) -> ResponseCache:
    # One object per file: it prepares the file once, not once per memo.
    return ResponseCache(path)


@contextlib.asynccontextmanager
async def open_runtime(cfg: BriefConfig, client: AnyClient | None) -> AsyncIterator[Runtime]:
    endpoint = resolve_endpoint(cfg, client)
    try:
        limit = min(cfg.max_concurrency, endpoint.max_parallel or cfg.max_concurrency)
        gate = shared_gate(endpoint.identity or str(id(endpoint)), limit)
        yield Runtime(endpoint=endpoint, cache=open_cache(cfg), gate=gate)
    finally:
        await endpoint.aclose()


def _settings(cfg: BriefConfig) -> CallSettings:
    return CallSettings(
        temperature=cfg.temperature,
        timeout=cfg.timeout,
        max_retries=cfg.max_retries,
        max_retry_wait=cfg.max_retry_wait,
        max_reasks=cfg.max_reasks,
        max_output_tokens=cfg.max_output_tokens,
        max_output_tokens_cap=cfg.max_output_tokens_cap,
        prompt_dir=cfg.prompt_dir,
    )


async def run_memo(
    doc: Article,
    style: Style,
    cfg: BriefConfig,
    runtime: Runtime,
    started: float,
    *,
    progress: ProgressCallback | None = None,
    position: tuple[int, int] = (0, 1),
) -> Brief:
    endpoint = runtime.endpoint
    usage = Usage()
    counter = token_counter(endpoint.model)
    budget = Budget.for_model(
        endpoint.model,
        max_calls=cfg.max_calls,
        max_tokens=cfg.max_tokens,
        max_cost_usd=cfg.max_cost_usd,
        prices=cfg.prices,
    )
    caller = StructuredCaller(
        endpoint,
        _settings(cfg),
        usage,
        budget=budget if budget.limited else None,  # no limits: no need to count prompts
        counter=counter,
        cache=runtime.cache,
        gate=runtime.gate,
    )
    warnings: list[str] = []
    if not counter.exact:
        warnings.append("Token counts are estimates: no offline tiktoken encoding was found.")
    chunks = chunk_article(doc, counter, budget=cfg.chunk_tokens, overlap=cfg.chunk_overlap_tokens)
    grounder = Grounder(doc, mode=cfg.grounding, allow_paraphrase=cfg.allow_paraphrase)
    logger.info(
        "Article: %d sentences, %d chunk(s); model %s via %s",
        len(doc.sentences),
        len(chunks),
        endpoint.model,
        endpoint.backend,
    )
    done = 0

    def tell(stage: Stage) -> None:
        if progress is not None:
            progress(
                Progress(
                    article=position[0],
                    articles=position[1],
                    stage=stage,
                    chunks_done=done,
                    chunks=len(chunks),
                )
            )

    tell("started")
    if len(chunks) == 1:
        messages = extraction_messages(
            doc.sentences,
            title=doc.title,
            with_memo=True,
            style=style.name,
            prompt_dir=cfg.prompt_dir,
        )
        single = await caller.call("briefgen_memo", messages, style.single_pass)
        done = 1
        tell("chunk_done")

        def ground_single() -> BriefData:
            return grounder.ground_memo(grounder.ground_extraction(single.extraction), single.memo)

        # Grounding and rendering are pure CPU: off the event loop, so that in a batch
        # the requests of other memos go out while this one is checked.
        data = await asyncio.to_thread(ground_single)
    else:

        async def extract(chunk: Chunk) -> Extraction:
            nonlocal done
            result = await _extract_chunk(caller, doc, chunk, len(chunks), cfg)
            done += 1
            tell("chunk_done")
            return result

        jobs = [extract(chunk) for chunk in chunks]
        if cfg.on_chunk_failure == "skip":
            outcomes = await gather_first_error([_failure_as_value(job) for job in jobs])
            failed = [o for o in outcomes if isinstance(o, ChunkFailedError)]
            parts = [o for o in outcomes if isinstance(o, Extraction)]
            if not parts:
                raise failed[0].__cause__ or failed[0]
            for failure in failed:
                warnings.append(f"Not covered: {failure}")
                logger.warning("Skipping part of the article: %s", failure)
        else:
            failed = []
            parts = await gather_first_error(jobs)
        data = await asyncio.to_thread(grounder.ground_extraction, merge_extractions(parts))
        data = data.model_copy(update={"uncovered": _uncovered(doc, chunks, failed)})
        messages = synthesis_messages(
            facts_for_synthesis(data), title=doc.title, style=style.name, prompt_dir=cfg.prompt_dir
        )
        tell("synthesis")
        memo = await caller.call("briefgen_synthesis", messages, style.memo_fields)
        data = await asyncio.to_thread(grounder.ground_memo, data, memo)

    report = Report(
        model=endpoint.model,
        cost_usd=round(budget.cost(usage.prompt_tokens, usage.completion_tokens), 6)
        if budget.price is not None
        else None,
        backend=endpoint.backend,
        style=style.name,
        chunks=len(chunks),
        elapsed_s=round(time.perf_counter() - started, 3),
        usage=usage,
        grounding=grounder.records,
        warnings=warnings,
        lint=grounder.lint,
    )
    header = memo_header(cfg)
    markdown = await asyncio.to_thread(
        render_markdown,
        style.name,
        render_context(doc, data, report, cfg, header),
        cfg.template_dir,
    )
    tell("done")
    return Brief(markdown=markdown, data=data, article=doc, report=report, header=header)


async def _extract_chunk(
    caller: StructuredCaller, doc: Article, chunk: Chunk, count: int, cfg: BriefConfig
) -> Extraction:
    sentences = [s for s in doc.sentences if s.id in set(chunk.sentence_ids)]
    messages = extraction_messages(
        sentences,
        title=doc.title,
        with_memo=False,
        part_number=chunk.index + 1,
        part_count=count,
        prompt_dir=cfg.prompt_dir,
    )
    try:
        return await caller.call("briefgen_extraction", messages, Extraction)
    except (InvalidOutputError, RefusalError, LLMError) as exc:
        where = (
            f"Part {chunk.index + 1} of {count} of the article "
            f"(characters {chunk.start}-{chunk.end})"
        )
        permanent = isinstance(exc, LLMError) and not exc.retryable  # bad key: no part works
        if cfg.on_chunk_failure == "skip" and not permanent:
            raise ChunkFailedError(
                f"{where} failed: {exc}",
                chunk_index=chunk.index,
                start=chunk.start,
                end=chunk.end,
            ) from exc
        # Keep the error's own type (callers catch RefusalError, LLMError ...) and name the part.
        exc.args = (f"{where}: {exc.args[0] if exc.args else exc}", *exc.args[1:])
        raise


async def _failure_as_value(job: Awaitable[Extraction]) -> Extraction | ChunkFailedError:
    try:
        return await job
    except ChunkFailedError as exc:
        return exc


def _uncovered(
    doc: Article, chunks: list[Chunk], failed: list[ChunkFailedError]
) -> list[tuple[int, int]]:
    """Character ranges only failed chunks covered (overlap with good chunks is covered)."""
    good = [c for c in chunks if c.index not in {f.chunk_index for f in failed}]
    ranges: list[tuple[int, int]] = []
    for failure in failed:
        for sentence in doc.sentences_between(failure.start, failure.end):
            if any(c.start <= sentence.start and sentence.end <= c.end for c in good):
                continue
            if ranges and doc.text[ranges[-1][1] : sentence.start].strip() == "":
                ranges[-1] = (ranges[-1][0], sentence.end)
            else:
                ranges.append((sentence.start, sentence.end))
    return ranges


def facts_for_synthesis(data: BriefData) -> dict[str, Any]:
    """The grounded extraction in compact form: what the synthesis call sees."""
    return {
        "actors": [
            {"name": a.name, "kind": a.kind, "title": a.title, "ids": a.sentence_ids}
            for a in data.actors
        ],
        "positions": [
            {"party": p.party, "stance": p.stance, "ids": p.sentence_ids} for p in data.positions
        ],
        "events": [
            {"what": e.what, "when": e.when, "who": e.who, "ids": e.sentence_ids}
            for e in data.developments
        ],
        "quotes": [
            {"speaker": q.speaker, "text": q.text, "ids": q.sentence_ids} for q in data.quotes
        ],
        "allegations": [
            {
                "by": a.alleged_by,
                "against": a.against,
                "claim": a.claim,
                "denial": a.denial,
                "ids": a.sentence_ids,
            }
            for a in data.allegations
        ],
        "facts": [{"fact": f.fact, "ids": f.sentence_ids} for f in data.key_facts],
        "agenda": [{"item": a.item, "ids": a.sentence_ids} for a in data.agenda],
    }


def _source_map(data: BriefData) -> list[tuple[str, list[str]]]:
    rows: list[tuple[str, list[str]]] = []
    if data.subject_sentence_ids:
        rows.append(("Subject", data.subject_sentence_ids))
    sections: list[tuple[str, Sequence[Any]]] = [
        ("Summary", data.bluf),
        ("Recommendation", data.recommendations),
        ("Counterpart wants", data.counterpart_wants),
        ("Relations", data.relations),
        ("Background", data.background),
        ("Key development", data.developments),
        ("Agenda item", data.agenda),
        ("Allegation", data.allegations),
        ("Position", data.positions),
        ("Quote", data.quotes),
        ("Outlook", data.outlook),
        ("Talking point", data.talking_points),
    ]
    for label, items in sections:
        for number, item in enumerate(items, start=1):
            rows.append((f"{label} {number}", item.sentence_ids))
    return rows


def memo_header(cfg: BriefConfig) -> MemoHeader:
    today = dt.date.today()
    return MemoHeader(
        classification=cfg.classification,
        portion_mark=cfg.portion_mark,
        memo_to=cfg.memo_to,
        memo_from=cfg.memo_from,
        memo_date=cfg.memo_date or f"{today.day} {today:%B %Y}",
    )


def render_context(
    doc: Article,
    data: BriefData,
    report: Report,
    cfg: BriefConfig,
    header: MemoHeader | None = None,
) -> dict[str, Any]:
    """What every memo template receives."""
    header = header or memo_header(cfg)
    cited = [s for s in doc.sentences if s.id in set(data.cited_ids())]
    return {
        "data": data,
        "classification": header.classification,
        "portion_mark": header.portion_mark,
        "memo_to": header.memo_to,
        "memo_from": header.memo_from,
        "memo_date": header.memo_date,
        "article_title": doc.title or "Untitled article",
        "article_source": doc.source,
        "article_published": doc.published,
        "source_map": _source_map(data),
        "cited_sentences": cited,
        "uncovered": data.uncovered,
        "model": report.model,
        "backend": report.backend,
        "dropped_count": len(report.dropped),
    }
