"""A number's bound: "at least 20 were killed" does not support "20 were killed", "up to
500 jobs" not "500 jobs", and "20" not "more than 20". The content words and the number
are all there, so only the words before the number tell the statement from its evidence.

A statement's bound must rest on one the evidence gives the same number: an exact number
on an exact or approximate one, "at least" on an exact one, "at least", or "more than",
and so on (``_RESTS_ON``); an approximate statement ("about 20") rests on any. A bound
dropped ("20" for "at least 20") is weighed as a shortening (people who judge summaries
mostly accept it); one added or turned round ("more than 20" for "20", "at least 500"
for "up to 500") is a claim the evidence does not make. English's bounds are read in
every language, each language's from its ``ClaimWords.bounds``. The number of a date
("until March 5", "hasta 2020") is left out: its bound is a time; so is "over" before a
span of time ("over 20 years": during them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from briefgen.grounding.claims import Claim, tokenize, words_for
from briefgen.grounding.evidence import Evidence
from briefgen.grounding.quantity_words import CURRENCY_SIGNS
from briefgen.text.cjk import has_cjk
from briefgen.text.languages import claim_words, parse_bounds

_ENGLISH = parse_bounds(
    "min: at least, no fewer than, no less than, not less than, a minimum of"
    " | above: more than, over, upwards of, in excess of, greater than, just over, well over"
    " | max: up to, as many as, at most, no more than, not more than, a maximum of"
    " | below: fewer than, less than, under, nearly, almost, just under, close to"
    " | approx: about, around, approximately, roughly, some, an estimated, estimated"
)
# What a statement's bound may rest on: the bounds of the evidence's same number that
# imply it (an exact 20 is at least 20 and at most 20; "about 20" rests on anything).
_RESTS_ON: dict[str | None, frozenset[str | None]] = {
    None: frozenset({None, "approx"}),
    "min": frozenset({None, "min", "above"}),
    "above": frozenset({"above", "min"}),
    "max": frozenset({None, "max", "below"}),
    "below": frozenset({"below", "max"}),
}
# "over 20 years" is mostly "during": before a span of time it is no bound ("under 20
# years" is one).
_SPAN_WORDS = frozenset({("over",)})
_TIME_UNITS = frozenset(
    "seconds minutes hours days weeks months years decades centuries".split()
    + "second minute hour day week month year decade century".split()
)
_SKIPPED = frozenset({*CURRENCY_SIGNS, "."})  # "more than $5m", "ca. 20"
_LONGEST = 4


@dataclass(frozen=True)
class BoundChange:
    """A number of a statement bounded otherwise than in its evidence."""

    dropped: bool
    """The statement gives the number alone where every giving of it in the evidence
    bounds it ("20" for "at least 20"): a shortening readers mostly accept, weighed as
    one; any other change (one added, or turned round) is a claim the evidence lacks."""
    reason: str


def bound_changed(claim: Claim, evidence: Evidence) -> BoundChange | None:
    """How a bound of a number of ``claim`` does not rest on the evidence's bound of the
    same number (None: every bound does, or no number is bounded differently); a bound
    added or turned round comes before one dropped."""
    mine = list(_bounded(claim))
    if not mine:
        return None
    theirs = [found for other in evidence.claims for found in _bounded(other)]
    found: list[BoundChange] = []
    for values, bound, text in mine:
        if bound == "approx":
            continue
        given = [(b, t) for v, b, t in theirs if v & values]
        if not given or any(b in _RESTS_ON[bound] for b, _ in given):
            continue  # a number missing from the evidence is another check's
        reason = f"'{text}' is '{given[0][1]}' in the evidence"
        found.append(BoundChange(dropped=bound is None, reason=reason))
    return min(found, key=lambda change: change.dropped, default=None)


def _bounded(claim: Claim) -> Iterator[tuple[frozenset[str], str | None, str]]:
    """Each number of ``claim`` (not of a date) with its values, its bound's kind and its
    text (with the bound's words)."""
    if not claim.quantities:
        return
    tokens, words = claim.tokens, words_for(claim.language)
    phrases = _phrases(claim.language)
    at = 0
    for quantity in claim.quantities:
        parts = tuple(quantity.text.split())
        start = _find(tokens, parts, at)
        if start is None:
            continue
        end = at = start + len(parts)
        near = [tokens[i] for i in (start - 1, end) if 0 <= i < len(tokens)]
        if _is_year(quantity.text) or any(words.month(t) for t in near):
            continue
        bound, phrase, written = _bound_before(tokens, start, phrases)
        if phrase in _SPAN_WORDS and end < len(tokens) and tokens[end] in _TIME_UNITS:
            bound = None
        gap = "" if has_cjk(written) else " "
        yield quantity.values, bound, f"{written}{gap}{quantity.text}" if bound else quantity.text


def _bound_before(
    tokens: tuple[str, ...], start: int, phrases: dict[tuple[str, ...], tuple[str, str]]
) -> tuple[str | None, tuple[str, ...], str]:
    """The kind of the bound phrase that ends just before ``start`` (the longest), the
    phrase, and how it is written."""
    end = start
    while end > 0 and tokens[end - 1] in _SKIPPED:
        end -= 1
    for size in range(min(_LONGEST, end), 0, -1):
        phrase = tokens[end - size : end]
        if phrase in phrases:
            kind, written = phrases[phrase]
            return kind, phrase, written
    return None, (), ""


def _find(tokens: tuple[str, ...], parts: tuple[str, ...], at: int) -> int | None:
    for start in range(at, len(tokens) - len(parts) + 1):
        if tokens[start : start + len(parts)] == parts:
            return start
    return None


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


@cache
def _phrases(language: str | None) -> dict[tuple[str, ...], tuple[str, str]]:
    """English's bound phrases with the language's (which win where the two differ): each
    phrase's kind and how it is written. A Chinese or Japanese one is looked for as its
    text is read, in pairs of characters ("少なくとも": "少な なく くと とも"), so a word of one
    character is never found."""
    extra = claim_words(language)
    found = {phrase: (kind, " ".join(phrase)) for phrase, kind in _ENGLISH.items()}
    for phrase, kind in (extra.bounds if extra is not None else {}).items():
        if has_cjk("".join(phrase)):
            found[tuple(tokenize("".join(phrase), language))] = kind, "".join(phrase)
        else:
            found[phrase] = kind, " ".join(phrase)
    return found
