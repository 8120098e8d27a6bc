"""The said-clause of a quotation in a language other than English, read by pattern.

The patterns are the language's data (``Speech`` in ``briefgen.text.languages``); this
reads them the same way in every language. Right after the quotation: "„…“, sagte X",
"« … », a déclaré X", "«…», — написал X", "„…“, so X", "«…», X dijo", Turkish "X, “…”
dedi" (the speaker opens the sentence, the verb follows the quotation). Right before
it: "X sagte: „…“", "Dann sagte X: „…“", "Según X, «…»". Anywhere in the sentence: one
according-to ("laut X", "по словам X", "X zufolge"). Chinese and Japanese are read by
the regular expressions of their data ("X说：“…”", "Xは「…」と述べた").

Precision first: the speaker is a short noun phrase the sentence writes next to the
pattern, with a name (capitalised, in a cased script) or a noun of role at its end. An
outlet, a place, a document, a pronoun (not resolved outside English) or a phrase that
runs on into a clause gives a said-clause that names no one plainly: no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.text.languages import Speech, claim_words
from briefgen.text.normalise import fold_text
from briefgen.text.speakers._characters import characters_clause, characters_phrase
from briefgen.text.speakers._clauses import Clause
from briefgen.text.speakers._frames import (
    adjacent,
    apposed_subject,
    beyond,
    introduction,
    particle_verb,
    perfect_subject,
    shared,
    subject_end,
    subject_first,
    subject_start,
    without_asides,
    without_particle,
)
from briefgen.text.speakers._known import known_surnames, places, stem
from briefgen.text.speakers._orders import as_clause, inverted
from briefgen.text.speakers._phrases import Phrase
from briefgen.text.speakers._tokens import (
    NAME_LINKS,
    Token,
    elided,
    name_link,
    phrase_at,
    without_full_stop,
)

_LEADING = frozenset({",", "—", "–", "-", "--", ";", "،", "，"})
_TRAILING = frozenset({",", ":", "：", "—", "–", "-", "--", "،"})
_ENDING = frozenset({".", ",", ";", ":", "!", "?", "…", "،", "؛", "۔", "(", ")"})
_MAX_WORDS = 7
_MAX_TO_VERB = 8
_MAX_OPENING = 5
_PREFIXES = frozenset("لوب")


class Patterns:
    """Said-clauses of one text, read with one language's ``Speech``."""

    def __init__(self, speech: Speech, text: str) -> None:
        self.speech = speech
        self.text = text
        self.places = places(text, speech) | {stem(p, speech) for p in speech.places}
        claim = claim_words(speech.code)
        # Weekdays stand between a verb and its speaker as adverbs do ("a déclaré lundi").
        self.times = frozenset(claim.weekdays) if claim is not None else frozenset()
        self.known = known_surnames(text, speech) if speech.capitalised_nouns else set()

    def around(self, tokens: Sequence[Token], q: int) -> Clause | None:
        """The said-clause of the quotation ``tokens[q]``, in its own sentence."""
        tokens, q = without_asides(tokens, q)
        end = next((n for n in range(q + 1, len(tokens)) if tokens[n].kind == "quote"), None)
        start = next((n + 1 for n in range(q - 1, -1, -1) if tokens[n].kind == "quote"), 0)
        following = tokens[q + 1 : len(tokens) if end is None else end]
        if self.speech.before or self.speech.after:
            return characters_clause(self.speech, self.text, tokens, (q, start, end))
        clause = (
            self._final(tokens[start:q], following)
            or self.after_quote(following)
            or self.before_quote(tokens[start:q])
        )
        if clause is None or clause.phrase is None:
            wider = beyond(self, tokens, q, start, following)
            clause = wider or shared(self, tokens[start:q]) or clause
        return clause

    def after_quote(self, region: Sequence[Token]) -> Clause | None:
        """ "„…“, sagte X" / "„…“, so X" / "«…», X dijo"; None when no verb is there."""
        i = 0
        while i < len(region) and region[i].text in _LEADING:
            i += 1
        region = region[i:]
        if not region:
            return None
        speech = self.speech
        if speech.after:
            said = re.match(speech.after, self.text[region[0].start : region[-1].end])
            if said is None:
                return None
            return Clause(characters_phrase(self.speech, said, region[0].start), "said-clause")
        for phrases in (speech.according_after, speech.according):
            length = phrase_at(region, 0, phrases)
            if length:
                return Clause(self._forward(region, length), "according-to")
        j = 0
        while j < len(region) - 1 and region[j].bare in speech.auxiliaries:
            j += 1
        cut = without_particle(self, region, j)  # "„…“, stellte das Gericht fest."
        if self._verb(region[j]) or len(cut) < len(region):
            region = cut
            start = self._skip(region, j + 1)
            found = self._forward(region, start)
            alone = not any(t.is_word for t in region[start:])
            if found is None and alone and (speech.null_subject or self._pronoun(region[j])):
                found = Phrase((region[j],), "pronoun")  # "«…», dijo.", "dit-il": the verb is "he"
            return Clause(found, "said-clause")
        for v in range(1, min(len(region), _MAX_TO_VERB)):
            if region[v].kind == "quote":
                return None
            if self._verb(region[v]):  # "«…», X dijo"; "„…“, hat X gesagt": after the auxiliary
                found = self.phrase(region[j : subject_end(region, v, speech)])
                return Clause(found if self._ends(region, v + 1) else None, "said-clause")
        return None

    def _final(self, before: Sequence[Token], region: Sequence[Token]) -> Clause | None:
        """Turkish "X, “…” dedi.": a verb after the quotation whose speaker opens the
        sentence before it (up to its first comma)."""
        length = phrase_at(region, 0, self.speech.final_verbs)
        if not length or not before:
            return None
        comma = next((n for n, t in enumerate(before) if t.text in (",", "،")), len(before))
        return Clause(self.phrase(before[:comma]), "said-clause")

    def before_quote(self, region: Sequence[Token]) -> Clause | None:
        """ "X sagte: „…“", "Dann sagte X: „…“", "Según X, «…»"; None when the words before
        the quotation end in no verb of speech."""
        end = len(region)
        speech = self.speech
        while end and (
            region[end - 1].text in _TRAILING or region[end - 1].bare in speech.complementisers
        ):
            end -= 1
        if end == len(region):
            return adjacent(self, region)  # inside the sentence's own clause, but for one
        region = region[:end]
        for i in range(len(region)):
            if i == 0 or region[i - 1].kind == "mark":
                length = phrase_at(region, i, speech.according)
                if not length and i and region[i - 1].text == ",":
                    length = phrase_at(region, i, speech.according_after)  # ", so X, „…“"
                if not length and not i:
                    length = phrase_at(region, 0, speech.according_opening)  # "Pour X, « … »"
                if length and i + length < len(region):
                    return Clause(self.phrase(region[i + length :]), "according-to")
        said_as = as_clause(self, region)  # "Wie X sagte, „…“"
        if said_as is not None:
            return said_as
        verb, region = particle_verb(self, region)  # "Das Gericht stellt dazu fest:"
        if verb is None:
            verb = next((n for n in range(end - 1, -1, -1) if self._verb(region[n])), None)
        if verb is None:
            return None
        tail = region[self._skip(region, verb + 1) :]
        if subject_first(self, region, verb, tail):  # "X schreibt auf Facebook:"
            ends = subject_end(region, verb, speech)
            start = subject_start(region, ends, speech)
            if start is None:
                found = perfect_subject(self, region[:verb])
                found = found or apposed_subject(self, region, ends)
                return Clause(found, "said-clause")
            return Clause(self.phrase(region[start:ends]), "said-clause")
        if not self._adverbial(region[:verb]):
            return Clause(None, "said-clause")  # "Merkel fragte Macron:": Macron is asked
        # "Dann sagte der Minister der Zeitung:": the listener after the speaker
        return Clause(self.phrase(tail) or inverted(self, tail), "said-clause")

    def according_anywhere(self, tokens: Sequence[Token]) -> Clause | None:
        """One according-to in a sentence of one quotation: "laut X", "X zufolge", "по
        словам X". With several quotations, only the one it stands next to is X's."""
        if sum(t.kind == "quote" for t in tokens) != 1:
            return None
        found: list[Phrase | None] = []
        for n in range(len(tokens)):
            length = phrase_at(tokens, n, self.speech.according)
            if length:
                found.append(self._forward(tokens, n + length))
            length = phrase_at(tokens, n, self.speech.postpositions)
            if length and n:
                start = n - 1
                while start and tokens[start - 1].is_word and n - start < _MAX_WORDS:
                    start -= 1
                found.append(self._backward(tokens[start:n]))
        if len(found) != 1:
            return None
        return Clause(found[0], "according-to")

    def introduces(self, tokens: Sequence[Token]) -> Clause | None:
        """A sentence that introduces the quotation after it: it ends in a colon, or in
        a said-clause after its reported speech ("Es sei teurer, sagt de Decker.")."""
        tokens = without_asides(tokens)[0]
        if not tokens:
            return None
        if tokens[-1].text in (":", "："):
            return self.before_quote(tokens)
        comma = next((n for n in range(len(tokens) - 2, -1, -1) if tokens[n].text == ","), None)
        if comma is not None and self._verb(tokens[comma + 1]):
            clause = self.after_quote(tokens[comma + 1 :])
            if clause is not None and clause.phrase is not None:
                return clause
        return introduction(self, tokens)

    def according_at(self, tokens: Sequence[Token], n: int) -> int:
        """How many words of an according-to phrase start at ``tokens[n]`` (0: none)."""
        return phrase_at(tokens, n, self.speech.according)

    def phrase(self, tokens: Sequence[Token]) -> Phrase | None:
        """``tokens`` as a speaker, or None: a name with what describes it, a noun of
        role, or a lone pronoun; never an outlet, a place or a document."""
        tokens = without_full_stop(tuple(tokens))
        speech = self.speech
        # "Den Minister fragte die Journalistin:": an oblique article opens the object.
        oblique = bool(tokens) and tokens[0].bare in speech.oblique
        if oblique or not tokens or len(tokens) > _MAX_WORDS or not all(t.is_word for t in tokens):
            return None
        if len(tokens) == 1 and self._pronoun(tokens[0]):
            return Phrase(tokens, "pronoun")
        body = tokens[1:] if tokens[0].bare in speech.determiners else tokens
        closed = speech.stops | speech.documents | speech.verbs
        if not body or any(t.bare in closed for t in body):
            return None
        if any(self._pronoun(t) or self._outlet(t) for t in tokens):
            return None
        if speech.cased:
            return self._cased(tokens, body)
        if any(self._place(t) for t in body):
            return None
        if any(self._role(t) for t in body):
            return Phrase(tokens, "role")
        return Phrase(tokens, "name") if len(body) <= _MAX_WORDS - 3 else None

    def _cased(self, tokens: tuple[Token, ...], body: tuple[Token, ...]) -> Phrase | None:
        speech = self.speech
        name = len(body)
        while name and (body[name - 1].capitalised or name_link(body, name - 1)):
            name -= 1
        while name < len(body) and (self._role(body[name]) or self._title(body[name])):
            name += 1  # "Fraktionsvorsitzende Michael Panse": the role describes the name
        while name < len(body) - 1 and self._place(body[name]):
            name += 1  # "министр ... России Сергей Лавров": the place describes the name
        named, described = body[name:], body[:name]
        if described and all(t.text in NAME_LINKS for t in described):
            named, described = body, ()  # "de Decker", "van Gaal": the particle opens it
        if not named:
            return Phrase(tokens, "role") if self._role(body[-1]) else None
        if any(self._place(t) for t in named):
            return None
        # In German one capitalised word is a name only when the text writes it as one,
        # or a role or title describes it: "diesen Satz sagte er" has no speaker.
        titled = any(self._role(t) or self._title(t) for t in described)
        lone = speech.capitalised_nouns and not titled and len(named) == 1
        if lone and (tokens[0] is not body[0] or named[0].bare not in self.known):
            return None  # "der Volksmund", "Experten": a noun, not a name
        if described and not all(
            self._role(t) or self._title(t) or self._place(t) or not t.capitalised
            for t in described
        ):
            return None
        return Phrase(tokens, "name")

    def _forward(self, tokens: Sequence[Token], start: int) -> Phrase | None:
        """The speaker that starts at ``tokens[start]`` and ends the clause there."""
        if start < len(tokens) and self._pronoun(tokens[start]):
            return Phrase((tokens[start],), "pronoun")
        end = start
        speech = self.speech
        while end < len(tokens) and tokens[end].is_word and end - start < _MAX_WORDS:
            word = tokens[end].bare
            # Portuguese "a" is a determiner and a preposition: first, it is the former.
            opening = end == start and word in speech.determiners
            if (word in speech.stops and not name_link(tokens, end) and not opening) or (
                end > start and self._outlet(tokens[end])
            ):
                break
            inside = tokens[end].capitalised and tokens[end - 1].capitalised  # "Le Drian"
            if end > start and word in speech.determiners and not inside:
                break  # "sagte Merkel der Zeitung": the dative is the listener
            end += 1
        # The longest run that is a speaker and ends the clause: "sagt die Floristin
        # beispielsweise in ..." stops before the adverb.
        for stop in range(end, start, -1):
            found = self.phrase(tokens[start:stop])
            if found is not None and self._ends(tokens, stop):
                if found.kind == "role" and self.speech.cased:
                    return self._named_after(tokens, found, stop)
                return found
        return None

    def _named_after(self, tokens: Sequence[Token], role: Phrase, stop: int) -> Phrase:
        """The role's name, when an apposition gives it: "dijo el presidente del
        Gobierno, Pedro Sánchez" -> "Pedro Sánchez"; else the role itself."""
        comma = next((n for n in range(stop, len(tokens)) if not tokens[n].is_word), None)
        if comma is None or comma - stop > _MAX_WORDS or tokens[comma].text != ",":
            return role
        end = comma + 1
        while end < len(tokens) and (tokens[end].capitalised or name_link(tokens, end)):
            end += 1
        named = self.phrase(tokens[comma + 1 : end])
        closed = end >= len(tokens) or not tokens[end].is_word  # the name ends the clause
        if named is None or named.kind != "name" or not closed:
            return role
        return named

    def _backward(self, tokens: Sequence[Token]) -> Phrase | None:
        """The speaker that ends the words given (before a postposition), without the
        case ending a name takes there (Turkish "Erdoğan'a göre" -> "Erdoğan")."""
        last = tokens[-1] if tokens else None
        if last is not None and self.speech.postpositions and "'" in last.text.replace("’", "'"):
            cut = last.text.replace("’", "'").index("'")
            last = Token(last.text[:cut], last.start, last.start + cut, last.kind, last.opens)
            tokens = [*tokens[:-1], last]
        for start in range(len(tokens)):
            found = self.phrase(tokens[start:])
            if found is not None and found.kind != "pronoun":
                return found
        return None

    def _ends(self, tokens: Sequence[Token], end: int) -> bool:
        """Whether the said-clause may end before ``tokens[end]``: the sentence's end, a
        mark, a preposition, a listener in the dative, a particle."""
        if end >= len(tokens):
            return True
        token = tokens[end]
        if token.kind != "word":
            return token.kind == "quote" or token.text in _ENDING or token.text in _LEADING
        speech = self.speech
        if token.bare in speech.conjunctions and end + 1 < len(tokens):
            joined = tokens[end + 1]  # "sagten Merkel und Macron": two speakers, not one
            if joined.capitalised or joined.bare in speech.determiners or self._role(joined):
                return False
        if self._outlet(token):
            return True  # "قال مسؤول لرويترز": the outlet is the listener
        return token.bare in speech.stops | speech.determiners or self._modifier(token)

    def _verb(self, token: Token) -> bool:
        # "dit-il", "déclare-t-elle": a verb with its subject written onto it.
        word = token.bare.split("-")[0] if self._pronoun(token) else token.bare
        return token.is_word and not token.capitalised and word in self.speech.verbs

    def _pronoun(self, token: Token) -> bool:
        # "a-t-il", "déclare-t-elle": the pronoun is written onto the verb.
        word = token.bare
        return word in self.speech.pronouns or word.rsplit("-", 1)[-1] in self.speech.pronouns

    def _title(self, token: Token) -> bool:
        return token.bare in self.speech.titles or token.bare.rstrip(".") in self.speech.titles

    def _role(self, token: Token) -> bool:
        word = elided(token.bare)
        speech = self.speech
        if word in speech.roles:
            return True
        return any(word.endswith(s) and len(word) > len(s) + 2 for s in speech.role_suffixes)

    def _outlet(self, token: Token) -> bool:
        word = elided(token.bare)  # "l'AFP"
        speech = self.speech
        # Arabic writes "to", "and", "by" onto the word: "لرويترز" is "to Reuters".
        bare = word[1:] if not speech.cased and word[:1] in _PREFIXES else word
        return bool({word, bare} & speech.outlets) or (
            bool(speech.outlet_suffixes) and word.endswith(speech.outlet_suffixes)
        )

    def _place(self, token: Token) -> bool:
        return token.bare in self.speech.places or stem(token.bare, self.speech) in self.places

    def _adverbial(self, opening: Sequence[Token]) -> bool:
        """Whether the words before a verb that comes first in its clause are an opening
        phrase ("Dann", "Am Dienstag", "Y entonces"), not its subject: nothing, or a
        short phrase that starts with an adverb or a preposition and holds no subject."""
        if not opening:
            return True
        speech = self.speech
        first = next((t for t in opening if t.bare not in speech.conjunctions), None)
        if first is None:
            return True
        starts = first.bare in speech.stops | speech.modifiers | speech.oblique and first.is_word
        # "Zu den Vorwürfen sagte X:", "Dem Sender sagte X:": the article is no subject's
        governed = speech.determiners if first.bare in speech.prepositions | speech.oblique else ()
        return (
            starts
            and len(opening) <= _MAX_OPENING
            and not any(self._subject_like(t) and t.bare not in governed for t in opening)
        )

    def _modifier(self, token: Token) -> bool:
        """An adverb, a weekday or (Finnish) a noun in a case of place or time."""
        if not token.is_word or token.capitalised:
            return False
        word = token.bare
        endings = self.speech.adverbial_endings
        if endings and word.endswith(endings) and len(word) > 5:
            return True  # "sanoi Niinistö tiedotustilaisuudessa"
        return word in self.speech.modifiers or fold_text(word) in self.times

    def _skip(self, tokens: Sequence[Token], i: int) -> int:
        """Past adverbs, a time and an outlet spoken to after a verb of speech."""
        while i < len(tokens) and tokens[i].is_word:
            if self._modifier(tokens[i]):
                i += 1
            elif i + 1 < len(tokens) and self._spoken_to(tokens[i], tokens[i + 1]):
                i += 2
            else:
                break
        return i

    def _spoken_to(self, word: Token, following: Token) -> bool:
        """A time ("am Montag", "este lunes") or an outlet spoken to ("à l'AFP")."""
        speech, bare = self.speech, word.bare
        timed = (
            bare in speech.stops | speech.determiners and fold_text(following.bare) in self.times
        )
        return timed or (bare in speech.prepositions and self._outlet(following))

    def _subject_like(self, token: Token) -> bool:
        """A word that says the clause before a verb already has its subject."""
        if not token.is_word:
            return False
        word = token.bare
        if self._pronoun(token) or word in self.speech.determiners:
            return True
        return token.capitalised and not token.opens and not self.speech.capitalised_nouns
