"""What a whole text tells about its words, for the patterns of its language: the
places it names after a preposition of place, and (where every noun has a capital) the
capitalised words it writes as surnames."""

from __future__ import annotations

import re

from briefgen.text.languages import Speech


def stem(word: str, speech: Speech) -> str:
    return word[: max(4, len(word) - 2)] if speech.inflected else word


def places(text: str, speech: Speech) -> set[str]:
    """Words the text writes after a preposition of place ("in Berlin", "в Москве")."""
    if not speech.locatives or not speech.cased:
        return set()
    pattern = r"(?<!\w)(?:" + "|".join(map(re.escape, speech.locatives)) + r")\s+(\w+)(?!['’])"
    found = set()
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        word = match.group(1)
        if word[:1].isupper():
            found.add(stem(word.lower(), speech))
    return found


def known_surnames(text: str, speech: Speech) -> set[str]:
    """In a language that capitalises every noun: words the text writes right after
    another capitalised word that is no article, preposition or adverb ("Fabian
    Stenger", "Bundeskanzlerin Merkel", "Dr. Geicke"): a lone capital after a verb of
    speech is then a name, not a noun ("sagt der Volksmund")."""
    found = set()
    closed = speech.determiners | speech.stops | speech.modifiers | speech.pronouns
    for match in re.finditer(r"(?<=[^\W\d_]|\.) +([A-ZÄÖÜ][\w-]+)", text):
        word = _word_before(text, match.start())
        if not word:
            continue
        titled = word.lower().rstrip(".") in speech.titles
        if word.endswith(".") and not titled and len(word) != 2:
            continue  # a sentence ended: what follows opens the next one
        if titled or (word[:1].isupper() and word.lower() not in closed):
            found.add(match.group(1).lower())
    return found


_LAST_WORD = re.compile(r"(\S+)$")
_WORD_REACH = 100


def _word_before(text: str, end: int) -> str:
    """The run of non-space characters that ends at ``end``, read from a short stretch
    before it (searching the whole text up to each capital made long texts quadratic)."""
    found = _LAST_WORD.search(text, max(0, end - _WORD_REACH), end)
    if found is not None and found.start() == max(0, end - _WORD_REACH) and end > _WORD_REACH:
        found = _LAST_WORD.search(text, 0, end)  # a word longer than the stretch
    return found.group(1) if found is not None else ""
