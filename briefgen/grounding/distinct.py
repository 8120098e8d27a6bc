"""Items whose parts must be different things: an allegation's accuser, target, claim and
denial. Each part may be verbatim (so the support check passes it) and the item still
be hollow: "Scroll down for video." as claim, accuser and denial at once. And a denial
must read as one."""

from __future__ import annotations

from typing import Any

from briefgen.memo.sections import Section
from briefgen.text.languages import lexicon
from briefgen.text.names import same_actor
from briefgen.text.words import content_words, stem, words

__all__ = ["indistinct", "not_a_denial"]


def indistinct(spec: Section, item: Any) -> str | None:
    """Why ``item`` is dropped for parts that are one and the same (the section's
    ``distinct`` pairs), or None when each pair differs."""
    for first, second in spec.distinct:
        a, b = getattr(item, first, None), getattr(item, second, None)
        if a and b and _same(str(a), str(b)):
            return f"its {_label(first)} and its {_label(second)} are the same: {str(a)!r}"
    return None


def not_a_denial(text: str, language: str = "en") -> str | None:
    """Why ``text`` is no denial (it has no word of denial and no negation), or None."""
    cues = lexicon(language).denial_words | lexicon(language).negations
    found = words(text)
    if any(w in cues or w.endswith("n't") for w in found):
        return None
    return "it does not say that anything is denied"


def _same(a: str, b: str) -> bool:
    """One statement or one actor written twice: the same words (case, punctuation and
    endings aside), or two spellings of one name."""
    stems_a = {stem(w) for w in content_words(a)}
    stems_b = {stem(w) for w in content_words(b)}
    if stems_a and stems_a == stems_b:
        return True
    if not stems_a and not stems_b:
        return words(a) == words(b)
    return len(a.split()) <= 6 and len(b.split()) <= 6 and same_actor(a, b)


def _label(attr: str) -> str:
    return {"alleged_by": "accuser", "against": "target"}.get(attr, attr)
