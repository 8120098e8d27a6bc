"""Undoing a page layout: lines placed on pages made back into paragraphs in reading order.

A reader of a laid-out format (PDF) gives each page's lines with their boxes; this module
knows nothing of the format. It finds the running headers and footers (a line repeated at
the top or bottom of most pages, page numbers, what a browser prints on a saved page),
reads a two-column page column by column, joins the lines of a paragraph (a word broken
at a line end made whole), carries a paragraph over a column or page break, and keeps
footnotes apart. Coordinates are in points, ``top`` measured down from the page's top.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefgen.ingest.document import Block
from briefgen.ingest.furniture import COOKIE_NOTICE, Furniture


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as it is placed on its page."""

    text: str
    left: float
    right: float
    top: float
    bottom: float
    size: float
    """Font size of its first character (0 when the format does not say)."""

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass(frozen=True)
class PageLines:
    """A page's lines in the order the file gives them."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]


# The band at the top and the bottom of a page where running heads and folios live.
_EDGE_SHARE = 0.12
_EDGE_LINES = 3
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}(?:\s*(?:/|of|von|de|sur|из)\s*\d{1,4})?|"
    r"(?:page|p\.|pg\.|seite|página|pagina|страница|стр\.)\s*\d{1,4}"
    r"(?:\s*(?:/|of|von|de|sur|из)\s*\d{1,4})?|[ivxlc]{1,6})$",
    re.IGNORECASE,
)
# A browser's print header ("12/3/26, 5:33 AM  Title") and footer ("https://... 2/4").
_PRINT_HEADER = re.compile(
    r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b", re.I
)
_PRINT_FOOTER = re.compile(r"^(?:https?|file)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?…。！？؟:;][\"'”’»)\]]*$")
_NOTE_MARK = re.compile(r"^(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[*†‡§]|[ivx]{1,4}\s)\s*\S")
# PDFium marks a hyphen it found at a line end as U+0002 (pypdfium2 gives U+FFFE).
_HYPHENS = ("-", "\x02", "\ufffe", "\u00ad", "\u2010")
# Chromium prints a soft hyphen (&shy;) where it breaks a line as U+2010, a typed hyphen
# as "-": the first is a break, never part of the word.
_SOFT_BREAKS = ("\u00ad", "\u2010")
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BROKEN_INSIDE = re.compile(r"([^\W\d_]+)[\x02\ufffe]([^\W\d_]+)")
# A menu: this many one-line paragraphs in a row, each a few words with no sentence end.
_MENU_RUN = 4
_MENU_WORDS = 5


def running_lines(
    pages: Sequence[PageLines], *, browser: bool = True
) -> dict[tuple[int, int], str]:
    """The lines that are page furniture, as (page number, line index) -> reason: a line in
    a page's top or bottom band that most pages repeat (digits aside), a page number, or
    a browser's print header and footer (taken on one page only from a file a browser
    printed, ``browser``: a statement may well open with its date and time)."""
    edges = {page.number: _edge_indexes(page) for page in pages}
    repeated = _repeated_shapes(pages, edges)
    found: dict[tuple[int, int], str] = {}
    needed = max(2, (len(pages) + 1) // 2)
    for page in pages:
        for index in edges[page.number]:
            text = page.lines[index].text.strip()
            often = repeated[_shape(text)] >= needed and len(pages) > 1
            reason = _edge_reason(text, often, browser or often)
            if reason:
                found[(page.number, index)] = reason
    return found


def _repeated_shapes(pages: Sequence[PageLines], edges: dict[int, list[int]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(page.lines[i].text) for i in edges[page.number]})
    return counts


def _edge_indexes(page: PageLines) -> list[int]:
    """The indexes of the lines in the top and bottom bands, at most three at each edge."""
    by_top = sorted(range(len(page.lines)), key=lambda i: page.lines[i].top)
    band = page.height * _EDGE_SHARE
    top = [i for i in by_top[:_EDGE_LINES] if page.lines[i].top <= band]
    bottom = [i for i in by_top[-_EDGE_LINES:] if page.lines[i].bottom >= page.height - band]
    return sorted(set(top) | set(bottom))


def _edge_reason(text: str, repeated: bool, printed: bool) -> str | None:
    if _PAGE_NUMBER.match(text):
        return "page number"
    if printed and _PRINT_HEADER.match(text):
        return "browser print header"
    if printed and _PRINT_FOOTER.match(text):
        return "browser print footer"
    if repeated:
        return "running header or footer"
    return None


def _shape(text: str) -> str:
    """A line with its digits made one sign: page 3's footer is page 4's."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def furniture_of(pages: Sequence[PageLines], cut: dict[tuple[int, int], str]) -> list[Furniture]:
    """The cut lines as the article lists its furniture, each text once."""
    seen: dict[str, str] = {}
    for page in pages:
        for index, line in enumerate(page.lines):
            reason = cut.get((page.number, index))
            if reason and line.text.strip() not in seen:
                seen[line.text.strip()] = reason
    return [Furniture(text=text, reason=reason) for text, reason in seen.items()]


