"""Where memos go, decided and checked before any model is paid.

``plan_targets`` turns ``-o FILE`` / ``-d DIR`` into one destination per article, or
one for all of them with ``--combine`` (``DIR/dossier<suffix>`` under ``-d``). It never
lets a memo replace one of the articles it is made from: ``-o`` naming an input (by any
path, symlink or hard link) is refused, and under ``-d`` a memo whose name is taken by
an input is called ``<stem>.memo<suffix>`` instead. ``check_targets`` then
proves each destination can be written, and ``write_memo`` puts a memo there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import UsageError
from briefgen.render.files import check_writable, same_file

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass
class Plan:
    """One destination per article (None: standard output), and notes for the user."""

    targets: list[Path | None]
    notes: list[str] = field(default_factory=list)


def slug(spec: str) -> str:
    """A file name stem for the memo of ``spec``: the file's stem, or the URL's host and
    path, or "stdin"."""
    if spec == "-":
        return "stdin"
    if re.match(r"(?i)^https?://", spec):
        name = re.sub(r"(?i)^https?://", "", spec).rstrip("/")
    else:
        name = Path(spec).stem
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:80] or "memo"


def input_files(specs: Sequence[str]) -> list[tuple[str, Path]]:
    """The articles that are local files, as (argument, path)."""
    return [(spec, Path(spec)) for spec in specs if spec != "-" and not _URL.match(spec)]


DOSSIER_STEM = "dossier"
"""The name, under ``-d DIR``, of the one memo that ``--combine`` makes."""


def plan_targets(
    specs: Sequence[str],
    *,
    output: str | None,
    output_dir: str | None,
    suffix: str,
    binary: bool,
    combine: bool = False,
) -> Plan:
    """The memo destinations for ``specs``; UsageError when there is none that works.

    With ``combine`` all of ``specs`` make one memo, so there is one destination, and it
    must not be any of them."""
    inputs = input_files(specs)
    several = len(specs) > 1 and not combine

    def article_at(path: Path) -> str | None:
        return next((spec for spec, source in inputs if same_file(path, source)), None)

    if output is not None:
        if several:
            raise UsageError(
                "-o takes one article; use -d DIR for one memo each, or --combine for one "
                "memo of all."
            )
        clash = article_at(Path(output))
        if clash is not None:
            raise UsageError(
                f"-o {output} is the article {clash} itself: the memo would replace it. "
                "Name another file."
            )
        return Plan([Path(output)])
    if output_dir is None:
        if several:
            raise UsageError(
                "Several articles need -d DIR (one memo file each), or --combine (one memo of all)."
            )
        if binary:
            raise UsageError(f"A {suffix} memo needs -o FILE or -d DIR.")
        return Plan([None])
    directory = Path(output_dir)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} is not a directory.")
    plan = Plan([])
    taken: set[str] = set()
    for stem in [DOSSIER_STEM] if combine else [slug(spec) for spec in specs]:
        name = stem
        n = 1
        while f"{name}{suffix}" in taken:
            n += 1
            name = f"{stem}-{n}"
        target = directory / f"{name}{suffix}"
        clash = article_at(target)
        if clash is not None:
            memo, n = directory / f"{name}.memo{suffix}", 1
            while memo.name in taken or article_at(memo) is not None:
                n += 1
                memo = directory / f"{name}.memo-{n}{suffix}"
            whose = "the" if combine else "its"
            plan.notes.append(
                f"{target} would replace the article {clash}; writing {whose} memo to {memo} "
                "instead."
            )
            target = memo
        taken.add(target.name)
        plan.targets.append(target)
    return plan


def check_targets(targets: Sequence[Path | None]) -> None:
    """UsageError now, before any request, for a destination that cannot be written."""
    probed: set[Path] = set()
    for target in targets:
        if target is None:
            continue
        if target.is_dir():
            raise UsageError(f"Cannot write the memo to {target}: it is a directory.")
        if target.parent in probed and not target.is_symlink():
            continue  # one probe file a directory is enough
        probed.add(target.parent)
        try:
            check_writable(target)
        except OSError as exc:
            raise UsageError(f"Cannot write the memo to {target}: {exc.strerror or exc}.") from exc
