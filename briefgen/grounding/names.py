"""Whether a name is in the article, allowing the aliases an article itself would use."""

from __future__ import annotations

from functools import lru_cache

from briefgen.ingest.article import Article
from briefgen.text.names import (
    ALIAS_GROUPS,
    contains_phrase,
    name_key,
    name_tokens,
    same_actor,
    strip_possessive,
)
from briefgen.text.normalise import fold_text, folded_article
from briefgen.text.words import words

__all__ = ["name_key", "name_occurs", "named_in", "same_actor", "sentence_words", "unnamed_in"]


def name_occurs(name: str, article: Article) -> bool:
    """True when ``name`` (or an alias of it) is written in the article.

    "Mr Tillerson" and "Secretary Tillerson" match "Rex Tillerson"; "United States"
    matches "US". Every distinctive word must appear, in order, within one sentence.
    """
    folded_name = fold_text(strip_possessive(name)).strip(" .,;:'\"-")
    if not folded_name:
        return False
    text = folded_article(article.text)[0]
    if contains_phrase(text, folded_name):
        return True
    for group in ALIAS_GROUPS:
        if folded_name in group:
            return any(contains_phrase(text, alias) for alias in group)
    tokens = name_tokens(name)
    if not tokens:
        return False
    if article.language not in (None, "en"):
        # Names are declined ("Лотар Маттеус" is "Лотара Маттеуса" after a noun,
        # "Sanna Marin" is "Marinin" in Finnish): a word of the name matches a word of
        # the article that differs from it only in an ending.
        return any(_in_order_inflected(tokens, ws) for ws in sentence_words(article))
    return any(_in_order(tokens, ws) for ws in sentence_words(article))


def named_in(name: str, article: Article, sentence_ids: list[str]) -> bool:
    """True when ``name`` (or an alias of it) is written in one of the sentences
    ``sentence_ids`` of the article: a party or an accuser is named where the item cites,
    not only somewhere else in the article."""
    texts = [s.text for sid in sentence_ids if (s := article.sentence(sid)) is not None]
    if not texts:
        return False
    return name_occurs(name, Article.from_text("\n".join(texts), keep_furniture=True))


def unnamed_in(names: list[str], article: Article, sentence_ids: list[str]) -> str | None:
    """Why an item fails for its names (a position's party, an allegation's accuser and
    target): one of them is not named in the sentences it cites. None when all are."""
    missing = [n for n in names if n and not named_in(n, article, sentence_ids)]
    return f"the cited sentences do not name {', '.join(missing)}" if missing else None


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


# A declined name keeps its stem: a word of at least four letters, and an ending of at
# most two letters on a short name or three on a long one ("Marin"/"Marinin",
# "Merz"/"Merzs", "Маттеус"/"Маттеуса"); a long name may also change its last letter
# ("Moskva"/"Moskvy").
_MIN_NAME_STEM = 4
_LONG_NAME = 6


def same_name_word(a: str, b: str) -> bool:
    """Whether two folded words of a name are one name in two cases."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < _MIN_NAME_STEM:
        return False
    is_long = len(short) >= _LONG_NAME
    stem = short[:-1] if is_long else short
    return len(long) - len(short) <= (3 if is_long else 2) and long.startswith(stem)


def _in_order_inflected(tokens: list[str], sentence_words: list[str]) -> bool:
    position = 0
    for token in tokens:
        found = next(
            (
                i
                for i in range(position, len(sentence_words))
                if same_name_word(token, sentence_words[i])
            ),
            None,
        )
        if found is None:
            return False
        position = found + 1
    return True
