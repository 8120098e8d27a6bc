"""Starting batch jobs and the JSONL files: ``submit_batch`` (a Batch API job),
``export_batch`` and ``import_results`` (requests answered by another engine: vLLM
run-batch, Ray Data, a Batch API reached by other means), ``resume_batch``.

Nothing goes into the ledger before the articles are read and the files checked: a job
is recorded in one transaction with its articles and first requests, or not at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from briefgen.batch.intake import open_file, request_ids, store_results
from briefgen.batch.jobs import BatchJob, MemoWritten
from briefgen.batch.ledger import Ledger
from briefgen.batch.memos import (
    MEMO_SINCE_KEY,
    MemoSince,
    ReplayElsewhere,
    finish,
    make_memos,
    next_round,
)
from briefgen.config import BriefConfig, build_config, environment
from briefgen.errors import BatchError, InputError, UsageError
from briefgen.extract.plan import plan_calls
from briefgen.ingest.article import Article
from briefgen.llm.batch_results import read_results
from briefgen.llm.batches import batch_line, batch_url, body_hash, request_backend
from briefgen.llm.caller import request_for
from briefgen.llm.openai_backend import OpenAIBackend, request_body
from briefgen.llm.tokens import token_counter
from briefgen.memo.styles import Style, get_style
from briefgen.render.destinations import anchored, check_output
from briefgen.render.files import write_atomic
from briefgen.render.formats import Format
from briefgen.run import as_article, plan_options, run_sync
from briefgen.run.runtime import call_settings

__all__ = [
    "BatchJob",
    "ImportOutcome",
    "export_batch",
    "first_requests",
    "import_results",
    "resume_batch",
    "submit_batch",
]

_SPOOL_BYTES = 16 * 1024 * 1024


def first_requests(
    doc: Article, style: Style, cfg: BriefConfig, backend: OpenAIBackend
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, body) of each first-round request, as the live path sends it."""
    profile = backend.profile
    options = plan_options(cfg, small_model=profile.small_model)
    plan = plan_calls(doc, style, token_counter(profile.model), options)
    settings = call_settings(cfg)
    for number, call in enumerate(plan.first_round, 1):
        request = request_for(call.name, call.messages, call.output_type, profile, settings)
        yield f"c{number}", request_body(backend, request)


def _read_articles(
    articles: Iterable[str | bytes | Article], sources: Sequence[str] | None, cfg: BriefConfig
) -> list[tuple[str, Article]]:
    """Every article read, with its name (a local file by its absolute path): InputError
    before anything is recorded."""
    items = list(articles)
    if sources is not None and len(sources) != len(items):
        raise InputError(f"{len(sources)} source names for {len(items)} articles.")
    named = []
    for idx, item in enumerate(items):
        doc = as_article(item, cfg)
        name: str
        if sources is not None:
            name = sources[idx]
        elif isinstance(item, os.PathLike):
            name = str(os.fspath(item))
        else:
            name = doc.source or f"article-{idx + 1}"
        named.append((anchored(name), doc))
    return named


def _record_job(
    ledger: Ledger,
    docs: Sequence[tuple[str, Article]],
    *,
    cfg: BriefConfig,
    style: Style,
    kind: str,
    live: OpenAIBackend,
    write: Callable[[str], object],
    since: MemoSince | None = None,
) -> str:
    """A job in the ledger with its articles and first requests, each request's line
    given to ``write``; call inside a ledger transaction."""
    settings = cfg.model_dump(mode="json", exclude={"api_key"})
    if since is not None:
        settings[MEMO_SINCE_KEY] = since.model_dump(mode="json")
    # The endpoint and model of the requests, whatever the environment says later.
    settings["model"] = live.profile.model
    if live.profile.name != "azure":
        settings["base_url"] = cfg.base_url or environment().openai_base_url
    job_id = ledger.new_job(settings, style.name, kind)
    for idx, (source, doc) in enumerate(docs):
        ledger.add_article(job_id, idx, source, doc.model_dump_json())
        for label, body in first_requests(doc, style, cfg, live):
            digest = body_hash(body)
            custom_id = f"{job_id}-a{idx + 1}-{label}-{digest}"
            text = json.dumps(body, ensure_ascii=False)
            ledger.send_request(job_id, custom_id, digest, idx=idx, number=1, body=text)
            write(batch_line(custom_id, body, batch_url(live)))
    return job_id


