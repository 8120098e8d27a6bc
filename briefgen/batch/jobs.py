"""Memos through a Batch API (OpenAI, Azure, any server with /v1/files and /v1/batches),
or through any engine that reads its JSONL format (vLLM run-batch, Ray Data).

One pipeline: the first round's requests are the live path's own (the call plan's calls,
built into bodies by the live backend), and every memo is made by ``run.run_memo``
on a ``ReplayBackend`` that answers from the batch results. A request the results do not
hold (the synthesis of a long article, a re-ask, a failed line) goes into the next round,
or, with ``finish_live``, to the live endpoint. The ledger (``batch.ledger``) keeps the
job, so collecting can stop and start again in any process.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.batch.ledger import ArticleRow, Ledger
from briefgen.brief import Brief, BriefOrError
from briefgen.config import BriefConfig
from briefgen.errors import BatchError, BriefgenError
from briefgen.ingest.article import Article
from briefgen.llm.backend import Backend, Completion, CompletionRequest
from briefgen.llm.batches import (
    TERMINAL,
    ReplayBackend,
    Unanswered,
    batch_line,
    batch_url,
    download,
    parse_result_line,
    request_backend,
    retrieve,
    upload_and_create,
)
from briefgen.llm.batches import cancel as cancel_batch
from briefgen.llm.openai_backend import OpenAIBackend
from briefgen.memo.styles import Style, get_style
from briefgen.render.destinations import slug
from briefgen.render.files import same_file, write_atomic
from briefgen.render.formats import FORMAT_SUFFIXES, Format
from briefgen.run import run_memo, run_sync, runtime_on

__all__ = ["BatchError", "BatchJob", "JobStatus", "MemoWritten"]

_MEMOS_AT_ONCE = 16

MemoWritten = Callable[[Brief, Path], None]
"""Told of each memo a job writes, with its file (the command line prints a line)."""


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


class BatchJob:
    """A job in the ledger: ``status()``, ``collect()``, ``wait()``, ``results()``."""

    def __init__(self, job_id: str, ledger: Ledger | None = None):
        self.ledger = ledger or Ledger()
        self.id = job_id
        self.ledger.job(job_id)  # BatchError when there is no such job

    def __repr__(self) -> str:
        return f"BatchJob({self.id!r})"

    def settings(self) -> tuple[BriefConfig, Style, str]:
        """The job's config, style and kind (api or file), as the ledger keeps them."""
        settings, style, kind, _, _ = self.ledger.job(self.id)
        cfg = BriefConfig.model_validate(settings)
        return cfg, get_style(style, cfg.template_dir), kind

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
        the next round. True when every article has its memo or its error."""
        return run_sync(self._advance(output_dir, fmt, finish_live, on_written))

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
        """Collect until the job is finished; the results in input order."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.collect(output_dir, fmt=fmt, finish_live=finish_live, on_written=on_written):
            if deadline is not None and time.monotonic() > deadline:
                raise BatchError(f"Batch job {self.id} was not finished after {timeout}s.")
            time.sleep(poll_interval)
        return self.results()

    def results(self) -> list[BriefOrError]:
        """A ``Brief`` or a ``BriefgenError`` per article, in input order."""
        cfg, style, _ = self.settings()

        async def run() -> list[BriefOrError]:
            async with request_backend(cfg, connect=False) as live:
                out: list[BriefOrError] = []
                for row in self.ledger.articles(self.id):
                    if row.state == "failed":
                        out.append(BatchError(f"{row.source}: {row.error}"))
                        continue
                    try:
                        out.append(await self._replay(row, cfg, style, live, finish_live=False))
                    except Unanswered:
                        out.append(BatchError(f"{row.source}: the batch has not answered yet."))
                    except BriefgenError as exc:
                        out.append(exc)
                return out

        return run_sync(run())

    async def _replay(
        self,
        row: ArticleRow,
        cfg: BriefConfig,
        style: Style,
        live: OpenAIBackend,
        *,
        finish_live: bool,
    ) -> Brief:
        replay = ReplayBackend(live, self.ledger.answers(self.id, row.idx))
        backend: Backend = _LiveFallback(replay) if finish_live else replay
        doc = Article.model_validate_json(self.ledger.article(self.id, row.idx))
        return await run_memo(doc, style, cfg, runtime_on(backend, cfg), time.perf_counter())

    async def _advance(
        self,
        output_dir: str | Path | None,
        fmt: Format,
        finish_live: bool,
        on_written: MemoWritten | None,
    ) -> bool:
        cfg, style, kind = self.settings()
        async with request_backend(cfg, connect=kind == "api" or finish_live) as live:
            current = self.ledger.last_round(self.id)
            if kind == "file" and current.state == "submitted" and not finish_live:
                return False  # the results come in through import_results
            if kind == "api" and current.state == "submitted" and current.batch_id:
                batch = await retrieve(live, current.batch_id)
                if batch.status not in TERMINAL:
                    return False
                for file_id in (batch.output_file_id, batch.error_file_id):
                    if file_id:
                        self.store_results(await download(live, file_id))
                self.ledger.set_round_state(self.id, current.round, batch.status)
                current = self.ledger.last_round(self.id)
                problem = batch.errors
            else:
                problem = ""
            stopped = kind == "api" and current.state in {"expired", "cancelled", "failed"}
            needed = await self.make_memos(
                cfg=cfg,
                style=style,
                live=live,
                output_dir=output_dir,
                fmt=fmt,
                finish_live=finish_live,
                on_written=on_written,
            )
            if needed and stopped:
                self.ledger.set_job_state(self.id, current.state)
                raise BatchError(
                    f"Batch {current.batch_id} of job {self.id} {current.state}"
                    f"{': ' + problem if problem else ''}. No memo for: {_sources(needed)}. "
                    f"Collect with --finish-live (finish_live=True) to send the rest live."
                )
            if needed:
                lines = self.next_round(needed, cfg, live)
                if lines:
                    if kind == "api":
                        await self.send_round(live, lines)
                    return False
            self.ledger.set_job_state(self.id, "done")
            return True

    def store_results(self, results: str | Path, expected: set[str] | None = None) -> set[str]:
        """Keep the answers of a results file (its text, or its path: read line by line,
        twice); the custom_ids answered. BatchError, before keeping any, for a line whose
        custom_id this job (or ``expected``) does not hold."""

        def lines() -> Iterator[str]:
            if isinstance(results, Path):
                with results.open(encoding="utf-8") as stream:
                    yield from (line for line in stream if line.strip())
            else:
                yield from (line for line in results.splitlines() if line.strip())

        unknown: list[str] = []
        answered: set[str] = set()
        for line in lines():
            custom_id = parse_result_line(line).custom_id
            known = self.ledger.request_of(self.id, custom_id) is not None
            if not known or (expected is not None and custom_id not in expected):
                unknown.append(custom_id)
            answered.add(custom_id)
        if unknown:
            raise BatchError(
                f"The results hold {len(unknown)} line(s) for requests of another file or job "
                f"(custom_id {', '.join(unknown[:3])}); nothing was read from them."
            )
        for line in lines():
            result = parse_result_line(line)
            where = self.ledger.request_of(self.id, result.custom_id)
            assert where is not None
            self.ledger.add_result(self.id, where[0], where[1], result)
        self.ledger.commit()
        return answered

    async def make_memos(
        self,
        *,
        cfg: BriefConfig,
        style: Style,
        live: OpenAIBackend,
        output_dir: str | Path | None,
        fmt: Format,
        finish_live: bool,
        on_written: MemoWritten | None = None,
    ) -> list[tuple[ArticleRow, Unanswered]]:
        """Make the memos the answers so far complete; the requests the others need."""
        targets: dict[int, Path | None] = {}
        if output_dir is not None:
            targets = _targets(self.ledger.articles(self.id), Path(output_dir), fmt)
            Path(output_dir).mkdir(parents=True, exist_ok=True)
        needed: list[tuple[ArticleRow, Unanswered]] = []

        async def one(row: ArticleRow) -> None:
            if row.state == "done" and output_dir is None:
                return
            try:
                brief = await self._replay(row, cfg, style, live, finish_live=finish_live)
            except Unanswered as signal:
                needed.append((row, signal))
                return
            except BriefgenError as exc:
                self.ledger.set_article(self.id, row.idx, "failed", error=str(exc))
                return
            target = targets.get(row.idx)
            if target is None:
                self.ledger.set_article(self.id, row.idx, "done")
                return
            # Rendered and written off the event loop, beside the other memos' replays.
            await asyncio.to_thread(_write, brief, fmt, target)
            self.ledger.set_article(self.id, row.idx, "written", memo_path=str(target))
            if on_written is not None:
                on_written(brief, target)

        window: list[ArticleRow] = []
        for row in self.ledger.articles(self.id, ("pending", "done")):
            window.append(row)
            if len(window) >= _MEMOS_AT_ONCE:
                await asyncio.gather(*(one(r) for r in window))
                self.ledger.commit()
                window = []
        await asyncio.gather(*(one(r) for r in window))
        self.ledger.commit()
        return needed

    def next_round(
        self, needed: Sequence[tuple[ArticleRow, Unanswered]], cfg: BriefConfig, live: OpenAIBackend
    ) -> list[str]:
        """The lines of the next round; an article whose request failed or went
        unanswered more than ``max_reasks`` times fails with BatchError."""
        number = len(self.ledger.rounds(self.id)) + 1
        lines: list[str] = []
        for row, signal in needed:
            known = self.ledger.custom_id_of(self.id, row.idx, signal.digest)
            custom_id = known or f"{self.id}-a{row.idx + 1}-r{number}-{signal.digest}"
            sent = self.ledger.times_sent(self.id, custom_id)
            if sent > cfg.max_reasks:
                why = signal.failure or "no answer in the results"
                error = f"request {custom_id} was sent {sent} time(s) and failed: {why}"
                self.ledger.set_article(self.id, row.idx, "failed", error=error)
                continue
            body = json.dumps(signal.body, ensure_ascii=False)
            self.ledger.add_request(
                self.id, custom_id, signal.digest, idx=row.idx, number=number, body=body
            )
            lines.append(batch_line(custom_id, signal.body, batch_url(live)))
        self.ledger.commit()
        return lines

    async def send_round(self, live: OpenAIBackend, lines: list[str]) -> None:
        file_id, batch_id = await upload_and_create(live, ("\n".join(lines) + "\n").encode())
        self.ledger.add_round(self.id, batch_id, file_id)
        self.ledger.set_job_state(self.id, "submitted")


def _write(brief: Brief, fmt: Format, target: Path) -> None:
    write_atomic(target, brief.render(fmt))


def _targets(rows: Iterable[ArticleRow], directory: Path, fmt: Format) -> dict[int, Path | None]:
    """One memo file per article, named as ``briefgen -d`` names them: never over an
    input file, never two articles on one name."""
    suffix = FORMAT_SUFFIXES[fmt]
    taken: set[str] = set()
    targets: dict[int, Path | None] = {}
    for row in rows:
        stem = name = slug(row.source)
        n = 1
        while f"{name}{suffix}" in taken:
            n += 1
            name = f"{stem}-{n}"
        target = directory / f"{name}{suffix}"
        source = Path(row.source)
        if source.exists() and target.exists() and same_file(target, source):
            target = directory / f"{name}.memo{suffix}"
        taken.add(target.name)
        targets[row.idx] = target
    return targets


def _sources(needed: Sequence[tuple[ArticleRow, Unanswered]]) -> str:
    names = sorted({row.source for row, _ in needed})
    more = f" and {len(names) - 5} more" if len(names) > 5 else ""
    return ", ".join(names[:5]) + more
