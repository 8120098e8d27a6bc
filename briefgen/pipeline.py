"""The stage order: article -> call plan -> extraction -> merge -> grounding -> synthesis
-> grounding -> render, in one direction.

An article that fits one chunk takes one LLM round trip (extraction and memo fields in one
answer). A longer one takes two on its critical path: the chunk extractions in parallel,
then one synthesis call over the merged, grounded extraction (never the raw text).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.brief import Brief
from briefgen.config import BriefConfig, default_cache_path
from briefgen.errors import (
    ChunkFailedError,
    InvalidOutputError,
    LLMError,
    RefusalError,
)
from briefgen.extract.chunking import Chunk, TokenCounter
from briefgen.extract.extractive import compose
from briefgen.extract.merge import merge_extractions
from briefgen.extract.plan import CallPlan, PlanKind, PlannedCall, plan_calls
from briefgen.extract.prompts import reask_message
from briefgen.extract.schema import Extraction, Selection, SinglePass, Verification
from briefgen.grounding.grounder import Grounder
from briefgen.ingest.article import Article
from briefgen.llm.backend import Backend, BackendProfile
from briefgen.llm.budget import Budget
from briefgen.llm.cache import ResponseCache
from briefgen.llm.caller import CallSettings, StructuredCaller
from briefgen.llm.concurrency import gather_first_error, shared_gate
from briefgen.llm.endpoints import open_backend
from briefgen.llm.tokens import token_counter
from briefgen.memo.data import BriefData
from briefgen.memo.fields import MemoFields
from briefgen.memo.header import MemoHeader
from briefgen.memo.report import Report
from briefgen.memo.sections import synthesis_facts
from briefgen.memo.styles import Style
from briefgen.progress import Progress, ProgressCallback, Stage
from briefgen.render.markdown import render_memo
from briefgen.usage import Usage

logger = logging.getLogger(__name__)

# Seconds the first round's requests are given to leave before grounding reads the
# article beside them.
_SEND_SETTLE_S = 0.05


@dataclass
class Runtime:
    """What the memos of one run share: the backend, the cache, the request limit."""

    backend: Backend
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
async def open_runtime(cfg: BriefConfig, client: Any) -> AsyncIterator[Runtime]:
    backend = open_backend(cfg, client)
    try:
        profile = backend.profile
        limit = min(cfg.max_concurrency, profile.max_parallel or cfg.max_concurrency)
        gate = shared_gate(profile.identity or str(id(backend)), limit)
        yield Runtime(backend=backend, cache=open_cache(cfg), gate=gate)
    finally:
        await backend.aclose()


@dataclass
class Calls:
    """One memo's caller with its usage, budget and token counter, and the warnings of
    its run."""

    caller: StructuredCaller
    usage: Usage
    budget: Budget
    counter: TokenCounter
    model: str
    backend: str
    warnings: list[str]

    def report(
        self, style: Style, kind: PlanKind, chunks: int, started: float, grounder: Grounder
    ) -> Report:
        overrun = self.budget.overrun()
        if overrun is not None:
            self.warnings.append(overrun)
        usage, budget = self.usage, self.budget
        return Report(
            model=self.model,
            cost_usd=round(budget.cost(usage.prompt_tokens, usage.completion_tokens), 6)
            if budget.price is not None
            else None,
            backend=self.backend,
            style=style.name,
            plan=kind,
            chunks=chunks,
            elapsed_s=round(time.perf_counter() - started, 3),
            usage=usage,
            grounding=grounder.records,
            warnings=self.warnings,
            lint=grounder.lint,
        )


def open_calls(cfg: BriefConfig, runtime: Runtime) -> Calls:
    """The caller of one memo (its budget is per memo), over the run's shared backend."""
    profile = runtime.backend.profile
    usage = Usage()
    counter = token_counter(profile.model)
    budget = Budget.for_model(
        profile.model,
        max_calls=cfg.max_calls,
        max_tokens=cfg.max_tokens,
        max_cost_usd=cfg.max_cost_usd,
        prices=cfg.prices,
    )
    caller = StructuredCaller(
        runtime.backend,
        call_settings(cfg),
        usage,
        budget=budget if budget.limited else None,  # no limits: no need to count prompts
        counter=counter,
        cache=runtime.cache,
        gate=runtime.gate,
    )
    warnings: list[str] = []
    if runtime.cache is not None and not runtime.cache.usable():
        warnings.append(f"Ran without the response cache: {runtime.cache.problem}")
    if not counter.exact:
        warnings.append("Token counts are estimates: no offline tiktoken encoding was found.")
    return Calls(caller, usage, budget, counter, profile.model, profile.name, warnings)


