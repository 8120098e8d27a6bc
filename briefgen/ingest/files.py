"""Reading an article from a file or standard input.

The suffix says what a file is: .txt/.md/.markdown/.text are text, .html/.htm/.xhtml
are HTML, .pdf a PDF, .docx and .odt documents, .eml an e-mail; a file without suffix,
and standard input, are told by their first bytes (a PDF's ``%PDF``, a document's ZIP,
an e-mail's headers), else text unless they look like HTML. Input is size-capped before
it is decoded, and formats briefgen does not read (old Word, RTF, images) are refused
with a message naming them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from briefgen.errors import InputError
from briefgen.ingest import readers
from briefgen.ingest.article import Article, decode_input
from briefgen.ingest.html import MAX_HTML_BYTES, article_from_page, extract_html, looks_like_html
from briefgen.ingest.mail import MAX_EMAIL_BYTES, article_from_mail
from briefgen.ingest.pdf import MAX_PDF_BYTES

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".odt", ".eml"})
# Word and OpenDocument files are ZIP archives of XML; this is far beyond any real one.
MAX_DOCUMENT_BYTES = 50_000_000

_FORMAT_NAMES = {
    ".pdf": "a PDF",
    ".docx": "a Word document",
    ".odt": "an OpenDocument text",
    ".eml": "an e-mail",
}
# An e-mail starts with its headers ("Received: ...", "From: ...", "MIME-Version: 1.0").
_MAIL_HEADER = re.compile(
    rb"^(?:Received|From|Return-Path|MIME-Version|Message-ID|Date|Subject|To|Delivered-To|X-[\w-]+):",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
# Magic numbers of formats people pass by mistake; each gets a message naming it.
_FORMATS = (
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office document (.doc) or a password-protected one"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)


def load_file(path: Path, max_chars: int, pdf_password: str | None = None) -> Article:
    """The article in the file at ``path``; InputError when it cannot be used."""
    if not path.exists():
        hint = ""
        if str(path).startswith("www."):
            hint = f" For a web page, pass the full URL: https://{path}"
        raise InputError(f"No such file: {path}.{hint}")
    if path.is_dir():
        raise InputError(f"{path} is a directory; pass the article file inside it.")
    suffix = path.suffix.lower()
    if suffix and suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | DOCUMENT_SUFFIXES:
        raise InputError(
            f"Cannot read {path}: briefgen reads .txt, .md, .html/.htm, .pdf, .docx, .odt, .eml "
            "files (or a file without suffix, read as text). Convert the article first."
        )
    if suffix in DOCUMENT_SUFFIXES:
        with _naming(str(path)):
            return read_document(
                _read_file(path, _document_limit(suffix)), suffix, max_chars, pdf_password
            )
    is_html = suffix in HTML_SUFFIXES
    limit = MAX_HTML_BYTES if is_html or not suffix else _text_byte_limit(max_chars)
    if not suffix:
        limit = max(limit, MAX_PDF_BYTES)  # told by its first bytes: it may be a PDF
    data = _read_file(path, limit)
    with _naming(str(path)):
        sniffed = sniff_document(data)
        if not suffix and sniffed:
            return read_document(data, sniffed, max_chars, pdf_password)
        if sniffed and sniffed != ".eml":  # an e-mail is text too: a .txt of one is text
            raise InputError(
                f"It is {_FORMAT_NAMES[sniffed]}, not {suffix.lstrip('.')} text. Rename it to "
                f"{path.stem}{sniffed} and briefgen will read it."
            )
        if not suffix and len(data) > MAX_HTML_BYTES:
            raise InputError(
                f"It is larger than {MAX_HTML_BYTES:,} bytes, too large to be one article."
            )
        _check_bytes(data)
        if is_html or (not suffix and looks_like_html(data)):
            return article_from_page(extract_html(data), max_chars)
        text = decode_input(data)
        title = _markdown_title(text) if suffix in (".md", ".markdown") else None
        try:
            return Article.from_text(text, title=title, max_chars=max_chars)
        except InputError:
            if looks_like_html(data):  # a web page saved under a text name
                raise InputError(
                    f"It is an HTML page, not {suffix or 'plain'} text. Rename it to "
                    f"{path.stem}.html and briefgen will take the article out of the page."
                ) from None
            raise


def load_stdin(max_chars: int, pdf_password: str | None = None) -> Article:
    """The article on standard input (text, HTML, or a PDF or document told by its first
    bytes); InputError when it cannot be used."""
    limit = max(MAX_HTML_BYTES, _text_byte_limit(max_chars), MAX_PDF_BYTES)
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"Standard input has more than {limit:,} bytes; that is too large.")
    with _naming("standard input"):
        sniffed = sniff_document(data)
        if sniffed:
            return read_document(data, sniffed, max_chars, pdf_password)
        if len(data) > max(MAX_HTML_BYTES, _text_byte_limit(max_chars)):
            raise InputError("Standard input is too large to be one article.")
        _check_bytes(data)
        if looks_like_html(data):
            return article_from_page(extract_html(data), max_chars)
        return Article.from_text(decode_input(data), max_chars=max_chars)


def sniff_document(data: bytes) -> str | None:
    """The suffix of the document format ``data`` is (".pdf", ".docx", ".odt"), told by
    its first bytes, or None for anything else."""
    head = data[:1024]
    if head.lstrip(b"\x00\t\n\r ").startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:
            return ".odt"
        if b"word/" in data[: 64 * 1024] or b"[Content_Types].xml" in head:
            return ".docx"
    if (
        _MAIL_HEADER.match(head)
        and re.search(rb"^From:", head, re.M)
        and b"\n\n" in data[:65536].replace(b"\r", b"")
    ):
        return ".eml"
    return None


def read_document(data: bytes, suffix: str, max_chars: int, pdf_password: str | None) -> Article:
    """The article in a PDF, Word, OpenDocument or e-mail file's bytes."""
    if suffix == ".eml":
        return article_from_mail(data, max_chars=max_chars, pdf_password=pdf_password)
    return readers.read_document(data, suffix, max_chars, pdf_password)


def _document_limit(suffix: str) -> int:
    return {".pdf": MAX_PDF_BYTES, ".eml": MAX_EMAIL_BYTES}.get(suffix, MAX_DOCUMENT_BYTES)


def _read_file(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(data) > limit:
        raise InputError(
            f"{path} is larger than {limit:,} bytes, too large to be one article "
            "(raise max_chars if it really is)."
        )
    return data


def _text_byte_limit(max_chars: int) -> int:
    # UTF-8 takes at most 4 bytes a character, plus room for a byte order mark.
    return max_chars * 4 + 4


def _check_bytes(data: bytes) -> None:
    if not data.strip():
        raise InputError("It is empty (or only whitespace). Pass the article's text.")
    for magic, name in _FORMATS:
        if data.startswith(magic):
            raise InputError(f"It is {name}, not text or HTML. Extract the article's text first.")


class _naming:  # noqa: N801 - used like a function, as a context manager
    """Prefix InputErrors raised inside with where the input came from."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any
    ) -> None:
        if isinstance(exc, InputError) and type(exc) is InputError:
            raise InputError(f"{self.label}: {exc}") from exc


def _markdown_title(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            match = _MD_HEADING.match(line.strip())
            return match.group(1) if match else None
    return None
