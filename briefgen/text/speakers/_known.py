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
        previous = re.search(r"(\S+)$", text[: match.start()])
        if previous is None:
            continue
        word = previous.group(1)
        titled = word.lower().rstrip(".") in speech.titles
        if word.endswith(".") and not titled and len(word) != 2:
            continue  # a sentence ended: what follows opens the next one
        if titled or (word[:1].isupper() and word.lower() not in closed):
            found.add(match.group(1).lower())
    return found
