"""The one skeleton every memo runs on: a state object, a reading stage that makes the
first grounded draft, the stages that refine it, and the finishing tail (repeats out,
the optional model verifier, the report, the header, rendering, the ``Brief``).

A single article and a dossier differ only in their reading stage and in the stages
between it and the tail; a batch replay is a single memo on a replaying backend. A new
stage (what changed since the last memo, say) is one more function in a run's list.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from briefgen.config import BriefConfig
from briefgen.errors import BriefgenError, LLMError
from briefgen.extract.plan import PlanKind, PlannedCall
from briefgen.extract.schema import Verification
from briefgen.ingest.article import Article
from briefgen.llm.concurrency import gather_first_error
from briefgen.llm.requests_first import cpu_work
from briefgen.memo.styles import Style
from briefgen.progress import Progress, ProgressCallback, Stage
from briefgen.run.runtime import Calls, Runtime

if TYPE_CHECKING:
    from briefgen.brief import Brief
    from briefgen.grounding.grounder import Grounder
    from briefgen.memo.data import BriefData
    from briefgen.run.earlier import Earlier

logger = logging.getLogger(__name__)

# Seconds the first round's requests are given to leave before grounding reads the
# article beside them.
_SEND_SETTLE_S = 0.05


class MemoPlan(Protocol):
    """What the skeleton needs of a call plan (a single article's or a dossier's)."""

    @property
    def kind(self) -> PlanKind: ...

    def instructions(self) -> list[str]: ...

    def verification_calls(
        self, statements: list[dict[str, Any]]
    ) -> list[PlannedCall[Verification]]: ...


class Reporter(Protocol):
    """Where a run's progress goes: events of the memo as a whole."""

    def memo(self, stage: Stage) -> None: ...


@dataclass
class RunState:
    """One memo's run: its settings, what it spends through, what grounding reads, and
    how it reports progress."""

    cfg: BriefConfig
    style: Style
    runtime: Runtime
    calls: Calls
    started: float
    article: Article
    """The text grounding reads: the article, or a dossier's articles joined."""
    plan: MemoPlan
    progress: Reporter
    chunks: int = 0
    articles: list[Article] = field(default_factory=list)
    """A dossier's articles, in order; empty for one article."""
    earlier: Sequence[Earlier] = field(default_factory=list)
    """The earlier memos of the story this memo is made since, oldest first."""

    def new_grounder(self) -> Grounder:
        """A grounder of the article, told what the model was told."""
        # Imported here, not with the module: the first requests of a process go out
        # before grounding's modules load, and the warm-up loads them while they are out.
        from briefgen.grounding.grounder import Grounder

        cfg = self.cfg
        return Grounder(
            self.article,
            mode=cfg.grounding,
            allow_paraphrase=cfg.allow_paraphrase,
            prompts=self.plan.instructions(),
        )


@dataclass
class Draft:
    """The memo's grounded data so far, with the grounder that checks each change."""

    grounder: Grounder
    data: BriefData


D = TypeVar("D", bound=Draft)
Step = Callable[[RunState, D], Awaitable[None]]
"""A stage between reading and the tail: it reads the state and refines ``draft.data``."""


class MemoProgress:
    """Progress of one memo of a batch (``position`` is its place in it): started, each
    chunk done, synthesis, verification, done."""

    def __init__(self, callback: ProgressCallback | None, position: tuple[int, int]):
        self.callback = callback
        self.position = position
        self.chunks_done = 0
        self.chunks = 0

    def memo(self, stage: Stage) -> None:
        """Tell the callback that the memo reached ``stage``."""
        if self.callback is not None:
            self.callback(
                Progress(
                    article=self.position[0],
                    articles=self.position[1],
                    stage=stage,
                    chunks_done=self.chunks_done,
                    chunks=self.chunks,
                )
            )


class GrounderWarmup:
    """The grounder reads the article on a worker thread once the first round's
    requests are out, while the model writes, so that answers meet ready indexes; each
    answer that lands early is checked while the others are still out."""

    def __init__(self, state: RunState, first_round: asyncio.Future[Any]):
        self._ready = asyncio.ensure_future(_after_sending(first_round, state))

    async def prepare(self, answer: Any) -> None:
        """Check ``answer``'s items now, off the event loop."""
        grounder = await asyncio.shield(self._ready)
        await cpu_work(grounder.prepare, answer)

    async def grounder(self) -> Grounder:
        """The warmed grounder (waits for it)."""
        return await self._ready


async def _after_sending(first_round: asyncio.Future[Any], state: RunState) -> Grounder:
    # Let the first round's requests leave before taking CPU from the event loop (the
    # SDK spends a few ms on each); a first round that ends sooner is not waited for.
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(asyncio.shield(first_round), _SEND_SETTLE_S)
    return await cpu_work(_warmed, state)


