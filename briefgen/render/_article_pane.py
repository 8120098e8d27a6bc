"""The article pane of the HTML evidence view: the article (or each source of a dossier
under its own heading) as paragraphs of sentences, each sentence marked with what cites
it, quoted runs set apart."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.ingest.article import Article
from briefgen.memo.data import BriefData
from briefgen.render import sources as dossier


@dataclass(frozen=True)
class Part:
    """A run of sentence text; ``quoted`` runs lie inside a memo quote's offsets."""

    text: str
    quoted: bool = False


@dataclass(frozen=True)
class Segment:
    """A sentence (``id`` set) or the text between two sentences of one line."""

    parts: tuple[Part, ...]
    id: str = ""
    cited: bool = False
    uncovered: bool = False
    cited_by: str = ""
    page_break: int = 0
    """The page that starts inside or at this sentence (a PDF's), shown as a break; 0 for none."""


@dataclass(frozen=True)
class Paragraph:
    """One line of the article: its sentences and the text between them."""

    segments: tuple[Segment, ...]
    headline: bool = False
    gap_before: bool = False  # a blank line preceded it in the article


@dataclass(frozen=True)
class SourceView:
    """One source of a dossier in the article pane: its heading, then its own text."""

    label: str
    title: str
    meta: str  # outlet, date, where it was read from
    status: str  # "used", "copy", "duplicate", "unreadable" or "failed"
    note: str  # why a source is not read (a copy, a repeat, a failure); empty when used
    paragraphs: tuple[Paragraph, ...] = ()


def source_views(
    article: Article, data: BriefData, cited_by: dict[str, list[str]]
) -> list[SourceView]:
    """A dossier's sources in order: each read one with its part of the joined text (a
    failed one too, since its sentences stay there), the others with why they are not."""
    views = []
    for source in data.sources:
        # A copy, a repeat or an unreadable source has no text in the joined article.
        in_text = source.end > source.start
        span = (source.start, source.end)
        paragraphs = article_paragraphs(article, data, cited_by, span=span) if in_text else []
        views.append(
            SourceView(
                label=source.label,
                title=source.name,
                meta=" · ".join(p for p in (source.outlet, source.published, source.location) if p),
                status=source.status,
                note="" if source.status == "used" else _sentence_case(dossier.status_text(source)),
                paragraphs=tuple(paragraphs),
            )
        )
    return views


def _sentence_case(text: str) -> str:
    # str.capitalize would lower the rest ("A1", a PDF's name).
    return text[:1].upper() + text[1:]


def article_paragraphs(
    article: Article,
    data: BriefData,
    cited_by: dict[str, list[str]],
    *,
    span: tuple[int, int] | None = None,
) -> list[Paragraph]:
    """The article (or the ``span`` of its text one dossier source holds) as paragraphs
    of sentences and the text between them.

    A line break in the text between sentences starts a new paragraph (every line break
    ends a sentence in briefgen, so a line is the natural paragraph); a blank line is kept
    as extra space. A source's span has no headline: its heading already names it.
    """
    text = article.text
    start, end = span if span is not None else (0, len(text))
    headline_of = None if span is not None else article.title
    quotes = [(q.start, q.end) for q in data.quotes]
    paragraphs: list[Paragraph] = []
    current: list[Segment] = []
    gap_before = False

    def between(chunk: str) -> None:
        nonlocal current, gap_before
        pieces = chunk.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                if current:
                    paragraphs.append(
                        _paragraph(current, gap_before, headline_of, first=not paragraphs)
                    )
                    gap_before = False
                current = []
                gap_before = gap_before or (number > 1 and not pieces[number - 1].strip())
            if piece:
                current.append(Segment(parts=(Part(piece),)))

    cursor = start
    page = 0
    for sentence in article.sentences:
        if not (start <= sentence.start and sentence.end <= end):
            continue
        between(text[cursor : sentence.start])
        cited = cited_by.get(sentence.id, [])
        new_page = next((p for p in sentence.pages if p > page), 0)
        page = max(page, *sentence.pages) if sentence.pages else page
        current.append(
            Segment(
                parts=_parts(text, sentence.start, sentence.end, quotes),
                id=sentence.id,
                cited=bool(cited),
                uncovered=any(a <= sentence.start and sentence.end <= b for a, b in data.uncovered),
                cited_by=f"Cited by {', '.join(cited)}" if cited else "",
                page_break=new_page,
            )
        )
        cursor = sentence.end
    between(text[cursor:end])
    if current:
        paragraphs.append(_paragraph(current, gap_before, headline_of, first=not paragraphs))
    return paragraphs


def _paragraph(
    segments: list[Segment], gap_before: bool, title: str | None, *, first: bool
) -> Paragraph:
    line = "".join(part.text for segment in segments for part in segment.parts)
    headline = first and title is not None and line.strip() == title.strip()
    return Paragraph(tuple(segments), headline=headline, gap_before=gap_before)


def _parts(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[Part, ...]:
    """The sentence cut into plain and quoted runs; quote ranges are clipped and merged."""
    ranges = sorted((max(a, start), min(b, end)) for a, b in quotes if a < end and b > start)
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        elif b > a:
            merged.append((a, b))
    parts: list[Part] = []
    cursor = start
    for a, b in merged:
        if a > cursor:
            parts.append(Part(text[cursor:a]))
        parts.append(Part(text[a:b], quoted=True))
        cursor = b
    if end > cursor:
        parts.append(Part(text[cursor:end]))
    return tuple(parts)
