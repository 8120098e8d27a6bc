"""``briefgen styles`` (the memo styles there are) and ``briefgen templates export DIR``
(the shipped templates and prompts, copied for editing)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from briefgen.cli.options import check_dirs
from briefgen.cli.terminal import EXIT_OK, EXIT_OUTPUT


def styles_command(argv: Sequence[str]) -> int:
    """``briefgen styles``: each memo style with what it is for."""
    from briefgen.memo.styles import available_styles

    parser = argparse.ArgumentParser(prog="briefgen styles", description="List memo styles.")
    parser.add_argument("--templates", type=Path, help="also list styles in this directory")
    args = parser.parse_args(argv)
    check_dirs(args.templates)
    for style in available_styles(args.templates).values():
        print(f"{style.name:<16} {style.description}")
    return EXIT_OK


def templates_command(argv: Sequence[str]) -> int:
    """``briefgen templates export DIR``: the shipped templates and prompts, for editing."""
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
