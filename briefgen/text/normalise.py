"""The one text normaliser: folding shared by alignment, names, merging and support checks.

``fold`` maps quote marks, dashes, whitespace, case and diacritics to one form and keeps,
for every folded character, the index of the original character it came from, so a match
in folded text converts back to exact offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES_DOUBLE = '"“”„‟«»″〝〞＂'
_QUOTES_SINGLE = "'‘’‚‛‹›′`´＇"
_DASHES = "-‐‑‒–—―−﹘﹣－"
_TRANSLATE = {ord(c): '"' for c in _QUOTES_DOUBLE}
_TRANSLATE.update({ord(c): "'" for c in _QUOTES_SINGLE})
_TRANSLATE.update({ord(c): "-" for c in _DASHES})
_TRANSLATE[ord("…")] = "..."
# Joiners and bidi marks change how a word is drawn, not what it says: "می‌خواهد" with
# its zero-width non-joiner is "میخواهد" when compared.
_TRANSLATE.update(dict.fromkeys(map(ord, "\u200c\u200d\u200e\u200f"), ""))


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """One character folded: plain quotes and dashes, one space, no accents, lower case,
    no joiners or bidi marks."""
    ch = ch.translate(_TRANSLATE)
    if not ch:
        return ""
    if ch.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


_ASCII_TABLE = str.maketrans({"`": "'"})
_NON_SPACE = re.compile(r"\S+")
_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")
_SPACE_OR_WORD = re.compile(r"\s+|\S+")


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, per folded character, the index of its source character."""
    if text.isascii():
        return _fold_ascii(text)
    out: list[str] = []
    index: list[int] = []
    previous_space = True  # also trims leading whitespace
    # News text is mostly ASCII even where it is not all ASCII: fold ASCII runs whole and
    # only the other characters one by one (same result as folding every character).
    for run in _RUNS.finditer(text):
        base = run.start()
        chunk = run.group()
        if chunk.isascii():
            lowered = chunk.translate(_ASCII_TABLE).lower()
            for piece in _SPACE_OR_WORD.finditer(lowered):
                if piece.group()[0].isspace():
                    if not previous_space:
                        out.append(" ")
                        index.append(base + piece.start())
                        previous_space = True
                else:
                    out.append(piece.group())
                    index.extend(range(base + piece.start(), base + piece.end()))
                    previous_space = False
            continue
        for offset, ch in enumerate(chunk):
            folded = fold_char(ch)
            if not folded:
                continue  # a joiner or bidi mark: nothing to compare
            if folded == " ":
                if previous_space:
                    continue
                previous_space = True
            else:
                previous_space = False
            out.extend(folded)
            index.extend([base + offset] * len(folded))
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def _fold_ascii(text: str) -> tuple[str, list[int]]:
    # Most news text is ASCII: fold it with whole-string operations, same result.
    lowered = text.translate(_ASCII_TABLE).lower()
    pieces: list[str] = []
    index: list[int] = []
    previous_end = -1
    for match in _NON_SPACE.finditer(lowered):
        if previous_end >= 0:
            pieces.append(" ")
            index.append(previous_end)
        pieces.append(match.group())
        index.extend(range(match.start(), match.end()))
        previous_end = match.end()
    return "".join(pieces), index


# Longer than a sentence: a whole article, whose fold grounding keeps with its offsets.
_ARTICLE_LENGTH = 2000


def fold_text(text: str) -> str:
    """``fold(text)[0]`` without the offsets."""
    if text.isascii():
        return " ".join(text.translate(_ASCII_TABLE).lower().split())
    if len(text) > _ARTICLE_LENGTH:
        return folded_article(text)[0]  # one fold of an article, not one for each use
    return _fold_text_cached(text)


@lru_cache(maxsize=4096)
def _fold_text_cached(text: str) -> str:
    return fold(text)[0]


@lru_cache(maxsize=64)
def folded_article(text: str) -> tuple[str, tuple[int, ...]]:
    """fold() of a whole article, cached: grounding asks for it once per item."""
    folded, index = fold(text)
    return folded, tuple(index)
