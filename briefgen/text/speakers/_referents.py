"""The one person a pronoun speaker stands for, in a language read by its patterns.

"„…“, sagte er.", "Sie erklärt: „…“", "« … », a-t-il déclaré", "«…», dijo." (Spanish
writes no pronoun: the verb alone is the subject), "«…», — сказал он.": the pronoun is
read as a person only when the text leaves exactly one. The nearest sentence before it
that names anyone decides (up to three sentences back, across one paragraph break at
most): one person named there and nothing else that could be a "he" or "she" (a noun of
role, an organisation, an outlet, a second name) gives that person; anything else leaves
the quotation unattributed. A sentence where the same pronoun comes before its names is
that person going on ("Sie hat ... Anna getroffen."): its names are passed over. A role
after a copula says what the subject is and names no one else ("X ist Sprecher der
Partei"). A name in the pronoun's own sentence before it is doubt too ("Nach dem
Treffen mit Anna Weber sagte er"), and so is a place, and words inside quotation marks
never name anyone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefgen.text.speakers._patterns import Patterns
from briefgen.text.speakers._phrases import Phrase
from briefgen.text.speakers._tokens import Token

_REACH = 3


@dataclass(frozen=True)
class Candidate:
    """Someone (or something) a sentence names that a pronoun could stand for."""

    start: int
    shown: str
    person: bool
    """A person by name; False for a role, a body or an outlet: doubt, never a speaker."""


class Referents:
    """Resolves pronoun speakers over the sentences of one text."""

    def __init__(
        self,
        patterns: Patterns,
        sentence_tokens: Callable[[int], list[Token]],
        paragraph_break: Callable[[int, int], bool],
    ) -> None:
        self.patterns = patterns
        self.speech = patterns.speech
        self.tokens = sentence_tokens
        self.paragraph_break = paragraph_break
        self.names, self.nouns = _name_words(patterns)

    def resolve(
        self, pronoun: Phrase, sentence: int, quote: int | None
    ) -> tuple[str | None, str, int | None]:
        """(the person, how, the sentence naming them) or (None, why not, None) for
        ``pronoun`` in sentence ``sentence``; ``quote`` is where the quotation opens
        (what comes after it is not before)."""
        word = pronoun.tokens[0]
        if not self._personal(word, self.tokens(sentence)):
            return None, f"'{word.text}' names no one person", None
        limit = word.start if quote is None else min(quote, word.start)
        own = self.candidates(self.tokens(sentence), limit)
        if own:
            return None, f"'{word.text}' could be {own[0].shown}", None
        breaks = 0
        for k in range(sentence - 1, max(-1, sentence - 1 - _REACH), -1):
            if self.paragraph_break(k, k + 1):
                breaks += 1
                if breaks > 1:
                    break
            tokens = self.tokens(k)
            found = self.candidates(tokens, None)
            if not found:
                continue
            again = [t.start for t in tokens if t.is_word and self._same(t, word)]
            if again and again[0] < found[0].start:
                continue  # the same "er" going on: its names are not the antecedent
            if len(found) == 1 and found[0].person:
                return found[0].shown, f"pronoun '{word.text}' read as {found[0].shown}", k
            shown = ", ".join(c.shown for c in found)
            return None, f"'{word.text}' could be any of {shown}", None
        return None, f"'{word.text}', and no one it can stand for is named before it", None

    def candidates(self, tokens: Sequence[Token], before: int | None) -> list[Candidate]:
        """Who sentence ``tokens`` names outside quotation marks (before offset
        ``before`` when given): runs of capitalised words, and nouns of role."""
        found: list[Candidate] = []
        n = 0
        while n < len(tokens) and (before is None or tokens[n].start < before):
            begin = end = n
            while end < len(tokens) and (tokens[end].capitalised or _inner_link(tokens, end)):
                end += 1
            if end > n:
                candidate = self._run(tokens[n:end])
                if candidate is not None and n and self._body(tokens[n - 1]):
                    candidate = Candidate(candidate.start, candidate.shown, False)  # "le groupe X"
                n = end
            else:
                token = tokens[n]
                is_role = token.is_word and self.patterns._role(token)
                candidate = Candidate(token.start, token.text, False) if is_role else None
                n += 1
            if candidate is not None and (candidate.person or not self._predicate(tokens, begin)):
                found.append(candidate)
        return found

    def _predicate(self, tokens: Sequence[Token], start: int) -> bool:
        """Whether the role at ``tokens[start]`` says what the subject is ("Karl Brandt
        ist Sprecher der Partei", "Paul Martin est le ministre"): a copula, and maybe an
        article, right before it. Such a role names no one else."""
        m = start - 1
        if m >= 0 and tokens[m].bare in self.speech.determiners:
            m -= 1
        return m >= 0 and tokens[m].bare in self.speech.copulas

    def _run(self, run: Sequence[Token]) -> Candidate | None:
        """A run of capitalised words as a candidate: a person, doubt (a role, a body,
        an outlet, a German name before a noun: the genitive "Carlines Mohrs Tweet"),
        or nothing (a sentence's first word, a noun, a place)."""
        speech = self.speech
        patterns = self.patterns
        closed = speech.determiners | speech.stops | speech.modifiers | speech.conjunctions
        words = list(run)
        while words and (words[0].bare in closed or self._pronoun(words[0])):
            words.pop(0)  # "Die", "Als", "Er" opening the sentence
        if not words:
            return None
        start, shown = words[0].start, " ".join(t.text for t in words)
        if any(patterns._outlet(t) or self._body(t) for t in words):
            return Candidate(start, shown, False)
        described = [patterns._role(t) or patterns._title(t) for t in words]
        names = [n for n, t in enumerate(words) if t.bare in self.names and not described[n]]
        if not names:
            return Candidate(start, shown, False) if any(described) else None
        if all(patterns._place(words[n]) for n in names):
            return None
        if names[-1] != len(words) - 1 or names != list(range(names[0], names[-1] + 1)):
            return Candidate(start, shown, False)  # a noun after or inside the name
        first = names[0]
        if first and not described[first - 1] and words[first - 1].bare not in self.nouns:
            first -= 1  # a first name the text writes once: "Karl Brandt"
        while first and described[first - 1]:
            first -= 1  # "Innenministerin Anna Weber": the role describes the name
        return Candidate(words[first].start, " ".join(t.text for t in words[first:]), True)

    def _personal(self, word: Token, tokens: Sequence[Token]) -> bool:
        """A pronoun for one person: "er", "il", "он"; "sie" only beside a verb in the
        singular ("sie sagte", not "sie sagten"); a Spanish verb alone, in the singular."""
        speech = self.speech
        bare = word.bare.rsplit("-", 1)[-1]
        if bare in speech.verbs:
            return speech.null_subject and not _plural(bare, speech.plural_endings)
        if bare not in speech.person_pronouns:
            return False
        if bare not in speech.number_ambiguous:
            return True
        at = next(n for n, t in enumerate(tokens) if t.start == word.start)
        beside = [tokens[m] for m in (at - 1, at + 1) if 0 <= m < len(tokens)]
        verbs = [t for t in beside if t.bare in speech.verbs | speech.auxiliaries]
        return bool(verbs) and not any(_plural(t.bare, speech.plural_endings) for t in verbs)

    def _same(self, token: Token, word: Token) -> bool:
        return token.bare.rsplit("-", 1)[-1] == word.bare.rsplit("-", 1)[-1]

    def _pronoun(self, token: Token) -> bool:
        return token.bare.rsplit("-", 1)[-1] in self.speech.pronouns

    def _body(self, token: Token) -> bool:
        word = token.bare
        speech = self.speech
        return word in speech.bodies or (
            bool(speech.body_suffixes) and word.endswith(speech.body_suffixes)
        )


def _plural(word: str, endings: tuple[str, ...]) -> bool:
    return bool(endings) and word.endswith(endings)


def _inner_link(tokens: Sequence[Token], i: int) -> bool:
    """A particle inside a run of capitals ("Ursula von der Leyen"), not opening it."""
    return (
        i > 0
        and tokens[i - 1].capitalised
        and tokens[i].is_word
        and tokens[i].text in {"de", "von", "van", "der", "del", "da", "di", "la", "le"}
        and i + 1 < len(tokens)
        and tokens[i + 1].capitalised
    )


def _name_words(patterns: Patterns) -> tuple[set[str], set[str]]:
    """Words the text writes as names, and (where every noun has a capital) its nouns.

    Where every noun has a capital a name word is one the text writes after another
    capital or a title (``known``: "Stenger" in "Fabian Stenger"), or before such a
    word ("Fabian"), and not one it mostly writes after an article (a noun: "den
    Tweet");
    elsewhere it is any word the text capitalises inside a sentence."""
    speech = patterns.speech
    text = patterns.text
    if not speech.capitalised_nouns:
        found = re.findall(r"(?<=[\w,;:] )([^\W\d_][\w-]*)", text)
        return {w.lower() for w in found if w[:1].isupper()}, set()
    words = re.findall(r"[^\W\d_][\w-]*", text)
    known = set(patterns.known)
    closed = speech.determiners | speech.stops | speech.modifiers | speech.pronouns
    names = set(known)
    counts: dict[str, list[int]] = {}
    for before, word in zip([".", *words], words, strict=False):
        if not word[:1].isupper():
            continue
        count = counts.setdefault(word.lower(), [0, 0])
        count[0] += 1
        count[1] += before.lower() in speech.determiners
        if word.lower() in known and before[:1].isupper() and before.lower() not in closed:
            names.add(before.lower())
    # A noun: after an article a third of the times or more ("den Vreni" is a relative).
    nouns = {w for w, (n, articled) in counts.items() if 3 * articled >= n and articled}
    return names - nouns - closed, nouns
