"""Memos through Ray Data: the request lines sent by a pool of Ray actors to any
OpenAI-compatible server, and the memos made by Ray tasks, round after round.

Ray does the distribution; briefgen the requests and the memos. Each round is the files
``batch export`` and ``batch import`` read, kept in the output directory:
``NAME.jsonl`` (requests, each body the exact text exported; a row is that line as one
string, so Ray's Arrow blocks never see the body's keys), ``NAME.results.jsonl`` (the
server's answers with their real status codes), then ``NAME.round2.jsonl`` and so on for
the synthesis of long articles and re-asks, until every memo is written or failed.

Ray is imported only here, and only when a job runs (the ``ray`` extra).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import math
import os
import pickle
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, Field

from briefgen.batch.files import ImportOutcome, export_batch, import_results
from briefgen.batch.http_lines import Endpoint, LineSender
from briefgen.batch.jobs import MemoWritten
from briefgen.batch.ledger import ArticleRow, Ledger
from briefgen.batch.memos import MemoRun, Remade, error_kind, failure, replay_on
from briefgen.brief import Brief
from briefgen.config import BriefConfig, build_config, environment
from briefgen.errors import BatchError, BriefgenError, ConfigError
from briefgen.ingest.article import Article
from briefgen.llm.batches import Unanswered, request_backend
from briefgen.llm.endpoints import planned_backend
from briefgen.memo.styles import Style
from briefgen.render.files import write_atomic
from briefgen.render.formats import Format
from briefgen.run import run_sync
from briefgen.run.earlier import Earlier

__all__ = ["RayOptions", "run_ray_batch"]

logger = logging.getLogger(__name__)

_OPENAI = "https://api.openai.com/v1"
_MEMOS_PER_TASK = (4, 64)  # the fewest and most memos one task makes
_MAX_ROUNDS = 12  # far past what re-asks and synthesis need: a guard, never the rule


class RayOptions(BaseModel):
    """Where Ray runs, and how much of it a job takes."""

    address: str | None = None
    """A cluster to join (``ray://head:10001``, ``auto``); None: a local Ray on this
    machine's cores, started for the job and stopped after it. A Ray already running in
    this process is used as it is."""
    workers: int = Field(2, ge=1, le=1024)
    """Ray actors that send requests; the job's ``max_concurrency`` (the requests in
    flight in all) is shared between them."""
    sender_cpus: float = Field(0.25, gt=0)
    """CPUs each sending actor asks Ray for: sending is waiting, and a share of a core
    leaves the others to the memo tasks (two whole-CPU actors deadlock a 2-core machine)."""
    memo_cpus: float = Field(1.0, gt=0)
    """CPUs each memo-making task asks Ray for."""
    progress: bool = False
    """Ray Data's progress bars on standard error."""


def run_ray_batch(
    articles: Iterable[str | bytes | Article],
    output_dir: str | Path,
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    sources: Sequence[str] | None = None,
    ray: RayOptions | None = None,
    fmt: Format = "md",
    ledger: Ledger | None = None,
    on_written: MemoWritten | None = None,
    since: Sequence[str | os.PathLike[str]] | None = None,
    story: str | None = None,
    **overrides: Any,
) -> ImportOutcome:
    """Every article's memo written to ``output_dir``, its requests sent through Ray Data
    to the configured endpoint (``base_url``, any OpenAI-compatible server), round after
    round until each memo is written or failed. ``since`` and ``story`` as for
    ``submit_batch`` (a story's memos are made in order, on this machine).

    ConfigError without Ray installed or with an Azure endpoint; UsageError when the memo
    files cannot be written (before any request is sent); BatchError when the Ray
    cluster cannot be joined."""
    cfg = build_config(config, overrides)
    options = ray or RayOptions()
    endpoint = _endpoint(cfg, options)
    _import_ray()
    out = Path(output_dir)
    requests = out / f"batch-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}.jsonl"
    job = export_batch(
        articles,
        requests,
        style=style,
        config=cfg,
        sources=sources,
        ledger=ledger,
        since=since,
        story=story,
    )
    job.targets(out, fmt)  # UsageError now, before anything is sent
    with ray_session(options):
        for _ in range(_MAX_ROUNDS):
            lines = [line for line in requests.read_text("utf-8").splitlines() if line.strip()]
            logger.info("Sending %d request(s) of %s through Ray", len(lines), requests.name)
            answered = send_lines(lines, endpoint, options)
            results = requests.with_name(f"{requests.stem}.results{requests.suffix}")
            write_atomic(results, "".join(line + "\n" for line in answered))
            outcome = import_results(
                requests,
                results,
                out,
                fmt=fmt,
                on_written=on_written,
                ledger=job.ledger,
                elsewhere=RayMemos(options),
            )
            if outcome.next_requests is None:
                return outcome
            requests = outcome.next_requests
    raise BatchError(f"Job {job.id} still needed requests after {_MAX_ROUNDS} rounds.")


