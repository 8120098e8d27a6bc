"""How much of an article an extractive memo may carry, and which sentences: the most
central ones, so that a memo condenses its article instead of copying it.

A sentence's centrality is how much of the rest of the article it shares (stemmed
content words, each shared word weighted by how rare it is in the article), with a
small lead bonus, since news puts what matters first. This is the graph-centrality idea
of extractive summarisers (LexRank, TextRank), in its plainest form.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from briefgen.ingest.article import Sentence
from briefgen.text.words import content_words, stem

# Fewer sentences as the article grows: at most half, and about 2 * sqrt(n) of n.
_SHARE = 0.5
_GROWTH = 2.0
_MIN_SENTENCES = 3
# The lead bonus: the first sentence of the body counts this much more, fading with
# distance from the top.
_LEAD_BONUS = 0.5


def sentence_budget(count: int) -> int:
    """How many of an article's ``count`` sentences its extractive memo may cite."""
    if count <= _MIN_SENTENCES:
        return count
    grown = math.ceil(_GROWTH * math.sqrt(count))
    return max(_MIN_SENTENCES, min(int(count * _SHARE), grown))


def centrality(sentences: Sequence[Sentence]) -> dict[str, float]:
    """Each sentence's share of what the article says, by id (higher: more central)."""
    stems = [frozenset(stem(w) for w in content_words(s.text)) for s in sentences]
    spread = Counter(word for words in stems for word in words)
    total = len(sentences)
    weight = {word: math.log(1 + total / n) for word, n in spread.items()}
    scores: dict[str, float] = {}
    for index, (sentence, words) in enumerate(zip(sentences, stems, strict=True)):
        shared = sum(weight[w] * (spread[w] - 1) for w in words) / max(1, total - 1)
        size = math.sqrt(len(words)) if words else 1.0
        lead = 1.0 + _LEAD_BONUS / (1 + index)
        scores[sentence.id] = lead * shared / size
    return scores


def kept_sentences(
    body: Sequence[Sentence], budget: int, *, first: Iterable[str] = ()
) -> list[str]:
    """The ids of at most ``budget`` sentences of ``body``: those in ``first`` (in their
    order), then the most central of the rest."""
    scores = centrality(body)
    known = set(scores)
    ranked = [sid for sid in first if sid in known]
    ranked += sorted((s.id for s in body), key=lambda sid: -scores[sid])
    kept: list[str] = []
    for sid in ranked:
        if sid not in kept:
            kept.append(sid)
        if len(kept) >= budget:
            break
    return kept
