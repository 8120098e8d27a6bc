"""Quotations in text: the marks that open and close them, and where they stand.

Grounding (a quote must be inside one; its speaker is read outside them) and the
extractive plan (every quotation of the article is a quote) read them the same way.

Languages pair the marks differently, and some pairs are the same marks the other way
round: French, Russian, Spanish and Italian quote «...» where German quotes »...«, and
Finnish and Swedish quote ”...” with one mark. Read with the wrong pairing, the narrative
between two quotations becomes the quotation. So a text's pairing is read off the text
itself (which of » and « comes first; whether it has any opening “), never guessed per
mark. Marks that pair only one way (“...”, „...“, 「...」, 『...』) are read in every text.
"""

from __future__ import annotations

import re
from functools import lru_cache

QUOTE_MARKS = "\"'“”„‟«»‘’‚‛‹›「」『』"

# Pairs read in every text: English and German double marks, straight quotes, the
# corner brackets of Chinese and Japanese, and English single marks (whose closing mark
# is also the apostrophe, so a reader of sentence ends leaves them out).
# A German quotation may quote inside it with „…“ again (for ‚…‘): "„Sie nannte es eine
# „Parallelaktion“ des Vereins“": its first closing mark closes the inner one.
_GERMAN = r"„(?:[^„“”\n]|„[^„“”\n]*[“”])+[“”]|„[^“”\n]+[“”]"
# Copy-edited news mixes the two double marks in one quotation ("“I disagree," said X.",
# and, mistyped, "“Apparently not,“ he said."). A straight or an opening mark closes a
# curly one only where a closing mark stands (after , . ? ! and before a space or the
# line's end); elsewhere it is inner ("“a "rigged" vote”").
_CURLY = (
    r'“(?:[^”"“\n]++|["“](?!\s|$)|(?<![,.?!…])["“](?=\s|$))++'
    r'(?:”|(?<=[,.?!…])["“](?=\s|$))'
)
_STRAIGHT = r'"[^"“”\n]+["”]'
_DOUBLE = rf"{_CURLY}|{_STRAIGHT}|\"[^\"\n]+\"|{_GERMAN}|「[^」\n]+」|『[^』\n]+』"
_SINGLE = r"‘[^’\n]+’"
_ALWAYS = f"{_DOUBLE}|{_SINGLE}"
# Guillemets, pointing out (French, Russian ...) or in (German, Danish ...).
_OUTWARD = r"«[^»\n]+»|‹[^›\n]+›"
_INWARD = r"»[^«\n]+«|›[^‹\n]+‹"
# One mark that opens and closes (Finnish, Swedish): only in a text with no “ or „.
_SAME_MARK = r"”[^”\n]+”"

QUOTED_SPAN = re.compile(f"{_ALWAYS}|{_OUTWARD}")
"""Quotations as an English, French or Russian text marks them (the usual pairing)."""


@lru_cache(maxsize=16)
def _pattern(inward: bool, same_mark: bool, singles: bool) -> re.Pattern[str]:
    parts = [_ALWAYS if singles else _DOUBLE, _INWARD if inward else _OUTWARD]
    if same_mark:
        parts.append(_SAME_MARK)
    return re.compile("|".join(parts))


def quotation_pattern(text: str, *, singles: bool = True) -> re.Pattern[str]:
    """The pattern of the quotations of ``text``, with its own pairing of the marks;
    without ‘...’ when ``singles`` is False."""
    outward, inward = text.find("«"), text.find("»")
    points_in = inward >= 0 and (outward < 0 or inward < outward)
    same_mark = "”" in text and "“" not in text and "„" not in text
    if singles and not points_in and not same_mark:
        return QUOTED_SPAN
    return _pattern(points_in, same_mark, singles)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation of ``text`` with its marks, in order."""
    return [(m.start(), m.end()) for m in quotation_pattern(text).finditer(text)]


@lru_cache(maxsize=32)
def quotations(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the inside of every quotation of ``text``, in order, without the
    spaces French sets inside its marks (« Non »)."""
    found = []
    for start, end in quoted_spans(text):
        inside, until = start + 1, end - 1
        while inside < until and text[inside].isspace():
            inside += 1
        while until > inside and text[until - 1].isspace():
            until -= 1
        found.append((inside, until))
    return tuple(found)


def blank_quotations(text: str) -> str:
    """The text with what is inside quotation marks blanked out (offsets kept)."""
    return quotation_pattern(text).sub(lambda m: " " * len(m.group(0)), text)


# A quotation worth printing as a quote: four words or more, or in unspaced writing
# (Chinese, Japanese) eight characters or more; shorter ones are terms and names.
MIN_QUOTE_WORDS = 4
_MIN_UNSPACED = 8
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def long_enough(quoted: str) -> bool:
    """Whether a quotation's inside is long enough to print as a quote."""
    if len(quoted.split()) >= MIN_QUOTE_WORDS:
        return True
    return len(_UNSPACED.findall(quoted)) >= _MIN_UNSPACED