def _endpoint(cfg: BriefConfig, options: RayOptions) -> Endpoint:
    planned = planned_backend(cfg)[0]
    if planned == "azure":
        raise ConfigError(
            "batch ray sends to an OpenAI-compatible server (base_url); for Azure OpenAI, "
            "use its Batch API: briefgen batch run."
        )
    env = environment()
    if planned == "embedded":
        raise ConfigError(
            "batch ray needs the server that answers: pass --base-url (base_url=), or set "
            "OPENAI_BASE_URL, or OPENAI_API_KEY for OpenAI itself."
        )
    return Endpoint(
        base_url=cfg.base_url or env.openai_base_url or _OPENAI,
        api_key=cfg.api_key or env.openai_api_key,
        timeout=cfg.timeout,
        max_retries=cfg.max_retries,
        in_flight=max(1, math.ceil(cfg.max_concurrency / options.workers)),
    )


def _import_ray() -> None:
    """ConfigError when Ray Data cannot be imported, before any work is done."""
    try:
        import ray.data  # noqa: F401
    except ImportError:
        raise ConfigError("batch ray needs Ray Data: pip install 'briefgen[ray]'.") from None


@contextlib.contextmanager
def ray_session(options: RayOptions) -> Iterator[None]:
    """Ray, joined or started for the block (and stopped after it when started here).
    Ray Data's own log of each dataset's plan is kept to warnings while the block runs,
    unless ``progress`` is asked for."""
    _import_ray()
    import ray
    import ray.data

    started = not ray.is_initialized()
    level = logging.INFO if options.progress else logging.WARNING
    if started:
        try:
            if options.address:
                ray.init(address=options.address, include_dashboard=False, logging_level=level)
            else:
                ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, logging_level=level)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise BatchError(f"Cannot join the Ray cluster {options.address}: {exc}") from None
    ray.data.DataContext.get_current().enable_progress_bars = options.progress
    data_log = logging.getLogger("ray.data")
    before = data_log.level
    data_log.setLevel(max(level, before))
    try:
        yield
    finally:
        data_log.setLevel(before)
        if started:
            ray.shutdown()


# -- sending -------------------------------------------------------------------------------


def send_lines(lines: Sequence[str], endpoint: Endpoint, options: RayOptions) -> list[str]:
    """A results line for each request line, sent by ``options.workers`` Ray actors, each
    with ``endpoint.in_flight`` requests in flight at most."""
    import ray.data

    if not lines:
        return []
    key = endpoint.api_key.get_secret_value() if endpoint.api_key else None
    dataset = ray.data.from_items([{"line": line} for line in lines])
    sent = dataset.map_batches(
        _SendLines,
        fn_constructor_kwargs={"endpoint": endpoint.model_dump(mode="json"), "api_key": key},
        compute=ray.data.ActorPoolStrategy(size=min(options.workers, len(lines))),
        num_cpus=options.sender_cpus,
        batch_size=endpoint.in_flight,
    )
    return [str(row["result"]) for row in sent.iter_rows()]


class _SendLines:
    """One Ray actor's sender: its batches share one client and one bound in flight."""

    def __init__(self, endpoint: dict[str, Any], api_key: str | None):
        self._endpoint = Endpoint.model_validate({**endpoint, "api_key": api_key})
        self._sender: LineSender | None = None

    async def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        if self._sender is None:  # made in the actor's event loop, which then runs it
            self._sender = LineSender(self._endpoint)
        return {"result": await self._sender.send_all([str(line) for line in batch["line"]])}


