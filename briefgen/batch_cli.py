"""``briefgen batch ...``: memos through a Batch API, or through request files.

briefgen batch submit ARTICLE... [--style S] [--model M] [--base-url URL]   (prints JOB)
briefgen batch status [JOB]
briefgen batch collect JOB -d DIR [--wait] [--poll-interval S] [--finish-live]
briefgen batch run ARTICLE... -d DIR [--poll-interval S]
briefgen batch export ARTICLE... -o requests.jsonl
briefgen batch import requests.jsonl results.jsonl -d DIR
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefgen.arguments import config_from, memo_parser
from briefgen.errors import BriefgenError
from briefgen.terminal import (
    EXIT_CODES_HELP,
    EXIT_OK,
    exit_code,
    load,
    report_error,
    setup_logging,
)

if TYPE_CHECKING:
    from briefgen.batch_jobs import BatchJob
    from briefgen.config import BriefConfig
    from briefgen.ingest.article import Article


def _memo_options(parser: argparse.ArgumentParser, *, articles: bool = True) -> None:
    from briefgen.render.formats import FORMAT_SUFFIXES

    if articles:
        parser.add_argument("articles", nargs="+", metavar="ARTICLE")
    parser.add_argument("--style", default="info-memo", help="memo style")
    parser.add_argument("--model", help="model (default: BRIEFGEN_MODEL or gpt-4o-mini)")
    parser.add_argument("--base-url", help="server with /v1/files and /v1/batches")
    parser.add_argument("--plan", choices=["auto", "extractive", "abstractive"])
    parser.add_argument("--verify", choices=["off", "model"])
    parser.add_argument("--grounding", choices=["strict", "flag", "off"])
    parser.add_argument("--classification")
    parser.add_argument("--format", choices=sorted(FORMAT_SUFFIXES), default="md")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefgen batch",
        description="Memos through the OpenAI/Azure Batch API (any server with /v1/files and "
        "/v1/batches), or through request files for vLLM run-batch or Ray Data.",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    sub = parser.add_subparsers(dest="action", required=True)
    quiet = argparse.ArgumentParser(add_help=False)
    quiet.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS)
    submit = sub.add_parser(
        "submit", parents=[quiet], help="send the articles as a batch; prints the job id"
    )
    _memo_options(submit)
    submit.add_argument("--estimate", action="store_true", help="print the price; send nothing")
    status = sub.add_parser("status", parents=[quiet], help="where a job (or every job) is")
    status.add_argument("job", nargs="?")
    collect = sub.add_parser("collect", parents=[quiet], help="write the memos of a finished batch")
    collect.add_argument("job")
    collect.add_argument("-d", "--output-dir", required=True)
    collect.add_argument("--wait", action="store_true", help="wait until every memo is made")
    collect.add_argument("--poll-interval", type=float, default=30.0, metavar="S")
    collect.add_argument(
        "--finish-live", action="store_true", help="send what the batch left undone live"
    )
    collect.add_argument("--format", choices=["md", "json", "html", "docx"], default="md")
    run = sub.add_parser("run", parents=[quiet], help="submit, then collect --wait")
    _memo_options(run)
    run.add_argument("-d", "--output-dir", required=True)
    run.add_argument("--poll-interval", type=float, default=30.0, metavar="S")
    run.add_argument("--finish-live", action="store_true")
    export = sub.add_parser(
        "export", parents=[quiet], help="write the first round's requests as JSONL"
    )
    _memo_options(export)
    export.add_argument("-o", "--output", required=True, metavar="REQUESTS.jsonl")
    imported = sub.add_parser("import", parents=[quiet], help="make the memos from a results JSONL")
    imported.add_argument("requests")
    imported.add_argument("results")
    imported.add_argument("-d", "--output-dir", required=True)
    imported.add_argument("--format", choices=["md", "json", "html", "docx"], default="md")
    return parser


def _config(args: argparse.Namespace) -> BriefConfig:
    """The BriefConfig of these options, the memo command's defaults for the rest."""
    merged = vars(memo_parser("").parse_args(["-"]))
    merged.update({k: v for k, v in vars(args).items() if k in merged and v is not None})
    return config_from(argparse.Namespace(**merged))


def _articles(specs: Sequence[str], config: BriefConfig) -> list[Article]:
    from briefgen.ingest.sources import load_article

    return [load_article(spec, max_chars=config.max_input_chars) for spec in specs]


def _estimate(args: argparse.Namespace, config: BriefConfig) -> int:
    load("briefgen.estimation")
    from briefgen.estimation import estimate

    for spec, doc in zip(args.articles, _articles(args.articles, config), strict=True):
        forecast = estimate(doc, style=args.style, config=config)
        print(f"{spec}\n{forecast.describe()}\n")
    return EXIT_OK


def _finish(job: BatchJob, spec_of: dict[int, str]) -> int:
    code = EXIT_OK
    for row in job.ledger.articles(job.id, ("failed",)):
        report_error(spec_of.get(row.idx, row.source), BriefgenError(row.error or "failed"))
        code = code or 1
    return code


def _collect(job: BatchJob, args: argparse.Namespace) -> int:
    if getattr(args, "wait", True):
        job.wait(
            args.poll_interval,
            output_dir=args.output_dir,
            fmt=args.format,
            finish_live=args.finish_live,
            quiet=args.quiet,
        )
    elif not job.collect(
        args.output_dir, fmt=args.format, finish_live=args.finish_live, quiet=args.quiet
    ):
        print(f"briefgen: {job.status().describe()}", file=sys.stderr)
        return EXIT_OK
    return _finish(job, {})


def _command(args: argparse.Namespace) -> int:
    load("briefgen.batch_io")
    from briefgen.batch_io import export_batch, import_results, resume_batch, submit_batch
    from briefgen.batch_ledger import Ledger

    if args.action == "status":
        ledger = Ledger()
        jobs = [args.job] if args.job else ledger.jobs()
        if not jobs:
            print(f"briefgen: no batch job in {ledger.path}", file=sys.stderr)
        for job_id in jobs:
            print(resume_batch(job_id, ledger=ledger).status().describe())
        return EXIT_OK
    if args.action == "collect":
        return _collect(resume_batch(args.job), args)
    if args.action == "import":
        outcome = import_results(
            args.requests, args.results, args.output_dir, fmt=args.format, quiet=args.quiet
        )
        if outcome.next_requests is not None:
            print(
                f"briefgen: some memos need one more round: answer {outcome.next_requests} "
                f"and import it with its results (job {outcome.job.id}).",
                file=sys.stderr,
            )
            print(outcome.next_requests)
        return _finish(outcome.job, {})
    config = _config(args)
    if args.action == "submit" and args.estimate:
        return _estimate(args, config)
    articles = _articles(args.articles, config)
    if args.action == "export":
        job = export_batch(
            articles, args.output, style=args.style, config=config, sources=args.articles
        )
        print(f"briefgen: wrote {args.output} (job {job.id})", file=sys.stderr)
        return EXIT_OK
    job = submit_batch(articles, style=args.style, config=config, sources=args.articles)
    if args.action == "submit":
        print(job.id)
        return EXIT_OK
    print(f"briefgen: submitted job {job.id}", file=sys.stderr)
    return _collect(job, args)


def main(argv: Sequence[str]) -> int:
    """``briefgen batch ...``; exit codes as for ``briefgen``."""
    args = _parser().parse_args(argv)
    setup_logging(args.verbose)
    try:
        return _command(args)
    except BriefgenError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return exit_code(exc)
