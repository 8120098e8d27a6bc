"""Reading a PDF: its text layer through pypdfium2 (PDFium, the engine of Chromium's viewer),
page by page, into an Article whose every sentence knows its pages.

pypdfium2 is an optional extra (``pip install "briefgen[pdf]"``), imported only when a PDF
is read. It was chosen over pdfplumber/pdfminer.six for speed (a compiled engine, tens of
times faster per page, see ``benchmarks/documents.py``) and because PDFium's text order
and line breaks are those of the viewer people check a quotation in. The layout is undone
by ``ingest.layout``; this module opens the file, reads each line and its box, and takes
the title, issuer and date the file gives. Limits are checked before any page is parsed
(bytes) and while reading (pages, characters), so a PDF bomb stops early.
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from briefgen.errors import ConfigError, InputError
from briefgen.ingest.article import DEFAULT_MAX_CHARS, Article
from briefgen.ingest.document import DocumentInfo, article_from_blocks
from briefgen.ingest.layout import Layout, Line, PageLines, furniture_of, running_lines

logger = logging.getLogger(__name__)

PDF_INSTALL_HINT = 'pip install "briefgen[pdf]"'
MAX_PDF_BYTES = 100_000_000
MAX_PDF_PAGES = 2_000
# PDFium's error codes (fpdfview.h): what went wrong when a document does not open.
_ERR_FILE, _ERR_FORMAT, _ERR_PASSWORD, _ERR_SECURITY = 2, 3, 4, 5
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_BROWSERS = ("skia/pdf", "headlesschrome", "chrome", "chromium", "mozilla", "firefox", "webkit")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ")


def article_from_pdf(
    data: bytes,
    *,
    password: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_pages: int = MAX_PDF_PAGES,
) -> Article:
    """The text of a PDF as an Article: running heads, page numbers and a browser's print
    lines left out (listed in ``furniture``), columns read in order, every sentence with
    its pages. InputError for a PDF with no text layer, a wrong or missing password, a
    damaged file, or one over a limit; ConfigError when pypdfium2 is not installed."""
    if len(data) > MAX_PDF_BYTES:
        raise InputError(
            f"The PDF has {len(data):,} bytes, over the limit of {MAX_PDF_BYTES:,}. "
            "Split it, or extract the pages you need."
        )
    pdfium = import_pdfium()
    document = _open(pdfium, data, password)
    try:
        count = len(document)
        if count > max_pages:
            raise InputError(
                f"The PDF has {count:,} pages, over the limit of {max_pages:,}. "
                "Extract the pages you need (for example with qpdf --pages)."
            )
        pages = list(_read_pages(pdfium, document, max_chars))
        metadata = {**xmp_metadata(data), **_metadata(document)}
    finally:
        document.close()
    empty = [page.number for page in pages if not page.lines]
    if len(empty) == len(pages):
        raise InputError(
            f"This PDF has no text layer ({count} page{'s' if count != 1 else ''} of "
            "images, a scan): run OCR on it first, e.g. ocrmypdf in.pdf out.pdf."
        )
    if empty:
        logger.warning("Pages %s of the PDF have no text (images?); they are not read.", empty)
    browser = any(name in metadata.get("Producer", "").lower() for name in _BROWSERS) or any(
        name in metadata.get("Creator", "").lower() for name in _BROWSERS
    )
    cut = running_lines(pages, browser=browser)
    layout = Layout(pages, cut, keep_hyphen=browser)
    blocks = layout.blocks()
    info = _info(metadata, pages, cut, browser=browser)
    article = article_from_blocks(blocks, info, max_chars=max_chars)
    furniture = (*furniture_of(pages, cut), *layout.dropped, *article.furniture)
    return article.model_copy(update={"furniture": furniture})


def import_pdfium() -> ModuleType:
    """The pypdfium2 module; ConfigError, with the command that installs it, if absent."""
    try:
        import pypdfium2
    except ImportError as exc:
        raise ConfigError(
            f"Reading PDF files needs pypdfium2, which is not installed. Install it with: "
            f"{PDF_INSTALL_HINT}"
        ) from exc
    module: ModuleType = pypdfium2
    return module


def _open(pdfium: ModuleType, data: bytes, password: str | None) -> Any:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == _ERR_PASSWORD:
            raise InputError(
                "The PDF is encrypted and "
                + ("the password given is wrong." if password else "needs a password: ")
                + ("" if password else "pass it with --pdf-password or pdf_password=.")
            ) from exc
        if code == _ERR_SECURITY:
            raise InputError("The PDF uses a security handler briefgen cannot open.") from exc
        raise InputError(
            "The PDF is damaged and cannot be read"
            + (
                " (its structure is broken or it is cut short)"
                if code in (_ERR_FILE, _ERR_FORMAT)
                else ""
            )
            + f": {str(exc).rstrip('.')}. Open it in a viewer and save or print it to a new PDF."
        ) from exc


def _read_pages(pdfium: ModuleType, document: Any, max_chars: int) -> Iterator[PageLines]:
    """Each page's lines; stops with InputError as soon as the text passes ``max_chars``."""
    total = 0
    for index in range(len(document)):
        page = document[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                lines = tuple(_lines(pdfium, textpage, height))
            finally:
                textpage.close()
        finally:
            page.close()
        total += sum(len(line.text) + 1 for line in lines)
        if total > max_chars:
            raise InputError(
                f"The PDF's text passes the limit of {max_chars:,} characters by page "
                f"{index + 1}. Split it, or raise max_input_chars in BriefConfig."
            )
        yield PageLines(index + 1, width, height, lines)


def _lines(pdfium: ModuleType, textpage: Any, height: float) -> Iterator[Line]:
    """The page's lines as PDFium breaks them, each with the box of its first and last
    characters (a call per line end, not per character) and its first character's size."""
    raw = pdfium.raw
    count = textpage.count_chars()
    if count <= 0:
        return
    text = textpage.get_text_range(0, count)
    if len(text) != count:
        # Characters outside the BMP: PDFium counts one, UTF-16 two. Read one by one.
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(count))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    position = 0
    for piece in text.split("\r\n"):
        start, end = position, position + len(piece)
        position = end + 2
        stripped = piece.strip()
        if not stripped:
            continue
        first = start + len(piece) - len(piece.lstrip())
        last = start + len(piece.rstrip()) - 1
        raw.FPDFText_GetCharBox(textpage.raw, first, left, right, bottom, top)
        x0, y_top, y_bottom = left.value, top.value, bottom.value
        raw.FPDFText_GetCharBox(textpage.raw, last, left, right, bottom, top)
        x1 = right.value
        y_top, y_bottom = max(y_top, top.value), min(y_bottom, bottom.value)
        size = float(raw.FPDFText_GetFontSize(textpage.raw, first))
        yield Line(stripped, x0, max(x1, x0), height - y_top, height - y_bottom, size)


