"""The words attribution reads in each language, one module a language, all of one shape.

A module ``<code>.py`` here defines ``LEXICON``, a :class:`Lexicon`; reading a speaker
takes its language's lexicon and nothing else, so a new language is a new module of data,
with no change to the reader. Every word is lower case; a phrase is a tuple of words.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """What a language says around a quotation: who speaks, how, and what is not a name."""

    code: str
    speech_verbs: frozenset[str]
    """Every form of a verb that introduces speech ("say", "said", "says", "saying")."""
    listener_verbs: frozenset[str]
    """Speech verbs whose object is the listener ("told reporters"): never before the
    speaker ("“…,” told X" is not a language's word order)."""
    according_to: tuple[tuple[str, ...], ...]
    """Phrases that name a source after them ("according to", "in the words of")."""
    honorifics: frozenset[str]
    """Titles written before a name ("mr", "sen", "president"), without a full stop."""
    male_words: frozenset[str]
    """Titles and role nouns that say a person is a man ("mr", "spokesman")."""
    female_words: frozenset[str]
    person_nouns: frozenset[str]
    """Heads of a phrase that names a person by role ("official", "spokesman"), both
    numbers; with ``person_suffixes``, the words that can end a speaker described."""
    person_suffixes: tuple[str, ...]
    document_nouns: frozenset[str]
    """Things that "say" in news ("the statement said"): never a speaker."""
    body_nouns: frozenset[str]
    """Heads that name a body that speaks ("newspaper", "campaign", "ministry")."""
    mass_nouns: frozenset[str]
    """Heads that speak for many without a plural ending ("police", "staff")."""
    organisation_words: frozenset[str]
    """Words that make a capitalised name a body or a place, not a person
    ("department", "committee", "county")."""
    locative_prepositions: frozenset[str]
    """Prepositions of place: the name after one is a place ("in Ohio"), not a person."""
    place_prefixes: frozenset[str]
    """First words of place names, never of a person's ("North", "New")."""
    possessive_determiners: frozenset[str]
    """"his", "their": a verb of speech after one is a noun ("his remarks")."""
    determiners: frozenset[str]
    """Words that open a noun phrase ("the", "a", "two", "several")."""
    pronouns: dict[str, str]
    """Personal pronouns by what they can stand for: "person" (he, she), "group" (they),
    "speaker" (I, we: the writer), "thing" (it). Only a "person" pronoun is resolved."""
    pronoun_genders: dict[str, str]
    """"male" or "female" for every form of a pronoun that says it ("he", "his")."""
    function_words: frozenset[str]
    """Words a name or a speaker's noun phrase never holds: conjunctions, relative
    words, auxiliaries, prepositions, pronouns ("and", "who", "was", "to", "his")."""
    name_links: frozenset[str]
    """Words that may stand between capitalised words of one name ("of", "de", "van")."""
    modifier_words: frozenset[str]
    """Words that may stand between a speaker and its verb ("also", "later", "has")."""
    progressive_auxiliaries: frozenset[str]
    """Forms of "be" before a verb of speech in "-ing" ("X was saying")."""
    adverb_suffixes: tuple[str, ...]
    time_words: frozenset[str]
    """Words of a time phrase ("monday", "later", "yesterday"): never a speaker's head."""
    weekdays: frozenset[str]
    """Time words that are never a name (a month can be: "Theresa May")."""
    time_prepositions: frozenset[str]
    """Prepositions of a time phrase between speaker and verb ("on" Tuesday)."""
    phrase_prepositions: frozenset[str]
    """Prepositions that end a speaker read after its verb ("said X in Ohio")."""
    possessive_endings: tuple[str, ...]
    clitics: tuple[str, ...]
    """Contracted verbs written onto a pronoun ("'s" in "she's", "'d" in "he'd")."""
    clause_openers: frozenset[str]
    """Words after which a speaker read after the verb is a clause's subject, not the
    speaker ("said the plan *will* fail")."""
    stance_verbs: frozenset[str] = frozenset()
    """Forms of verbs that state a stance without speech ("rejects", "opposed"): whose
    subject holds a position."""
    denial_words: frozenset[str] = frozenset()
    """Words that make a statement a denial ("denied", "false", "baseless"): a reported
    denial carries one (a negation also does)."""
    negations: frozenset[str] = frozenset()
    """Words that negate a clause ("not", "never", "no")."""


@cache
def lexicon(code: str = "en") -> Lexicon:
    """The lexicon of the language ``code`` (ISO 639-1); LookupError when there is none."""
    if not code.isalpha() or not code.islower():
        raise LookupError(f"no attribution lexicon for language {code!r}")
    try:
        module = importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError as error:
        raise LookupError(f"no attribution lexicon for language {code!r}") from error
    found = getattr(module, "LEXICON", None)
    if not isinstance(found, Lexicon):
        raise LookupError(f"{module.__name__} defines no LEXICON")
    return found
