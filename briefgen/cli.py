"""Command line.

    briefgen ARTICLE... [-o OUT | -d DIR] [--style STYLE] [--format md|json|html|docx] ...
    briefgen ARTICLE... --combine [-o OUT | -d DIR] [--on-article-failure skip|raise] ...
    briefgen styles [--templates DIR]
    briefgen templates export DIR [--force]
    briefgen batch {submit,status,collect,run,export,import} ...   (see batch_cli.py)

ARTICLE is a .txt, .md or .html file, an http(s) URL, or ``-`` for standard input.
Without ``--combine`` each article makes its own memo; with it, all of them make one
memo (a dossier, see ``briefgen.generate_dossier``).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.arguments import check_dirs, config_from, memo_parser
from briefgen.errors import BriefgenError
from briefgen.terminal import (
    EXIT_BUDGET,
    EXIT_CODES_HELP,
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_LLM,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    Terminated,
    exit_code,
    load,
    on_sigterm,
    report_error,
    setup_logging,
    spec_label,
)

if TYPE_CHECKING:
    from briefgen.brief import Brief
    from briefgen.config import BriefConfig
    from briefgen.ingest.article import Article
    from briefgen.ingest.dossier import Entry
    from briefgen.progress import ProgressBar, ProgressCallback
    from briefgen.render.formats import Format

# Only the light modules above load before main() starts: the rest (pydantic, jinja2, the
# openai SDK) load inside it, where Ctrl-C during start-up ends quietly with 130.
__all__ = [
    "EXIT_BUDGET",
    "EXIT_CONFIG",
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_LLM",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "ProgressBar",
    "main",
]

logger = logging.getLogger("briefgen.cli")


def _run_memos(args: argparse.Namespace) -> int:
    from briefgen.ingest.article import Article
    from briefgen.ingest.sources import load_article
    from briefgen.memo.styles import get_style
    from briefgen.outputs import UsageError, check_targets, plan_targets, write_memo
    from briefgen.render.formats import FORMAT_SUFFIXES, format_of

    if args.on_article_failure is not None and not args.combine:
        # Without --combine every article has its memo and its own exit code already.
        raise UsageError("--on-article-failure applies to --combine (one memo of all).")
    # One article makes the same memo combined or not, so it takes the usual way.
    combine = args.combine and len(args.articles) > 1
    config = config_from(args)
    get_style(args.style, config.template_dir)  # fail before reading or calling anything
    fmt: Format = args.format or (format_of(args.output) if args.output else "md")
    if args.output and args.format and format_of(args.output) != args.format:
        raise UsageError(f"-o {args.output} does not end in {FORMAT_SUFFIXES[args.format]}.")
    targets: list[Path | None] = []
    if not args.estimate:
        # Where the memos go, before anything is read or paid for: never over an input,
        # never into a place that cannot be written.
        plan = plan_targets(
            args.articles,
            output=args.output,
            output_dir=args.output_dir,
            suffix=FORMAT_SUFFIXES[fmt],
            binary=fmt == "docx",
            combine=combine,
        )
        check_targets(plan.targets)
        for note in plan.notes:
            print(f"briefgen: {note}", file=sys.stderr)
        targets = plan.targets
    if combine:
        return _run_dossier(args, config, fmt, targets[0] if targets else None)

    # Inputs: one unreadable article does not stop the others.
    loaded: list[Article | BriefgenError] = []
    for spec in args.articles:
        try:
            loaded.append(load_article(spec, max_chars=config.max_input_chars))
        except BriefgenError as exc:
            loaded.append(exc)
    articles = [a for a in loaded if isinstance(a, Article)]

    if args.estimate:
        return _print_estimates(args, loaded, config)

    from briefgen.progress import ProgressBar

    bar = (
        ProgressBar(sys.stderr, len(articles))
        if articles and not args.quiet and sys.stderr.isatty()
        else None
    )
    load("briefgen.batch")  # the openai SDK: loaded only when needed
    from briefgen.batch import generate_briefs

    try:
        made = generate_briefs(articles, style=args.style, config=config, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    results = iter(made)
    first_failure = EXIT_OK
    for spec, item, target in zip(args.articles, loaded, targets, strict=True):
        outcome: Brief | BriefgenError = item if isinstance(item, BriefgenError) else next(results)
        try:
            if isinstance(outcome, BriefgenError):
                raise outcome
            write_memo(outcome, fmt, target, quiet=args.quiet)
        except BriefgenError as exc:
            report_error(spec, exc, named=exc is item)
            if first_failure == EXIT_OK:
                first_failure = exit_code(exc)
        except OSError as exc:
            print(f"briefgen: error: cannot write {target}: {exc}", file=sys.stderr)
            if first_failure == EXIT_OK:
                first_failure = EXIT_FAILED
    return first_failure


def _run_dossier(
    args: argparse.Namespace, config: BriefConfig, fmt: Format, target: Path | None
) -> int:
    """``--combine``: one memo of all the articles, or its estimate."""
    from briefgen.outputs import write_memo

    entries = _read_dossier(args.articles, config)
    if isinstance(entries, int):
        return entries
    if args.estimate:
        return _print_dossier_estimate(args, entries, config)

    from briefgen.progress import ProgressBar

    bar = ProgressBar(sys.stderr, 1) if not args.quiet and sys.stderr.isatty() else None
    load("briefgen.api")  # the openai SDK: loaded only when needed
    from briefgen.api import generate_dossier

    try:
        brief = generate_dossier(
            entries,
            style=args.style,
            config=config,
            progress=_as_one_memo(bar) if bar is not None else None,
        )
    finally:
        if bar is not None:
            bar.close()
    try:
        write_memo(brief, fmt, target, quiet=args.quiet)
    except OSError as exc:
        print(f"briefgen: error: cannot write {target}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _as_one_memo(bar: ProgressBar) -> ProgressCallback:
    """The dossier's progress (events per article, each "done" when it is read) drawn as
    the one memo being made, as for a single article: its chunks are all the articles'
    chunks, and it is done when the command ends, not when the first article is."""
    from briefgen.progress import Progress

    chunks: dict[int, tuple[int, int]] = {}

    def tell(event: Progress) -> None:
        if event.chunks:
            # An article that failed is finished with: its chunks count as done.
            done = event.chunks if event.stage == "failed" else event.chunks_done
            chunks[event.article] = (done, event.chunks)
        bar(
            Progress(
                stage="chunk_done",
                chunks_done=sum(done for done, _ in chunks.values()),
                chunks=sum(count for _, count in chunks.values()),
            )
        )

    return tell


def _read_dossier(specs: Sequence[str], config: BriefConfig) -> list[Entry] | int:
    """The dossier's articles in the order given, an unreadable one as an ``Entry`` that
    says why (so the memo lists it as not covered); or the exit code when that must stop
    the command: ``on_article_failure="raise"``, or nothing readable at all."""
    from briefgen.ingest.dossier import Entry
    from briefgen.ingest.sources import load_article

    entries: list[Entry] = []
    failures: list[BriefgenError] = []
    for spec in specs:
        try:
            article = load_article(spec, max_chars=config.max_input_chars)
        except BriefgenError as exc:
            if config.on_article_failure == "raise":
                # Stop at once: the rest (standard input, URLs) need not be read for nothing.
                report_error(spec, exc, named=True)
                return exit_code(exc)
            report_error(spec, exc, named=True, left_out=True)
            failures.append(exc)
            entries.append(Entry(None, spec_label(spec), str(exc)))
        else:
            entries.append(Entry(article, spec_label(spec)))
    if len(failures) == len(entries):
        print("briefgen: error: no article could be read; nothing was written.", file=sys.stderr)
        return exit_code(failures[0])
    return entries


def _print_dossier_estimate(
    args: argparse.Namespace, entries: list[Entry], config: BriefConfig
) -> int:
    load("briefgen.estimation")
    from briefgen.estimation import estimate_dossier

    articles = [entry.article for entry in entries if entry.article is not None]
    forecast = estimate_dossier(articles, style=args.style, config=config)
    read = ", ".join(
        f"A{number} {entry.location}"
        for number, entry in enumerate(entries, start=1)
        if entry.article is not None
    )
    print(f"one memo of {len(articles)} article(s): {read}\n{forecast.describe()}")
    return EXIT_OK


def _print_estimates(
    args: argparse.Namespace, loaded: list[Article | BriefgenError], config: BriefConfig
) -> int:
    load("briefgen.estimation")
    from briefgen.estimation import estimate

    code = EXIT_OK
    total_cost: float | None = 0.0
    for spec, item in zip(args.articles, loaded, strict=True):
        if isinstance(item, BriefgenError):
            report_error(spec, item, named=True)
            code = code or exit_code(item)
            continue
        forecast = estimate(item, style=args.style, config=config)
        print(f"{spec}\n{forecast.describe()}\n")
        if total_cost is not None and forecast.cost_usd is not None:
            total_cost += forecast.cost_usd
        else:
            total_cost = None
    if len(args.articles) > 1 and total_cost is not None:
        print(f"total expected cost: about ${total_cost:.4f}")
    return code


def _styles_command(argv: Sequence[str]) -> int:
    from briefgen.memo.styles import available_styles

    parser = argparse.ArgumentParser(prog="briefgen styles", description="List memo styles.")
    parser.add_argument("--templates", type=Path, help="also list styles in this directory")
    args = parser.parse_args(argv)
    check_dirs(args.templates)
    for style in available_styles(args.templates).values():
        print(f"{style.name:<16} {style.description}")
    return EXIT_OK


def _templates_command(argv: Sequence[str]) -> int:
    import shutil

    from briefgen.extract.prompts import shipped_prompt_dir
    from briefgen.render.markdown import TEMPLATE_DIR

    parser = argparse.ArgumentParser(
        prog="briefgen templates",
        description="Copy the shipped templates and prompts into DIR for editing; then pass "
        "--templates DIR/templates --prompts DIR/prompts. A file you keep there overrides "
        "ours by name; delete the ones you do not change.",
    )
    sub = parser.add_subparsers(dest="action", required=True)
    export = sub.add_parser("export", help="copy templates and prompts into DIR")
    export.add_argument("directory", type=Path)
    export.add_argument("--force", action="store_true", help="overwrite existing files")
    args = parser.parse_args(argv)
    plan = [
        (source, args.directory / "templates" / source.name)
        # The memo templates; the HTML evidence view is fixed (it must stay script-free).
        for source in sorted(TEMPLATE_DIR.glob("*.md.j2"))
    ] + [
        (source, args.directory / "prompts" / source.name)
        for source in sorted(shipped_prompt_dir().glob("*.j2"))
    ]
    clashes = [str(target) for _, target in plan if target.exists()]
    if clashes and not args.force:
        print(
            f"briefgen: error: {len(clashes)} file(s) exist, e.g. {clashes[0]}; "
            "nothing was copied. Use --force to overwrite.",
            file=sys.stderr,
        )
        return EXIT_OUTPUT
    for source, target in plan:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    print(
        f"Copied {len(plan)} files into {args.directory}. Use them with:\n"
        f"  briefgen ARTICLE --templates {args.directory / 'templates'} "
        f"--prompts {args.directory / 'prompts'}"
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """The ``briefgen`` command. Ctrl-C exits 130 and SIGTERM 143, both without a
    traceback and after the same unwinding: no half-written or temporary file is left."""
    try:
        previous = signal.signal(signal.SIGTERM, on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except Terminated:
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _batch(argv: Sequence[str]) -> int:
    from briefgen.batch_cli import main as batch_main

    return batch_main(argv)


def _main(arguments: list[str]) -> int:
    commands = {"styles": _styles_command, "templates": _templates_command, "batch": _batch}
    load("briefgen.config", "briefgen.ingest.sources", "briefgen.outputs")
    from briefgen.outputs import UsageError

    try:
        if arguments and arguments[0] in commands:
            # A file called "styles" can still be read as ./styles.
            return commands[arguments[0]](arguments[1:])
        args = memo_parser(EXIT_CODES_HELP).parse_args(arguments)
        setup_logging(args.verbose)
        return _run_memos(args)
    except UsageError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BriefgenError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return exit_code(exc)


def __getattr__(name: str) -> Any:
    if name == "ProgressBar":  # kept importable from here, loaded on first use
        from briefgen.progress import ProgressBar

        return ProgressBar
    raise AttributeError(f"module 'briefgen.cli' has no attribute {name!r}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
