"""Making a job's memos from the answers the ledger holds, and what comes after: where
each memo goes (planned as the memo command plans it), the next round's requests, the
error an article failed with, and a finished job's pruning."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from briefgen.batch.ledger import ArticleRow, Ledger
from briefgen.brief import Brief
from briefgen.config import BriefConfig
from briefgen.errors import (
    BatchError,
    BriefgenError,
    BudgetExceeded,
    ConfigError,
    InputError,
    InvalidOutputError,
    LLMError,
    RefusalError,
    TruncatedOutputError,
)
from briefgen.ingest.article import Article
from briefgen.llm.backend import Backend, Completion, CompletionRequest
from briefgen.llm.batch_results import rejected
from briefgen.llm.batches import ReplayBackend, Unanswered, batch_line, batch_url
from briefgen.llm.openai_backend import OpenAIBackend
from briefgen.memo.styles import Style
from briefgen.render.destinations import check_targets, plan_targets
from briefgen.render.files import write_atomic
from briefgen.render.formats import FORMAT_SUFFIXES, Format, require_format
from briefgen.run import run_memo, runtime_on
from briefgen.run.earlier import Earlier, after_story, read_since
from briefgen.run.story_store import StoryStore

logger = logging.getLogger(__name__)

_MEMOS_AT_ONCE = 16

MemoWritten = Callable[[Brief, Path], None]
"""Told of each memo a job writes, with its file (the command line prints a line)."""

Needed = list[tuple[ArticleRow, Unanswered]]
"""The articles whose memos need a request the answers lack, with that request."""

# The error an article failed with comes back as its own kind (its exit code with it).
_KINDS: dict[str, Callable[[str], BriefgenError]] = {
    "BatchError": BatchError,
    "LLMError": LLMError,
    "TruncatedOutputError": TruncatedOutputError,
    "InvalidOutputError": InvalidOutputError,
    "RefusalError": lambda message: RefusalError(message, reason="refused"),
    "BudgetExceeded": lambda message: BudgetExceeded(message, limit="budget"),
    "InputError": InputError,
    "ConfigError": ConfigError,
}


def error_kind(exc: BriefgenError) -> str:
    """The name ``failure`` rebuilds ``exc`` by: its class, or the nearest one above it."""
    return next((k.__name__ for k in type(exc).__mro__ if k.__name__ in _KINDS), "")


def failure(kind: str | None, message: str) -> BriefgenError:
    """An article's stored error as an exception of its kind."""
    return _KINDS.get(kind or "", BriefgenError)(message)


def memo_targets(
    ledger: Ledger, job: str, output_dir: str | Path, fmt: Format
) -> tuple[dict[int, Path], list[str]]:
    """One memo file per article, planned as ``briefgen -d`` plans them (never over an
    input, never two on one name) and proved writable: UsageError now, before any work.
    Also the plan's notes (a memo renamed so as not to replace its article)."""
    require_format(fmt)
    rows = list(ledger.articles(job))
    plan = plan_targets(
        [row.source for row in rows],
        output=None,
        output_dir=str(output_dir),
        suffix=FORMAT_SUFFIXES[fmt],
        binary=fmt == "docx",
    )
    check_targets(plan.targets)
    targets = {row.idx: Path(t).absolute() for row, t in zip(rows, plan.targets, strict=True) if t}
    return targets, plan.notes


@dataclass
class _LiveFallback:
    """Answers from the batch results, and sends what they lack to the live endpoint."""

    replay: ReplayBackend

    @property
    def profile(self) -> Any:
        return self.replay.profile

    def fingerprint(self, request: CompletionRequest) -> dict[str, Any]:
        return self.replay.fingerprint(request)

    async def complete(self, request: CompletionRequest) -> Completion:
        try:
            return await self.replay.complete(request)
        except Unanswered:
            return await self.replay.live.complete(request)

    async def aclose(self) -> None:
        return None


MEMO_SINCE_KEY = "memo_since"
"""Where a job's settings keep what its memos are made since."""


class MemoSince(BaseModel):
    """What a batch job's memos are made since: earlier memo files, a story, or both."""

    since: list[str] = []
    """Earlier memos' .json files, by absolute path, oldest first."""
    story: str | None = None
    """The story each memo is kept in, in input order, each since the ones before it."""

    @classmethod
    def checked(
        cls, since: Sequence[str | os.PathLike[str]] | None, story: str | None
    ) -> MemoSince | None:
        """The job's setting, every file and the story's store read once now, so that a bad
        one stops the job before anything is sent; None when there is neither."""
        paths = [str(Path(os.fspath(p)).resolve()) for p in since or ()]
        read_since(paths)
        if story is not None:
            StoryStore().earlier(story)
        return cls(since=paths, story=story) if paths or story else None

    def earlier(self, given: list[Earlier]) -> Sequence[Earlier]:
        """The memos the next memo is made since: the story's so far, then ``given``."""
        if self.story is None:
            return given
        return after_story(StoryStore().earlier(self.story), given)


