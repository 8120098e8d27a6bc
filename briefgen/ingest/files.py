"""Reading an article from a file or standard input.

The suffix says what a file is: .txt/.md/.markdown/.text are text, .html/.htm/.xhtml are
HTML; a file without suffix, and standard input, are text unless they look like HTML.
Input is size-capped before it is decoded, and formats people pass by mistake (PDF, Word,
images) are refused with a message naming them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from briefgen.errors import InputError
from briefgen.ingest.article import Article, decode_input
from briefgen.ingest.html import MAX_HTML_BYTES, article_from_page, extract_html, looks_like_html

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
# Magic numbers of formats people pass by mistake; each gets a message naming it.
_FORMATS = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)


def load_file(path: Path, max_chars: int) -> Article:
    """The article in the file at ``path``; InputError when it cannot be used."""
    if not path.exists():
        hint = ""
        if str(path).startswith("www."):
            hint = f" For a web page, pass the full URL: https://{path}"
        raise InputError(f"No such file: {path}.{hint}")
    if path.is_dir():
        raise InputError(f"{path} is a directory; pass the article file inside it.")
    suffix = path.suffix.lower()
    if suffix and suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise InputError(
            f"Cannot read {path}: briefgen reads .txt, .md and .html/.htm files (or a file "
            "without suffix, read as text). Convert the article to text first."
        )
    is_html = suffix in HTML_SUFFIXES
    limit = MAX_HTML_BYTES if is_html or not suffix else _text_byte_limit(max_chars)
    data = _read_file(path, limit)
    with _naming(str(path)):
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


def load_stdin(max_chars: int) -> Article:
    """The article on standard input, text or HTML; InputError when it cannot be used."""
    limit = max(MAX_HTML_BYTES, _text_byte_limit(max_chars))
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"Standard input has more than {limit:,} bytes; that is too large.")
    with _naming("standard input"):
        _check_bytes(data)
        if looks_like_html(data):
            return article_from_page(extract_html(data), max_chars)
        return Article.from_text(decode_input(data), max_chars=max_chars)


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
