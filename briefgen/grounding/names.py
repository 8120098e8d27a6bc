"""Whether a name is in the article, allowing the aliases an article itself would use."""

from __future__ import annotations

import re
from functools import lru_cache

from briefgen.ingest.article import Article
from briefgen.text.lexicon import HONORIFICS
from briefgen.text.normalise import fold_text, folded_article
from briefgen.text.words import words

# Country names and the other forms news text uses for them. Any member found in the
# article grounds every member of its group.
_ALIAS_GROUPS: tuple[frozenset[str], ...] = tuple(
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


def _contains_phrase(haystack: str, phrase: str) -> bool:
    if not phrase:
        return False
    pattern = r"(?<![^\W_])" + re.escape(phrase) + r"(?![^\W_])"
    return re.search(pattern, haystack) is not None


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s\b", "", text)


def name_tokens(name: str) -> list[str]:
    """The distinctive words of a name: no titles, honorifics or possessives."""
    tokens = [w.removesuffix("'s").removesuffix("’s") for w in words(name)]
    return [t for t in tokens if t not in HONORIFICS]


def name_occurs(name: str, article: Article) -> bool:
    """True when ``name`` (or an alias of it) is written in the article.

    "Mr Tillerson" and "Secretary Tillerson" match "Rex Tillerson"; "United States"
    matches "US". Every distinctive word must appear, in order, within one sentence.
    """
    folded_name = fold_text(_strip_possessive(name)).strip(" .,;:'\"-")
    if not folded_name:
        return False
    text = folded_article(article.text)[0]
    if _contains_phrase(text, folded_name):
        return True
    for group in _ALIAS_GROUPS:
        if folded_name in group:
            return any(_contains_phrase(text, alias) for alias in group)
    tokens = name_tokens(name)
    if not tokens:
        return False
    return any(_in_order(tokens, ws) for ws in sentence_words(article))


def sentence_words(article: Article) -> tuple[list[str], ...]:
    """Folded words of each sentence, possessives stripped (cached per article)."""
    return _sentence_words(article.text, tuple((s.start, s.end) for s in article.sentences))


@lru_cache(maxsize=32)
def _sentence_words(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[list[str], ...]:
    return tuple([w.removesuffix("'s") for w in words(text[a:b])] for a, b in spans)


def _in_order(tokens: list[str], sentence_words: list[str]) -> bool:
    position = 0
    for token in tokens:
        try:
            position = sentence_words.index(token, position) + 1
        except ValueError:
            return False
    return True


def name_key(name: str) -> str:
    """A key under which spellings of the same actor meet ("Mr Tillerson" -> "tillerson")."""
    folded = fold_text(_strip_possessive(name)).strip(" .,;:'\"-")
    for group in _ALIAS_GROUPS:
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
