"""Aligning extracted text back to the article, in stages, with exact offsets.

1. exact: the text occurs character for character;
2. normalised: it occurs once quote marks, dashes, whitespace, case and diacritics are
   folded (``textnorm.fold`` keeps the map back to original offsets);
3. fuzzy: most of its words occur, in order, close together, within at most two adjacent
   sentences. Two gates must both pass: coverage (the share of its words found) and
   density (the share of the matched span that is its words), so that words scattered
   over a long passage never count as a match.

Offsets always refer to ``Article.text``. An ``accept`` callback lets the caller refuse a
span (already used, or not inside quotation marks) and go on to the next occurrence, so
repeated mentions map to successive occurrences when aligned in output order.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, Field

from briefgen.ingest.article import Article
from briefgen.text.normalise import fold, folded_article

Stage = Literal["exact", "normalised", "fuzzy"]

MIN_FUZZY_COVERAGE = 0.75
MIN_FUZZY_DENSITY = 0.6
_MIN_FUZZY_WORDS = 4
# Pieces of text a fuzzy search matches, at most, per text: a bound on its cost whatever
# the article (only windows holding enough of the text's words get this far).
_MAX_FUZZY_PIECES = 400
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


class Alignment(BaseModel):
    """Where a piece of extracted text sits in the article."""

    start: int
    end: int
    stage: Stage
    coverage: float = Field(1.0, description="Share of the text's words found (fuzzy).")
    density: float = Field(1.0, description="Share of the matched span that they fill.")


def _always(_start: int, _end: int) -> bool:
    return True


class Aligner:
    """Aligns text against one article."""

    def __init__(self, article: Article):
        self.article = article

    @cached_property
    def _folded(self) -> tuple[str, tuple[int, ...]]:
        return folded_article(self.article.text)

    @cached_property
    def _sentence_words(self) -> list[list[tuple[str, int, int]]]:
        """Per sentence: (folded word, original start, original end)."""
        folded, index = self._folded
        by_sentence: list[list[tuple[str, int, int]]] = [[] for _ in self.article.sentences]
        starts = [s.start for s in self.article.sentences]
        position = 0
        for match in _WORD.finditer(folded):
            start = index[match.start()]
            end = index[match.end() - 1] + 1
            while position + 1 < len(starts) and starts[position + 1] <= start:
                position += 1
            by_sentence[position].append((match.group(), start, end))
        return by_sentence

    def align(
        self,
        text: str,
        *,
        accept: Callable[[int, int], bool] = _always,
        fuzzy: bool = True,
    ) -> Alignment | None:
        """The first acceptable alignment of ``text``, trying each stage in turn."""
        source = self.article.text
        if not text:
            return None
        start = 0
        while (found := source.find(text, start)) != -1:
            if accept(found, found + len(text)):
                return Alignment(start=found, end=found + len(text), stage="exact")
            start = found + 1
        folded_source, index = self._folded
        needle = fold(text)[0]
        start = 0
        while needle and (found := folded_source.find(needle, start)) != -1:
            stop = found + len(needle)
            # A match must start and end on whole source characters: "f" inside the
            # folded "fi" of a ligature "ﬁ" is not a match of the article's text.
            whole = (found == 0 or index[found - 1] != index[found]) and (
                stop == len(index) or index[stop] != index[stop - 1]
            )
            span = (index[found], index[stop - 1] + 1)
            if whole and accept(*span):
                return Alignment(start=span[0], end=span[1], stage="normalised")
            start = found + 1
        return self._fuzzy(needle, accept) if fuzzy else None

    @cached_property
    def _sentence_counts(self) -> list[Counter[str]]:
        return [Counter(w for w, _, _ in words) for words in self._sentence_words]

    @cached_property
    def _sentences_with(self) -> dict[str, list[int]]:
        """Folded word -> the sentences that hold it (the anchors of a fuzzy search)."""
        index: dict[str, list[int]] = defaultdict(list)
        for number, counts in enumerate(self._sentence_counts):
            for word in counts:
                index[word].append(number)
        return index

    def _fuzzy(self, needle: str, accept: Callable[[int, int], bool]) -> Alignment | None:
        wanted = _WORD.findall(needle)
        if len(wanted) < _MIN_FUZZY_WORDS:
            return None
        best: tuple[float, float, int, int] | None = None
        sentences = self._sentence_words
        counts = self._sentence_counts
        need = Counter(wanted)
        # A match fills at least MIN_FUZZY_DENSITY of its span, so it is this many words
        # long at most: longer windows are searched in overlapping pieces of twice that.
        longest = math.ceil(len(wanted) / MIN_FUZZY_DENSITY)
        # Only windows (a sentence and its next) that hold enough of the words can pass
        # the coverage gate: count them from the word index instead of matching everywhere.
        anchored = sorted({n for w in need for n in self._sentences_with.get(w, ())})
        starts = sorted({i for n in anchored for i in (n - 1, n) if i >= 0})
        searched = 0
        for i in starts:
            if searched >= _MAX_FUZZY_PIECES:
                break
            pair = [counts[i]] + ([counts[i + 1]] if i + 1 < len(sentences) else [])
            held = sum(min(k, sum(c[w] for c in pair)) for w, k in need.items())
            if held < MIN_FUZZY_COVERAGE * len(wanted):
                continue
            window = sentences[i] + (sentences[i + 1] if i + 1 < len(sentences) else [])
            for offset in range(0, max(1, len(window) - longest), longest):
                if searched >= _MAX_FUZZY_PIECES:
                    break
                piece = window[offset : offset + 2 * longest]
                if len(window) > 2 * longest:
                    # A piece of a long window must itself hold enough of the words.
                    have = Counter(w for w, _, _ in piece)
                    if sum(min(k, have[w]) for w, k in need.items()) < (
                        MIN_FUZZY_COVERAGE * len(wanted)
                    ):
                        continue
                searched += 1
                found = _best_span(wanted, piece)
                if found is None:
                    continue
                coverage, density, first, last = found
                start, end = piece[first][1], piece[last][2]
                if coverage < MIN_FUZZY_COVERAGE or density < MIN_FUZZY_DENSITY:
                    continue
                if not accept(start, end):
                    continue
                if best is None or (coverage, density) > (best[0], best[1]):
                    best = (coverage, density, start, end)
        if best is None:
            return None
        coverage, density, start, end = best
        return Alignment(
            start=start,
            end=end,
            stage="fuzzy",
            coverage=round(coverage, 3),
            density=round(density, 3),
        )


def _best_span(
    wanted: list[str], window: list[tuple[str, int, int]]
) -> tuple[float, float, int, int] | None:
    """Coverage, density and first/last word index of the tightest in-order match."""
    words = [w for w, _, _ in window]
    matcher = SequenceMatcher(None, words, wanted, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    best: tuple[float, float, int, int] | None = None
    # Stray matches of common words far from the rest would stretch the span; try every
    # run of consecutive blocks and keep the one with most coverage, then most density.
    for i in range(len(blocks)):
        matched = 0
        for j in range(i, len(blocks)):
            matched += blocks[j].size
            first, last = blocks[i].a, blocks[j].a + blocks[j].size - 1
            found = (matched / len(wanted), matched / (last - first + 1), first, last)
            if best is None or found[:2] > best[:2]:
                best = found
    return best
