"""Quotations in text: the marks that open and close them, and where they stand.

Grounding (a quote must be inside one; its speaker is read outside them) and the
extractive plan (every quotation of the article is a quote) read them the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

QUOTE_MARKS = "\"'“”„‟«»‘’‚‛‹›"
QUOTED_SPAN = re.compile(r"“[^”\n]+”|\"[^\"\n]+\"|„[^“”\n]+[“”]|«[^»\n]+»|‘[^’\n]+’")


@lru_cache(maxsize=32)
def quotations(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the inside of every quotation of ``text``, in order."""
    return tuple((m.start() + 1, m.end() - 1) for m in QUOTED_SPAN.finditer(text))


def blank_quotations(text: str) -> str:
    """The text with what is inside quotation marks blanked out (offsets kept)."""
    return QUOTED_SPAN.sub(lambda m: " " * len(m.group(0)), text)