_XMP_START, _XMP_END = b"<x:xmpmeta", b"</x:xmpmeta>"
_XMP_MAX_BYTES = 1_000_000
_XMP_FIELDS = {
    "Title": ("{http://purl.org/dc/elements/1.1/}title",),
    "Author": ("{http://purl.org/dc/elements/1.1/}creator",),
    "CreationDate": (
        "{http://ns.adobe.com/xap/1.0/}CreateDate",
        "{http://ns.adobe.com/photoshop/1.0/}DateCreated",
        "{http://purl.org/dc/elements/1.1/}date",
    ),
    "Producer": ("{http://ns.adobe.com/pdf/1.3/}Producer",),
}


def xmp_metadata(data: bytes) -> dict[str, str]:
    """Title, author, date and producer from the file's XMP packet, named as the document
    information names them. XMP is stored uncompressed so that any tool can find it by
    scanning; a packet that is not plain XML (a DTD, entities) is not read."""
    start = data.find(_XMP_START)
    end = data.find(_XMP_END, start) if start >= 0 else -1
    if start < 0 or end < 0 or end - start > _XMP_MAX_BYTES:
        return {}
    packet = data[start : end + len(_XMP_END)]
    if b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:
        return {}
    try:
        root = ElementTree.fromstring(packet)
    except ElementTree.ParseError:
        return {}
    found: dict[str, str] = {}
    for name, tags in _XMP_FIELDS.items():
        for tag in tags:
            value = _xmp_value(root, tag)
            if value:
                found[name] = value
                break
    if "CreationDate" in found:  # ISO 8601 in XMP; the info dictionary's form below
        found["CreationDate"] = found["CreationDate"].replace("-", "")[:8]
    return found


