"""Estimative language (ICD 203): one likelihood scale (either of its two term sets), and
never a confidence level and a likelihood term in one sentence.

An outlook statement carries its likelihood as a separate field taken from the scale; the
sentence itself must not say how likely it is in other words ("probably", "could well"),
nor how confident the writer is ("we assess with high confidence").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from briefgen.memo.items import LIKELIHOOD_SCALE, LIKELIHOOD_SYNONYMS

# Likelihood words that are not on the scale (either of ICD 203's two term sets).
_OFF_SCALE = (
    "possibly",
    "possible",
    "perhaps",
    "maybe",
    "conceivably",
    "certainly",
    "highly likely",
    "highly unlikely",
    "real possibility",
    "remote possibility",
    "slim chance",
    "good chance",
    "fair chance",
    "doubtful",
    "undoubtedly",
    "almost surely",
    "surely",
    "could well",
    "may well",
    "might well",
)
_CONFIDENCE = (
    "high confidence",
    "moderate confidence",
    "medium confidence",
    "low confidence",
    "highly confident",
    "confident",
    "we assess",
    "we judge",
    "we estimate",
)


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)  # longest first: "highly likely" wins
    return re.compile(r"\b(" + "|".join(re.escape(t) for t in ordered) + r")\b", re.IGNORECASE)


# Both term sets of ICD 203: "probably" is "likely", "remote" is "almost no chance" ...
# ("remote" alone is too often a place, "remote areas": only the likelihood field takes it.)
_SCALE_RE = _pattern((*LIKELIHOOD_SCALE, *(t for t in LIKELIHOOD_SYNONYMS if t != "remote")))
_OFF_SCALE_RE = _pattern(_OFF_SCALE)
_CONFIDENCE_RE = _pattern(_CONFIDENCE)


def lint_sentence(text: str, likelihood: str | None = None) -> list[str]:
    """Problems with the estimative language of one sentence.

    ``likelihood`` is the scale term the statement carries beside its text (outlook
    statements); the text must then express no likelihood of its own.
    """
    problems: list[str] = []
    scale = [m.group(1).lower() for m in _SCALE_RE.finditer(text)]
    off_scale = [m.group(1).lower() for m in _OFF_SCALE_RE.finditer(text)]
    confidence = [m.group(1).lower() for m in _CONFIDENCE_RE.finditer(text)]
    likelihoods = scale + off_scale + ([likelihood] if likelihood else [])
    if confidence and likelihoods:
        problems.append(
            f"mixes a confidence level ('{confidence[0]}') with a likelihood "
            f"('{likelihoods[0]}') in one sentence"
        )
    for term in off_scale:
        problems.append(f"'{term}' is not on the likelihood scale")
    if likelihood is not None:
        for term in scale:
            problems.append(f"says '{term}' in its text beside the likelihood '{likelihood}'")
    elif len({LIKELIHOOD_SYNONYMS.get(t, t) for t in scale}) > 1:
        problems.append(f"uses two likelihood terms: {', '.join(sorted(set(scale)))}")
    return problems


def _mixing_only(item: Any) -> list[str]:
    # Summary sentences may use plain words like "possible"; only a confidence level
    # beside a likelihood breaks the convention there.
    return [p for p in lint_sentence(item.text) if p.startswith("mixes")]


def _likelihood_lint(item: Any) -> list[str]:
    if getattr(item, "basis", "assessed") == "reported":
        return []  # the article's own forecast, in its own words: not ours to grade
    if item.likelihood is None:
        return ["an assessed outlook needs a likelihood from the scale"]
    return lint_sentence(item.text, item.likelihood)


# The estimative-language check of a section's items, by the ``lint`` its registry entry
# names (``Section.lint``): the problems of one item, or None for no check.
ITEM_LINTS: dict[str, Callable[[Any], list[str]] | None] = {
    "none": None,
    "mixing": _mixing_only,
    "likelihood": _likelihood_lint,
}
