"""Memos through a Batch API (OpenAI, Azure, any server with /v1/files and /v1/batches),
or through any engine that reads its JSONL format (vLLM run-batch, Ray Data).

One pipeline: the first round's requests are the live path's own (the call plan's calls,
built into bodies by the live backend), and every memo is made by ``run.run_memo``
on a ``ReplayBackend`` that answers from the batch results (``batch.memos``). A request
the results do not hold (the synthesis of a long article, a re-ask, a failed line) goes
into the next round, or, with ``finish_live``, to the live endpoint. The ledger
(``batch.ledger``) keeps the job, so collecting can stop and start again in any process;
one process at a time collects a job (``BatchJob.hold``).
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from briefgen.batch.intake import store_results
from briefgen.batch.ledger import Ledger
from briefgen.batch.memos import (
    MEMO_SINCE_KEY,
    MemoRun,
    MemoSince,
    MemoWritten,
    failure,
    finish,
    make_memos,
    memo_targets,
    next_round,
    replay,
    sources_of,
)
from briefgen.brief import BriefOrError
from briefgen.config import BriefConfig
from briefgen.errors import BatchError, BriefgenError
from briefgen.llm.batch_results import read_results
from briefgen.llm.batches import (
    TERMINAL,
    BatchState,
    Unanswered,
    download,
    request_backend,
    retrieve,
    upload_and_create,
)
from briefgen.llm.batches import cancel as cancel_batch
from briefgen.llm.openai_backend import OpenAIBackend
from briefgen.memo.styles import Style, get_style
from briefgen.render.formats import Format
from briefgen.run import run_sync
from briefgen.run.earlier import read_since

__all__ = ["BatchError", "BatchJob", "JobStatus", "MemoWritten"]

logger = logging.getLogger(__name__)

_SPOOL_BYTES = 8 * 1024 * 1024  # a downloaded results file past this waits on disk
_HEARTBEAT = 30.0  # seconds between two renewals of the claim while waiting


@dataclass(frozen=True)
class JobStatus:
    """Where a job is: its state and kind, its rounds, the current batch as the server
    counts it, and its articles by state."""

    id: str
    state: str
    kind: str
    """'api' (a Batch API job) or 'file' (export and import)."""
    rounds: int
    batch_id: str | None
    batch_status: str | None
    articles: dict[str, int]
    requests: tuple[int, int, int] = (0, 0, 0)
    """(total, completed, failed) of the current batch, as the server counts them."""

    def describe(self) -> str:
        """One line for a terminal."""
        counts = ", ".join(f"{n} {state}" for state, n in sorted(self.articles.items()))
        line = f"{self.id}: {self.state}, {self.kind}, round {self.rounds}; articles {counts}"
        if self.batch_id:
            total, done, failed = self.requests
            line += f"; batch {self.batch_id} {self.batch_status} ({done}/{total} done"
            line += f", {failed} failed)"
        return line


class BatchJob:
    """A job in the ledger: ``status()``, ``collect()``, ``wait()``, ``results()``."""

    def __init__(self, job_id: str, ledger: Ledger | None = None):
        self.ledger = ledger or Ledger()
        self.id = job_id
        self.ledger.job(job_id)  # BatchError when there is no such job
        self._token: str | None = None
        self._told: set[str] = set()

    def __repr__(self) -> str:
        return f"BatchJob({self.id!r})"

    def settings(self) -> tuple[BriefConfig, Style, str]:
        """The job's config, style and kind (api or file), as the ledger keeps them."""
        settings, style, kind, _, _ = self.ledger.job(self.id)
        settings.pop(MEMO_SINCE_KEY, None)
        cfg = BriefConfig.model_validate(settings)
        return cfg, get_style(style, cfg.template_dir), kind

    def memo_run(self, cfg: BriefConfig, style: Style, live: OpenAIBackend, **more: Any) -> MemoRun:
        """How this job's memos are made: ``more`` as ``MemoRun`` takes it, and what the job
        makes them since (its earlier memo files read now, once)."""
        settings = self.ledger.job(self.id)[0]
        kept = settings.get(MEMO_SINCE_KEY)
        since = MemoSince.model_validate(kept) if kept else None
        given = read_since(since.since) if since is not None else []
        return MemoRun(cfg, style, live, since=since, given=given, **more)

    # -- one collector at a time ---------------------------------------------------------

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """The job for this collector alone while the block runs; BatchError when another
        live process holds it. Nested holds are one."""
        if self._token is not None:
            yield
            return
        self._token = self.ledger.claim(self.id)
        try:
            yield
        finally:
            token, self._token = self._token, None
            try:
                self.ledger.release(self.id, token)
            except BriefgenError as exc:  # the claim goes stale on its own
                logger.warning("Could not release batch job %s: %s", self.id, exc)

    def renew(self) -> None:
        """The holder's heartbeat; BatchError when another process took the job over."""
        if self._token is not None:
            self.ledger.renew(self.id, self._token)

    # -- what the job is at --------------------------------------------------------------

    def status(self) -> JobStatus:
        """The ledger's view, with the server's view of the current batch (API jobs)."""
        return run_sync(self._status())

    async def _status(self) -> JobStatus:
        _, _, kind, state, _ = self.ledger.job(self.id)
        rounds = self.ledger.rounds(self.id)
        current = rounds[-1] if rounds else None
        batch_status, counts = (current.state if current else None), (0, 0, 0)
        if kind == "api" and current and current.batch_id and current.state == "submitted":
            cfg, _, _ = self.settings()
            async with request_backend(cfg, connect=True) as live:
                try:
                    found = await retrieve(live, current.batch_id)
                except BatchError as exc:
                    batch_status = f"unknown ({exc})"
                else:
                    batch_status = found.status
                    counts = (found.total, found.completed, found.failed)
        return JobStatus(
            id=self.id,
            state=state,
            kind=kind,
            rounds=len(rounds),
            batch_id=current.batch_id if current else None,
            batch_status=batch_status,
            articles=self.ledger.counts(self.id),
            requests=counts,
        )

    def cancel(self) -> None:
        """Ask the server to cancel the current batch."""
        current = self.ledger.last_round(self.id)
        cfg, _, _ = self.settings()

        async def run() -> None:
            async with request_backend(cfg, connect=True) as live:
                if current.batch_id:
                    await cancel_batch(live, current.batch_id)

        run_sync(run())

    # -- collecting ------------------------------------------------------------------------

    def collect(
        self,
        output_dir: str | Path | None = None,
        *,
        fmt: Format = "md",
        finish_live: bool = False,
        on_written: MemoWritten | None = None,
    ) -> bool:
        """One step: read a finished batch, make (and write) the memos it completes, send
        the next round. True when every article has its memo or its error. BatchError
        when another process is collecting the job."""
        with self.hold():
            targets = self.targets(output_dir, fmt)
            return run_sync(self._advance(targets, fmt, finish_live, on_written))

    def wait(
        self,
        poll_interval: float = 30.0,
        *,
        output_dir: str | Path | None = None,
        fmt: Format = "md",
        finish_live: bool = False,
        timeout: float | None = None,
        on_written: MemoWritten | None = None,
    ) -> list[BriefOrError]:
        """Collect until the job is finished, holding it all along; the results in input
        order."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self.hold():
            while not self.collect(
                output_dir, fmt=fmt, finish_live=finish_live, on_written=on_written
            ):
                if deadline is not None and time.monotonic() > deadline:
                    raise BatchError(f"Batch job {self.id} was not finished after {timeout}s.")
                self._pause(poll_interval)
        return self.results()

    def _pause(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            time.sleep(min(left, _HEARTBEAT))
            self.renew()

    def targets(self, output_dir: str | Path | None, fmt: Format) -> dict[int, Path] | None:
        """The memo files of the job's articles under ``output_dir``, checked (UsageError)."""
        if output_dir is None:
            return None
        targets, notes = memo_targets(self.ledger, self.id, output_dir, fmt)
        counts = self.ledger.counts(self.id)
        for note in notes if counts.get("pending") or counts.get("done") else ():
            if note not in self._told:
                self._told.add(note)
                logger.warning("%s", note)
        return targets

    def results(self) -> list[BriefOrError]:
        """A ``Brief`` or a ``BriefgenError`` per article, in input order."""
        cfg, style, _ = self.settings()

        async def run() -> list[BriefOrError]:
            async with request_backend(cfg, connect=False) as live:
                out: list[BriefOrError] = []
                step = self.memo_run(cfg, style, live, targets=None)
                for row in self.ledger.articles(self.id):
                    if row.state == "failed":
                        out.append(failure(row.error_kind, f"{row.source}: {row.error}"))
                        continue
                    try:
                        earlier = step.since.earlier(step.given) if step.since else []
                        out.append(await replay(self.ledger, self.id, row.idx, step, earlier))
                    except Unanswered as signal:
                        why = f" ({signal.failure})" if signal.failure else ""
                        out.append(BatchError(f"{row.source}: no answer yet{why}."))
                    except BriefgenError as exc:
                        out.append(exc)
                return out

        return run_sync(run())

    async def _advance(
        self,
        targets: dict[int, Path] | None,
        fmt: Format,
        finish_live: bool,
        on_written: MemoWritten | None,
    ) -> bool:
        cfg, style, kind = self.settings()
        async with request_backend(cfg, connect=kind == "api" or finish_live) as live:
            current = self.ledger.last_round(self.id)
            if kind == "file" and current.state == "submitted" and not finish_live:
                return False  # the results come in through import_results
            problem = ""
            if kind == "api" and current.state == "submitted" and current.batch_id:
                batch = await retrieve(live, current.batch_id)
                if batch.status not in TERMINAL:
                    return False
                await self._take_in(live, batch, current.round)
                current, problem = self.ledger.last_round(self.id), batch.errors
            stopped = kind == "api" and current.state in {"expired", "cancelled", "failed"}
            step = self.memo_run(
                cfg,
                style,
                live,
                targets=targets,
                fmt=fmt,
                finish_live=finish_live,
                on_written=on_written,
                renew=self.renew,
            )
            needed = await make_memos(self.ledger, self.id, step)
            if needed and stopped:
                self.ledger.set_job_state(self.id, current.state)
                raise BatchError(
                    f"Batch {current.batch_id} of job {self.id} {current.state}"
                    f"{': ' + problem if problem else ''}. No memo for: {sources_of(needed)}. "
                    f"Collect with --finish-live (finish_live=True) to send the rest live."
                )
            if needed and kind == "file":
                return False  # their next round is written by import_results
            if needed:
                self.renew()  # still ours: each round is paid for once
                with self.ledger.transaction():
                    plan = next_round(self.ledger, self.id, needed, cfg, live)
                if plan.lines:
                    await self.send_round(live, ("\n".join(plan.lines) + "\n").encode())
                    return False
            return finish(self.ledger, self.id)

    async def _take_in(self, live: OpenAIBackend, batch: BatchState, number: int) -> None:
        """Download a finished batch's output and error files (streamed, capped) and keep
        their answers, with the round's end state, in one transaction."""
        files = [f for f in (batch.output_file_id, batch.error_file_id) if f]
        with contextlib.ExitStack() as stack:
            sinks = []
            for file_id in files:
                sink = stack.enter_context(tempfile.SpooledTemporaryFile(_SPOOL_BYTES))
                await download(live, file_id, sink)
                sink.seek(0)
                sinks.append((file_id, sink))
            self.renew()
            lines = chain.from_iterable(
                read_results(sink, name=f"the batch file {file_id}") for file_id, sink in sinks
            )
            expected = {custom_id for custom_id, _ in self.ledger.round_requests(self.id, number)}
            with self.ledger.transaction():
                store_results(
                    self.ledger, self.id, lines, expected=expected, name=f"batch {batch.id}"
                )
                self.ledger.set_round_state(self.id, number, batch.status)

    async def send_round(self, live: OpenAIBackend, content: bytes) -> None:
        """Upload a round's lines and start its batch; the round in the ledger."""
        file_id, batch_id = await upload_and_create(live, content)
        with self.ledger.transaction():
            self.ledger.add_round(self.id, batch_id, file_id)
            self.ledger.set_job_state(self.id, "submitted")
