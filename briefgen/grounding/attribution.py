"""Who spoke a quotation, read from the article as a reader reads it.

The reading itself is text work and lives in ``briefgen.text.speakers``, where the
extractive plan reads the same speakers: a said-clause after or before the quotation
("…,” an official said; "The minister said: “…”"), an according-to, a colon after an
introducing clause, a pronoun resolved to the one person it can stand for, or the
speaker of the quotation this one continues. A speaker is a noun phrase the article
writes, never one across a sentence end or inside quotation marks; when the reading is
unsure there is none. The word lists are per language (``briefgen.text.languages``).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.ingest.article import Article
from briefgen.text.quotations import quotations
from briefgen.text.speakers import prepare_reading, read_speaker, reading_language


@dataclass(frozen=True)
class Attribution:
    """The speaker the article gives a quotation, and how it was read."""

    speaker: str | None
    how: str
    """"said-clause", "according-to", "pronoun", "continued", or why there is none."""


def attribute(
    article: Article, start: int, end: int, *, language: str | None = None
) -> Attribution:
    """Who the article says spoke the quotation at ``start:end``, read with the word
    lists of ``language`` (LookupError when it has none); by default those of the
    article's own language, or English's when it has none."""
    spans = tuple((s.start, s.end) for s in article.sentences)
    code = language if language is not None else reading_language(article.language)
    reading = read_speaker(article.text, spans, start, end, language=code)
    return Attribution(reading.speaker, reading.how)


def prepare_attribution(article: Article) -> None:
    """Read ``article`` for its speakers now, as ``attribute`` will (same reading, kept);
    an article with no quotation has nothing to attribute, and is not read."""
    if not quotations(article.text):
        return
    spans = tuple((s.start, s.end) for s in article.sentences)
    prepare_reading(article.text, spans, reading_language(article.language))
