"""Re-citation: the one sentence of the article that carries nearly all of a statement
whose own citations fail it. Small models often copy a sentence and cite the wrong one;
briefgen then cites the right one, and says so in the statement's record."""

from __future__ import annotations

from typing import Protocol

from briefgen.grounding.support import SupportResult
from briefgen.ingest.article import Article, Sentence
from briefgen.text.words import content_words, stem

# Share of a statement's content words one sentence must hold for briefgen to cite that
# sentence in place of the model's wrong citation.
RECITE_MIN_SUPPORT = 0.8


class Check(Protocol):
    """The grounder's support check (``reported``: a position's or an allegation's text)."""

    def __call__(
        self, text: str, cited: list[Sentence], *, reported: bool = False
    ) -> SupportResult: ...


class Reciter:
    """Finds the sentence to cite in place of a statement's wrong citation, once per
    statement, with the grounder's (remembered) support check."""

    def __init__(self, article: Article, check: Check):
        self.article = article
        self._check = check
        self._sources: dict[tuple[str, bool], Sentence | None] = {}
        self._sentence_stems = [{stem(w) for w in content_words(s.text)} for s in article.sentences]

    def best_source(self, text: str, *, reported: bool = False) -> Sentence | None:
        """The sentence that alone supports ``text`` best, with a score of at least
        RECITE_MIN_SUPPORT, checked as the item's section checks it (``reported``); None
        when no sentence does."""
        key = (text, reported)
        if key in self._sources:
            return self._sources[key]
        self._sources[key] = found = self._find_source(text, reported)
        return found

    def _find_source(self, text: str, reported: bool) -> Sentence | None:
        wanted = {stem(w) for w in content_words(text)}
        if not wanted:
            return None
        # Cheap word overlap picks a few candidates; the full check runs only on those.
        overlaps = [
            (len(wanted & stems) / len(wanted), sentence)
            for sentence, stems in zip(self.article.sentences, self._sentence_stems, strict=True)
        ]
        candidates = sorted(
            (pair for pair in overlaps if pair[0] >= RECITE_MIN_SUPPORT),
            key=lambda pair: -pair[0],
        )[:3]
        best: tuple[float, Sentence] | None = None
        for _, sentence in candidates:
            result = self._check(text, [sentence], reported=reported)
            if (
                result.supported
                and result.score >= RECITE_MIN_SUPPORT
                and (best is None or result.score > best[0])
            ):
                best = (result.score, sentence)
        return best[1] if best else None