def call_settings(cfg: BriefConfig) -> CallSettings:
    return CallSettings(
        temperature=cfg.temperature,
        timeout=cfg.timeout,
        max_retries=cfg.max_retries,
        max_retry_wait=cfg.max_retry_wait,
        max_reasks=cfg.max_reasks,
        max_output_tokens=cfg.max_output_tokens,
        max_output_tokens_cap=cfg.max_output_tokens_cap,
        reask=functools.partial(reask_message, prompt_dir=cfg.prompt_dir),
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
    profile = runtime.backend.profile
    calls = open_calls(cfg, runtime)
    caller, counter, warnings = calls.caller, calls.counter, calls.warnings
    plan = plan_calls(
        doc,
        style,
        counter,
        chunk_tokens=cfg.chunk_tokens,
        overlap_tokens=cfg.chunk_overlap_tokens,
        prompt_dir=cfg.prompt_dir,
        kind=plan_kind(cfg, profile),
    )
    chunks = plan.chunks

    def new_grounder() -> Grounder:
        # What the model was told, so that instructions copied into prose are caught.
        prompts = [m["content"] for m in plan.first_round[0].messages if m["role"] == "system"]
        if not plan.single:
            prompts += [m["content"] for m in plan.synthesis_call({}).messages]
        return Grounder(
            doc, mode=cfg.grounding, allow_paraphrase=cfg.allow_paraphrase, prompts=prompts
        )

    logger.info(
        "Article: %d sentences, %d chunk(s); model %s via %s",
        len(doc.sentences),
        len(chunks),
        profile.model,
        profile.name,
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
    if plan.kind == "extractive":
        selections = await gather_first_error(
            [select(caller, call, warnings) for call in plan.first_round]
        )
        done = len(chunks)
        tell("chunk_done")

        def ground_selection() -> tuple[Grounder, BriefData]:
            extraction, memo = compose(doc, selections, style.memo_fields)
            grounder = new_grounder()
            return grounder, grounder.ground_memo(grounder.ground_extraction(extraction), memo)

        grounder, data = await asyncio.to_thread(ground_selection)
    elif plan.single:
        [call] = plan.first_round
        single = await caller.call(call.name, call.messages, call.output_type)
        assert isinstance(single, SinglePass)
        done = 1
        tell("chunk_done")

        def ground_single() -> tuple[Grounder, BriefData]:
            grounder = new_grounder()
            extracted = grounder.ground_extraction(single.extraction)
            return grounder, grounder.ground_memo(extracted, single.memo)

        # Grounding and rendering are pure CPU: off the event loop, so that in a batch
        # the requests of other memos go out while this one is checked.
        grounder, data = await asyncio.to_thread(ground_single)
    else:

        async def extract(call: PlannedCall) -> Extraction:
            nonlocal done
            result = await _extract_chunk(caller, call, len(chunks), cfg)
            done += 1
            tell("chunk_done")
            if done < len(chunks):
                # Check this chunk's items while the others are still out, so that
                # little is left to do when the last answer lands.
                await asyncio.to_thread((await asyncio.shield(ready)).prepare, result)
            return result

        first_round = asyncio.ensure_future(
            _first_round([extract(call) for call in plan.first_round], cfg, warnings)
        )
        # The grounder reads the article (on a worker thread) once the requests are out,
        # while the model writes: answers then meet ready indexes.
        ready = asyncio.ensure_future(after_sending(first_round, new_grounder))
        try:
            parts, failed = await first_round
        finally:
            grounder = await ready
        data = await asyncio.to_thread(grounder.ground_extraction, merge_extractions(parts))
        data = data.model_copy(update={"uncovered": _uncovered(doc, chunks, failed)})
        data = await _synthesise(plan, caller, grounder, data, tell)

    data = grounder.remove_repeats(data, style.shows)
    if cfg.verify == "model":
        tell("verification")
        data = await verify(plan, caller, grounder, data, style)
    report = calls.report(style, plan.kind, len(chunks), started, grounder)
    header = MemoHeader.from_config(
        cfg, style.memo_kind, date_format=style.date_format, banner=style.banner
    )
    markdown, data = await asyncio.to_thread(
        functools.partial(render_memo, template_dir=cfg.template_dir),
        style,
        doc,
        data,
        report,
        header,
    )
    tell("done")
    return Brief(markdown=markdown, data=data, article=doc, report=report, header=header)


async def after_sending(
    first_round: asyncio.Future[Any], new_grounder: Callable[[], Grounder]
) -> Grounder:
    # Let the first round's requests leave before taking CPU from the event loop (the
    # SDK spends a few ms on each); a first round that ends sooner is not waited for.
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(asyncio.shield(first_round), _SEND_SETTLE_S)
    return await asyncio.to_thread(lambda: new_grounder().warm())


async def _first_round(
    jobs: Sequence[Awaitable[Extraction]], cfg: BriefConfig, warnings: list[str]
) -> tuple[list[Extraction], list[ChunkFailedError]]:
    """The chunk extractions, and the failed chunks when failures may be skipped."""
    if cfg.on_chunk_failure != "skip":
        return await gather_first_error(jobs), []
    outcomes = await gather_first_error([_failure_as_value(job) for job in jobs])
    failed = [o for o in outcomes if isinstance(o, ChunkFailedError)]
    parts = [o for o in outcomes if isinstance(o, Extraction)]
    if not parts:
        raise failed[0].__cause__ or failed[0]
    for failure in failed:
        warnings.append(f"Not covered: {failure}")
        logger.warning("Skipping part of the article: %s", failure)
    return parts, failed


async def _synthesise(
    plan: CallPlan,
    caller: StructuredCaller,
    grounder: Grounder,
    data: BriefData,
    tell: Any,
) -> BriefData:
    call = plan.synthesis_call(synthesis_facts(data))
    tell("synthesis")
    memo = await caller.call(call.name, call.messages, call.output_type)
    assert isinstance(memo, MemoFields)
    return await asyncio.to_thread(grounder.ground_memo, data, memo)


def plan_kind(cfg: BriefConfig, profile: BackendProfile) -> PlanKind:
    """The extractive plan for small models (the embedded one, or one the user marks as
    small), unless the config names a plan."""
    if cfg.plan != "auto":
        return cfg.plan
    return "extractive" if profile.small_model or cfg.small_model else "abstractive"


async def select(caller: StructuredCaller, call: PlannedCall, warnings: list[str]) -> Selection:
    """One chunk's sentence picks; an unusable answer leaves the choice to the rules."""
    try:
        result = await caller.call(call.name, call.messages, call.output_type)
    except InvalidOutputError as exc:
        warnings.append(f"The model's sentence selection was unusable ({exc}); rules chose.")
        return Selection()
    assert isinstance(result, Selection)
    return result


async def verify(
    plan: CallPlan, caller: StructuredCaller, grounder: Grounder, data: BriefData, style: Style
) -> BriefData:
    """One call (two for a very long memo) in which the model judges every kept statement
    against its cited sentences; grounding then applies what holds of its verdicts."""
    claims = grounder.claims_to_verify(data, style.shows)
    if not claims:
        return data
    calls = plan.verification_calls([claim.as_prompt() for claim in claims])
    answers = await gather_first_error(
        [caller.call(call.name, call.messages, call.output_type) for call in calls]
    )
    verdicts = [
        v for answer in answers if isinstance(answer, Verification) for v in answer.verdicts
    ]
    return await asyncio.to_thread(grounder.apply_verdicts, data, claims, verdicts)


async def _extract_chunk(
    caller: StructuredCaller, call: PlannedCall, count: int, cfg: BriefConfig
) -> Extraction:
    chunk = call.chunk
    assert chunk is not None
    try:
        result = await caller.call(call.name, call.messages, call.output_type)
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
    assert isinstance(result, Extraction)
    return result


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
