"""Where memos go, decided and checked before any model is paid.

``plan_targets`` turns ``-o FILE`` / ``-d DIR`` into one destination per article, or
one for all of them with ``--combine`` (``DIR/dossier<suffix>`` under ``-d``). It never
lets a memo replace one of the articles it is made from: ``-o`` naming an input (by any
path, symlink or hard link) is refused, and under ``-d`` a memo whose name is taken by
an input is called ``<stem>.memo<suffix>`` instead. ``check_targets`` then
proves each destination can be written, and ``write_memo`` puts a memo there.

The batch commands plan their memos here too, later and maybe from another directory:
``anchored`` names an input file by its absolute path, so that the same inputs are
protected wherever the plan is made. ``check_output`` is the same rule for one file that
is no memo (a batch request file).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import UsageError
from briefgen.render.files import check_writable

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


def anchored(spec: str) -> str:
    """``spec`` as a name that means the same article from any directory: a local file
    that exists by its absolute path; standard input, a URL or a mere name as it is."""
    if spec == "-" or _URL.match(spec) or not os.path.lexists(spec):
        return spec
    return str(Path(spec).absolute())


class _Inputs:
    """The input files, found by identity (device and inode) or, for a path that does not
    exist yet, by where it would land: ``same_file`` for many paths at once, without
    comparing each destination with each input."""

    def __init__(self, inputs: Sequence[tuple[str, Path]]):
        self.by_inode: dict[tuple[int, int], str] = {}
        self.by_place: dict[str, str] = {}
        self.missing: dict[str, str] = {}
        for spec, source in inputs:
            place = os.path.realpath(source)
            self.by_place.setdefault(place, spec)
            try:
                found = source.stat()
            except OSError:
                self.missing.setdefault(place, spec)
                continue
            self.by_inode.setdefault((found.st_dev, found.st_ino), spec)

    def at(self, path: Path) -> str | None:
        """The input that ``path`` names (by any path, symlink or hard link), if any."""
        try:
            place = os.path.realpath(path)
        except (OSError, ValueError):
            return None
        try:
            found = path.stat()
        except (OSError, ValueError):  # not there (yet): where writing it would land
            return self.by_place.get(place)
        return self.by_inode.get((found.st_dev, found.st_ino)) or self.missing.get(place)


def check_output(path: Path, specs: Sequence[str], what: str) -> None:
    """UsageError, before anything is read or written, when ``path`` (``what``: "the
    request file") is one of the articles ``specs`` or cannot be written."""
    clash = _Inputs(input_files(specs)).at(path)
    if clash is not None:
        raise UsageError(
            f"-o {path} is the article {clash} itself: {what} would replace it. Name another file."
        )
    if path.is_dir():
        raise UsageError(f"Cannot write {what} to {path}: it is a directory.")
    try:
        check_writable(path)
    except OSError as exc:
        raise UsageError(f"Cannot write {what} to {path}: {exc.strerror or exc}.") from exc


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
    article_at = _Inputs(input_files(specs)).at
    several = len(specs) > 1 and not combine

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
