"""Starting batch jobs and the JSONL files: ``submit_batch`` (a Batch API job),
``export_batch`` and ``import_results`` (requests answered by another engine: vLLM
run-batch, Ray Data, a Batch API reached by other means), ``resume_batch``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.batch.jobs import BatchJob, MemoWritten
from briefgen.batch.ledger import Ledger
from briefgen.config import BriefConfig, build_config, environment
from briefgen.errors import BatchError
from briefgen.extract.plan import plan_calls
from briefgen.ingest.article import Article
from briefgen.llm.batches import (
    batch_line,
    batch_url,
    body_hash,
    request_backend,
)
from briefgen.llm.caller import request_for
from briefgen.llm.openai_backend import OpenAIBackend, request_body
from briefgen.llm.tokens import token_counter
from briefgen.memo.styles import Style, get_style
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


def _new_job(
    articles: Iterable[str | bytes | Article],
    *,
    sources: Sequence[str] | None,
    style: str,
    cfg: BriefConfig,
    kind: str,
    live: OpenAIBackend,
    ledger: Ledger,
) -> tuple[BatchJob, Iterator[str]]:
    """A job in the ledger, and its first round's lines (recorded as they are made)."""
    memo_style = get_style(style, cfg.template_dir)
    settings = cfg.model_dump(mode="json", exclude={"api_key"})
    # The endpoint and model of the requests, whatever the environment says later.
    settings["model"] = live.profile.model
    if live.profile.name != "azure":
        settings["base_url"] = cfg.base_url or environment().openai_base_url
    job_id = ledger.new_job(settings, memo_style.name, kind)

    def lines() -> Iterator[str]:
        for idx, item in enumerate(articles):
            doc = as_article(item, cfg)
            source = sources[idx] if sources else (doc.source or f"article-{idx + 1}")
            ledger.add_article(job_id, idx, source, doc.model_dump_json())
            for label, body in first_requests(doc, memo_style, cfg, live):
                digest = body_hash(body)
                custom_id = f"{job_id}-a{idx + 1}-{label}-{digest}"
                text = json.dumps(body, ensure_ascii=False)
                ledger.add_request(job_id, custom_id, digest, idx=idx, number=1, body=text)
                yield batch_line(custom_id, body, batch_url(live))
        ledger.commit()

    return BatchJob(job_id, ledger), lines()


def submit_batch(
    articles: Iterable[str | bytes | Article],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    sources: Sequence[str] | None = None,
    ledger: Ledger | None = None,
    **overrides: Any,
) -> BatchJob:
    """Send the first round of every article's requests as one batch; the job.

    ``sources`` names the articles (file names of their memos); the endpoint is the live
    path's (``base_url``, ``model``, OPENAI_BASE_URL, BRIEFGEN_MODEL ...)."""
    cfg = build_config(config, overrides)
    book = ledger or Ledger()

    async def run() -> BatchJob:
        async with request_backend(cfg, connect=True) as live:
            job, lines = _new_job(
                articles, sources=sources, style=style, cfg=cfg, kind="api", live=live, ledger=book
            )
            content = list(lines)
            if not content:
                raise BatchError("No article to send.")
            try:
                await job.send_round(live, content)
            except BatchError:
                book.set_job_state(job.id, "failed")
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
    **overrides: Any,
) -> BatchJob:
    """Write the first round's requests as a Batch API input file, to answer elsewhere."""
    cfg = build_config(config, overrides)
    book = ledger or Ledger()
    path = Path(requests_path)

    async def run() -> BatchJob:
        async with request_backend(cfg, connect=False) as live:
            job, lines = _new_job(
                articles, sources=sources, style=style, cfg=cfg, kind="file", live=live, ledger=book
            )
            with path.open("w", encoding="utf-8") as out:
                for line in lines:
                    out.write(line + "\n")
            book.add_round(job.id, None, str(path.resolve()))
            return job

    return run_sync(run())


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
    """The next round's request file, when some memos need one more (synthesis, re-asks)."""


def _custom_ids(path: Path) -> list[str]:
    ids: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                try:
                    ids.append(str(json.loads(line)["custom_id"]))
                except (ValueError, KeyError, TypeError):
                    raise BatchError(f"{path} is not a batch request file: {line[:80]!r}") from None
    if not ids:
        raise BatchError(f"{path} holds no request.")
    return ids


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
) -> ImportOutcome:
    """Make the memos a results file completes (OpenAI batch output format), writing them
    to ``output_dir``; when some need another round, write its request file beside
    ``requests_path``. BatchError when the results do not fit the requests: lines for
    other requests (nothing is read), or lines missing (the memos they complete are
    written; the error names the rest)."""
    requests, results = Path(requests_path), Path(results_path)
    ids = _custom_ids(requests)
    job = resume_batch(ids[0].split("-", 1)[0], ledger=ledger)
    answered = job.store_results(results, expected=set(ids))
    missing = [i for i in ids if i not in answered]
    for row in job.ledger.rounds(job.id):
        if row.file_id == str(requests.resolve()):
            job.ledger.set_round_state(job.id, row.round, "completed")
    cfg, style, _ = job.settings()

    async def run() -> Path | None:
        async with request_backend(cfg, connect=False) as live:
            needed = await job.make_memos(
                cfg=cfg,
                style=style,
                live=live,
                output_dir=output_dir,
                fmt=fmt,
                finish_live=False,
                on_written=on_written,
            )
            absent = set(missing)
            resend = [
                (row, signal)
                for row, signal in needed
                if job.ledger.custom_id_of(job.id, row.idx, signal.digest) not in absent
            ]
            lines = job.next_round(resend, cfg, live)
            if not lines:
                if not needed:
                    job.ledger.set_job_state(job.id, "done")
                return None
            path = _next_path(requests, len(job.ledger.rounds(job.id)) + 1)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            job.ledger.add_round(job.id, None, str(path.resolve()))
            return path

    next_requests = run_sync(run())
    if missing:
        then = f" The next round's requests are in {next_requests}." if next_requests else ""
        raise BatchError(
            f"{results} has no line for {len(missing)} of the {len(ids)} requests in "
            f"{requests} (custom_id {', '.join(missing[:3])}); their articles have no memo." + then
        )
    return ImportOutcome(job, job.ledger.counts(job.id), next_requests)