@dataclass
class _Paragraph:
    parts: list[tuple[str, int]]
    last: Line
    kind: str = "text"

    def block(self) -> Block:
        return Block(tuple(self.parts), "note" if self.kind == "note" else "text")


class Layout:
    """Paragraphs from the lines of every page, in reading order."""

    def __init__(
        self, pages: Sequence[PageLines], cut: dict[tuple[int, int], str], *, keep_hyphen: bool
    ) -> None:
        self.pages = pages
        self.cut = cut
        self.keep_hyphen = keep_hyphen
        self.words = _words(line.text for page in pages for line in page.lines)
        self.dropped: list[Furniture] = []
        """What ``blocks`` left out as page furniture (menus, cookie notices)."""

    def blocks(self) -> list[Block]:
        """The body's paragraphs, then every page's footnotes; menus and cookie notices
        are left out and listed in ``dropped``."""
        body: list[_Paragraph] = []
        notes: list[_Paragraph] = []
        for page in self.pages:
            lines = [line for i, line in enumerate(page.lines) if (page.number, i) not in self.cut]
            text_lines, note_lines = _footnotes(lines, page)
            for column in _columns(text_lines, page):
                self._read(column, page.number, body, across=True)
            self._read(note_lines, page.number, notes, across=False, kind="note")
        return [p.block() for p in self._without_furniture(body)] + [p.block() for p in notes]

    def _without_furniture(self, paragraphs: list[_Paragraph]) -> list[_Paragraph]:
        """The paragraphs but cookie notices and menus (runs of one-line link labels)."""
        kept: list[_Paragraph] = []
        run: list[_Paragraph] = []
        for paragraph in [*paragraphs, None]:
            if paragraph is not None and _menu_item(paragraph):
                run.append(paragraph)
                continue
            if len(run) >= _MENU_RUN:
                self.dropped.extend(
                    Furniture(text=_text(p), reason="menu or list of links") for p in run
                )
            else:
                kept.extend(run)
            run = []
            if paragraph is None:
                break
            if COOKIE_NOTICE.search(_text(paragraph)):
                self.dropped.append(Furniture(text=_text(paragraph), reason="cookie notice"))
            else:
                kept.append(paragraph)
        return kept

    def _read(
        self,
        lines: Sequence[Line],
        page: int,
        into: list[_Paragraph],
        *,
        across: bool,
        kind: str = "text",
    ) -> None:
        """Add a column's lines to ``into``: each continues the paragraph before it or
        starts one; the column's first line may continue the last paragraph (``across``)."""
        width = _typical_width(lines)
        pitch = _line_pitch(lines)
        sizes = [line.size for line in lines if line.size > 0]
        body_size = statistics.median(sizes) if sizes else 0.0
        for n, line in enumerate(lines):
            text = self._unbroken(line.text.translate(_LIGATURES).strip())
            if not text:
                continue
            last = into[-1] if into else None
            if last is None or not self._continues(
                last,
                line,
                text,
                first=n == 0,
                across=across,
                width=width,
                pitch=pitch * max(1.0, line.size / body_size) if body_size else pitch,
                kind=kind,
            ):
                into.append(_Paragraph([(text, page)], line, kind))
                continue
            self._join(last, text, page)
            last.last = line

    def _continues(
        self,
        last: _Paragraph,
        line: Line,
        text: str,
        *,
        first: bool,
        across: bool,
        width: float,
        pitch: float,
        kind: str,
    ) -> bool:
        before = last.parts[-1][0]
        if kind == "note" and _NOTE_MARK.match(text):
            return False  # each note starts with its mark
        if first:
            # A new column or page: the paragraph goes on when its last line did not end
            # a sentence, or this line starts in lower case.
            return across and (not _SENTENCE_END.search(before) or text[:1].islower())
        step = line.top - last.last.top
        if abs(step) < 0.5 * pitch and line.left >= last.last.right - 1:
            return True  # the rest of the same line, after a superscript or a wide gap
        if step > 1.35 * pitch or step < -pitch:
            return False  # a blank line, or a jump back up the page (another block)
        if line.size and last.last.size and abs(line.size - last.last.size) > 0.15 * last.last.size:
            return False  # another type size: a heading, a caption, an endnote
        if text[:1].islower() and not _SENTENCE_END.search(before):
            return True  # a wrapped headline or caption goes on in lower case
        # A short line ends its paragraph (a heading, a paragraph's last line).
        return last.last.right - _left_edge(last.last, line) >= 0.75 * width

    def _join(self, paragraph: _Paragraph, text: str, page: int) -> None:
        before, before_page = paragraph.parts[-1]
        if (
            before.endswith(_HYPHENS)
            and len(before) > 1
            and before[-2].isalpha()
            and text[:1].isalpha()
        ):
            keep = self._keep_hyphen(before, text)
            head = before[:-1] + ("-" if keep else "")
            if before_page == page:
                paragraph.parts[-1] = (head + text, page)
            else:
                paragraph.parts[-1] = (head, before_page)
                paragraph.parts.append((text, page))
            return
        if before_page == page:
            paragraph.parts[-1] = (f"{before} {text}", page)
        else:
            paragraph.parts.append((f" {text}", page))

    def _unbroken(self, text: str) -> str:
        """A line with the words PDFium marks as broken inside it (U+0002) made whole."""
        if "\x02" not in text and "\ufffe" not in text:
            return text
        return (
            _BROKEN_INSIDE.sub(
                lambda m: m[1] + ("-" if self._keep_hyphen(m[1] + "-", m[2]) else "") + m[2], text
            )
            .replace("\x02", "-")
            .replace("\ufffe", "-")
        )

    def _keep_hyphen(self, before: str, after: str) -> bool:
        """Whether a hyphen at a line end is the word's own ("deep-water"), not a break."""
        head = _WORD.findall(before[:-1])
        tail = _WORD.findall(after)
        if not head or not tail:
            return True
        whole, broken = (head[-1] + tail[0]).lower(), f"{head[-1]}-{tail[0]}".lower()
        if broken in self.words:
            return True
        if whole in self.words or before.endswith(_SOFT_BREAKS):
            return False
        # No other use in the document tells: a typesetter hyphenates before a lower-case
        # syllable; a browser does not hyphenate unless the page asks for it (and then it
        # prints the break as U+2010, a soft break, above).
        return self.keep_hyphen or not after[:1].islower()


