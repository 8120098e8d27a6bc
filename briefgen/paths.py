"""Where briefgen keeps files of its own on the user's machine."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    """BRIEFGEN_CACHE_DIR, else the platform's user cache directory plus ``briefgen``."""
    override = os.environ.get("BRIEFGEN_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "briefgen"
