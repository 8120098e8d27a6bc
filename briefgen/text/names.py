"""Names of actors: their distinctive words, the aliases news text uses for countries, and
whether two spellings name the same actor. Text only: nothing here reads an article."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from briefgen.text.lexicon import HONORIFICS
from briefgen.text.normalise import fold_text
from briefgen.text.words import words

# Country names and the other forms news text uses for them. Any member found in the
# article grounds every member of its group.
ALIAS_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split("|"))
    for group in (
        "us|u.s.|usa|u.s.a.|united states|united states of america|america|american|americans"
        "|washington",
        "uk|u.k.|united kingdom|britain|great britain|british",
        "un|u.n.|united nations",
        "eu|e.u.|european union",
        "pakistan|pakistani|pakistanis|islamabad|pak",
        "afghanistan|afghan|afghans|kabul",
        "india|indian|indians|new delhi|delhi",
        "china|chinese|beijing|prc",
        "russia|russian|russians|moscow|kremlin",
        "iran|iranian|iranians|tehran",
        "israel|israeli|israelis",
        "ukraine|ukrainian|ukrainians|kyiv|kiev",
        "france|french|paris",
        "germany|german|germans|berlin",
        "japan|japanese|tokyo",
        "turkey|turkish|turkiye|ankara",
        "saudi arabia|saudi|saudis|riyadh",
        "north korea|north korean|pyongyang|dprk",
        "south korea|south korean|seoul",
        "nato|north atlantic treaty organization|north atlantic treaty organisation",
    )
)


def contains_phrase(haystack: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``haystack`` as whole words. A script written without
    spaces (Chinese, Japanese, Thai ...; Korean, whose particles join the name) has no
    word boundary to look for: there, at that end, the characters are compared alone."""
    if not phrase:
        return False
    before = "" if _unspaced(phrase[0]) else r"(?<![^\W_])"
    after = "" if _unspaced(phrase[-1]) else r"(?![^\W_])"
    return re.search(before + re.escape(phrase) + after, haystack) is not None


_UNSPACED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR")


def _unspaced(ch: str) -> bool:
    return ord(ch) >= 0x0E00 and unicodedata.name(ch, "").startswith(_UNSPACED_SCRIPTS)


def strip_possessive(text: str) -> str:
    """``text`` without its possessive 's ("Khan's" -> "Khan")."""
    return re.sub(r"['’]s\b", "", text)


def name_tokens(name: str) -> list[str]:
    """The distinctive words of a name: no titles, honorifics or possessives."""
    tokens = [w.removesuffix("'s").removesuffix("’s") for w in words(name)]
    return [t for t in tokens if t not in HONORIFICS]


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A key under which spellings of the same actor meet ("Mr Tillerson" -> "tillerson")."""
    folded = fold_text(strip_possessive(name)).strip(" .,;:'\"-")
    for group in ALIAS_GROUPS:
        if folded in group:
            return sorted(group)[0]
    tokens = name_tokens(name)
    return " ".join(tokens) if tokens else folded


def same_actor(a: str, b: str) -> bool:
    """Two spellings of one actor: same key, or one's words a subset ending in the surname."""
    key_a, key_b = name_key(a), name_key(b)
    if key_a == key_b:
        return True
    ta, tb = key_a.split(), key_b.split()
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    shorter, longer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return set(shorter) <= set(longer)


# A person as news text names one: a title and a name, or two or more capitalised words.
_TITLE_WORDS = (
    r"(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lord|Lady|President|General|Gen|Minister|Senator|Sen)"
)
PERSON_NAME = re.compile(
    r"\b(" + _TITLE_WORDS + r"\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"
    r"|[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]+)+)"
)
# Words that make a phrase a title ("foreign minister", "secretary of state").
_TITLE_NOUNS = frozenset(
    """
    minister secretary president spokesman spokeswoman spokesperson ambassador envoy general
    chief director chairman chairwoman chair governor senator leader commander adviser
    advisor head king queen prince premier chancellor mayor official
    """.split()
)


def person_title(before: str) -> str | None:
    """The title an apposition gives the name that follows ``before``: "US secretary of
    state Rex Tillerson" -> "US secretary of state"; None when there is none."""
    words = before.rstrip(" ,").split()
    title: list[str] = []
    for word in reversed(words):
        bare = word.strip(",;:()")
        if bare != word or not bare:
            break
        if (
            bare.lower() in HONORIFICS
            or bare.lower() in _TITLE_NOUNS
            or (bare.isupper() and len(bare) <= 3)
        ):
            title.insert(0, bare)
            continue
        break
    while title and title[0].lower() in {"of", "the", "for", "and"}:
        title.pop(0)
    if not any(w.lower() in _TITLE_NOUNS for w in title):
        return None
    return " ".join(title)
