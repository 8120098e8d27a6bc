"""A document's paragraphs, in reading order and each with its pages, made into an Article.

Every reader of a laid-out format (PDF, Word, OpenDocument, e-mail) ends here: it hands
over ``Block`` objects (a paragraph, heading, table row or note, with the page each part
of it is on) and ``article_from_blocks`` makes the one ``Article`` every later stage
reads. Notes (footnotes, endnotes) are kept apart: they follow the body, each a line of
its own, so they can be cited but never run into a sentence of the body.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from briefgen.ingest.article import DEFAULT_MAX_CHARS, Article, normalise

BlockKind = Literal["text", "heading", "table", "note"]


@dataclass(frozen=True)
class Block:
    """One paragraph (heading, table row, note) of a document, as a reader found it.

    ``parts`` are its pieces of text with the page each is on (0 where the format has no
    pages): a paragraph that runs over a page break is two parts, one paragraph."""

    parts: tuple[tuple[str, int], ...]
    kind: BlockKind = "text"

    @classmethod
    def of(cls, text: str, page: int = 0, kind: BlockKind = "text") -> Block:
        """A block of one piece of text on one page (0: the format has no pages)."""
        return cls(((text, page),), kind)

    @property
    def text(self) -> str:
        """The block's text on one line, as it will be in the article."""
        return _joined(self.parts)[0]

    @property
    def last_page(self) -> int:
        """The page the block ends on (0 where the format has no pages)."""
        return self.parts[-1][1] if self.parts else 0

    def then(self, text: str, page: int) -> Block:
        """This block continued by ``text`` on ``page`` (a paragraph over a page break),
        joined as it is: start ``text`` with a space unless it ends a broken word."""
        return Block((*self.parts, (text, page)), self.kind)


@dataclass(frozen=True)
class DocumentInfo:
    """What a document says about itself: title, issuer (author or body), date, pages."""

    title: str | None = None
    source: str | None = None
    published: str | None = None
    page_count: int | None = None
    notes: list[str] = field(default_factory=list)
    """What the reader did that a user should know (pages without text, layout undone)."""


def article_from_blocks(
    blocks: Sequence[Block], info: DocumentInfo, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """The Article of a document's blocks: the body in reading order, then its notes, one
    block a line; every sentence knows the pages it is on when the format has pages."""
    lines: list[str] = []
    page_map: list[tuple[int, int]] = []
    offset = 0
    ordered = [b for b in blocks if b.kind != "note"] + [b for b in blocks if b.kind == "note"]
    for block in ordered:
        text, starts = _joined(block.parts)
        if not text:
            continue
        page_map.extend((offset + at, page) for at, page in starts if page)
        lines.append(text)
        offset += len(text) + 1
    return Article.from_text(
        "\n".join(lines),
        title=info.title,
        source=info.source,
        published=info.published,
        max_chars=max_chars,
        page_map=tuple(page_map) if page_map else None,
        page_count=info.page_count,
    )


def clean_inline(text: str) -> str:
    """One line of text as the article normalises it, line breaks made spaces and soft
    hyphens (invisible by definition) left out: a block's offsets are then its final ones."""
    return " ".join(normalise(text.replace("\u00ad", "")).split())


def _joined(parts: Sequence[tuple[str, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The parts on one line, and where each page starts in it (offset, page).

    Parts are joined as they are: a reader that continues a paragraph on the next page
    starts the new part with a space, or not, when a word was broken at the page end."""
    text = clean_inline("".join(raw for raw, _ in parts))
    starts: list[tuple[int, int]] = []
    prefix = ""
    for raw, page in parts:
        if not starts or starts[-1][1] != page:
            # Where this part's first character lands once the whole line is cleaned.
            lead = raw[: len(raw) - len(raw.lstrip())]
            at = len(clean_inline(prefix + lead + "x")) - 1
            if at < len(text):
                starts.append((at, page))
        prefix += raw
    return text, starts
