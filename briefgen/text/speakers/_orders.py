"""More word orders of a said-clause before a quotation, in a language read by its
patterns (``_patterns``); each is one of news in many languages:

- the speaker after its verb (an opening phrase before the verb), then a listener, a
  place or a medium before the colon: "Dann sagte der Minister der Zeitung: „…“", "Am
  Montag schrieb Anna Weber in einer Mail an Karl Brandt: „…“", "Luego dijo el
  ministro a la prensa: «…»";
- an "as X said" clause before the quotation: "Wie Anna Weber sagte, „…“", "Comme l'a
  dit Paul Martin, « … »", "Como dijo Pedro Sánchez, «…»".

Each gives a speaker only when the clause reads one plainly; otherwise nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from briefgen.text.speakers._clauses import Clause
from briefgen.text.speakers._frames import Patterns
from briefgen.text.speakers._phrases import Phrase
from briefgen.text.speakers._tokens import Token, elided

_MAX_LISTENER = 8


class Reads(Patterns, Protocol):
    """What these orders read with: ``_patterns.Patterns`` (which calls them)."""

    def _outlet(self, token: Token) -> bool: ...


def inverted(patterns: Reads, tail: Sequence[Token]) -> Phrase | None:
    """The speaker that opens ``tail``, the words after a verb of speech that an opening
    phrase puts first, when all that follows it up to the colon says to whom, where or
    through what it was said: an article or a preposition opens it ("der Zeitung",
    "gegenüber der Zeitung", "in einer Mail an X"), or a name after a pronoun ("schickte
    sie X eine Nachricht"). Nothing with a mark, a verb, a quotation or a clause."""
    speaker = patterns._forward(tail, 0)
    if speaker is None:
        return None
    rest = tail[len(speaker.tokens) :]
    speech = patterns.speech
    if not rest or len(rest) > _MAX_LISTENER:
        return None
    if any(not t.is_word or patterns._verb(t) for t in rest):
        return None
    if any(t.bare in speech.complementisers | speech.pronouns for t in rest):
        return None  # "sagte sie, dass ..."; "sagte Anna Weber ihm": whose words is unsure
    if any(patterns._outlet(t) for t in speaker.tokens):
        return None
    first = rest[0]
    opened = first.bare in speech.determiners | speech.prepositions | speech.oblique
    after_pronoun = speaker.kind == "pronoun" and first.capitalised
    return speaker if opened or after_pronoun else None


def as_clause(patterns: Reads, region: Sequence[Token]) -> Clause | None:
    """ "Wie X sagte,", "Comme l'a dit X,", "Como dijo X,": the speaker of a clause that
    opens with a word of ``Speech.as_openers`` and holds a verb of speech, read before
    the verb (German's verb ends the clause) or after it; an "as" clause whose speaker
    is not plain ("Como dijo el diario El País") names no one. None: no such clause."""
    speech = patterns.speech
    if len(region) < 3 or region[0].bare not in speech.as_openers:
        return None
    words = [t for t in region[1:] if t.bare not in speech.auxiliaries]
    verbs = [n for n, t in enumerate(words) if patterns._verb(t)]
    if not verbs:
        return None
    found = None
    verb = verbs[0]
    if len(verbs) == 1 and all(t.is_word for t in words):
        if verb == len(words) - 1:
            found = patterns.phrase(words[:verb])
        elif all(_object_pronoun(t, speech.pronouns | speech.determiners) for t in words[:verb]):
            # "comme l'a dit X": the object pronoun before the verb stands for what is said
            found = patterns.phrase(words[verb + 1 :])
    if found is not None and found.kind == "pronoun":
        found = None
    return Clause(found, "said-clause")


def _object_pronoun(token: Token, pronouns: frozenset[str]) -> bool:
    """ "le", "l'" or "l'a" (the pronoun elided onto the auxiliary) before a verb."""
    word = token.bare
    return word in pronouns or (elided(word) != word and word[:1] == "l")
