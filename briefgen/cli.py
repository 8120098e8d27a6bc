"""Command line.

    briefgen ARTICLE... [-o OUT | -d DIR] [--style STYLE] [--format md|json|html|docx] ...
    briefgen styles [--templates DIR]
    briefgen templates export DIR [--force]

ARTICLE is a .txt, .md or .html file, an http(s) URL, or ``-`` for standard input.
"""

from __future__ import annotations

import argparse
import logging
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.config import BriefConfig
from briefgen.errors import (
    BriefgenError,
    BudgetExceeded,
    ConfigError,
    InputError,
    InvalidOutputError,
    LLMError,
    RefusalError,
)
from briefgen.extract.prompts import shipped_prompt_dir
from briefgen.ingest.article import Article
from briefgen.ingest.sources import load_article
from briefgen.memo.styles import available_styles, get_style
from briefgen.progress import ProgressBar
from briefgen.render.files import write_atomic
from briefgen.render.formats import FORMAT_SUFFIXES, Format, format_of
from briefgen.render.markdown import TEMPLATE_DIR

if TYPE_CHECKING:
    from briefgen.brief import Brief

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


def _memo_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefgen",
        description="Turn news articles into grounded diplomatic briefing memos. "
        "Other commands: 'briefgen styles', 'briefgen templates export DIR'.",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE",
        help="a .txt, .md or .html file, an http(s) URL, or - for standard input",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", help="write the memo to this file (one article)")
    where.add_argument("-d", "--output-dir", help="write one memo per article into DIR")
    parser.add_argument("--style", default="info-memo", help="memo style (see 'briefgen styles')")
    parser.add_argument(
        "--format",
        choices=sorted(FORMAT_SUFFIXES),
        help="output format (default: from the -o suffix, else md)",
    )
    parser.add_argument("--model", help="model name (default: BRIEFGEN_MODEL or gpt-4o-mini)")
    parser.add_argument("--base-url", help="OpenAI-compatible server URL (vLLM, Ollama, ...)")
    parser.add_argument(
        "--local", action="store_true", help="use the embedded model even if a key is set"
    )
    parser.add_argument("--templates", type=Path, help="directory of templates overriding ours")
    parser.add_argument("--prompts", type=Path, help="directory of prompts overriding ours")
    parser.add_argument(
        "--estimate",
        action="store_true",
        help="print the calls, tokens and cost expected, and call nothing",
    )
    parser.add_argument(
        "--grounding",
        choices=["strict", "flag", "off"],
        help="unsupported statements: drop (strict, default), mark (flag) or keep (off)",
    )
    parser.add_argument(
        "--allow-paraphrase",
        action="store_true",
        help="keep near-quotes as reported speech (never in quotation marks) instead of "
        "dropping them",
    )
    parser.add_argument("--no-cache", action="store_true", help="do not reuse cached answers")
    parser.add_argument("--max-concurrency", type=int, help="most requests in flight at once")
    parser.add_argument("--classification", help="banner, e.g. 'UNCLASSIFIED//FOUO'")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    return parser


def _config(args: argparse.Namespace) -> BriefConfig:
    settings: dict[str, Any] = {
        "model": args.model,
        "base_url": args.base_url,
        "backend": "embedded" if args.local else None,
        "template_dir": args.templates,
        "prompt_dir": args.prompts,
        "grounding": args.grounding,
        "allow_paraphrase": True if args.allow_paraphrase else None,
        "cache": False if args.no_cache else None,
        "max_concurrency": args.max_concurrency,
        "classification": args.classification,
    }
    for directory in (args.templates, args.prompts):
        if directory is not None and not directory.is_dir():
            raise ConfigError(f"No such directory: {directory}")
    try:
        return BriefConfig.model_validate({k: v for k, v in settings.items() if v is not None})
    except ValueError as exc:
        raise ConfigError(f"Invalid option: {exc}") from exc


def _slug(spec: str) -> str:
    if spec == "-":
        return "stdin"
    if re.match(r"(?i)^https?://", spec):
        name = re.sub(r"(?i)^https?://", "", spec).rstrip("/")
    else:
        name = Path(spec).stem
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:80] or "memo"