def submit_batch(
    articles: Iterable[str | bytes | Article],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    sources: Sequence[str] | None = None,
    ledger: Ledger | None = None,
    since: Sequence[str | os.PathLike[str]] | None = None,
    story: str | None = None,
    **overrides: Any,
) -> BatchJob:
    """Send the first round of every article's requests as one batch; the job.

    ``since`` (memo .json files) and ``story`` make each memo since earlier memos, as
    ``generate_brief`` does; with ``story``, the memos are made in input order, each kept
    in the story and since the ones before it (collect on the machine that keeps it).

    ``sources`` names the articles (file names of their memos); the endpoint is the live
    path's (``base_url``, ``model``, OPENAI_BASE_URL, BRIEFGEN_MODEL ...). When the
    server refuses the batch, BatchError, and the job is not kept."""
    cfg = build_config(config, overrides)
    memo_style = get_style(style, cfg.template_dir)
    memo_since = MemoSince.checked(since, story)
    docs = _read_articles(articles, sources, cfg)
    if not docs:
        raise BatchError("No article to send.")
    book = ledger or Ledger()

    async def run() -> BatchJob:
        async with request_backend(cfg, connect=True) as live:
            with tempfile.SpooledTemporaryFile(_SPOOL_BYTES) as upload, book.transaction():
                job_id = _record_job(
                    book,
                    docs,
                    cfg=cfg,
                    style=memo_style,
                    kind="api",
                    live=live,
                    write=lambda line: upload.write(line.encode() + b"\n"),
                    since=memo_since,
                )
                upload.seek(0)
                content = upload.read()
            job = BatchJob(job_id, book)
            try:
                await job.send_round(live, content)
            except BatchError:
                book.forget(job_id)  # nothing went out: nothing to collect
                raise
            return job

    return run_sync(run())


