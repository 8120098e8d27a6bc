"""The evidence a statement is checked against: its sentences' words, indexed, and the
search for the few sentences of an article that a statement most likely rests on.

``read_evidence`` indexes the words, numbers (with their units), dates and word
positions of some sentences; ``has_word`` and ``has_name`` look words and names up in
it, allowing for inflection ("negotiat-ions"/"-ors") and aliases ("US"/"United States").
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefgen.grounding.claims import Claim, read_claim
from briefgen.ingest.article import Article, Sentence
from briefgen.text.names import ALIAS_GROUPS

MAX_EVIDENCE = 2


@dataclass(frozen=True)
class Evidence:
    """The words of the evidence sentences, indexed for matching."""

    stems: frozenset[str]
    prefixes: frozenset[str]
    # Stems less their last one or two letters: "oust" is found in "ouster".
    truncated: frozenset[str]
    # Every token, names of two letters ("US", "UN") included.
    tokens: frozenset[str]
    values: frozenset[str]
    units: dict[str, frozenset[str | None]]
    dates: frozenset[str]
    claims: tuple[Claim, ...]
    # Per evidence sentence, where each word key (see word_key) occurs among its content
    # words.
    positions: tuple[dict[str, tuple[int, ...]], ...]


def word_key(stem: str) -> str:
    """The key under which a word meets its variants: a short stem itself, a long one by
    its first six letters ("negotiat-ions"/"-ors"); the "*" keeps the two kinds apart."""
    return stem[:6] + "*" if len(stem) >= 6 else stem


def _positions(claim: Claim) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for i, (_, stem) in enumerate(claim.content):
        found.setdefault(word_key(stem), []).append(i)
    return {key: tuple(at) for key, at in found.items()}


def read_evidence(texts: Sequence[str], language: str | None = None) -> Evidence:
    """``texts`` indexed as evidence, read in ``language`` (cached: the same sentences are
    read again and again)."""
    return _read_evidence_cached(tuple(texts), language)


@lru_cache(maxsize=4096)
def _read_evidence_cached(texts: tuple[str, ...], language: str | None) -> Evidence:
    claims = tuple(read_claim(t, language) for t in texts)
    stems = frozenset(s for c in claims for _, s in c.content)
    units: dict[str, set[str | None]] = {}
    for claim in claims:
        for quantity in claim.quantities:
            for value in quantity.values:
                units.setdefault(value, set()).add(quantity.unit)
    for claim in claims:
        for value in claim.split_values:
            units.setdefault(value, set())
    return Evidence(
        stems=stems,
        prefixes=frozenset(s[:6] for s in stems if len(s) >= 6),
        truncated=frozenset(s[:-n] for s in stems for n in (1, 2) if len(s) - n >= 4),
        tokens=frozenset(t for c in claims for t in c.tokens),
        values=frozenset(units),
        units={v: frozenset(u) for v, u in units.items()},
        dates=frozenset(d for c in claims for d in c.dates),
        claims=claims,
        positions=tuple(_positions(c) for c in claims),
    )


def has_word(stem: str, evidence: Evidence) -> bool:
    """Whether the evidence has the word with this stem, or a variant of it."""
    # Beyond equal stems, a shared six-letter start catches "negotiat-ions"/"-ors".
    return (
        stem in evidence.stems
        or (len(stem) >= 6 and stem[:6] in evidence.prefixes)
        or stem in evidence.truncated
    )


def has_name(name: str, evidence: Evidence) -> bool:
    """Whether the evidence names ``name``, itself or by one of its aliases."""
    if name in evidence.tokens or has_word(name, evidence):
        return True
    for group in ALIAS_GROUPS:
        if name in group:
            return any(all(w in evidence.tokens for w in alias.split()) for alias in group)
    return False


def sentence_text(sentence: Sentence, article: Article) -> str:
    """A sentence's text, joined with the next one when a splitter cut it inside a
    number ("prices fell 7." / "8 per cent ...", from tokenised "7. 8")."""
    if sentence.text[-1:] == "." and sentence.text[-2:-1].isdigit():
        following = article.following(sentence)
        if following is not None and following.text[:1].isdigit():
            return f"{sentence.text} {following.text}"
    return sentence.text


def article_evidence(article: Article) -> Evidence:
    """The whole article as evidence, read sentence by sentence: the readings its cited
    sentences are checked with (cached), rather than one more reading of all its text."""
    # Kept by the article's text: every check of a memo asks for it, and listing a long
    # document's sentences again for each would cost more than the check.
    key = (article.text, article.language, len(article.sentences))
    found = _ARTICLES.get(key)
    if found is None:
        texts = [sentence_text(s, article) for s in article.sentences]
        found = read_evidence(texts, article.language)
        with _ARTICLES_LOCK:  # memos are grounded on worker threads
            _ARTICLES[key] = found
            while len(_ARTICLES) > _ARTICLES_KEPT:
                del _ARTICLES[next(iter(_ARTICLES))]
    return found


_ARTICLES_KEPT = 64
_ARTICLES: dict[tuple[str, str | None, int], Evidence] = {}
_ARTICLES_LOCK = threading.Lock()


def best_evidence(statement: str, article: Article, limit: int = MAX_EVIDENCE) -> list[Sentence]:
    """The few sentences of ``article`` that ``statement`` most likely rests on.

    The best-matching sentence, then any sentence that adds statement words the chosen
    ones lack (a statement often joins two sentences), up to ``limit``. A further sentence
    must add two items, or a number or date; sentences that add a single word are passed
    over, not a reason to stop searching.
    """
    claim = read_claim(statement, article.language)
    # Words and numbers both count: a number may be all a second sentence adds.
    wanted = [("w", s) for s in dict.fromkeys(s for _, s in claim.content)]
    wanted += [("n", q.text) for q in claim.quantities]
    wanted += [("d", d) for d in claim.dates]
    values = {q.text: q.values for q in claim.quantities}
    if not wanted:
        return []

    def has(item: tuple[str, str], evidence: Evidence) -> bool:
        kind, key = item
        if kind == "w":
            return has_word(key, evidence)
        return key in evidence.dates if kind == "d" else bool(values[key] & evidence.values)

    language = article.language
    candidates = [
        (s, read_evidence([sentence_text(s, article)], language)) for s in article.sentences
    ]
    chosen: list[Sentence] = []
    covered: set[tuple[str, str]] = set()
    while len(chosen) < limit:
        best: tuple[float, int, Sentence, Evidence] | None = None
        for position, (sentence, evidence) in enumerate(candidates):
            if sentence in chosen:
                continue
            added = [w for w in wanted if w not in covered and has(w, evidence)]
            # A further sentence must add two items, or a number or date: one shared word
            # joins anything.
            if not added or (chosen and len(added) < 2 and added[0][0] == "w"):
                continue
            gain = float(len(added))
            if best is None or (gain, -position) > best[:2]:
                best = (gain, -position, sentence, evidence)
        if best is None:
            break
        chosen.append(best[2])
        covered.update(w for w in wanted if has(w, best[3]))
    return chosen
