"""``briefgen batch ...``: memos through a Batch API, or through request files.

briefgen batch submit ARTICLE... [--style S] [--model M] [--base-url URL]   (prints JOB)
briefgen batch status [JOB]
briefgen batch collect JOB -d DIR [--wait] [--poll-interval S] [--finish-live]
briefgen batch run ARTICLE... -d DIR [--poll-interval S]
briefgen batch export ARTICLE... -o requests.jsonl
briefgen batch import requests.jsonl results.jsonl -d DIR
briefgen batch ray ARTICLE... -d DIR --base-url URL [--address A] [--workers N]
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.cli.options import (
    config_from,
    format_option,
    memo_options,
    model_options,
    since_options,
    verbosity,
)
from briefgen.cli.terminal import (
    EXIT_CODES_HELP,
    EXIT_OK,
    exit_code,
    load,
    report_error,
    say,
    setup_logging,
)
from briefgen.errors import BriefgenError, UsageError

if TYPE_CHECKING:
    from briefgen.batch.jobs import BatchJob, MemoWritten
    from briefgen.config import BriefConfig
    from briefgen.ingest.article import Article


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefgen batch",
        description="Memos through the OpenAI/Azure Batch API (any server with /v1/files and "
        "/v1/batches), or through request files for vLLM run-batch or Ray Data.",
        epilog=EXIT_CODES_HELP,
        parents=[verbosity()],
    )
    sub = parser.add_subparsers(dest="action", required=True)
    # Each action takes -q/-v after it too; given before it, the top level's stand.
    quiet = argparse.ArgumentParser(add_help=False)
    quiet.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS)
    quiet.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS)
    making = [quiet, model_options(), memo_options(), since_options()]
    submit = sub.add_parser(
        "submit", parents=making, help="send the articles as a batch; prints the job id"
    )
    _articles_and_format(submit)
    submit.add_argument("--estimate", action="store_true", help="print the price; send nothing")
    status = sub.add_parser("status", parents=[quiet], help="where a job (or every job) is")
    status.add_argument("job", nargs="?")
    collect = sub.add_parser("collect", parents=[quiet], help="write the memos of a finished batch")
    collect.add_argument("job")
    _collecting(collect)
    collect.add_argument("--wait", action="store_true", help="wait until every memo is made")
    format_option(collect)
    run = sub.add_parser("run", parents=making, help="submit, then collect --wait")
    _articles_and_format(run)
    _collecting(run)
    export = sub.add_parser(
        "export", parents=making, help="write the first round's requests as JSONL"
    )
    _articles_and_format(export)
    export.add_argument("-o", "--output", required=True, metavar="REQUESTS.jsonl")
    on_ray = sub.add_parser(
        "ray",
        parents=making,
        help="send the requests through Ray Data to --base-url and write the memos",
    )
    _articles_and_format(on_ray)
    on_ray.add_argument("-d", "--output-dir", required=True)
    on_ray.add_argument(
        "--address",
        help="the Ray cluster to join (ray://HOST:10001, auto); default: a local Ray on this "
        "machine's cores",
    )
    on_ray.add_argument(
        "--workers",
        type=int,
        default=2,
        metavar="N",
        help="Ray actors sending requests; --max-concurrency is shared between them (default 2)",
    )
    imported = sub.add_parser("import", parents=[quiet], help="make the memos from a results JSONL")
    imported.add_argument("requests")
    imported.add_argument("results")
    imported.add_argument("-d", "--output-dir", required=True)
    format_option(imported)
    return parser


def _articles_and_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("articles", nargs="+", metavar="ARTICLE")
    format_option(parser)


def _collecting(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-d", "--output-dir", required=True)
    parser.add_argument("--poll-interval", type=float, default=30.0, metavar="S")
    parser.add_argument(
        "--finish-live", action="store_true", help="send what the batch left undone live"
    )


def _articles(specs: Sequence[str], config: BriefConfig) -> list[Article]:
    from briefgen.run.inputs import read_source

    return [read_source(spec, config) for spec in specs]


def _estimate(args: argparse.Namespace, config: BriefConfig) -> int:
    load("briefgen.run.estimate")
    from briefgen.run.estimate import estimate

    for spec, doc in zip(args.articles, _articles(args.articles, config), strict=True):
        forecast = estimate(doc, style=args.style, config=config)
        print(f"{spec}\n{forecast.describe()}\n")
    return EXIT_OK


def _finish(job: BatchJob) -> int:
    """Each failed article's error; the exit code of the first one's kind."""
    from briefgen.batch.memos import failure

    code = EXIT_OK
    for row in job.ledger.articles(job.id, ("failed",)):
        error = failure(row.error_kind, row.error or "failed")
        report_error(row.source, error)
        code = code or exit_code(error)
    return code


def _told(args: argparse.Namespace) -> MemoWritten | None:
    """What to tell of each memo written: a line on standard error, unless -q."""
    from briefgen.cli.outputs import tell_written

    return None if args.quiet else tell_written


def _collect(job: BatchJob, args: argparse.Namespace) -> int:
    if getattr(args, "wait", True):
        job.wait(
            args.poll_interval,
            output_dir=args.output_dir,
            fmt=args.format,
            finish_live=args.finish_live,
            on_written=_told(args),
        )
    elif not job.collect(
        args.output_dir, fmt=args.format, finish_live=args.finish_live, on_written=_told(args)
    ):
        say(f"briefgen: {job.status().describe()}")
        return EXIT_OK
    return _finish(job)


def _command(args: argparse.Namespace) -> int:
    load("briefgen.batch.files")
    from briefgen.batch.files import export_batch, import_results, resume_batch, submit_batch
    from briefgen.batch.ledger import Ledger

    if args.action == "status":
        ledger = Ledger()
        jobs = [args.job] if args.job else ledger.jobs()
        if not jobs:
            say(f"briefgen: no batch job in {ledger.path}")
        for job_id in jobs:
            print(resume_batch(job_id, ledger=ledger).status().describe())
        return EXIT_OK
    if args.action == "collect":
        return _collect(resume_batch(args.job), args)
    if args.action == "import":
        outcome = import_results(
            args.requests, args.results, args.output_dir, fmt=args.format, on_written=_told(args)
        )
        for waiting in outcome.waiting:
            say(
                f"briefgen: some memos need one more round: answer {waiting} and import it "
                f"with its results (job {outcome.job.id})."
            )
            print(waiting)
        return _finish(outcome.job)
    if (args.since_withdrawn or args.since_model) and not (args.since or args.story):
        raise UsageError("--since-withdrawn and --since-model apply with --since or --story.")
    config = config_from(args)
    if args.action == "submit" and args.estimate:
        return _estimate(args, config)
    _check_destinations(args)
    articles = _articles(args.articles, config)
    if args.action == "ray":
        return _on_ray(args, config, articles)
    if args.action == "export":
        job = export_batch(
            articles,
            args.output,
            style=args.style,
            config=config,
            sources=args.articles,
            since=args.since,
            story=args.story,
        )
        say(f"briefgen: wrote {args.output} (job {job.id})")
        return EXIT_OK
    job = submit_batch(
        articles,
        style=args.style,
        config=config,
        sources=args.articles,
        since=args.since,
        story=args.story,
    )
    if args.action == "submit":
        print(job.id)
        return EXIT_OK
    say(f"briefgen: submitted job {job.id}")
    return _collect(job, args)


def _on_ray(args: argparse.Namespace, config: BriefConfig, articles: list[Article]) -> int:
    load("briefgen.batch.on_ray")
    from briefgen.batch.on_ray import RayOptions, run_ray_batch

    outcome = run_ray_batch(
        articles,
        args.output_dir,
        style=args.style,
        config=config,
        sources=args.articles,
        ray=RayOptions(address=args.address, workers=args.workers, progress=bool(args.verbose)),
        fmt=args.format,
        on_written=_told(args),
        since=args.since,
        story=args.story,
    )
    return _finish(outcome.job)


def _check_destinations(args: argparse.Namespace) -> None:
    """Where the request file or the memos go, checked before any article is read or
    request paid for: never over an article, never where nothing can be written."""
    from briefgen.render.destinations import check_output, check_targets, plan_targets
    from briefgen.render.formats import FORMAT_SUFFIXES, require_format

    if args.action == "export":
        check_output(Path(args.output), args.articles, "the request file")
    elif args.action in {"run", "ray"}:
        require_format(args.format)
        plan = plan_targets(
            args.articles,
            output=None,
            output_dir=args.output_dir,
            suffix=FORMAT_SUFFIXES[args.format],
            binary=args.format == "docx",
        )
        check_targets(plan.targets)


def main(argv: Sequence[str]) -> int:
    """``briefgen batch ...``; exit codes as for ``briefgen``."""
    args = _parser().parse_args(argv)
    setup_logging(args.verbose)
    try:
        return _command(args)
    except BriefgenError as exc:
        say(f"briefgen: error: {exc}")
        return exit_code(exc)
