"""Which sources of a dossier report the same story, read from the words they share.

Two articles report one story when the smaller one's distinctive words (its content
words, less those every news story uses) are mostly found in the other. The sourcing
check and the dossier's contradiction rules both start from these pairs; this module
needs neither.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from briefgen.grounding.claims import read_claim
from briefgen.ingest.article import Article, Sentence, source_of
from briefgen.text.words import stem

# Words too common in news to show that two sentences are about one thing.
GENERIC = frozenset(
    """
    people official officials police report reports reported year years day days time week
    tuesday monday wednesday thursday friday saturday sunday today yesterday news local
    government statement told added least more people's including number city area new
    last now out around part cent percent per rise fall expect according
    """.split()
)
_GENERIC_STEMS = GENERIC | frozenset(stem(w) for w in GENERIC)
# Share of the smaller article's distinctive words the other must use for the two to be
# read as reports of the same story: 38 of the 27,495 pairs of unrelated CNN/DailyMail
# articles of the development corpus share this much; reports of one event share more.
RELATED = 0.2


def same_story_pairs(article: Article) -> set[tuple[int, int]]:
    """Pairs (a, b), a < b, of the sources of a dossier's joined ``article`` that report
    the same story: the smaller's distinctive words are found in the other (RELATED)."""
    numbers = sorted({source_of(s.id) for s in article.sentences} - {0})
    return related_pairs(sentences_by_source(article, numbers))


def sentences_by_source(article: Article, numbers: list[int]) -> dict[int, list[Sentence]]:
    """The sentences of a joined ``article`` that belong to the sources ``numbers``, by
    source number, in reading order."""
    by_source: dict[int, list[Sentence]] = defaultdict(list)
    wanted = set(numbers)
    for sentence in article.sentences:
        number = source_of(sentence.id)
        if number in wanted:
            by_source[number].append(sentence)
    return by_source


def related_pairs(by_source: dict[int, list[Sentence]]) -> set[tuple[int, int]]:
    """Pairs (a, b), a < b, of the sources in ``by_source`` that report the same story."""
    vocab = {n: _vocabulary(sentences) for n, sentences in by_source.items()}
    return {
        (a, b) for a, b in combinations(sorted(vocab), 2) if _related(vocab[a], vocab[b]) >= RELATED
    }


def distinctive_stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text`` that are not common to all news (GENERIC)."""
    # read_claim is cached: every sentence is read once for all the pairs it is in.
    return read_claim(text).stems - _GENERIC_STEMS


def _vocabulary(sentences: list[Sentence]) -> frozenset[str]:
    found: set[str] = set()
    for sentence in sentences:
        found |= distinctive_stems(sentence.text)
    return frozenset(found)


def _related(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
