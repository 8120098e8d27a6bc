"""Writing files so that a crash never leaves half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# os.umask can only be read by setting it; read it once, at import, before any threads.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(target: Path, content: str | bytes) -> None:
    """Write ``content`` to a temporary file beside ``target``, then move it into place in
    one step: readers see the old file or the new one, never a part.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private; a memo gets the mode any new file would get.
        os.chmod(temp_name, 0o666 & ~_UMASK)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