@dataclass
class MemoRun:
    """How one pass over a job's articles runs: where memos go, and who is told."""

    cfg: BriefConfig
    style: Style
    live: OpenAIBackend
    targets: dict[int, Path] | None
    """Memo files by article; None: make the memos, write none."""
    fmt: Format = "md"
    finish_live: bool = False
    on_written: MemoWritten | None = None
    renew: Callable[[], None] = field(default=lambda: None)
    """Called between groups of memos: the collector's heartbeat."""
    since: MemoSince | None = None
    given: list[Earlier] = field(default_factory=list)
    """The earlier memo files of ``since``, read once."""
    elsewhere: ReplayElsewhere | None = None
    """Makes the memos off this process; None: here, 16 at a time (a story's always here,
    one after the other)."""


Replayed = Brief | Unanswered | BriefgenError
"""What replaying one article's memo gave: the memo, the request it lacks, or its error."""

Content = str | bytes
Remade = Iterator[tuple[int, Replayed, Content | None]]
"""Memos made elsewhere, as they come: (article, outcome, the memo rendered or None)."""


class ReplayElsewhere(Protocol):
    """Makes the memos of ``rows`` off this process (a Ray Data map, ``batch.on_ray``)."""

    def __call__(self, ledger: Ledger, job: str, rows: list[ArticleRow], run: MemoRun) -> Remade:
        """Each row's outcome, in any order, rendered in ``run.fmt`` when it is a memo."""
        ...


async def make_memos(ledger: Ledger, job: str, run: MemoRun) -> Needed:
    """Make the memos the answers so far complete; the requests the others need."""
    needed: Needed = []
    changes: list[tuple[int, str, dict[str, str]]] = []
    story = run.since.story if run.since is not None else None

    async def one(row: ArticleRow, made: tuple[Replayed, Content | None] | None = None) -> bool:
        """Make (or take ``made``) and write ``row``'s memo; False when it still lacks an
        answer."""
        if made is None:
            made = await _replay_here(ledger, job, row, run), None
        outcome, content = made
        if isinstance(outcome, Unanswered):
            # Kept without its traceback, whose frames would keep the whole replay alive.
            needed.append((row, outcome.with_traceback(None)))
            return False
        if isinstance(outcome, BriefgenError):
            kind = error_kind(outcome)
            changes.append((row.idx, "failed", {"error": str(outcome), "error_kind": kind}))
            return True
        target = run.targets.get(row.idx) if run.targets is not None else None
        if target is None:
            changes.append((row.idx, "done", {}))
            return True
        # Rendered and written off the event loop, beside the other memos' replays.
        await asyncio.to_thread(_write, outcome, run.fmt, target, content)
        if story is not None:
            StoryStore().add(story, outcome)
        changes.append((row.idx, "written", {"memo_path": str(target)}))
        if run.on_written is not None:
            run.on_written(outcome, target)
        return True

    def settle() -> None:
        with ledger.transaction():
            for idx, state, details in changes:
                ledger.set_article(job, idx, state, **details)
        changes.clear()
        run.renew()

    rows = [
        row
        for row in ledger.articles(job, ("pending", "done"))
        if row.state != "done" or run.targets is not None
    ]
    if story is not None:
        await _in_story_order(rows, one, settle)
    elif run.elsewhere is not None and rows:
        by_idx = {row.idx: row for row in rows}
        made = run.elsewhere(ledger, job, rows, run)
        while (item := await asyncio.to_thread(next, made, None)) is not None:
            await one(by_idx[item[0]], item[1:])
            if len(changes) >= _MEMOS_AT_ONCE:
                settle()
        settle()
    else:
        for start in range(0, len(rows), _MEMOS_AT_ONCE):
            await asyncio.gather(*(one(r) for r in rows[start : start + _MEMOS_AT_ONCE]))
            settle()
    return needed


async def _replay_here(ledger: Ledger, job: str, row: ArticleRow, run: MemoRun) -> Replayed:
    earlier = run.since.earlier(run.given) if run.since is not None else []
    try:
        return await replay(ledger, job, row.idx, run, earlier)
    except BriefgenError as exc:  # Unanswered among them
        return exc


