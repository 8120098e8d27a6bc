"""The command line's options, and the BriefConfig they stand for."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import __version__
from briefgen.errors import ConfigError

if TYPE_CHECKING:
    from briefgen.config import BriefConfig

# BriefConfig fields and the options that set them, to name the option in an error.
_SAME_NAME = "model base_url grounding allow_paraphrase max_concurrency timeout max_retries "
_SAME_NAME += "classification plan verify portion_mark memo_to memo_from office cleared "
_SAME_NAME += "date_format decision_by visit on_article_failure"
_OPTION_OF = {name: "--" + name.replace("_", "-") for name in _SAME_NAME.split()} | {
    "backend": "--local",
    "template_dir": "--templates",
    "prompt_dir": "--prompts",
    "cache": "--no-cache",
    "memo_date": "--date",
    "since_withdrawn": "--since-withdrawn",
    "since_model": "--since-model",
    "memo_language": "--memo-language",
    "quotation_annex": "--no-quotation-annex",
}


def memo_parser(epilog: str) -> argparse.ArgumentParser:
    """The options of ``briefgen ARTICLE...``."""
    parser = argparse.ArgumentParser(
        prog="briefgen",
        description="Turn news articles into grounded diplomatic briefing memos. "
        "Other commands: 'briefgen styles', 'briefgen templates export DIR', "
        "'briefgen batch {submit,status,collect,run,export,import}', "
        "'briefgen story {list,show,export,forget}'.",
        epilog=epilog,
        parents=[model_options(), memo_options(), since_options(), verbosity()],
    )
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    parser.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE",
        help="a .txt, .md or .html file, an http(s) URL, or - for standard input",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "-o", "--output", help="write the memo to this file (one article, or --combine)"
    )
    where.add_argument(
        "-d",
        "--output-dir",
        metavar="DIR",
        help="write one memo per article into DIR (with --combine: the one memo, as "
        "DIR/dossier.md, .json, .html or .docx)",
    )
    parser.add_argument(
        "--combine",
        action="store_true",
        help="one memo from all the articles (a dossier citing A<n>:S<m>), not one per "
        "article; an article that cannot be read is left out and listed as not covered",
    )
    parser.add_argument(
        "--on-article-failure",
        choices=["skip", "raise"],
        help="with --combine: leave out an article that cannot be read or extracted and "
        "go on (skip, default), or stop with nothing written (raise)",
    )
    parser.add_argument(
        "--format",
        choices=sorted(_formats()),
        help="output format (default: from the -o suffix, else md)",
    )
    parser.add_argument(
        "--estimate",
        action="store_true",
        help="print the calls, tokens and cost expected, and call nothing",
    )
    return parser


def _formats() -> dict[str, str]:
    from briefgen.render.formats import FORMAT_SUFFIXES

    return FORMAT_SUFFIXES


def format_option(parser: argparse.ArgumentParser, *, default: str | None = "md") -> None:
    """``--format``, with every format a memo is written in."""
    parser.add_argument("--format", choices=sorted(_formats()), default=default)


def verbosity() -> argparse.ArgumentParser:
    """``-q`` and ``-v``: the parent every command takes them from."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    return parser


def model_options() -> argparse.ArgumentParser:
    """The options of the model and its calls, shared by every command that makes memos."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--model", help="model name (default: BRIEFGEN_MODEL or gpt-4o-mini)")
    parser.add_argument(
        "--base-url",
        help="OpenAI-compatible server URL (vLLM, Ollama, ...; for batch jobs, one with "
        "/v1/files and /v1/batches)",
    )
    parser.add_argument(
        "--local", action="store_true", help="use the embedded model even if a key is set"
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
    parser.add_argument("--prompts", type=Path, help="directory of prompts overriding ours")
    return parser


def memo_options() -> argparse.ArgumentParser:
    """The options of what the memo says and how it looks: style, grounding, header."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--style", default="info-memo", help="memo style (see 'briefgen styles')")
    parser.add_argument("--templates", type=Path, help="directory of templates overriding ours")
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
    parser.add_argument(
        "--no-quotation-annex",
        action="store_true",
        help="leave out the annex that lists every quotation of the article with its speaker",
    )
    parser.add_argument(
        "--memo-language",
        metavar="CODE",
        help="the memo's language (ISO 639-1, default en): another article's lines are "
        "checked in its own language and shown translated; 'source' keeps its language",
    )
    _header_options(parser)
    parser.add_argument(
        "--pdf-password", metavar="PASSWORD", help="the password of an encrypted PDF source"
    )
    return parser