def _xmp_value(root: ElementTree.Element, tag: str) -> str | None:
    """A property as an element or attribute; of a list (rdf:Alt, rdf:Seq) its first item."""
    for element in root.iter(tag):
        items = [" ".join("".join(li.itertext()).split()) for li in element.iter(_RDF_LI)]
        text = next((item for item in items if item), None) or " ".join(
            "".join(element.itertext()).split()
        )
        if text:
            return text
    for element in root.iter(_RDF_DESCRIPTION):
        value = element.get(tag)
        if value and value.strip():
            return value.strip()
    return None


_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_RDF_LI, _RDF_DESCRIPTION = f"{_RDF}li", f"{_RDF}Description"


def _metadata(document: Any) -> dict[str, str]:
    try:
        found = document.get_metadata_dict(skip_empty=True)
    except Exception:  # a damaged info dictionary is not a reason to lose the text
        logger.debug("The PDF's document information could not be read", exc_info=True)
        return {}
    return {str(k): str(v) for k, v in found.items()}


def _info(
    metadata: dict[str, str],
    pages: list[PageLines],
    cut: dict[tuple[int, int], str],
    *,
    browser: bool,
) -> DocumentInfo:
    """Title, issuer and date from the document information, else from the pages."""
    first_lines = [line.text for page in pages[:5] for line in page.lines]
    title = _title(metadata.get("Title"), first_lines)
    source = metadata.get("Author") or _printed_site(pages, cut)
    # A browser's "Save as PDF" dates the file when it was printed, not the story.
    published = None if browser else _pdf_date(metadata.get("CreationDate"))
    return DocumentInfo(title=title, source=source, published=published, page_count=len(pages))


def _title(title: str | None, first_lines: list[str]) -> str | None:
    """The document's title without the site name a saved web page appends; the first
    line of the first page when the file names none."""
    if not title or not title.strip() or title.lower().endswith((".doc", ".docx", ".pdf")):
        return next((line for line in first_lines if len(line.split()) >= 2), None)
    title = " ".join(title.split())
    for separator in _TITLE_SEPARATORS:
        head = title.split(separator)[0]
        if head != title and any(
            head.startswith(line) or line.startswith(head) for line in first_lines if len(line) > 10
        ):
            return head
    return title


def _printed_site(pages: list[PageLines], cut: dict[tuple[int, int], str]) -> str | None:
    """The site a browser's print footer names ("https://www.reuters.com/... 2/4")."""
    for (number, index), reason in cut.items():
        if reason == "browser print footer":
            url = pages[number - 1].lines[index].text.split()[0]
            host = urlsplit(url).hostname
            if host:
                return host.removeprefix("www.")
    return None


def _pdf_date(value: str | None) -> str | None:
    """A PDF date ("D:20240305120000+01'00'") as YYYY-MM-DD, or None."""
    found = _PDF_DATE.match(value or "")
    if not found or not found.group(2) or not found.group(3):
        return None
    return f"{found.group(1)}-{found.group(2)}-{found.group(3)}"
