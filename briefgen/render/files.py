"""Writing files so that a crash never leaves half of one, and checking a destination
before any money is spent on what will go there."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

# os.umask can only be read by setting it; read it once, at import, before any threads.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(target: Path, content: str | bytes) -> None:
    """Write ``content`` to a temporary file beside ``target``, then move it into place in
    one step: readers see the old file or the new one, never a part.

    A symlink is written through (the file it points at is replaced, the link stays), and
    a file that is replaced keeps its permissions.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = _through_links(target)
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    handle, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def check_writable(target: Path) -> None:
    """Raise OSError now if ``target`` could not be written (its directory missing or
    read-only, or a directory in its place): found before the model is paid, not after."""
    _no_link_loop(target)
    target = _through_links(target)
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a directory")
    directory = target.parent if str(target.parent) else Path(".")
    probe_dir = directory
    while not probe_dir.exists() and probe_dir != probe_dir.parent:
        probe_dir = probe_dir.parent  # write_atomic will create the missing directories
    # A real file made and removed: permission bits alone lie for root and read-only mounts.
    handle, name = tempfile.mkstemp(dir=probe_dir, prefix=".briefgen-probe.", suffix=".tmp")
    os.close(handle)
    os.unlink(name)


def _no_link_loop(target: Path) -> None:
    """OSError for a symbolic link on the way to ``target`` that loops (``-o loop`` where
    loop -> loop), or a directory on the way that is a link to nothing: writing there
    would fail only after the memo was paid for."""
    for part in (target, *target.parents):
        if not part.is_symlink():
            continue
        try:
            os.path.realpath(part, strict=True)
        except FileNotFoundError:
            if part != target:  # a dangling link to the file itself is written through
                raise NotADirectoryError(f"{part} is a link to nothing") from None
        except OSError as exc:
            raise OSError(f"{part} is a symbolic link loop") from exc


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through links, relative parts, hard links).

    A path that does not exist yet is compared by where writing it would land:
    ``sub/../story.md`` is ``story.md`` even before ``sub`` exists.
    """
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return os.path.realpath(a) == os.path.realpath(b)
    except OSError:
        return False


def _through_links(target: Path) -> Path:
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        # mkstemp makes the file private; a new memo gets the mode any new file would get.
        return 0o666 & ~_UMASK