def since_options() -> argparse.ArgumentParser:
    """The options of a memo made since earlier memos of its story: ``--since FILE``
    (repeatable), ``--story NAME``, and what the section holds."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(
        "--since",
        action="append",
        type=Path,
        metavar="FILE",
        help="an earlier memo of the story (its .json file; repeat for each, oldest first): "
        "the memo opens with what is new and what changed since",
    )
    parser.add_argument(
        "--story",
        metavar="NAME",
        help="keep the memo in the local story NAME and make it since every earlier memo "
        "of that story (with several articles: one after another, in order)",
    )
    parser.add_argument(
        "--since-withdrawn",
        action="store_true",
        help="with --since or --story: also list what an earlier memo said that the "
        "article contradicts or withdraws",
    )
    parser.add_argument(
        "--since-model",
        action="store_true",
        help="with --since or --story: one more call in which the model adds changes the "
        "rules cannot see (each grounded on both sides)",
    )
    return parser


def _header_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--classification",
        help="banner, top and bottom, e.g. 'UNCLASSIFIED//SBU', 'CUI' or 'OFFICIAL'",
    )
    parser.add_argument(
        "--portion-mark",
        metavar="MARK",
        help="mark before every portion, e.g. U prints (U); 'none' prints no portion marks "
        "(default: from the banner)",
    )
    parser.add_argument("--memo-to", metavar="NAME", help="whom the memo is for")
    parser.add_argument("--memo-from", metavar="NAME", help="who sends it")
    parser.add_argument("--office", help="drafting office, on the Drafted line")
    parser.add_argument(
        "--cleared",
        action="append",
        metavar="NAME",
        help="who cleared the memo (repeat the option for each)",
    )
    parser.add_argument("--date", dest="memo_date", metavar="TEXT", help="the memo's date")
    parser.add_argument(
        "--date-format",
        metavar="FORMAT",
        help="us (November 29, 2026), uk (29 November 2026), iso, or a strftime pattern "
        "(default: the style's)",
    )
    parser.add_argument(
        "--decision-by", metavar="WHEN", help="action memo, submission: decision needed by"
    )
    parser.add_argument(
        "--visit",
        type=Path,
        metavar="FILE",
        help="scene-setter: a TOML file with principal, counterpart, place, dates, objectives",
    )


def config_from(args: argparse.Namespace) -> BriefConfig:
    """The BriefConfig the options ask for (those the command has; the rest keep their
    defaults); a bad value is one ConfigError line."""
    from pydantic import ValidationError

    from briefgen.config import BriefConfig

    given = vars(args)
    settings: dict[str, Any] = {
        field: read(given[option]) for option, (field, read) in _FIELDS.items() if option in given
    }
    check_dirs(given.get("templates"), given.get("prompts"))
    chosen = {k: v for k, v in settings.items() if v is not None}
    if given.get("portion_mark") is not None and chosen.get("portion_mark") is None:
        chosen["portion_mark"] = None  # --portion-mark none
    if str(given.get("memo_language") or "").strip().lower() == "source":
        chosen["memo_language"] = None  # the memo in the article's own language
    try:
        return BriefConfig.model_validate(chosen)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, settings)) from None


def _portion_mark(value: str | None) -> str | None:
    return None if value is None or value.strip().lower() == "none" else value


def _memo_language(value: str | None) -> Any:
    """A language code as the config takes it; "source" is set apart by config_from."""
    if value is None or value.strip().lower() == "source":
        return None
    return value.strip().lower()


def _same(value: Any) -> Any:
    return value


def _set_only(value: Any) -> Any:
    """A flag's meaning when given; None (the config's default) when not."""
    return True if value else None


# Each option's destination -> (BriefConfig field, how its value reads): the one table
# that both the memo command and the batch commands build their config from.
_FIELDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    **{name: (name, _same) for name in _SAME_NAME.split() if name not in {"allow_paraphrase"}},
    "allow_paraphrase": ("allow_paraphrase", _set_only),
    "since_withdrawn": ("since_withdrawn", _set_only),
    "since_model": ("since_model", _set_only),
    "memo_language": ("memo_language", _memo_language),
    "pdf_password": ("pdf_password", _same),
    "local": ("backend", lambda on: "embedded" if on else None),
    "templates": ("template_dir", _same),
    "prompts": ("prompt_dir", _same),
    "no_cache": ("cache", lambda off: False if off else None),
    "no_quotation_annex": ("quotation_annex", lambda off: False if off else None),
    "memo_date": ("memo_date", _same),
    "portion_mark": ("portion_mark", _portion_mark),
    "visit": ("visit", lambda path: read_visit(path) if path is not None else None),
}


def read_visit(path: Path) -> dict[str, Any]:
    """The visit TOML file (principal, counterpart, place, dates, objectives)."""
    import importlib
    import sys

    try:  # tomllib from Python 3.11; tomli, its original, before
        toml: Any = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    except ImportError:
        raise ConfigError("--visit needs Python 3.11 or the tomli package.") from None
    try:
        with path.open("rb") as handle:
            visit: dict[str, Any] = toml.load(handle)
    except OSError as exc:
        raise ConfigError(f"--visit {path}: cannot read it ({exc.strerror or exc}).") from None
    except toml.TOMLDecodeError as exc:
        raise ConfigError(f"--visit {path}: not valid TOML ({exc}).") from None
    return visit


def _describe(exc: Any, settings: dict[str, Any]) -> str:
    """A pydantic ValidationError as one line: the option, its value and the rule."""
    problems = []
    for problem in exc.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        rule = str(problem["msg"]).removeprefix("Value error, ")
        rule = rule.replace("Input should be", "must be")
        option = _OPTION_OF.get(field)
        if not field and rule.startswith("portion mark"):  # the banner check, of two fields
            option, field = "--portion-mark", "portion_mark"
        if option and settings.get(field) is not None and not isinstance(settings[field], bool):
            option = f"{option} {settings[field]}"
        problems.append(f"{option or field or 'settings'}: {rule}")
    return "; ".join(problems)


def check_dirs(*directories: Path | None) -> None:
    """ConfigError for a directory option that names no directory."""
    for directory in directories:
        if directory is not None and not directory.is_dir():
            raise ConfigError(f"No such directory: {directory}")
