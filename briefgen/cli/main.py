"""Command line.

    briefgen ARTICLE... [-o OUT | -d DIR] [--style STYLE] [--format md|json|html|docx] ...
    briefgen ARTICLE... --combine [-o OUT | -d DIR] [--on-article-failure skip|raise] ...
    briefgen styles [--templates DIR]
    briefgen templates export DIR [--force]
    briefgen batch {submit,status,collect,run,export,import} ...   (see cli/batch.py)
    briefgen story {list,show,export,forget} ...                   (see cli/story.py)
    briefgen ARTICLE... --story NAME | --since FILE ...             (a memo since earlier ones)

ARTICLE is a .txt, .md or .html file, an http(s) URL, or ``-`` for standard input.
Without ``--combine`` each article makes its own memo; with it, all of them make one
memo (a dossier, see ``briefgen.generate_dossier``).
"""

from __future__ import annotations

import importlib
import signal
import sys
from collections.abc import Callable, Sequence

from briefgen.cli.options import memo_parser
from briefgen.cli.terminal import (
    EXIT_CODES_HELP,
    Terminated,
    exit_code,
    load,
    on_sigterm,
    say,
    setup_logging,
)
from briefgen.errors import BriefgenError

# Only the light modules above load before main() starts: the rest (pydantic, jinja2, the
# openai SDK) load inside it, where Ctrl-C during start-up ends quietly with 130.

SUBCOMMANDS: dict[str, str] = {
    "styles": "briefgen.cli.setup_commands:styles_command",
    "templates": "briefgen.cli.setup_commands:templates_command",
    "batch": "briefgen.cli.batch:main",
    "story": "briefgen.cli.story:main",
}
"""``briefgen NAME ...`` -> the function that runs it (module:function, loaded on use).
Anything else is the memo command's ARTICLE; a file called "styles" is still ./styles."""


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


def _subcommand(name: str) -> Callable[[Sequence[str]], int]:
    module, function = SUBCOMMANDS[name].split(":")
    load(module)
    command: Callable[[Sequence[str]], int] = getattr(importlib.import_module(module), function)
    return command


def _main(arguments: list[str]) -> int:
    load("briefgen.config", "briefgen.ingest.sources", "briefgen.cli.memo")
    from briefgen.cli.memo import run_memos

    try:
        if arguments and arguments[0] in SUBCOMMANDS:
            return _subcommand(arguments[0])(arguments[1:])
        args = memo_parser(EXIT_CODES_HELP).parse_args(arguments)
        setup_logging(args.verbose)
        return run_memos(args)
    except BriefgenError as exc:
        say(f"briefgen: error: {exc}")
        return exit_code(exc)