def export_batch(
    articles: Iterable[str | bytes | Article],
    requests_path: str | Path,
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    sources: Sequence[str] | None = None,
    ledger: Ledger | None = None,
    since: Sequence[str | os.PathLike[str]] | None = None,
    story: str | None = None,
    **overrides: Any,
) -> BatchJob:
    """Write the first round's requests as a Batch API input file, to answer elsewhere.
    UsageError, before anything is read or written, when the file would replace one of
    the articles or cannot be written (a missing directory is made). ``since`` and
    ``story`` as for ``submit_batch``."""
    cfg = build_config(config, overrides)
    memo_style = get_style(style, cfg.template_dir)
    memo_since = MemoSince.checked(since, story)
    path = Path(requests_path)
    docs = _read_articles(articles, sources, cfg)
    check_output(path, [name for name, _ in docs], "the request file")
    book = ledger or Ledger()

    async def run() -> BatchJob:
        async with request_backend(cfg, connect=False) as live:
            with _replacing(path) as out, book.transaction():
                job_id = _record_job(
                    book,
                    docs,
                    cfg=cfg,
                    style=memo_style,
                    kind="file",
                    live=live,
                    write=lambda line: out.write(line + "\n"),
                    since=memo_since,
                )
                book.add_round(job_id, None, str(path.resolve()))
            return BatchJob(job_id, book)

    return run_sync(run())


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[IO[str]]:
    """A text file written beside ``target`` that replaces it in one step when the block
    ends well, and is removed when it does not: never half a request file."""
    target = Path(os.path.realpath(target)) if target.is_symlink() else target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as exc:
        raise UsageError(f"Cannot write {target}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def resume_batch(job_id: str, *, ledger: Ledger | None = None) -> BatchJob:
    """The job ``job_id`` from the ledger; BatchError when there is none."""
    return BatchJob(job_id, ledger)


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the job, its articles by state, the next round's file."""

    job: BatchJob
    articles: dict[str, int]
    """Articles by state: written, done, pending, failed."""
    next_requests: Path | None
    """The newest request file that waits for answers (synthesis, re-asks, failed lines)."""
    waiting: tuple[Path, ...] = ()
    """Every request file that waits for answers, oldest first."""


def _next_path(requests: Path, number: int) -> Path:
    stem = re.sub(r"\.round\d+$", "", requests.stem)
    return requests.with_name(f"{stem}.round{number}{requests.suffix}")


def import_results(
    requests_path: str | Path,
    results_path: str | Path,
    output_dir: str | Path | None = None,
    *,
    fmt: Format = "md",
    on_written: MemoWritten | None = None,
    ledger: Ledger | None = None,
    elsewhere: ReplayElsewhere | None = None,
) -> ImportOutcome:
    """Make the memos a results file completes (OpenAI batch output format), writing them
    to ``output_dir``; when some need another round, write its request file beside
    ``requests_path``. Reading the same file again changes nothing.

    InputError for a file that cannot be read or is not a request or results file;
    UsageError for memo files that cannot be written (before the results are read);
    BatchError when the results do not fit the requests: lines for other requests, or two
    answers for one (nothing is read), or lines missing (the memos they complete are
    written; the error names the rest). ``elsewhere`` makes the memos off this process
    (``batch.on_ray``)."""
    requests, results = Path(requests_path), Path(results_path)
    ids = request_ids(requests)
    job = resume_batch(ids[0].split("-", 1)[0], ledger=ledger)
    with job.hold():
        targets = job.targets(output_dir, fmt)
        with open_file(results, "results file") as stream, job.ledger.transaction():
            lines = read_results(stream, name=str(results))
            intake = store_results(job.ledger, job.id, lines, expected=set(ids), name=str(results))
            for row in job.ledger.rounds(job.id):
                if row.file_id == str(requests.resolve()) and row.state == "submitted":
                    job.ledger.set_round_state(job.id, row.round, "completed")
        missing = [i for i in ids if i not in intake.lines]
        waiting = run_sync(
            _after_import(
                job,
                requests,
                set(missing),
                targets,
                fmt=fmt,
                on_written=on_written,
                elsewhere=elsewhere,
            )
        )
    if missing:
        then = f" The next round's requests are in {waiting[-1]}." if waiting else ""
        raise BatchError(
            f"{results} has no line for {len(missing)} of the {len(ids)} requests in "
            f"{requests} (custom_id {', '.join(missing[:3])}); their articles have no memo." + then
        )
    return ImportOutcome(job, job.ledger.counts(job.id), waiting[-1] if waiting else None, waiting)


async def _after_import(
    job: BatchJob,
    requests: Path,
    missing: set[str],
    targets: dict[int, Path] | None,
    *,
    fmt: Format,
    on_written: MemoWritten | None,
    elsewhere: ReplayElsewhere | None = None,
) -> tuple[Path, ...]:
    """The memos made, the next round's file written: the request files now waiting."""
    cfg, style, _ = job.settings()
    book = job.ledger
    async with request_backend(cfg, connect=False) as live:
        step = job.memo_run(
            cfg,
            style,
            live,
            targets=targets,
            fmt=fmt,
            on_written=on_written,
            renew=job.renew,
            elsewhere=elsewhere,
        )
        needed = await make_memos(book, job.id, step)
        # A request the file has no line for is not sent again: its answer is still to come.
        resend = [
            (row, signal)
            for row, signal in needed
            if book.custom_id_of(job.id, row.idx, signal.digest) not in missing
        ]
        with book.transaction():
            plan = next_round(book, job.id, resend, cfg, live)
            if plan.lines:
                path = _next_path(requests, plan.number)
                sources = [row.source for row in book.articles(job.id)]
                check_output(path, sources, "the next round's request file")
                write_atomic(path, "\n".join(plan.lines) + "\n")
                book.add_round(job.id, None, str(path.resolve()))
                plan.waiting.add(plan.number)
    finish(book, job.id)
    files = {r.round: r.file_id for r in book.rounds(job.id) if r.file_id}
    return tuple(Path(files[n]) for n in sorted(plan.waiting) if n in files)
