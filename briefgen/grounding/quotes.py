"""Quotes: found verbatim inside quotation marks in the article, and put in the mouth the
article puts them in.

The memo shows the article's own characters between the offsets found, so a quote in the
memo is verbatim by construction. A fuzzy match is not a quote: it is dropped, or kept as
reported speech when the user allows paraphrase.
"""

from __future__ import annotations

from collections.abc import Callable

from briefgen.extract.extractive import every_quotation
from briefgen.grounding.alignment import Aligner, Alignment
from briefgen.grounding.attribution import attribute
from briefgen.grounding.names import name_occurs, same_actor
from briefgen.ingest.article import Article, Sentence
from briefgen.memo.data import GroundedQuote
from briefgen.memo.items import Quote
from briefgen.text.quotations import QUOTE_MARKS, blank_quotations, quotations

Record = Callable[..., None]


class QuoteGrounder:
    """Aligns the model's quotes to the article and attributes them as the article does."""

    def __init__(self, article: Article, record: Record, *, allow_paraphrase: bool = False):
        self.article = article
        self._record = record
        self.allow_paraphrase = allow_paraphrase
        self.aligner = Aligner(article)
        self._quoted_spans = quotations(article.text)
        self._used_quote_spans: set[tuple[int, int]] = set()

    def align_quote(self, text: str) -> Alignment | None:
        """Exact or normalised offsets of ``text`` inside a quotation in the article.

        Repeated quotes map to successive occurrences, in the order they are aligned.
        """
        needle = _bare_quote(text)
        if len(needle) < 2:
            return None
        return self.aligner.align(needle, accept=self._usable, fuzzy=False)

    def _overlaps_used(self, found: Alignment) -> bool:
        return any(a < found.end and found.start < b for a, b in self._used_quote_spans)

    def _usable(self, start: int, end: int) -> bool:
        return (start, end) not in self._used_quote_spans and self._in_quotation(start, end)

    def _in_quotation(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self._quoted_spans)

    def ground(self, quotes: list[Quote]) -> list[GroundedQuote]:
        kept: list[GroundedQuote] = []
        for quote in quotes:
            aligned = self.align_quote(quote.text)
            reported = False
            if aligned is None:
                # Not a verbatim quotation. Find out what it is, to say why it goes, or
                # to keep it as reported speech when the user allows paraphrase.
                nearby = self.aligner.align(_bare_quote(quote.text))
                repeated = nearby is not None and self._overlaps_used(nearby)
                if nearby is None or repeated or not self.allow_paraphrase:
                    self._record(
                        "quote",
                        quote.text,
                        "dropped",
                        "repeats a quotation already in the memo"
                        if repeated and self.allow_paraphrase
                        else _why_not_quoted(nearby),
                        stage=nearby.stage if nearby else None,
                        start=nearby.start if nearby else None,
                        end=nearby.end if nearby else None,
                        sentence_ids=quote.sentence_ids,
                    )
                    continue
                aligned, reported = nearby, True
            start, end = aligned.start, aligned.end
            self._used_quote_spans.add((start, end))
            # A quote that ends a clause carries the article's comma; the memo needs none.
            while end > start + 1 and self.article.text[end - 1] in ",;:":
                end -= 1
            speaker, reason = self._attribute(quote.speaker, start, end)
            if reported:
                reason = "; ".join(
                    r
                    for r in (
                        f"{aligned.stage} match (coverage {aligned.coverage:.0%}), kept as "
                        "reported speech without quotation marks",
                        reason,
                    )
                    if r
                )
            sentence = self.article.sentence_at(start)
            ids = [sentence.id] if sentence is not None else []
            self._record(
                "quote",
                self.article.text[start:end],
                "amended" if reason else "kept",
                reason,
                stage=aligned.stage,
                start=start,
                end=end,
                sentence_ids=ids,
            )
            kept.append(
                GroundedQuote(
                    text=self.article.text[start:end],
                    speaker=speaker,
                    source=quote.source,
                    start=start,
                    end=end,
                    match=aligned.stage,
                    reported_speech=reported,
                    sentence_ids=ids,
                )
            )
        return kept

    def _attribute(self, claimed: str, start: int, end: int) -> tuple[str | None, str | None]:
        """The speaker to print for the quote at ``start:end``, and why it changed.

        The article's own attribution wins; the model's speaker stands only when it is
        the same actor. With no attribution in the article, the model's speaker stands
        only when the quotation's sentence names them outside the quotation marks.
        """
        speaker = claimed.strip() or None
        found = attribute(self.article, start, end)
        if found.speaker is not None:
            if speaker is not None and same_actor(speaker, found.speaker):
                return speaker, None
            named = f"; the model named '{speaker}'" if speaker is not None else ""
            return found.speaker, f"attributed as the article does ({found.how}){named}"
        if speaker is None:
            return None, None
        sentence = self.article.sentence_at(start)
        if sentence is not None and self._named_outside(speaker, sentence):
            return speaker, None
        return None, (
            f"speaker '{speaker}' is not who the article says spoke ({found.how}); "
            "left unattributed"
        )

    def _named_outside(self, speaker: str, sentence: Sentence) -> bool:
        """Whether ``sentence`` names ``speaker`` outside its quotation marks."""
        outside = blank_quotations(sentence.text)
        return name_occurs(speaker, _as_article(outside))


def quotation_record(article: Article, record: Record) -> list[GroundedQuote]:
    """Every quotation long enough to print in the article, in its order, each with the
    speaker the article gives it or none: the memo annex of who said what.

    This is briefgen's own reading, never a model's; each goes through the same
    grounding as a memo quote all the same, so that its speaker is read, and recorded,
    exactly as a quote's is.
    """
    quotes = [quote for _, _, quote in every_quotation(article)]
    return QuoteGrounder(article, record).ground(quotes)


def _bare_quote(text: str) -> str:
    return text.strip().strip(QUOTE_MARKS + " ").strip()


def _why_not_quoted(nearby: Alignment | None) -> str:
    if nearby is None:
        return "not found in the article"
    if nearby.stage == "fuzzy":
        return (
            f"only approximately in the article (fuzzy match, {nearby.coverage:.0%} of its "
            "words): not a verbatim quote"
        )
    return "words are in the article but not inside quotation marks"


def _as_article(text: str) -> Article:
    """A few sentences as a one-sentence Article, for name lookups near a quote."""
    return Article(text=text, sentences=(Sentence(id="S1", start=0, end=len(text), text=text),))