# -- making the memos ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Recipe:
    """What a memo task needs besides an article's own answers (pickled by Ray)."""

    cfg: BriefConfig
    style: Style
    fmt: Format | None
    earlier: list[Earlier]


class RayMemos:
    """Makes a job's memos in Ray tasks (``MemoRun.elsewhere``): each task gets articles
    with their answers, replays and renders them, and sends back the memos."""

    def __init__(self, options: RayOptions):
        self.options = options

    def __call__(self, ledger: Ledger, job: str, rows: list[ArticleRow], run: MemoRun) -> Remade:
        import ray.data

        items = [
            {
                "idx": row.idx,
                "article": ledger.article(job, row.idx),
                "answers": json.dumps(dict(ledger.answers(job, row.idx))),
                "failures": json.dumps(dict(ledger.failures(job, row.idx))),
            }
            for row in rows
        ]
        # Every memo read now: the recipe is pickled for the tasks, not read from them.
        earlier = list(run.since.earlier(run.given)) if run.since is not None else []
        recipe = _Recipe(run.cfg, run.style, run.fmt if run.targets else None, earlier)
        made = ray.data.from_items(items).map_batches(
            functools.partial(_make_memos, recipe=recipe),
            num_cpus=self.options.memo_cpus,
            batch_size=_per_task(len(items), self.options.memo_cpus),
        )
        for row in made.iter_rows():
            yield int(row["idx"]), *_unpacked(row["made"])


def _per_task(count: int, cpus_each: float) -> int:
    """Memos per task: some four tasks for each task slot of the cluster, so that every
    core has work to the end, within ``_MEMOS_PER_TASK`` (a task starts a replay client,
    and sends its memos back at once)."""
    import ray

    # Cast: Ray's function has no annotations, and mypy runs with and without Ray.
    resources = cast(Callable[[], dict[str, float]], ray.cluster_resources)()
    slots = max(1, int(resources.get("CPU", 1) / cpus_each))
    fewest, most = _MEMOS_PER_TASK
    return max(fewest, min(most, math.ceil(count / (4 * slots))))


def _make_memos(batch: dict[str, Any], recipe: _Recipe) -> dict[str, list[Any]]:
    """A Ray task: the memos of a batch of articles, each as pickled bytes."""
    return run_sync(_make(batch, recipe))


async def _make(batch: dict[str, Any], recipe: _Recipe) -> dict[str, list[Any]]:
    async with request_backend(recipe.cfg, connect=False) as live:
        run = MemoRun(recipe.cfg, recipe.style, live, targets=None)

        async def one(article: str, answers: str, failures: str) -> bytes:
            doc = Article.model_validate_json(article)
            try:
                brief = await replay_on(
                    doc, json.loads(answers), json.loads(failures), run, recipe.earlier
                )
            except Unanswered as signal:
                return pickle.dumps(("unanswered", signal.body, signal.digest, signal.failure))
            except BriefgenError as exc:
                return pickle.dumps(("failed", error_kind(exc), str(exc)))
            content = brief.render(recipe.fmt) if recipe.fmt is not None else None
            return pickle.dumps(("made", brief, content))

        made = await asyncio.gather(
            *(
                one(str(a), str(b), str(f))
                for a, b, f in zip(
                    batch["article"], batch["answers"], batch["failures"], strict=True
                )
            )
        )
    return {"idx": [int(i) for i in batch["idx"]], "made": list(made)}


def _unpacked(data: bytes) -> tuple[Brief | BriefgenError, str | bytes | None]:
    """A task's outcome as ``make_memos`` takes it. Errors travel as their kind and
    message (an exception with arguments of its own does not unpickle)."""
    kind, *rest = pickle.loads(data)  # bytes that our own tasks of this job made
    if kind == "unanswered":
        body, digest, why = rest
        return Unanswered(body, digest, why), None
    if kind == "failed":
        return failure(rest[0], rest[1]), None
    brief, content = rest
    if not isinstance(brief, Brief):
        raise BatchError("A Ray task sent back something that is not a memo.")
    return brief, content
