"""Command line: ``briefgen ARTICLE [-o OUT]`` (``-`` reads standard input)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from briefgen.brief import check_save_path
from briefgen.config import BriefConfig
from briefgen.exceptions import (
    BriefgenError,
    ConfigError,
    InputError,
    InvalidOutputError,
    LLMError,
    RefusalError,
)
from briefgen.pipeline import generate_brief
from briefgen.styles import SHIPPED_STYLES

# Exit codes scripts can rely on.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_CONFIG = 4
EXIT_LLM = 5
EXIT_OUTPUT = 6

_EXIT_BY_ERROR: tuple[tuple[type[BriefgenError], int], ...] = (
    (InputError, EXIT_INPUT),
    (ConfigError, EXIT_CONFIG),
    (LLMError, EXIT_LLM),
    (InvalidOutputError, EXIT_OUTPUT),
    (RefusalError, EXIT_OUTPUT),
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefgen",
        description="Turn a news article into a grounded diplomatic briefing memo.",
        epilog="Exit codes: 0 ok, 2 usage, 3 bad input, 4 configuration, 5 LLM endpoint, "
        "6 model output unusable, 1 other.",
    )
    parser.add_argument("article", help="article text file (.txt or .md), or - for stdin")
    parser.add_argument("-o", "--output", help="write the memo here (.md or .json)")
    parser.add_argument("--style", default="info-memo", choices=sorted(SHIPPED_STYLES))
    parser.add_argument("--model", help="model name (default: BRIEFGEN_MODEL or gpt-4o-mini)")
    parser.add_argument("--base-url", help="OpenAI-compatible server URL")
    parser.add_argument(
        "--local", action="store_true", help="use the embedded model even if a key is set"
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    return parser


def _read_article(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if not path.is_file():
        raise InputError(f"No such article file: {path}")
    return path.read_bytes()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="briefgen: %(message)s", stream=sys.stderr)
    if args.verbose < 2:
        logging.getLogger("httpx2").setLevel(logging.WARNING)
        logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        overrides: dict[str, object] = {}
        if args.model:
            overrides["model"] = args.model
        if args.base_url:
            overrides["base_url"] = args.base_url
        if args.local:
            overrides["backend"] = "embedded"
        config = BriefConfig.model_validate(overrides)
        if args.output:
            check_save_path(args.output)  # fail before spending any LLM call
        brief = generate_brief(_read_article(args.article), style=args.style, config=config)
        if args.output:
            saved = brief.save(args.output)
            usage = brief.report.usage
            print(
                f"briefgen: wrote {saved} ({brief.report.model}, {usage.calls} call(s), "
                f"{usage.prompt_tokens}+{usage.completion_tokens} tokens, "
                f"{brief.report.elapsed_s:.1f}s)",
                file=sys.stderr,
            )
        else:
            sys.stdout.write(brief.markdown)
    except BriefgenError as exc:
        print(f"briefgen: error: {exc}", file=sys.stderr)
        for kind, code in _EXIT_BY_ERROR:
            if isinstance(exc, kind):
                return code
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
