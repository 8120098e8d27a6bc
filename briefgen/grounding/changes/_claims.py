"""The words a change shows on each side: a verbatim piece of its sentence, as the
dossier's rules quote their sides."""

from __future__ import annotations

import re

from briefgen.grounding.conflicts._facts import Fact
from briefgen.grounding.conflicts._numbers import number_claim
from briefgen.grounding.conflicts._words import TOPIC


def figure_claim(fact: Fact) -> str:
    """The clause of the fact's sentence that holds its number and measure word, as the
    dossier's number rule quotes it."""
    return number_claim(fact).strip()


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