async def _in_story_order(
    rows: list[ArticleRow], one: Callable[[ArticleRow], Any], settle: Callable[[], None]
) -> None:
    """A story's memos one at a time, in input order, each kept before the next is made
    since it; a memo that still lacks an answer holds back the ones after it."""
    for row in rows:
        made = await one(row)
        settle()  # at once: a memo kept in the story is marked written
        if not made:
            return


async def replay(
    ledger: Ledger, job: str, idx: int, run: MemoRun, earlier: Sequence[Earlier] = ()
) -> Brief:
    """One article's memo, made by the live pipeline on the answers kept (since
    ``earlier``); Unanswered for the first request they lack."""
    doc = Article.model_validate_json(ledger.article(job, idx))
    return await replay_on(doc, ledger.answers(job, idx), ledger.failures(job, idx), run, earlier)


async def replay_on(
    doc: Article,
    answers: Mapping[str, str],
    failures: Mapping[str, str],
    run: MemoRun,
    earlier: Sequence[Earlier] = (),
) -> Brief:
    """``doc``'s memo on ``answers`` (and ``failures``) by body hash, wherever they were
    read from; Unanswered for the first request they lack."""
    replayed = ReplayBackend(run.live, answers, failures)
    backend: Backend = _LiveFallback(replayed) if run.finish_live else replayed
    return await run_memo(
        doc, run.style, run.cfg, runtime_on(backend, run.cfg), time.perf_counter(), earlier=earlier
    )


def _write(brief: Brief, fmt: Format, target: Path, content: Content | None = None) -> None:
    write_atomic(target, brief.render(fmt) if content is None else content)


@dataclass
class NextRound:
    """The next round's lines, and the open rounds that already carry other requests."""

    number: int
    lines: list[str]
    waiting: set[int]


def next_round(
    ledger: Ledger, job: str, needed: Needed, cfg: BriefConfig, live: OpenAIBackend
) -> NextRound:
    """The requests ``needed`` that are not out already, as the next round's lines. A
    request counts as sent once per round that carries it: one still out in an open round
    is not sent again, and one sent more than ``max_reasks`` times more fails its article
    with BatchError."""
    rounds = ledger.rounds(job)
    number = len(rounds) + 1
    open_rounds = {r.round for r in rounds if r.state == "submitted"}
    plan = NextRound(number, [], set())
    for row, signal in needed:
        known = ledger.custom_id_of(job, row.idx, signal.digest)
        where = ledger.request_of(job, known) if known else None
        if where is not None and where[2] in open_rounds:
            plan.waiting.add(where[2])  # sent, and not answered yet: not sent again
            continue
        custom_id = known or f"{job}-a{row.idx + 1}-r{number}-{signal.digest}"
        if signal.failure and rejected(signal.failure):
            # The server refused the request itself (a 400, say): the same body again
            # would be refused again, so it is not sent, and the server's word is kept.
            error = f"request {custom_id} was refused: {signal.failure}"
            ledger.set_article(job, row.idx, "failed", error=error, error_kind="BatchError")
            continue
        sent = ledger.times_sent(job, custom_id)
        if sent > cfg.max_reasks:
            why = signal.failure or "no answer in the results"
            error = f"request {custom_id} was sent {sent} time(s) and failed: {why}"
            ledger.set_article(job, row.idx, "failed", error=error, error_kind="BatchError")
            continue
        body = json.dumps(signal.body, ensure_ascii=False)
        ledger.send_request(job, custom_id, signal.digest, idx=row.idx, number=number, body=body)
        plan.lines.append(batch_line(custom_id, signal.body, batch_url(live)))
    return plan


def finish(ledger: Ledger, job: str) -> bool:
    """When no article waits for an answer: the job is done, request files still out are
    no longer needed, and what the job no longer needs is pruned. Whether it is done."""
    if ledger.counts(job).get("pending"):
        return False
    with ledger.transaction():
        ledger.set_job_state(job, "done")
        for row in ledger.rounds(job):
            if row.state == "submitted" and row.batch_id is None:
                ledger.set_round_state(job, row.round, "superseded")
    ledger.prune(job)
    return True


def sources_of(needed: Sequence[tuple[ArticleRow, Unanswered]]) -> str:
    """The articles of ``needed``, for a message: five names at most."""
    names = sorted({row.source for row, _ in needed})
    more = f" and {len(names) - 5} more" if len(names) > 5 else ""
    return ", ".join(names[:5]) + more
