"""The words a change shows on each side: a verbatim piece of its sentence, as the
dossier's rules quote their sides."""

from __future__ import annotations

import re

from briefgen.grounding.conflicts._assemble import clause
from briefgen.grounding.conflicts._facts import Fact
from briefgen.grounding.conflicts._words import TOPIC


def figure_claim(fact: Fact) -> str:
    """The clause of the fact's sentence that holds its number and measure word."""
    text = fact.sentence.text
    spans = [_find(text, fact.tokens[fact.number.start : fact.number.end])]
    if fact.measure_token >= 0:
        spans.append(_find(text, fact.tokens[fact.measure_token : fact.measure_token + 1]))
    located = [s for s in spans if s is not None]
    if not located:
        return text.strip()
    return clause(text, min(s[0] for s in located), max(s[1] for s in located))


def _find(text: str, tokens: tuple[str, ...]) -> tuple[int, int] | None:
    if not tokens:
        return None
    pattern = r"(?<![^\W_])" + r"\W{0,3}".join(re.escape(t) for t in tokens) + r"(?![^\W_])"
    match = re.search(pattern, text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def without_dateline(text: str) -> str:
    """A sentence without the dateline a wire story opens with ("PORT SELIM, March 10
    (Meridian Wire) - ")."""
    return re.sub(r"^[A-Z][A-Z .'-]+,[^()]{0,30}\([^)]*\)\s*[-–—]+\s*", "", text).strip()


def figure_topic(fact: Fact) -> str:
    """What a figure measures, in words: "number displaced", "number of troops"."""
    if fact.measure in TOPIC:
        return TOPIC[fact.measure]
    if fact.measure.startswith("money:"):
        return "amount of money"
    noun = fact.tokens[fact.number.end] if fact.number.end < len(fact.tokens) else ""
    return f"number of {noun}".strip()
