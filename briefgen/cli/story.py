"""``briefgen story ...``: the stories in the local store, and the memo command's way
with ``--story`` and ``--since``.

    briefgen story list
    briefgen story show NAME [--format md|html] [-o FILE]
    briefgen story export NAME [-o FILE]
    briefgen story forget NAME

``briefgen ARTICLE... --story NAME`` makes the memos one after another, in the order
given, each since every earlier memo of the story (those already kept and those made
just before it), and keeps each in the story.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.cli.options import verbosity
from briefgen.cli.terminal import (
    EXIT_CODES_HELP,
    EXIT_FAILED,
    EXIT_OK,
    exit_code,
    load,
    report_error,
    say,
    setup_logging,
)
from briefgen.errors import BriefgenError, StoryStoreError

if TYPE_CHECKING:
    from briefgen.brief import Brief
    from briefgen.config import BriefConfig
    from briefgen.ingest.article import Article
    from briefgen.render.formats import Format
    from briefgen.run.story_store import StoryStore

EXPORT_FORMAT = 1
"""The format of ``briefgen story export``'s JSON (its memos are memo JSON of their own
format each)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefgen story",
        description="The stories kept in the local store (BRIEFGEN_DATA_DIR, else the user "
        "data directory): each memo made with --story NAME is kept in story NAME.",
        epilog=EXIT_CODES_HELP,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", parents=[verbosity()], help="every story, with its memos")
    show = commands.add_parser(
        "show", parents=[verbosity()], help="a story's timeline: what first appeared when"
    )
    show.add_argument("name", metavar="NAME")
    show.add_argument("--format", choices=["md", "html"], default="md")
    show.add_argument("-o", "--output", type=Path, help="write it to this file")
    export = commands.add_parser(
        "export", parents=[verbosity()], help="every memo of a story, as one JSON document"
    )
    export.add_argument("name", metavar="NAME")
    export.add_argument("-o", "--output", type=Path, help="write it to this file")
    forget = commands.add_parser(
        "forget", parents=[verbosity()], help="remove a story and its memos from the store"
    )
    forget.add_argument("name", metavar="NAME")
    return parser


def main(argv: Sequence[str]) -> int:
    """``briefgen story COMMAND ...``."""
    args = _parser().parse_args(list(argv))
    setup_logging(args.verbose)
    load("briefgen.run.story_store")
    from briefgen.run.story_store import StoryStore

    store = StoryStore()
    if args.command == "list":
        return _list(store)
    if args.command == "forget":
        count = store.forget(args.name)
        if not args.quiet:
            say(f"briefgen: forgot story {args.name!r} ({count} memo(s)) in {store.path}")
        return EXIT_OK
    stored = [(m.seq, m.document) for m in store.memos(args.name)]
    if args.command == "show":
        from briefgen.render.timeline import timeline_html, timeline_markdown

        render = timeline_html if args.format == "html" else timeline_markdown
        return _emit(render(args.name, stored), args.output)
    from briefgen.memo.stored import memo_payload

    payload = {
        "briefgen_story_format": EXPORT_FORMAT,
        "story": args.name,
        "memos": [{"number": n, "memo": memo_payload(doc)} for n, doc in stored],
    }
    return _emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", args.output)


def _list(store: StoryStore) -> int:
    stories = store.stories()
    if not stories:
        say(f"briefgen: no story in {store.path} yet; make a memo with --story NAME.")
        return EXIT_OK
    for story in stories:
        span = story.first if story.first == story.last else f"{story.first} to {story.last}"
        print(f"{story.name}\t{story.memos} memo(s)\t{span}")
    return EXIT_OK


def _emit(text: str, target: Path | None) -> int:
    from briefgen.render.files import write_atomic

    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    try:
        write_atomic(target, text)
    except OSError as exc:
        say(f"briefgen: error: cannot write {target}: {exc}")
        return EXIT_FAILED
    return EXIT_OK


def story_memos(
    args: argparse.Namespace,
    config: BriefConfig,
    fmt: Format,
    targets: list[Path | None],
    read: Callable[[str], Article],
) -> int:
    """The memo command with ``--story`` or ``--since``, one article after another: each
    memo made since the earlier ones (and, with ``--story``, kept as the next of them).
    An article that cannot be read (by ``read``) or made is reported and the others go on."""
    load("briefgen.api")
    from briefgen.api import generate_brief
    from briefgen.run.earlier import read_since

    since = list(args.since or [])
    read_since(since)  # a bad --since file stops the command before any article is read
    first_failure = EXIT_OK
    for spec, target in zip(args.articles, targets or [None] * len(args.articles), strict=True):
        try:
            article = read(spec)
            brief = generate_brief(
                article, style=args.style, config=config, since=since or None, story=args.story
            )
        except StoryStoreError as exc:
            # The later memos could not be made since this one: stop here.
            code = kept_anyway(exc, fmt, target, quiet=args.quiet)
            return first_failure or code
        except BriefgenError as exc:
            report_error(spec, exc, named=True)
            first_failure = first_failure or exit_code(exc)
            continue
        first_failure = first_failure or write(brief, fmt, target, quiet=args.quiet)
    return first_failure


def kept_anyway(exc: StoryStoreError, fmt: Format, target: Path | None, *, quiet: bool) -> int:
    """A store that failed after the memo was made: the memo is still written."""
    from briefgen.brief import Brief

    if isinstance(exc.memo, Brief):
        write(exc.memo, fmt, target, quiet=quiet)
        say(f"briefgen: error: the memo was written but not kept in the story: {exc}")
    else:
        say(f"briefgen: error: {exc}")
    return exit_code(exc)


def write(brief: Brief, fmt: Format, target: Path | None, *, quiet: bool) -> int:
    """Write one memo; the exit code of a failure to."""
    from briefgen.cli.outputs import write_memo

    try:
        write_memo(brief, fmt, target, quiet=quiet)
    except BriefgenError as exc:
        say(f"briefgen: error: {exc}")
        return exit_code(exc)
    except OSError as exc:
        say(f"briefgen: error: cannot write {target}: {exc}")
        return EXIT_FAILED
    return EXIT_OK
