"""Page furniture: the lines and sentences of a page that are not the story (prompts to
scroll or read more, picture captions and credits, newsletter and share prompts, bylines,
advertisement markers). They are cut from the article before its sentences are numbered,
so nothing can cite them, and each cut is recorded with its reason.

The patterns are data, one table per language (English only so far); each matches a
whole sentence, or a whole line where noted, and is kept narrow: a story sentence that
merely mentions "video" or "photo" is never cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel


class Furniture(BaseModel):
    """A piece of page furniture left out of the article, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class _Rule:
    reason: str
    pattern: re.Pattern[str]
    whole_line: bool = False
    """The rule needs the sentence to be a line of its own (a byline, a credit line)."""


def _rule(reason: str, pattern: str, *, whole_line: bool = False, cased: bool = False) -> _Rule:
    flags = 0 if cased else re.IGNORECASE
    return _Rule(reason, re.compile(pattern, flags), whole_line)


# Photo captions name where people stand in the picture: "Smith (left) and Jones".
_IN_PICTURE = (
    r"\(\s*(?:left|right|centre|center|middle|pictured|top|bottom|inset|far left|far right)"
    r"\s*\)"
)
# A byline: "By" and up to four capitalised words, perhaps an outlet after a comma, and no
# full stop at the end (a story sentence that opens with "By Monday, ..." has one).
_BYLINE = (
    r"^(?:By|BY)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"(?:\s*(?:,|and|\|)\s*[A-Z][\w'’ -]{0,40})?$"
)

_RULES: dict[str, tuple[_Rule, ...]] = {
    "en": (
        _rule("video prompt", r"^scroll down for (?:the )?videos?\b"),
        _rule("related link", r"^(?:read|see) (?:more|also)\s*:"),
        _rule("related link", r"^related(?: articles?| stories| coverage| content)?\s*:"),
        _rule("related link", r"^click here\b"),
        _rule("advertisement", r"^advertisement\W*$"),
        _rule("advertisement", r"^(?:story|article) continues (?:below|after)\b"),
        _rule("newsletter prompt", r"^(?:sign up|subscribe)\b.{0,80}\bnewsletters?\b"),
        _rule(
            "share prompt", r"^(?:share this|share on|follow us on|like us on)\b", whole_line=True
        ),
        _rule("picture caption", r"^pictured\s*:"),
        _rule("picture caption", _IN_PICTURE),
        _rule("picture credit", r"^\(?(?:photo|image|picture|video)s?(?: credit| caption)?\s*[:/]"),
        _rule(
            "picture credit", r"^\(?(?:photo|image|picture)s?\s+by\b[^.]{0,80}$", whole_line=True
        ),
        _rule("byline", _BYLINE, whole_line=True, cased=True),
        _rule(
            "timestamp",
            r"^(?:published|updated|last (?:updated|modified))\s*(?::|on\b|at\b)",
            whole_line=True,
        ),
    ),
}


# A site's cookie notice, in the languages of the pages people save; it is cut with the
# rest of its paragraph ("... data protection declaration. More info OK").
COOKIE_NOTICE = re.compile(
    r"^(?:we|this (?:web)?site|our (?:web)?site)\s+(?:use|uses|and our partners use)\s+cookies\b"
    r"|^wir (?:verwenden|nutzen) cookies\b|^nous utilisons des cookies\b"
    r"|^(?:utilizamos|usamos|utilizziamo|usiamo) (?:los |i )?cookies\b"
    r"|^(?:by|when) (?:using|continuing|browsing)\b.{0,60}\bcookies\b",
    re.IGNORECASE,
)


def furniture_reason(sentence: str, *, whole_line: bool, language: str = "en") -> str | None:
    """Why ``sentence`` is page furniture (``whole_line``: it is a line of its own), or
    None when it is part of the story."""
    text = sentence.strip()
    for rule in _RULES.get(language, ()):
        if rule.whole_line and not whole_line:
            continue
        if rule.pattern.search(text):
            return rule.reason
    return None


def cut(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` without ``spans`` (start, end), each with the spaces that followed it, so
    that the sentences around a cut meet as they would have without it."""
    kept: list[str] = []
    position = 0
    for start, end in sorted(spans):
        kept.append(text[position:start])
        position = end
        while position < len(text) and text[position] in " \t":
            position += 1
    kept.append(text[position:])
    return "".join(kept)
