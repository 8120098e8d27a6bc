"""Page furniture (prompts, related links, captions, credits, bylines) is cut at ingest,
in HTML and plain text alike, with its reason, so no memo can cite it."""

from __future__ import annotations

import pytest
from html_pages import news_page
from seed_answers import good_single_pass

import briefgen
from briefgen import Article, FunctionBackend
from briefgen.ingest.furniture import furniture_reason

STORY = [
    "Delegations from both countries met in Geneva on Tuesday to resume border talks.",
    "Read more: Looted colonial art: the long road home",
    "The foreign minister called the first session constructive. Scroll down for video.",
    "The minister ( left ) shakes hands with her counterpart ( right ) in Geneva.",
    "By Anna Berg, Example Herald",
    "Diplomats expect a joint statement by the end of the week, officials said.",
]


def _article_text(doc: Article) -> str:
    return " ".join(s.text for s in doc.sentences)


@pytest.mark.parametrize("form", ["text", "html"])
def test_furniture_is_cut_before_the_sentences_are_numbered(form: str) -> None:
    if form == "text":
        doc = Article.from_text("\n\n".join(STORY))
    else:
        from briefgen.ingest.html import article_from_html

        doc = article_from_html(news_page("Talks resume in Geneva", STORY))
    kept = _article_text(doc)
    for piece in ("Read more", "Scroll down", "( left )", "By Anna Berg"):
        assert piece not in kept, (piece, kept)
    assert "resume border talks" in kept and "joint statement" in kept
    reasons = {f.reason for f in doc.furniture}
    assert {"related link", "video prompt", "picture caption"} <= reasons
    if form == "text":
        assert "byline" in reasons


def test_no_memo_cites_furniture_and_the_report_says_what_was_cut() -> None:
    doc = Article.from_text("\n\n".join(STORY))
    backend = FunctionBackend(lambda request: good_single_pass(), model="m")
    brief = briefgen.generate_brief(doc, client=backend, cache=False)
    assert "Scroll down" not in brief.markdown and "Read more" not in brief.markdown
    assert "Read more" not in brief.article.text
    assert any("page furniture" in w for w in brief.report.warnings)


@pytest.mark.parametrize(
    "sentence",
    [
        "By Monday, Russia had withdrawn its troops.",
        "The video showed the officer striking the man.",
        "Officials said more details would be published on Friday.",
        "Photographs taken by residents showed the damage.",
        "Related talks in Vienna ended without a deal.",
    ],
)
def test_story_sentences_that_mention_the_same_words_are_kept(sentence: str) -> None:
    assert furniture_reason(sentence, whole_line=True) is None
    doc = Article.from_text(f"Talks resume\n\n{sentence}\n\nThe talks went on.")
    assert sentence in doc.text and doc.furniture == ()


def test_a_text_of_nothing_but_furniture_is_read_as_it_is() -> None:
    doc = Article.from_text("Scroll down for video.")
    assert doc.text == "Scroll down for video." and doc.furniture == ()