def _targets(args: argparse.Namespace, fmt: Format) -> list[Path | None]:
    """Where each article's memo goes; None is standard output."""
    if args.output is not None:
        if len(args.articles) > 1:
            raise _UsageError("-o takes one article; use -d DIR for several.")
        return [Path(args.output)]
    if args.output_dir is None:
        if len(args.articles) > 1:
            raise _UsageError("Several articles need -d DIR (one memo file each).")
        if fmt == "docx":
            raise _UsageError("A .docx memo needs -o FILE or -d DIR.")
        return [None]
    directory = Path(args.output_dir)
    if directory.exists() and not directory.is_dir():
        raise _UsageError(f"{directory} is not a directory.")
    taken: set[str] = set()
    targets: list[Path | None] = []
    for spec in args.articles:
        stem = _slug(spec)
        name, n = stem, 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name)
        targets.append(directory / f"{name}{FORMAT_SUFFIXES[fmt]}")
    return targets


class _UsageError(Exception):
    pass


def _exit_code(exc: BriefgenError) -> int:
    for kind, code in _EXIT_BY_ERROR:
        if isinstance(exc, kind):
            return code
    return EXIT_FAILED


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="briefgen: %(message)s", stream=sys.stderr)
    if verbose < 2:
        for noisy in ("httpx", "httpx2", "openai"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def _run_memos(args: argparse.Namespace) -> int:
    config = _config(args)
    get_style(args.style, config.template_dir)  # fail before reading or calling anything
    fmt: Format = args.format or (format_of(args.output) if args.output else "md")
    if args.output and args.format and format_of(args.output) != args.format:
        raise _UsageError(f"-o {args.output} does not end in {FORMAT_SUFFIXES[args.format]}.")
    targets = [] if args.estimate else _targets(args, fmt)

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

    bar = (
        ProgressBar(sys.stderr, len(articles))
        if articles and not args.quiet and sys.stderr.isatty()
        else None
    )
    from briefgen.batch import generate_briefs  # the openai SDK: loaded only when needed

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
            _write(outcome, fmt, target, quiet=args.quiet)
        except BriefgenError as exc:
            print(f"briefgen: error: {spec}: {exc}", file=sys.stderr)
            if first_failure == EXIT_OK:
                first_failure = _exit_code(exc)
        except OSError as exc:
            print(f"briefgen: error: cannot write {target}: {exc}", file=sys.stderr)
            if first_failure == EXIT_OK:
                first_failure = EXIT_FAILED
    return first_failure


def _write(brief: Brief, fmt: Format, target: Path | None, *, quiet: bool) -> None:
    content = brief.render(fmt)
    if target is None:
        if isinstance(content, bytes):  # pragma: no cover - refused in _targets
            raise _UsageError("Binary output needs a file.")
        sys.stdout.write(content)
        sys.stdout.flush()
    else:
        write_atomic(target, content)
    if not quiet:
        usage = brief.report.usage
        summary = brief.report.summary
        where = target or "standard output"
        cached = f", {usage.cache_hits} from cache" if usage.cache_hits else ""
        print(
            f"briefgen: {where}: {brief.report.style} from {brief.report.model}, "
            f"{usage.calls} call(s){cached}, {usage.prompt_tokens}+{usage.completion_tokens} "
            f"tokens, {brief.report.elapsed_s:.1f}s; {summary.kept + summary.amended} items "
            f"kept, {summary.dropped} dropped",
            file=sys.stderr,
        )


def _print_estimates(
    args: argparse.Namespace, loaded: list[Article | BriefgenError], config: BriefConfig
) -> int:
    from briefgen.estimation import estimate

    code = EXIT_OK
    total_cost: float | None = 0.0
    for spec, item in zip(args.articles, loaded, strict=True):
        if isinstance(item, BriefgenError):
            print(f"briefgen: error: {spec}: {item}", file=sys.stderr)
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
    parser = argparse.ArgumentParser(prog="briefgen styles", description="List memo styles.")
    parser.add_argument("--templates", type=Path, help="also list styles in this directory")
    args = parser.parse_args(argv)
    for style in available_styles(args.templates).values():
        print(f"{style.name:<16} {style.description}")
    return EXIT_OK


def _templates_command(argv: Sequence[str]) -> int:
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
    arguments = list(sys.argv[1:] if argv is None else argv)
    commands = {"styles": _styles_command, "templates": _templates_command}
    if arguments and arguments[0] in commands:
        # A file called "styles" can still be read as ./styles.
        return commands[arguments[0]](arguments[1:])
    args = _memo_parser().parse_args(arguments)
    _setup_logging(args.verbose)
    try:
        return _run_memos(args)
    except _UsageError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BriefgenError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        return _exit_code(exc)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
