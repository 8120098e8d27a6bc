"""A deterministic check that a statement rests on the sentences it cites.

No model: numbers must appear in the cited sentences, names must be in the article, and
most of the statement's content words must be found in the cited sentences.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from briefgen.article import Article, Sentence
from briefgen.names import name_occurs
from briefgen.textnorm import content_words, stem

MIN_WORD_SUPPORT = 0.5
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")


class SupportResult(BaseModel):
    supported: bool
    score: float
    reason: str | None = None


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def unknown_names(text: str, article: Article) -> list[str]:
    """Capitalised names in ``text`` (not counting its first word) absent from the article."""
    return [name for name in _CAPITALISED.findall(text) if not name_occurs(name, article)]


def check_cited(statement: str, cited: list[Sentence], article: Article) -> SupportResult:
    """Whether ``statement`` is backed by the ``cited`` sentences of ``article``."""
    if not cited:
        return SupportResult(supported=False, score=0.0, reason="cites no existing sentence")
    evidence = " ".join(s.text for s in cited)
    missing_numbers = _numbers(statement) - _numbers(evidence)
    if missing_numbers:
        return SupportResult(
            supported=False,
            score=0.0,
            reason=f"number(s) {', '.join(sorted(missing_numbers))} not in the cited sentences",
        )
    unknown = unknown_names(statement, article)
    if unknown:
        return SupportResult(
            supported=False, score=0.0, reason=f"name '{unknown[0]}' is not in the article"
        )
    wanted = {stem(w) for w in content_words(statement)}
    if not wanted:
        return SupportResult(supported=False, score=0.0, reason="statement has no content")
    found = {stem(w) for w in content_words(evidence)}
    score = len(wanted & found) / len(wanted)
    if score < MIN_WORD_SUPPORT:
        return SupportResult(
            supported=False,
            score=score,
            reason=f"only {score:.0%} of its words are in the cited sentences",
        )
    return SupportResult(supported=True, score=score)
