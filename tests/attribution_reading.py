"""The speaker briefgen's grounding reads for one quotation of a made-up article: what the
attribution tests ask of every pattern."""

from __future__ import annotations

from briefgen.grounding.attribution import attribute
from briefgen.ingest.article import Article


def speaker_of(text: str, quote: str, *, language: str | None = "en") -> str | None:
    """The speaker read for the first occurrence of ``quote`` in ``text``, with the words
    of ``language`` (None: the article's own, as a memo reads it)."""
    article = Article.from_text(text)
    start = article.text.index(quote)
    return attribute(article, start, start + len(quote), language=language).speaker
