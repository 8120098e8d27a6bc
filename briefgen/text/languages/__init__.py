"""The words briefgen reads in each language, one module a language, all of one shape.

A module ``<code>.py`` here defines ``LEXICON``, a :class:`Lexicon` (what English
attribution reads), ``SPEECH``, a :class:`Speech` (what attribution reads in another
language: its verbs of speech and the word orders around a quotation), and
``CLAIM_WORDS``, a :class:`ClaimWords` (what the support check reads beside digits and
names), or some of them; the readers take their language's data and nothing
else, so a new language is a new module of data, with no change to a reader. Every word
is lower case; a phrase is a tuple of words.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache

from briefgen.text.languages._speech import Speech, speech_of

__all__ = [
    "ClaimWords",
    "Lexicon",
    "Speech",
    "claim_words",
    "lexicon",
    "parse_bounds",
    "speech",
    "speech_of",
    "words_of",
]

MONTHS_EN = (
    "january february march april may june july august september october november december"
).split()
WEEKDAYS_EN = "monday tuesday wednesday thursday friday saturday sunday".split()


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
    region_abbreviations: frozenset[str] = frozenset()
    """Abbreviations of a country's regions written after a town ("Salem, N.H.",
    "Tampa, Fla."), without the final full stop: the name before one is a place."""
    common_person_nouns: frozenset[str] = frozenset()
    """Nouns for a person from a lexical database (WordNet's noun.person for English):
    a head only when written in lower case, since many are surnames too ("Sanders")."""
    question_verbs: frozenset[str] = frozenset()
    """Verbs of asking ("asked"): their object is who was asked ("“…?” Obama asked
    Republicans."), but the name right after one is the asker ("“…?” asked Lee")."""
    partitives: frozenset[str] = frozenset()
    """Words that take a role after "of" ("*one* of those advisers"): the role is who."""
    particle_verbs: frozenset[tuple[str, str]] = frozenset()
    """Verbs of speech written with a particle ("shot back", "pointed out"), as (verb,
    particle): read as one word, unless "to" follows ("went on to say" carries)."""
    continuing_verbs: frozenset[str] = frozenset()
    """Forms of verbs that carry a speaker on to a verb of speech ("went on to say",
    "proceeded to add"): the speaker is their subject."""
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


@dataclass(frozen=True)
class ClaimWords:
    """What a language writes for negation, dates and numbers: the support check reads
    these beside digits and names. Every key is folded as ``text.normalise.fold_text``
    folds text (lower case, accents off); English's own words are read in every
    language (the memo's frame is English), and a language's words win where they
    differ ("Billion" is 10^12 in German)."""

    code: str
    negators: frozenset[str] = frozenset()
    """Words that negate what follows ("nicht", "ne", "pas", "не")."""
    negating_prefixes: tuple[str, ...] = ()
    """Elided negators written onto the next word ("n'" in "n'a")."""
    months: dict[str, str] = field(default_factory=dict)
    """Every written form of a month (names, abbreviations, cases) -> its English name."""
    number_bound: frozenset[str] = frozenset()
    """Month forms that are a date only beside a number (English "may", Persian "مهر")."""
    month_stems: bool = False
    """Whether a month form may take endings ("tammikuussa"): matched as a prefix."""
    weekdays: dict[str, str] = field(default_factory=dict)
    """Every written form of a weekday -> its English name."""
    numbers: dict[str, float] = field(default_factory=dict)
    """Number words ("zwei" 2, "vingt" 20); words that are also "a" or "one" are left out."""
    scales: dict[str, float] = field(default_factory=dict)
    """Words that multiply the number before them ("Millionen", "Mrd", "млрд")."""
    decimal_comma: bool = False
    """Whether "1,5" is one and a half and "1.500" fifteen hundred."""
    counters: frozenset[str] = frozenset()
    """Measure words after which a numeral is a number, where text has no spaces
    ("三名", "五人"); see ``briefgen.text.cjk``."""
    not_negating: frozenset[str] = frozenset()
    """Compounds that hold a negator and do not negate ("不仅", "无论", "少ない")."""
    asking: frozenset[str] = frozenset()
    """Words that say a question was asked ("fragte", "ob"): a statement with one may rest
    on the question it reports (``grounding.questions``)."""
    conditions: frozenset[str] = frozenset()
    """Words that open a condition ("wenn", "si", "если"): what it conditions is no fact
    (``grounding.frames``), where the word opens its stretch between commas (so not
    after "même", "auch": a concession)."""
    maybe: frozenset[str] = frozenset()
    """Words that keep a possibility in a statement ("könnte", "pourrait", "может")."""
    nearly: frozenset[str] = frozenset()
    """Words that say the verb after them nearly happened, and so did not ("fast",
    "presque", "casi", "почти"); before a number, a bound."""
    bounds: dict[tuple[str, ...], str] = field(default_factory=dict)
    """Phrases that bound the number after them, by kind: "min" ("mindestens"), "above"
    ("plus de"), "max" ("bis zu"), "below" ("menos de", "почти"), "approx" ("etwa")
    (``grounding.bounds``)."""


def words_of(
    code: str,
    *,
    negators: str = "",
    negating_prefixes: tuple[str, ...] = (),
    months: str = "",
    number_bound: str = "",
    month_stems: bool = False,
    weekdays: str = "",
    numbers: dict[str, float] | None = None,
    scales: dict[str, float] | None = None,
    decimal_comma: bool = False,
    counters: str = "",
    not_negating: str = "",
    asking: str = "",
    conditions: str = "",
    maybe: str = "",
    nearly: str = "",
    bounds: str = "",
) -> ClaimWords:
    """A language's ``ClaimWords`` from compact data: ``months`` holds twelve rows (January
    first) and ``weekdays`` seven (Monday first), separated by "|", each row the forms of
    one; ``negators`` and ``number_bound`` are words separated by spaces. Every word is
    folded here, as the text it is compared with is."""
    from briefgen.text.normalise import fold_text

    def table(rows: str, names: list[str]) -> dict[str, str]:
        parts = [row.split() for row in rows.split("|")] if rows.strip() else []
        if parts and len(parts) != len(names):
            raise ValueError(f"{code}: {len(parts)} rows for {len(names)} names")
        return {fold_text(f): name for name, row in zip(names, parts, strict=False) for f in row}

    def folded(words: str) -> frozenset[str]:
        return frozenset(fold_text(w) for w in words.split())

    return ClaimWords(
        code=code,
        negators=folded(negators),
        negating_prefixes=tuple(fold_text(p) for p in negating_prefixes),
        months=table(months, MONTHS_EN),
        number_bound=folded(number_bound),
        month_stems=month_stems,
        weekdays=table(weekdays, WEEKDAYS_EN),
        numbers={fold_text(w): float(v) for w, v in (numbers or {}).items()},
        scales={fold_text(w): float(v) for w, v in (scales or {}).items()},
        decimal_comma=decimal_comma,
        counters=folded(counters),
        not_negating=folded(not_negating),
        asking=folded(asking),
        conditions=folded(conditions),
        maybe=folded(maybe),
        nearly=folded(nearly),
        bounds=parse_bounds(bounds),
    )


def parse_bounds(rows: str) -> dict[tuple[str, ...], str]:
    """Bound phrases from "kind: phrase, phrase | kind: ...", each phrase folded into its
    words."""
    from briefgen.text.normalise import fold_text

    found: dict[tuple[str, ...], str] = {}
    for row in filter(str.strip, rows.split("|")):
        kind, _, phrases = row.partition(":")
        if kind.strip() not in ("min", "above", "max", "below", "approx"):
            raise ValueError(f"not a kind of bound: {kind.strip()!r}")
        for phrase in phrases.split(","):
            found[tuple(fold_text(phrase).split())] = kind.strip()
    return found


@cache
def claim_words(code: str | None) -> ClaimWords | None:
    """The claim words of the language ``code``; None for English (read always), for no
    language, or for a language with no module."""
    found = _module_value(code, "CLAIM_WORDS")
    return found if isinstance(found, ClaimWords) else None


@cache
def speech(code: str | None) -> Speech | None:
    """The attribution patterns of the language ``code`` (``SPEECH`` in its module); None
    for English (read with its ``Lexicon``), for no language, or for one with none."""
    found = _module_value(code, "SPEECH")
    return found if isinstance(found, Speech) else None


def _module_value(code: str | None, name: str) -> object:
    """``name`` of the module of the language ``code`` (None: English, which reads its own
    tables, no language, or no module)."""
    if code is None or code == "en" or not code.isalpha() or not code.islower():
        return None
    try:
        module = importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError:
        return None
    return getattr(module, name, None)
