"""Text folding shared by alignment, merging and support checks.

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

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

HONORIFICS = frozenset(
    """
    mr mrs ms mx dr prof sir dame lord lady president vice prime minister secretary foreign
    defence defense interior finance state general gen lt col colonel major maj captain capt
    admiral adm ambassador amb senator sen representative rep governor gov chancellor king
    queen prince princess sheikh emir crown top aide spokesman spokeswoman spokesperson
    chief deputy envoy special of the for and
    """.split()
)

STOPWORDS = frozenset(
    """
    a an the and or but if then than that this these those there their they them he she it
    its his her our we you your i me my to of in on at by for from with without into onto
    over under about as is are was were be been being has have had do does did will would
    shall should can could may might must not no nor so such also very more most other some
    any each all both few many much own same only just too which who whom whose what when
    where why how while during before after since until upon against between among within
    said says say told according per
    """.split()
)


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    ch = ch.translate(_TRANSLATE)
    if ch.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


_ASCII_TABLE = str.maketrans({"`": "'"})
_NON_SPACE = re.compile(r"\S+")


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, per folded character, the index of its source character."""
    if text.isascii():
        return _fold_ascii(text)
    out: list[str] = []
    index: list[int] = []
    previous_space = True  # also trims leading whitespace
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        if folded == " ":
            if previous_space:
                continue
            previous_space = True
        else:
            previous_space = False
        for piece in folded:
            out.append(piece)
            index.append(i)
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


def fold_text(text: str) -> str:
    """``fold(text)[0]`` without the offsets."""
    if text.isascii():
        return " ".join(text.translate(_ASCII_TABLE).lower().split())
    return _fold_text_cached(text)


@lru_cache(maxsize=4096)
def _fold_text_cached(text: str) -> str:
    return fold(text)[0]


@lru_cache(maxsize=64)
def folded_article(text: str) -> tuple[str, tuple[int, ...]]:
    """fold() of a whole article, cached: grounding asks for it once per item."""
    folded, index = fold(text)
    return folded, tuple(index)


def words(text: str) -> list[str]:
    """Folded words (letters and digits, apostrophes inside words kept)."""
    return _WORD.findall(fold_text(text))


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and (len(w) > 2 or w.isdigit())]


def stem(word: str) -> str:
    """A crude stem: enough to match 'officials'/'official', 'talks'/'talk'."""
    word = word.removesuffix("'s").removesuffix("’s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def jaccard(a: str, b: str) -> float:
    sa = {stem(w) for w in content_words(a)}
    sb = {stem(w) for w in content_words(b)}
    if not sa or not sb:
        return 1.0 if fold_text(a) == fold_text(b) else 0.0
    return len(sa & sb) / len(sa | sb)
