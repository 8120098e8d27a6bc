"""What a run stands on: the backend, cache and request limit that its memos share
(``Runtime``), each memo's own caller with its usage and budget (``Calls``), and the
settings its call plan is made with (``plan_options``)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import time
from collections.abc import AsyncIterator, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from briefgen.config import BriefConfig, default_cache_path
from briefgen.extract.plan import PlanKind, PlannedCall, PlanOptions
from briefgen.extract.prompts import reask_message
from briefgen.llm.backend import Backend
from briefgen.llm.budget import Budget
from briefgen.llm.cache import ResponseCache
from briefgen.llm.caller import CallSettings, StructuredCaller
from briefgen.llm.concurrency import shared_gate
from briefgen.llm.endpoints import open_backend
from briefgen.llm.tokens import TokenCounter, token_counter
from briefgen.memo.report import Report
from briefgen.memo.styles import Style
from briefgen.usage import Usage

if TYPE_CHECKING:
    from briefgen.grounding.grounder import Grounder
    from briefgen.llm.openai_backend import Client

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")


class _Result(Generic[R]):
    """A run's result, held where asyncio cannot see it: Python 3.11's asyncio.run ends
    by formatting its SIGINT handler, whose repr holds the main task and so the repr of
    its result (a whole Brief, milliseconds of work) that nobody reads."""

    __slots__ = ("value",)

    def __init__(self, value: R) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<result>"


async def _held(coroutine: Coroutine[Any, Any, R]) -> _Result[R]:
    return _Result(await coroutine)


def run_sync(coroutine: Coroutine[Any, Any, R]) -> R:
    """Run a coroutine to the end from sync code, even inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_held(coroutine)).value
    # Called from inside a running event loop (a notebook, say): run on a worker thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _held(coroutine)).result().value


@dataclass
class Runtime:
    """What the memos of one run share: the backend, the cache, the request limit."""

    backend: Backend
    cache: ResponseCache | None
    gate: asyncio.Semaphore


def open_cache(cfg: BriefConfig) -> ResponseCache | None:
    """The response cache the config asks for, or None when it is off."""
    if not cfg.cache:
        return None
    path = cfg.cache_path or default_cache_path()
    return _cache_at(path) if path is not None else None


@functools.lru_cache(maxsize=8)
def _cache_at(path: Path) -> ResponseCache:
    # One object per file: it prepares the file once, not once per memo.
    return ResponseCache(path)


@contextlib.asynccontextmanager
async def open_runtime(cfg: BriefConfig, client: Client | None) -> AsyncIterator[Runtime]:
    """The run's backend (closed on the way out), cache and request limit."""
    backend = open_backend(cfg, client)
    try:
        profile = backend.profile
        limit = min(cfg.max_concurrency, profile.max_parallel or cfg.max_concurrency)
        gate = shared_gate(profile.identity or str(id(backend)), limit)
        yield Runtime(backend=backend, cache=open_cache(cfg), gate=gate)
    finally:
        await backend.aclose()


def runtime_on(backend: Backend, cfg: BriefConfig) -> Runtime:
    """A runtime over a backend the caller opened and closes (a batch's replay), with no
    cache: its answers are already stored."""
    return Runtime(backend=backend, cache=None, gate=asyncio.Semaphore(cfg.max_concurrency))


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

    async def ask(self, call: PlannedCall[T]) -> T:
        """The validated answer to one planned call."""
        return await self.caller.call(call.name, call.messages, call.output_type)

    def report(
        self, style: Style, kind: PlanKind, chunks: int, started: float, grounder: Grounder
    ) -> Report:
        """The memo's report: what it cost, what grounding did, what went wrong."""
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
    """How each call is made: sampling, timeouts, retries, re-asks, output room."""
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


def plan_kind(cfg: BriefConfig, *, small_model: bool) -> PlanKind:
    """The extractive plan for small models (the embedded one, or one the user marks as
    small), unless the config names a plan."""
    if cfg.plan != "auto":
        return cfg.plan
    return "extractive" if small_model or cfg.small_model else "abstractive"


def plan_options(cfg: BriefConfig, *, small_model: bool) -> PlanOptions:
    """The settings every call plan of this config is made with: chunking, prompts, kind."""
    return PlanOptions(
        chunk_tokens=cfg.chunk_tokens,
        overlap_tokens=cfg.chunk_overlap_tokens,
        prompt_dir=cfg.prompt_dir,
        kind=plan_kind(cfg, small_model=small_model),
    )
