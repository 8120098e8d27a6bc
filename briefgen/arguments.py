"""The command line's options, and the BriefConfig they stand for."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import __version__
from briefgen.errors import ConfigError

if TYPE_CHECKING:
    from briefgen.config import BriefConfig

# BriefConfig fields and the options that set them, to name the option in an error.
_SAME_NAME = "model base_url grounding allow_paraphrase max_concurrency timeout max_retries "
_SAME_NAME += "classification plan verify"
_OPTION_OF = {name: "--" + name.replace("_", "-") for name in _SAME_NAME.split()} | {
    "backend": "--local",
    "template_dir": "--templates",
    "prompt_dir": "--prompts",
    "cache": "--no-cache",
}


def memo_parser(epilog: str) -> argparse.ArgumentParser:
    """The options of ``briefgen ARTICLE...``."""
    from briefgen.render.formats import FORMAT_SUFFIXES

    parser = argparse.ArgumentParser(
        prog="briefgen",
        description="Turn news articles into grounded diplomatic briefing memos. "
        "Other commands: 'briefgen styles', 'briefgen templates export DIR'.",
        epilog=epilog,
    )
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
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
    parser.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="seconds per request (default 120)"
    )
    parser.add_argument(
        "--max-retries",
        type=int,
        metavar="N",
        help="retries of a request that failed in passing: timeout, 429, 5xx (default 4)",
    )
    parser.add_argument(
        "--plan",
        choices=["auto", "extractive", "abstractive"],
        help="extractive: the model only picks the article's sentences (for small models; "
        "the embedded model's default); abstractive: it writes the items",
    )
    parser.add_argument(
        "--verify",
        choices=["off", "model"],
        help="model: one more call per memo in which the model checks every statement "
        "against its cited sentences",
    )
    parser.add_argument("--classification", help="banner, e.g. 'UNCLASSIFIED//SBU' or 'CUI'")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    return parser


def config_from(args: argparse.Namespace) -> BriefConfig:
    """The BriefConfig the options ask for; a bad value is one ConfigError line."""
    from pydantic import ValidationError

    from briefgen.config import BriefConfig

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
        "timeout": args.timeout,
        "max_retries": args.max_retries,
        "classification": args.classification,
        "plan": args.plan,
        "verify": args.verify,
    }
    check_dirs(args.templates, args.prompts)
    try:
        return BriefConfig.model_validate({k: v for k, v in settings.items() if v is not None})
    except ValidationError as exc:
        raise ConfigError(_describe(exc, settings)) from None


def _describe(exc: Any, settings: dict[str, Any]) -> str:
    """A pydantic ValidationError as one line: the option, its value and the rule."""
    problems = []
    for problem in exc.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        rule = str(problem["msg"]).removeprefix("Value error, ")
        rule = rule.replace("Input should be", "must be")
        option = _OPTION_OF.get(field)
        if option and settings.get(field) is not None and not isinstance(settings[field], bool):
            option = f"{option} {settings[field]}"
        problems.append(f"{option or field or 'settings'}: {rule}")
    return "; ".join(problems)


def check_dirs(*directories: Path | None) -> None:
    for directory in directories:
        if directory is not None and not directory.is_dir():
            raise ConfigError(f"No such directory: {directory}")
