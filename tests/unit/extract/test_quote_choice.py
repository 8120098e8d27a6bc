"""The extractive memo keeps at most MAX_QUOTES quotations: when an article has more, the
ones it attributes (to a named person first) are kept over the ones nobody is said to
have spoken, and the memo still shows them in the article's order."""

from __future__ import annotations

from briefgen.extract.extractive import MAX_QUOTES, article_quotes
from briefgen.ingest.article import Article

_SLOGANS = [
    "Banners along the road read “no more tolls on our bridges ever again”.",
    "Another sign said “the port belongs to the people of this town”.",
    "Graffiti on the wall read “keep the ferry running every single day”.",
    "A flyer promised “free buses for every school child in the county”.",
    "T-shirts carried the words “our river is not for sale at any price”.",
    "A placard asked “who will pay for the new harbour wall this time”.",
]


def _article() -> Article:
    text = "\n".join(
        [
            "Thousands marched through Westport on Saturday.",
            *_SLOGANS,
            "“We will reopen the ferry before the winter comes,” Mayor Ann Lee said.",
            "“The council has found the money for the harbour wall,” an official said.",
        ]
    )
    return Article.from_text(text)


def test_attributed_quotations_are_kept_before_unattributed_ones() -> None:
    quotes = [q.text for q in article_quotes(_article())]
    assert len(quotes) == MAX_QUOTES
    assert any(q.startswith("We will reopen the ferry") for q in quotes)
    assert any(q.startswith("The council has found the money") for q in quotes)


def test_kept_quotations_stay_in_the_articles_order() -> None:
    article = _article()
    starts = [article.text.index(q.text) for q in article_quotes(article)]
    assert starts == sorted(starts)


def test_an_article_with_few_quotations_keeps_them_all() -> None:
    article = Article.from_text(
        "“We will reopen the ferry soon,” Mayor Ann Lee said. Signs read “save our ferry "
        "from the council now”."
    )
    assert len(article_quotes(article)) == 2
