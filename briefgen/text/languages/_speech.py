"""What a language writes around a quotation, as data: ``Speech``, built with ``speech_of``.

English has its full ``Lexicon``; every other language has this smaller shape, read by
``briefgen.text.speakers._patterns``: verbs of speech in their common inflected forms,
according-to phrases, the words that end or describe a speaker, and the outlets and
places that never speak. Languages written without spaces (Chinese, Japanese) give their
said-clauses as regular expressions over characters instead of words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Speech:
    """The attribution patterns of one language; every word lower case, a phrase a tuple
    of words."""

    code: str
    verbs: frozenset[str]
    """Forms of verbs of speech ("sagte", "a déclaré" as "déclaré", "заявил")."""
    auxiliaries: frozenset[str] = frozenset()
    """Words of a compound tense before a participle of speech ("a", "ha", "hat")."""
    final_verbs: tuple[tuple[str, ...], ...] = ()
    """Verbs after a quotation whose speaker opens the sentence before it (Turkish
    "X, “…” dedi"; "diye konuştu")."""
    according: tuple[tuple[str, ...], ...] = ()
    """Phrases before a source, anywhere in the sentence ("laut", "selon", "по словам")."""
    according_opening: tuple[tuple[str, ...], ...] = ()
    """Phrases before a source only where they open the sentence and the quotation
    follows the source and its comma (French "Pour X, « … »"; elsewhere "pour" is "for")."""
    according_after: tuple[tuple[str, ...], ...] = ()
    """Phrases before a source only right after a quotation (German "„…“, so X")."""
    particle_verbs: tuple[tuple[str, ...], ...] = ()
    """Verbs of speech whose particle ends the clause, as (verb, particle) (German "stellt
    ... fest", "führte ... aus"): "Das Gericht stellt dazu fest: „…“"."""
    postpositions: tuple[tuple[str, ...], ...] = ()
    """Words after a source ("zufolge", "göre"): "X zufolge"."""
    pronouns: frozenset[str] = frozenset()
    """Personal pronouns: never a speaker's name, and never one read as a noun."""
    person_pronouns: frozenset[str] = frozenset()
    """Those that stand for one person ("er", "il", "он"): resolved to the one person the
    text before them names, when there is one (``briefgen.text.speakers._referents``)."""
    number_ambiguous: frozenset[str] = frozenset()
    """Person pronouns that are also plural (German "sie"): one person only beside a
    verb with no plural ending."""
    plural_endings: tuple[str, ...] = ()
    """Endings of a verb in the plural ("sagten", "dijeron", "сказали")."""
    null_subject: bool = False
    """A verb of speech with no subject after a quotation is a "he" or "she" (Spanish
    "«…», dijo.")."""
    bodies: frozenset[str] = frozenset()
    """Words that make a name a body, not a person ("ag", "verein", "partido")."""
    body_suffixes: tuple[str, ...] = ()
    determiners: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    """Titles written before a name ("dr", "frau", "m", "sr", "г-н")."""
    roles: frozenset[str] = frozenset()
    """Nouns that describe a speaker ("sprecher", "ministre", "portavoz", "министр")."""
    role_suffixes: tuple[str, ...] = ()
    """Endings of such nouns ("-sprecher", "-minister", "发言人", "首相")."""
    documents: frozenset[str] = frozenset()
    """Things that "say" in news ("Erklärung", "communiqué", "заявление"): no speaker."""
    outlets: frozenset[str] = frozenset()
    """Outlets and their nouns ("zeitung", "agence", "тасс"): never a speaker."""
    outlet_suffixes: tuple[str, ...] = ()
    stops: frozenset[str] = frozenset()
    """Words a speaker never holds: prepositions, conjunctions, relatives, auxiliaries."""
    prepositions: frozenset[str] = frozenset()
    """Prepositions that may follow a verb of speech before a colon, naming where or to
    whom ("X schreibt auf Facebook:", "X a écrit sur Twitter :"): not a subject."""
    locatives: frozenset[str] = frozenset()
    """Prepositions before a place: a name after one, anywhere in the text, is a place."""
    places: frozenset[str] = frozenset()
    """Places named often enough to list (countries, capitals): never a speaker."""
    modifiers: frozenset[str] = frozenset()
    """Adverbs that may stand between a verb of speech and its speaker ("auch", "aussi")."""
    adverbial_endings: tuple[str, ...] = ()
    """Case endings of place and time (Finnish "-ssa"): a word with one after a speaker
    says where or when, it is not part of the speaker."""
    conjunctions: frozenset[str] = frozenset()
    """Words that may open the clause of a speaker before its verb ("und", "et")."""
    oblique: frozenset[str] = frozenset()
    """Articles that never open a subject (German "den", "dem", "einem"): what they open
    is an object or a listener, never a speaker."""
    copulas: frozenset[str] = frozenset()
    """"is", "was" in the singular ("ist", "est", "es"): a role after one says what the
    subject is ("X ist Sprecher"), not someone else a pronoun could stand for."""
    relatives: frozenset[str] = frozenset()
    """Relative pronouns that open a clause about a speaker between commas ("qui",
    "который"; German's are its articles)."""
    complementisers: frozenset[str] = frozenset()
    """"that" before a quotation ("dass", "que", "что")."""
    as_openers: frozenset[str] = frozenset()
    """"as" opening a clause of speech before a quotation, its subject the speaker
    ("wie" in "Wie X sagte, „…“", "comme", "como")."""
    subject_particles: frozenset[str] = frozenset()
    """Words after a subject and before its verb (Urdu "نے")."""
    capitalised_nouns: bool = False
    """Every noun has a capital (German): a capital alone is no name."""
    cased: bool = True
    """The script has capitals; without them a name is read by the words around it."""
    inflected: bool = False
    """Names take case endings ("в Москве", "Москва"): a place is matched by its stem."""
    bare_names: int = 0
    """The longest speaker, in characters, read without a noun of role in a script
    without spaces (Chinese names of two to four characters); 0: a role is needed."""
    before: str = ""
    """Regex (no spaces in the script): a said-clause ending just before a quotation,
    its speaker in group "speaker" ("钟南山院士说：")."""
    after: str = ""
    """Regex: a said-clause just after a quotation ("，他说。"); anchored at its start."""
    closing: str = ""
    """Regex: the verb after a quotation whose speaker is read by ``before`` ("と述べた")."""


def speech_of(
    code: str,
    *,
    verbs: str,
    phrases: dict[str, str] | None = None,
    **words: str | bool | int,
) -> Speech:
    """A language's ``Speech`` from compact data: each word list a string of words
    separated by spaces, each phrase list (``phrases``: ``according``, ``final_verbs``,
    ...) phrases separated by "|". Regexes and flags pass as they are."""
    regexes = {"before", "after", "closing"}
    flags = {"capitalised_nouns", "cased", "inflected", "null_subject"}
    numbers = {"bare_names"}
    given: dict[str, object] = {"code": code, "verbs": _words(verbs)}
    for name, value in words.items():
        if name in numbers:
            given[name] = int(value)
        elif name in flags:
            given[name] = bool(value)
        elif name in regexes:
            given[name] = str(value)
        elif name in {
            "role_suffixes",
            "outlet_suffixes",
            "adverbial_endings",
            "plural_endings",
            "body_suffixes",
        }:
            given[name] = tuple(str(value).lower().split())
        else:
            given[name] = _words(str(value))
    for name, value in (phrases or {}).items():
        given[name] = tuple(tuple(p.lower().split()) for p in value.split("|") if p.strip())
    return Speech(**given)  # type: ignore[arg-type]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())
