"""The one tokenizer and the one stemmer, over folded text."""

from __future__ import annotations

import re
from functools import lru_cache

from briefgen.text.lexicon import STOPWORDS
from briefgen.text.normalise import fold_text

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """Folded words (letters and digits, apostrophes inside words kept)."""
    return WORD.findall(fold_text(text))


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry meaning: no stopwords, no short words but numbers."""
    return [w for w in words(text) if w not in STOPWORDS and (len(w) > 2 or w.isdigit())]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: enough to match 'officials'/'official', 'talks'/'talk' and, with a
    final "e" dropped, 'agree'/'agreed'."""
    word = word.removesuffix("'s").removesuffix("’s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


@lru_cache(maxsize=8192)
def _stem_set(text: str) -> frozenset[str]:
    # Merging compares every item with every other: each text is read once.
    return frozenset(stem(w) for w in content_words(text))


def jaccard(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1: the overlap of their stemmed content words."""
    sa, sb = _stem_set(a), _stem_set(b)
    if not sa or not sb:
        return 1.0 if fold_text(a) == fold_text(b) else 0.0
    return len(sa & sb) / len(sa | sb)
