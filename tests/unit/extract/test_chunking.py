from __future__ import annotations

import pytest

from briefgen.extract.chunking import chunk_article
from briefgen.ingest.article import Article
from briefgen.llm.tokens import TokenCounter, token_counter


@pytest.fixture
def long_article() -> Article:
    paragraphs = [
        f"Officials in city number {i} said the talks would resume on day {i}. "
        f"The delegation from region {i} arrived late. Nobody commented on item {i}."
        for i in range(60)
    ]
    return Article.from_text("\n".join(paragraphs))


def test_single_chunk_for_the_seed(seed_text: str) -> None:
    article = Article.from_text(seed_text)
    chunks = chunk_article(article, token_counter("gpt-4o-mini"), budget=3000, overlap=100)
    assert len(chunks) == 1
    assert chunks[0].text == article.text


@pytest.mark.parametrize("budget,overlap", [(200, 0), (200, 60), (450, 100), (1000, 300)])
def test_chunks_keep_offsets_budget_and_cover_everything(
    long_article: Article, budget: int, overlap: int
) -> None:
    counter = token_counter("gpt-4o-mini")
    chunks = chunk_article(long_article, counter, budget=budget, overlap=overlap)
    assert len(chunks) > 1
    covered: set[str] = set()
    for previous, chunk in zip([None, *chunks], chunks, strict=False):
        assert long_article.text[chunk.start : chunk.end] == chunk.text
        assert chunk.tokens <= budget
        assert counter.count(chunk.text) <= budget
        covered.update(chunk.sentence_ids)
        if previous is not None:
            shared = set(previous.sentence_ids) & set(chunk.sentence_ids)
            assert chunk.start > previous.start  # always moves forward
            if overlap == 0:
                assert not shared
            shared_tokens = sum(
                counter.count(s.text) + 1 for s in long_article.sentences if s.id in shared
            )
            assert shared_tokens <= overlap
    assert covered == {s.id for s in long_article.sentences}


def test_overlap_repeats_sentences(long_article: Article) -> None:
    counter = token_counter("gpt-4o-mini")
    chunks = chunk_article(long_article, counter, budget=300, overlap=60)
    assert set(chunks[0].sentence_ids) & set(chunks[1].sentence_ids)


def test_a_sentence_over_budget_is_a_chunk_of_its_own() -> None:
    giant = "Word " * 400
    article = Article.from_text(f"Short one. {giant.strip()}. Short two.")
    counter = TokenCounter("estimate", None)
    chunks = chunk_article(article, counter, budget=200, overlap=0)
    assert [len(c.sentence_ids) for c in chunks] == [1, 1, 1]
