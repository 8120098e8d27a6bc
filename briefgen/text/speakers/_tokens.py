"""Words, punctuation and quotations of a stretch of text, and what kind each word is.

A speaker is read from whole tokens, so it starts and ends at word boundaries by
construction ("g his" cannot come out of "saying his"). A quotation is one token: what it
says is never part of the reading, only where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.text.given_names import given_name_gender
from briefgen.text.languages import Lexicon

# Initials and dotted abbreviations keep their full stops ("U.S.", "J."); an honorific's
# full stop is joined to it after the match ("Sen." is one token).
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[\w'’-]*[^\W_])?|--|[^\w\s]")
_STOP = "."


@dataclass(frozen=True)
class Token:
    """One word, mark or quotation of the text, with its offsets in the article."""

    text: str
    start: int
    end: int
    kind: str
    """"word", "mark" (punctuation), "quote" (a whole quotation, marks included) or
    "title" (a short quotation that is a title or scare quotes, not an utterance)."""
    opens: bool = False
    """The first word of a sentence, capitalised whatever it is."""

    @property
    def bare(self) -> str:
        """The word folded: lower case, no full stop, curly apostrophes straight."""
        return self.text.lower().rstrip(_STOP).replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def capitalised(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()


def tokenise(
    text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], lexicon: Lexicon
) -> list[Token]:
    """Tokens of ``text[start:end]``; each span of ``quotes`` (marks included) is one
    token of kind "quote"."""
    tokens: list[Token] = []
    cursor = start
    for q_start, q_end in sorted(quotes):
        if q_end <= start or q_start >= end:
            continue
        tokens.extend(_words(text, cursor, max(cursor, q_start), lexicon))
        tokens.append(Token(text[q_start:q_end], q_start, q_end, "quote"))
        cursor = max(cursor, q_end)
    tokens.extend(_words(text, cursor, end, lexicon))
    return tokens


def _words(text: str, start: int, end: int, lexicon: Lexicon) -> list[Token]:
    found: list[Token] = []
    for match in _TOKEN.finditer(text, start, end):
        word = match.group()
        kind = "word" if word[0].isalnum() else "mark"
        if kind == "mark" and word == _STOP and found and _takes_stop(found[-1], lexicon):
            last = found[-1]
            found[-1] = Token(last.text + _STOP, last.start, match.end(), "word")
            continue
        found.append(Token(word, match.start(), match.end(), kind))
    return _with_particles(found, lexicon) if lexicon.particle_verbs else found


def _with_particles(found: list[Token], lexicon: Lexicon) -> list[Token]:
    """A verb and its particle as one word ("shot back"), unless "to" follows the
    particle: "went on to say" is a verb that carries the speaker to another."""
    merged: list[Token] = []
    n = 0
    while n < len(found):
        token = found[n]
        pair = (token.bare, found[n + 1].bare) if n + 1 < len(found) else None
        following = found[n + 2].bare if n + 2 < len(found) else ""
        if pair in lexicon.particle_verbs and following != "to" and not token.capitalised:
            particle = found[n + 1]
            merged.append(Token(f"{token.text} {particle.text}", token.start, particle.end, "word"))
            n += 2
            continue
        merged.append(token)
        n += 1
    return merged


def _takes_stop(token: Token, lexicon: Lexicon) -> bool:
    """An honorific or an initial keeps its full stop: "Sen. Murray", "Patrick J. Tiberi"."""
    if token.kind != "word" or token.text.endswith(_STOP):
        return False
    return token.bare in lexicon.honorifics or (len(token.text) == 1 and token.text.isupper())


NAME_LINKS = frozenset({"de", "del", "da", "di", "dos", "van", "von", "der", "la", "le", "bin"})


def name_link(tokens: Sequence[Token], i: int) -> bool:
    """A particle inside a name ("Ursula von der Leyen", "Luiz Inácio da Silva")."""
    return (
        tokens[i].text in NAME_LINKS
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].capitalised
        and (tokens[i + 1].capitalised or tokens[i + 1].text in NAME_LINKS)
    )


def phrase_at(tokens: Sequence[Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """How many words of one of ``phrases`` start at ``tokens[i]`` (0: none)."""
    for words in phrases:
        got = tuple(t.bare for t in tokens[i : i + len(words)])
        if got == words:
            return len(words)
    return 0


def elided(word: str) -> str:
    """The word without an elided article ("l'ambassadeur" -> "ambassadeur")."""
    head, mark, rest = word.partition("'")
    return rest if mark and len(head) == 1 and rest else word


def without_full_stop(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """Without the sentence's full stop on its last word ("sagte der Minister.": the
    English honorific "minister" kept it); an initial keeps its own ("Lutz S.")."""
    last = tokens[-1] if tokens else None
    if last is None or not last.text.endswith(_STOP) or len(last.text) <= 3:
        return tokens
    return (*tokens[:-1], Token(last.text[:-1], last.start, last.end - 1, last.kind, last.opens))


class Words:
    """What kind a token is, by the lexicon of the article's language and the words the
    article capitalises inside its sentences (``proper``)."""

    def __init__(
        self,
        lexicon: Lexicon,
        proper: frozenset[str] = frozenset(),
        surnames: frozenset[str] = frozenset(),
    ) -> None:
        self.lexicon = lexicon
        self.proper = proper
        self.surnames = surnames

    def lone_opening(self, token: Token) -> bool:
        """A sentence's capitalised first word that the article never capitalises
        elsewhere: "Signs", "Appearing", not a name."""
        return token.opens and _unpossessed(token.bare) not in self.proper

    def speech_verb(self, token: Token) -> bool:
        return token.is_word and not token.capitalised and token.bare in self.lexicon.speech_verbs

    def function_word(self, token: Token) -> bool:
        """A function word; capitalised inside a sentence it is a name ("Will Doyle",
        "Hope Hicks"), but "I" is always "I"."""
        if not token.is_word or token.bare not in self.lexicon.function_words:
            return False
        return not (token.capitalised and not token.opens and len(token.text) > 1)

    def determiner(self, token: Token) -> bool:
        # "A." in "James A. Baker" is an initial, not the article.
        return token.is_word and token.bare in self.lexicon.determiners and not _initial(token)

    def pronoun_kind(self, token: Token) -> str | None:
        if not token.is_word or _initial(token):
            return None
        return self.lexicon.pronouns.get(self.unclitic(token))

    def unclitic(self, token: Token) -> str:
        """The bare word without a contracted verb: "she's" -> "she", "he'd" -> "he"."""
        word = token.bare
        for clitic in self.lexicon.clitics:
            if word.endswith(clitic) and word[: -len(clitic)] in self.lexicon.pronouns:
                return word[: -len(clitic)]
        return word

    def honorific(self, token: Token) -> bool:
        return token.capitalised and token.bare in self.lexicon.honorifics

    def time_word(self, token: Token) -> bool:
        return token.is_word and (token.bare in self.lexicon.time_words or _year(token))

    def possessive(self, token: Token) -> bool:
        return token.is_word and token.text.replace("’", "'").endswith(
            tuple(e.replace("’", "'") for e in self.lexicon.possessive_endings)
        )

    def role_noun(self, token: Token) -> bool:
        """A noun that names a person by what they are ("official", "spokeswoman")."""
        if not token.is_word or token.bare in self.lexicon.function_words:
            return False
        word = token.bare
        if word in self.lexicon.person_nouns:
            return True
        if not token.capitalised and word in self.lexicon.common_person_nouns:
            return True
        if word in self.lexicon.document_nouns:
            return False
        # "congressman", "strategist"; but a capitalised "Zimmerman" is a surname.
        suffixes = self.lexicon.person_suffixes
        # A hyphened suffix needs only its number: "the 46-year-old".
        return not token.capitalised and any(
            word.endswith(s) and len(word) > len(s) + (0 if s[0] == "-" else 2) for s in suffixes
        )

    def body_noun(self, token: Token) -> bool:
        return token.is_word and token.bare in self.lexicon.body_nouns

    def document_noun(self, token: Token) -> bool:
        """A noun for what carries words: "statement", "letter", "editorial"."""
        return token.is_word and token.bare in self.lexicon.document_nouns

    def name_word(self, token: Token) -> bool:
        """A capitalised word that can be part of a name: not a function word, a time
        word or a verb of speech that opens a sentence ("But", "Tuesday", "Said")."""
        if not token.capitalised:
            return False
        word = _unpossessed(token.bare)  # "December's" is the month's
        lexicon = self.lexicon
        return not (
            word in lexicon.function_words
            or word in lexicon.time_words
            or word in lexicon.determiners
            or (
                word in lexicon.speech_verbs
                and not token.text.isupper()
                and not self._surname(token)
            )
        )

    def _surname(self, token: Token) -> bool:
        """A surname that is also a word of the lexicon, inside a sentence: the article
        writes it after a given name elsewhere ("Ian Read", then "Read said")."""
        return not token.opens and _unpossessed(token.bare) in self.surnames

    def organisation_word(self, token: Token) -> bool:
        return token.is_word and token.bare.removesuffix("'s") in self.lexicon.organisation_words

    def modifier(self, token: Token) -> bool:
        """A word that may stand between a speaker and its verb ("also", "flatly")."""
        if not token.is_word or token.capitalised:
            return False
        word = token.bare
        if word in self.lexicon.modifier_words:
            return True
        # "flatly", "later": but "family" and "ally" are what speaks, not how.
        adverb = word.endswith(self.lexicon.adverb_suffixes) and len(word) > 4
        return adverb and not (self.role_noun(token) or self.body_noun(token))


def proper_words(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Words ``text`` capitalises where only names are: after a word, a comma, a
    closing quotation mark ("…,” Trump said"), an initial or a title ("W. Mosman")."""
    found = set()
    for match in _CAPITALISED.finditer(text):
        before = text[max(0, match.start() - 6) : match.start()].rstrip(" ")
        if not before:
            continue
        last = before[-1]
        abbreviated = last == _STOP and (
            (before[-2:-1].isupper() and not before[-3:-2].isalpha())
            or before.split()[-1].lower().rstrip(_STOP) in lexicon.honorifics
        )
        if last.isalnum() or last in _AFTER_NAME or abbreviated:
            found.add(_unpossessed(match.group().lower().replace("’", "'")))
    return frozenset(found)


def given_surnames(text: str) -> frozenset[str]:
    """Words ``text`` capitalises right after a given name ("Ian *Read*", "Edward
    *Said*"), in lower case: surnames, whatever else the word may be."""
    return frozenset(
        _unpossessed(match.group(2).lower().replace("’", "'"))
        for match in _GIVEN_THEN.finditer(text)
        if given_name_gender(match.group(1)) is not None
    )


_AFTER_NAME = ",;”’\"'"
_GIVEN_THEN = re.compile(r"\b([A-Z][a-z]+) ([A-Z][\w'’-]*)")
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*")


def _unpossessed(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


def _year(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) == 4


def _initial(token: Token) -> bool:
    """A capital and its full stop: "A.", "I."."""
    text = token.text
    return len(text) == 2 and text[0].isupper() and text[1] == _STOP
