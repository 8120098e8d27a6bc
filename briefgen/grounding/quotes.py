"""Quotes: found verbatim inside quotation marks in the article, and put in the mouth the
article puts them in.

The memo shows the article's own characters between the offsets found, so a quote in the
memo is verbatim by construction. A fuzzy match is not a quote: it is dropped, or kept as
reported speech when the user allows paraphrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefgen.grounding.alignment import Aligner, Alignment
from briefgen.grounding.names import name_occurs, same_actor
from briefgen.ingest.article import Article, Sentence
from briefgen.memo.data import GroundedQuote
from briefgen.memo.items import Quote

_QUOTE_MARKS = "\"'“”„‟«»‘’‚‛‹›"
_QUOTED_SPAN = re.compile(r"“[^”\n]+”|\"[^\"\n]+\"|„[^“”\n]+[“”]|«[^»\n]+»|‘[^’\n]+’")

Record = Callable[..., None]


class QuoteGrounder:
    """Aligns the model's quotes to the article and attributes them as the article does."""

    def __init__(self, article: Article, record: Record, *, allow_paraphrase: bool = False):
        self.article = article
        self._record = record
        self.allow_paraphrase = allow_paraphrase
        self.aligner = Aligner(article)
        self._quoted_spans = [
            (m.start() + 1, m.end() - 1) for m in _QUOTED_SPAN.finditer(article.text)
        ]
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

        The model's speaker stands when the article names them near the quote (its
        sentence or the ones either side). Otherwise the quote is attributed as the
        article attributes it ("an official said"), or left unattributed.
        """
        speaker = claimed.strip() or None
        around = self._around(start)
        attribution = article_attribution(self.article.text, start, end, self.article)
        if speaker is not None:
            if attribution is not None and same_actor(speaker, attribution):
                return speaker, None
            if name_occurs(speaker, _as_article(around)):
                return speaker, None
        if attribution is not None:
            why = (
                f"speaker '{speaker}' is not named near the quote; attributed as the "
                f"article does: {attribution}"
                if speaker is not None
                else f"attributed as the article does: {attribution}"
            )
            return attribution, why
        if speaker is None:
            return None, None
        return None, f"speaker '{speaker}' is not named near the quote; attribution removed"

    def _around(self, offset: int) -> str:
        sentences = self.article.sentences
        for i, sentence in enumerate(sentences):
            if sentence.start <= offset < sentence.end:
                window = sentences[max(0, i - 1) : i + 2]
                return self.article.text[window[0].start : window[-1].end]
        return ""

    def align_anywhere(self, text: str) -> bool:
        return self.aligner.align(_bare_quote(text), fuzzy=False) is not None


def _bare_quote(text: str) -> str:
    return text.strip().strip(_QUOTE_MARKS + " ").strip()


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


_SPEECH_VERB = r"(?:said|says|told|tells|added|adds|stated|states|warned|noted|insisted|claimed)"
_SPEAKER = r"((?:(?:an?|the|one|another|two|three|several)\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,5}?)"
_AFTER_QUOTE = re.compile(r"^[\s,;:]*" + _SPEAKER + r"\s+" + _SPEECH_VERB + r"\b")
_VERB_THEN_SPEAKER = re.compile(
    r"^[\s,;:]*" + _SPEECH_VERB + r"\s+" + _SPEAKER + r"(?=[\s]*[.,;:]|$)"
)
_BEFORE_QUOTE = re.compile(_SPEAKER + r"\s+" + _SPEECH_VERB + r"(?:\s+\w+)?\s*[:,]?\s*$")
_ACCORDING = re.compile(r"according to\s+" + _SPEAKER + r"(?=[\s]*[.,;:]|$)", re.IGNORECASE)


def article_attribution(text: str, start: int, end: int, article: Article) -> str | None:
    """Who the article says spoke the quotation at ``start:end``, in its own words."""
    sentence = article.sentence_at(start)
    if sentence is None:
        return None
    # The text right after the closing quote mark, then right before the opening one.
    close = end
    while close < len(text) and text[close] in _QUOTE_MARKS + ",;: ":
        close += 1
    after = text[close : min(len(text), close + 120)].split("\n", 1)[0]
    for pattern in (_AFTER_QUOTE, _VERB_THEN_SPEAKER):
        match = pattern.match(after)
        if match:
            return _tidy_speaker(match.group(1))
    open_ = start
    while open_ > sentence.start and text[open_ - 1] in _QUOTE_MARKS + " ":
        open_ -= 1
    before = text[sentence.start : open_]
    match = _BEFORE_QUOTE.search(before)
    if match:
        return _tidy_speaker(match.group(1))
    match = _ACCORDING.search(text[sentence.start : sentence.end])
    return _tidy_speaker(match.group(1)) if match else None


def _tidy_speaker(found: str) -> str | None:
    words = found.strip(" ,.;:").split()
    # "He", "she", "they": the article names the speaker elsewhere; a pronoun says nothing.
    if not words or (len(words) == 1 and words[0].lower() in _PRONOUNS):
        return None
    return " ".join(words)


_PRONOUNS = frozenset("he she they it we i you who this that".split())
