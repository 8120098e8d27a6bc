"""Command line.

    briefgen ARTICLE... [-o OUT | -d DIR] [--style STYLE] [--format md|json|html|docx] ...
    briefgen styles [--templates DIR]
    briefgen templates export DIR [--force]

ARTICLE is a .txt, .md or .html file, an http(s) URL, or ``-`` for standard input.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from briefgen.arguments import check_dirs, config_from, memo_parser
from briefgen.errors import (
    BriefgenError,
    BudgetExceeded,
    ConfigError,
    InputError,
    InvalidOutputError,
    LLMError,
    RefusalError,
)

if TYPE_CHECKING:
    from briefgen.brief import Brief
    from briefgen.config import BriefConfig
    from briefgen.ingest.article import Article
    from briefgen.progress import ProgressBar
    from briefgen.render.formats import Format

# Only the light modules above load before main() starts: the rest (pydantic, jinja2, the
# openai SDK) load inside it, where Ctrl-C during start-up ends quietly with 130.
__all__ = ["ProgressBar", "main"]

# Exit codes scripts can rely on. With several articles, the code is that of the first
# article that failed; the others still get their memos.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_CONFIG = 4
EXIT_LLM = 5
EXIT_OUTPUT = 6
EXIT_BUDGET = 7

_EXIT_BY_ERROR: tuple[tuple[type[BriefgenError], int], ...] = (
    (InputError, EXIT_INPUT),
    (ConfigError, EXIT_CONFIG),
    (LLMError, EXIT_LLM),
    (InvalidOutputError, EXIT_OUTPUT),
    (RefusalError, EXIT_OUTPUT),
    (BudgetExceeded, EXIT_BUDGET),
)
EXIT_CODES_HELP = (
    "Exit codes: 0 ok, 2 usage, 3 bad input, 4 configuration, 5 LLM endpoint, "
    "6 model output unusable (invalid or refused), 7 budget exceeded, 1 other."
)

logger = logging.getLogger("briefgen.cli")

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, unwound like Ctrl-C (temporary files removed on the way out)."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


def _load(*modules: str) -> None:
    """Import ``modules`` with Ctrl-C and SIGTERM held until they are in: a signal inside
    a compiled extension's import (pydantic_core, jiter) is a panic, not KeyboardInterrupt.
    """
    import importlib

    held: list[int] = []
    try:
        previous = {n: signal.signal(n, lambda n, _: held.append(n)) for n in _SIGNALS}
    except ValueError:  # not the main thread: signals are not ours to hold
        previous = {}
    try:
        for name in modules:
            importlib.import_module(name)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if held:
        raise _Terminated if held[0] == signal.SIGTERM else KeyboardInterrupt


def _exit_code(exc: BriefgenError) -> int:
    return next((code for kind, code in _EXIT_BY_ERROR if isinstance(exc, kind)), EXIT_FAILED)


def _report_error(spec: str, exc: BaseException, *, named: bool = False) -> None:
    """Print an article's error, naming the article once: ``named`` errors (from reading
    it) usually name it themselves."""
    message = str(exc)
    label = "standard input" if spec == "-" else spec
    if not (named and (label in message or str(Path(spec)) in message)):
        message = f"{spec}: {message}"
    print(f"briefgen: error: {message}", file=sys.stderr)


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="briefgen: %(message)s", stream=sys.stderr)
    if verbose < 2:
        for noisy in ("httpx", "httpx2", "openai"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def _run_memos(args: argparse.Namespace) -> int:
    from briefgen.ingest.article import Article
    from briefgen.ingest.sources import load_article
    from briefgen.memo.styles import get_style
    from briefgen.outputs import UsageError, check_targets, plan_targets, write_memo
    from briefgen.render.formats import FORMAT_SUFFIXES, format_of

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
        )
        check_targets(plan.targets)
        for note in plan.notes:
            print(f"briefgen: {note}", file=sys.stderr)
        targets = plan.targets

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
    _load("briefgen.batch")  # the openai SDK: loaded only when needed
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
            _report_error(spec, exc, named=exc is item)
            if first_failure == EXIT_OK:
                first_failure = _exit_code(exc)
        except OSError as exc:
            print(f"briefgen: error: cannot write {target}: {exc}", file=sys.stderr)
            if first_failure == EXIT_OK:
                first_failure = EXIT_FAILED
    return first_failure


def _print_estimates(
    args: argparse.Namespace, loaded: list[Article | BriefgenError], config: BriefConfig
) -> int:
    _load("briefgen.estimation")
    from briefgen.estimation import estimate

    code = EXIT_OK
    total_cost: float | None = 0.0
    for spec, item in zip(args.articles, loaded, strict=True):
        if isinstance(item, BriefgenError):
            _report_error(spec, item, named=True)
            code = code or _exit_code(item)
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
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except _Terminated:
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(arguments: list[str]) -> int:
    commands = {"styles": _styles_command, "templates": _templates_command}
    _load("briefgen.config", "briefgen.ingest.sources", "briefgen.outputs")
    from briefgen.outputs import UsageError

    try:
        if arguments and arguments[0] in commands:
            # A file called "styles" can still be read as ./styles.
            return commands[arguments[0]](arguments[1:])
        args = memo_parser(EXIT_CODES_HELP).parse_args(arguments)
        _setup_logging(args.verbose)
        return _run_memos(args)
    except UsageError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BriefgenError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return _exit_code(exc)


def __getattr__(name: str) -> Any:
    if name == "ProgressBar":  # kept importable from here, loaded on first use
        from briefgen.progress import ProgressBar

        return ProgressBar
    raise AttributeError(f"module 'briefgen.cli' has no attribute {name!r}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
