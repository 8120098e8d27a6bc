"""Split an article into token-budgeted chunks on sentence boundaries."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict

from briefgen.ingest.article import Article, Sentence


class TokenCounter(Protocol):
    """Anything that counts the tokens of a text (``llm.tokens`` has the real one)."""

    def count(self, text: str) -> int: ...


class Chunk(BaseModel):
    """A run of whole sentences; ``article.text[start:end] == text``."""

    model_config = ConfigDict(frozen=True)

    index: int
    start: int
    end: int
    text: str
    sentence_ids: tuple[str, ...]
    tokens: int


def chunk_article(
    article: Article, counter: TokenCounter, *, budget: int, overlap: int = 0
) -> list[Chunk]:
    """Pack sentences into chunks of at most ``budget`` tokens.

    Consecutive chunks share up to ``overlap`` tokens of whole sentences so that a fact
    spread over a boundary is seen whole once. A single sentence larger than the budget
    becomes a chunk of its own rather than being cut mid-sentence.
    """
    sizes = [counter.count(s.text) + 1 for s in article.sentences]
    chunks: list[Chunk] = []
    first = 0
    total = len(article.sentences)
    while first < total:
        last = first
        used = sizes[first]
        while last + 1 < total and used + sizes[last + 1] <= budget:
            last += 1
            used += sizes[last]
        chunks.append(_make_chunk(article, len(chunks), article.sentences[first : last + 1], used))
        if last + 1 >= total:
            break
        # Step back over trailing sentences that fit the overlap, but always move forward.
        next_first = last + 1
        carried = 0
        while next_first - 1 > first and carried + sizes[next_first - 1] <= overlap:
            next_first -= 1
            carried += sizes[next_first]
        first = next_first
    return chunks


def _make_chunk(
    article: Article, index: int, sentences: tuple[Sentence, ...], tokens: int
) -> Chunk:
    start, end = sentences[0].start, sentences[-1].end
    return Chunk(
        index=index,
        start=start,
        end=end,
        text=article.text[start:end],
        sentence_ids=tuple(s.id for s in sentences),
        tokens=tokens,
    )
