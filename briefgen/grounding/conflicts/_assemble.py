"""A rule's finding as the memo's ``Contradiction``: each side a verbatim piece of its
source's sentence, citing that sentence alone."""

from __future__ import annotations

import re

from briefgen.ingest.article import Sentence, sentence_order
from briefgen.memo.items import Contradiction, Side


def contradiction(
    topic: str, sides: list[tuple[Sentence, str]], kind: str, note: str | None
) -> Contradiction:
    """A contradiction found by rules: one side per (sentence, claim), cited in order."""
    ids = sorted({s.id for s, _ in sides}, key=sentence_order)
    return Contradiction(
        topic=topic,
        sides=[Side(claim=claim, sentence_ids=[s.id]) for s, claim in sides],
        kind="update" if kind == "update" else "conflict",
        found_by="rules",
        note=note,
        sentence_ids=ids,
    )


_CLAUSE_EDGE = re.compile(r"[,;:()—–]\s|\s[—–]\s")


def clause(text: str, start: int, end: int) -> str:
    """The comma-delimited stretch of ``text`` around ``start:end``, or all of it when that
    stretch is too short to read alone."""
    left = 0
    for edge in _CLAUSE_EDGE.finditer(text):
        if edge.end() <= start:
            left = edge.end()
        elif edge.start() >= end:
            piece = text[left : edge.start()].strip()
            break
    else:
        piece = text[left:].strip()
    piece = piece.rstrip(" .,;:")
    return piece if len(piece.split()) >= 4 else text.strip()