def _warmed(state: RunState) -> Grounder:
    """The grounder with the article read; and, in a process's first memo, what the
    tail loads on first use (rendering's modules, the style's compiled template), so
    that the model's writing time covers it rather than the memo's last step."""
    grounder = state.new_grounder().warm()
    from briefgen.render.markdown import load_template

    load_template(state.style, state.cfg.template_dir)
    return grounder


async def warm_first_round(
    state: RunState, jobs: Callable[[GrounderWarmup], Awaitable[Any]]
) -> tuple[Any, Grounder]:
    """Run the first round (``jobs``, given the warm-up to prepare answers with) beside
    the grounder's warm-up; its outcome and the grounder, even when it fails."""
    warmup: GrounderWarmup | None = None

    async def first_round() -> Any:
        assert warmup is not None
        return await jobs(warmup)

    running = asyncio.ensure_future(first_round())
    warmup = GrounderWarmup(state, running)
    try:
        outcome = await running
    finally:
        grounder = await warmup.grounder()
    return outcome, grounder


def is_permanent(exc: BriefgenError) -> bool:
    """A failure no other part or article can escape (a bad key, an unknown model)."""
    return isinstance(exc, LLMError) and not exc.retryable


def name_failure(exc: BriefgenError, where: str) -> None:
    """Put ``where`` (a part, an article) in front of the message; the error keeps its own
    type, so callers still catch RefusalError, LLMError ... as such."""
    exc.args = (f"{where}: {exc.args[0] if exc.args else exc}", *exc.args[1:])


async def drop_repeats(state: RunState, draft: Draft) -> None:
    """A line printed once, in its most specific section."""
    draft.data = draft.grounder.remove_repeats(draft.data, state.style.shows)


async def verify_with_model(state: RunState, draft: Draft) -> None:
    """With ``verify="model"``: one call (two for a very long memo) in which the model
    judges every kept statement against its cited sentences; grounding then applies what
    holds of its verdicts."""
    if state.cfg.verify != "model":
        return
    state.progress.memo("verification")
    grounder = draft.grounder
    claims = grounder.claims_to_verify(draft.data, state.style.shows)
    if not claims:
        return
    calls = state.plan.verification_calls([claim.as_prompt() for claim in claims])
    answers = await gather_first_error([state.calls.ask(call) for call in calls])
    verdicts = [v for answer in answers for v in answer.verdicts]
    draft.data = await cpu_work(grounder.apply_verdicts, draft.data, claims, verdicts)


async def record_quotations(state: RunState, draft: Draft) -> None:
    """The annex of every quotation of the article with its speaker (one article only:
    a dossier's quotations are its sources' memos')."""
    if state.cfg.quotation_annex and not state.articles:
        draft.data.annex_quotes = await cpu_work(draft.grounder.quotation_record)


FINISHING: tuple[Step[Draft], ...] = (drop_repeats, verify_with_model, record_quotations)
"""The stages every memo ends with, before rendering."""


async def run_stages(
    state: RunState,
    read: Callable[[RunState], Awaitable[D]],
    stages: Sequence[Step[D]],
) -> Brief:
    """The run: read (the first grounded draft), each stage in order, then the tail."""
    draft = await read(state)
    for stage in (*stages, *FINISHING):
        await stage(state, draft)
    return await render_brief(state, draft)


def _note_furniture(state: RunState) -> None:
    """Say in the report what was cut from the articles as page furniture, and why."""
    pieces = [f for doc in state.articles or [state.article] for f in doc.furniture]
    if pieces:
        reasons = Counter(piece.reason for piece in pieces)
        why = ", ".join(f"{reason} x{count}" for reason, count in sorted(reasons.items()))
        state.calls.warnings.append(
            f"Left out as page furniture, never cited: {len(pieces)} sentence(s) ({why})."
        )


async def render_brief(state: RunState, draft: Draft) -> Brief:
    """The report, the header, the memo rendered (off the event loop), and the Brief."""
    from briefgen.brief import Brief  # these three: see new_grounder
    from briefgen.memo.header import MemoHeader
    from briefgen.render.markdown import render_memo

    cfg, style = state.cfg, state.style
    _note_furniture(state)
    report = state.calls.report(style, state.plan.kind, state.chunks, state.started, draft.grounder)
    header = MemoHeader.from_config(
        cfg, style.memo_kind, date_format=style.date_format, banner=style.banner
    )
    markdown, data = await cpu_work(
        functools.partial(render_memo, template_dir=cfg.template_dir),
        style,
        state.article,
        draft.data,
        report,
        header,
    )
    state.progress.memo("done")
    return Brief(
        markdown=markdown,
        data=data,
        article=state.article,
        articles=state.articles,
        report=report,
        header=header,
    )