def _text(paragraph: _Paragraph) -> str:
    return "".join(text for text, _ in paragraph.parts).strip()


def _menu_item(paragraph: _Paragraph) -> bool:
    """A paragraph that reads as a link's label: one short line with no sentence end."""
    text = _text(paragraph)
    return len(text.split()) <= _MENU_WORDS and not _SENTENCE_END.search(text)


def _words(texts: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for text in texts:
        words.update(
            w.lower() for w in _WORD.findall(text.replace("\ufffe", "-").replace("\x02", "-"))
        )
    return words


def _left_edge(last: Line, line: Line) -> float:
    return min(last.left, line.left)


def _line_pitch(lines: Sequence[Line]) -> float:
    """The usual distance from one line's top to the next's in this column."""
    steps = [
        b.top - a.top
        for a, b in itertools.pairwise(lines)
        if 0 < b.top - a.top < 3 * max(a.height, a.size)
    ]
    if not steps:
        return max((line.height for line in lines), default=1.0) * 1.5
    return max(statistics.median(steps), 1.0)


def _typical_width(lines: Sequence[Line]) -> float:
    """The width of a full line of this column: the widest that two lines share (their
    right margin; one wide line alone may be a figure or a table), else the widest."""
    if not lines:
        return 1.0
    left = min(line.left for line in lines)
    widths = sorted((line.right - left for line in lines), reverse=True)
    for width in widths[:-1]:
        if sum(1 for other in widths if abs(other - width) <= 0.03 * width) >= 2:
            return max(width, 1.0) if width >= 0.6 * widths[0] else max(widths[0], 1.0)
    return max(widths[0], 1.0)


def _footnotes(lines: list[Line], page: PageLines) -> tuple[list[Line], list[Line]]:
    """The page's lines, and its footnotes apart: a run of lines at the page's foot, in a
    smaller type than the body's, starting with a note mark."""
    sizes = [line.size for line in lines if line.size > 0]
    if len(sizes) < 5:
        return lines, []
    body_size = statistics.median(sizes)
    order = sorted(range(len(lines)), key=lambda i: lines[i].top)
    start = len(order)
    for position in range(len(order) - 1, -1, -1):
        line = lines[order[position]]
        if line.size <= 0 or line.size >= 0.88 * body_size or line.top < page.height * 0.5:
            break
        start = position
    notes = [lines[i] for i in order[start:]]
    if not notes or not _NOTE_MARK.match(notes[0].text.strip()):
        return lines, []
    chosen = set(order[start:])
    return [line for i, line in enumerate(lines) if i not in chosen], notes


def _columns(lines: list[Line], page: PageLines) -> list[list[Line]]:
    """The page's lines in reading order, as the columns they are read in: one column as
    the file gives it, or on a two-column page the full-width lines where they stand and,
    between them, the left column down and then the right."""
    gutter = _gutter(lines, page)
    if gutter is None:
        return [lines]
    columns: list[list[Line]] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in sorted(lines, key=lambda item: (item.top, item.left)):
        if line.left < gutter < line.right:  # across both columns: a title, a wide figure
            columns.extend(c for c in (left, right) if c)
            left, right = [], []
            columns.append([line])
        elif line.right <= gutter:
            left.append(line)
        else:
            right.append(line)
    columns.extend(c for c in (left, right) if c)
    return columns


def _gutter(lines: list[Line], page: PageLines) -> float | None:
    """The x of the space between two columns, when the page has two: a vertical band in
    the page's middle that few lines cross, with several lines on each side of it."""
    if len(lines) < 8:
        return None
    crossings = {
        step: sum(1 for line in lines if line.left < page.width * step / 100 < line.right)
        for step in range(30, 71)
    }
    crossing = min(crossings.values())
    # The middle of the clearest band, not its edge, so a ragged column does not cross it.
    steps = [step for step, count in crossings.items() if count == crossing]
    x = page.width * statistics.median(steps) / 100
    left = sum(1 for line in lines if line.right <= x)
    right = sum(1 for line in lines if line.left >= x)
    if crossing > 0.2 * len(lines) or min(left, right) < 0.25 * len(lines):
        return None
    return x
