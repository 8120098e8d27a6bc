"""Loading an article from what a user has: a text or HTML file, stdin, or an http(s) URL.

HTML (files, stdin, URLs) goes through trafilatura, an optional extra
(``pip install "briefgen[html]"``), which finds the main text and the page's metadata.
Fetching a URL is the only network access briefgen does on its own, and only when given
one: urllib with a total deadline and a size cap, because trafilatura's own fetcher
refuses loopback addresses, takes whole seconds only, retries on its own and reports
every failure as ``None``.
"""

from __future__ import annotations

import codecs
import html as html_lib
import json
import logging
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ConfigDict

from briefgen.ingest.article import DEFAULT_MAX_CHARS, Article, decode_input
from briefgen.errors import ConfigError, FetchError, InputError

logger = logging.getLogger(__name__)

HTML_INSTALL_HINT = 'pip install "briefgen[html]"'
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# Raw HTML is mostly markup and scripts; 20 MB is far beyond any real article page.
MAX_HTML_BYTES = 20_000_000
# Fewer letters than this in the extracted text means the page had no article in it.
MIN_MAIN_TEXT_LETTERS = 20

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)
_HTML_TAGS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|article|meta|script)[\s>/]", re.I
)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_TITLE_SEPARATORS = ("|", "-", "–", "—", "·", ":", "•")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
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
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Labels that browsers read as windows-1252 (the WHATWG encoding standard).
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"})


class PageText(BaseModel):
    """What trafilatura found in an HTML page: main text plus metadata."""

    model_config = ConfigDict(frozen=True)

    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None


def load_article(
    spec: str | os.PathLike[str],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    timeout: float = 30.0,
) -> Article:
    """The article at ``spec``: a .txt/.md/.html/.htm file, "-" for stdin, or an http(s) URL.

    A file without suffix and stdin are read as text, or as HTML when they look like it.
    Raises InputError (FetchError for URLs) when the input cannot be used, ConfigError
    when HTML input needs trafilatura and it is not installed.
    """
    if isinstance(spec, str) and spec == "-":
        return _load_stdin(max_chars)
    if isinstance(spec, str) and _URL_SCHEME.match(spec):
        scheme = spec.split(":", 1)[0].lower()
        if scheme not in ("http", "https"):
            raise InputError(
                f"Cannot read {spec}: only http:// and https:// URLs are supported. "
                "Download the page and pass the file instead."
            )
        return _load_url(spec, max_chars=max_chars, timeout=timeout)
    return _load_file(Path(spec), max_chars)


def article_from_html(
    html: str | bytes,
    *,
    url: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """The main text of an HTML page as an Article, with title, date and source."""
    return _article_from_page(extract_html(html, url=url), max_chars)


def extract_html(
    html: str | bytes,
    *,
    url: str | None = None,
    charset: str | None = None,
) -> PageText:
    """Main text and metadata of an HTML page, one paragraph per line.

    ``url`` is where the page came from (used for the hostname when the page names no
    site); ``charset`` is the encoding a server declared for bytes, if any.
    """
    trafilatura = _import_trafilatura()
    markup = html if isinstance(html, str) else _decode_html(html, charset)
    if not markup.strip():
        raise InputError("The HTML page is empty.")
    tree = trafilatura.load_html(markup)
    if tree is None:
        raise InputError("The HTML page could not be parsed.")
    # Read what trafilatura does not expose before it cleans the tree.
    headings = [_squash(h.text_content()) for h in tree.iter("h1")]
    bodies = list(_json_ld_bodies(tree))

    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
    )
    found = _as_mapping(document)
    text = _clean_text(str(found.get("text") or ""))

    # Pages rendered by JavaScript often carry the whole story only in their schema.org
    # data; take it when it is clearly more than what the HTML body gave.
    body = max(bodies, key=len, default="")
    if len(body) > 2 * len(text):
        logger.info("Using the page's JSON-LD articleBody: the HTML body has little text.")
        text = _clean_text(_strip_markup(body, trafilatura))

    if sum(1 for ch in text if ch.isalpha()) < MIN_MAIN_TEXT_LETTERS:
        raise InputError(
            "The HTML page has no main text that could be extracted (it may be a cover, "
            "index or login page, or built by JavaScript). Save the article's text and "
            "pass it as a .txt file."
        )

    site = _text_or_none(found.get("sitename"))
    page_url = _text_or_none(found.get("url")) or url
    hostname = _hostname(page_url) or _text_or_none(found.get("hostname"))
    if site and page_url:
        # Without a site name trafilatura falls back to the URL's host *with* its port.
        netloc = urllib.parse.urlsplit(page_url).netloc.removeprefix("www.")
        if site == netloc:
            site = None
    return PageText(
        text=text,
        title=_clean_title(_text_or_none(found.get("title")), headings, (site, hostname)),
        published=_iso_date(found.get("date")),
        source=site or hostname,
        url=page_url,
        author=_text_or_none(found.get("author")),
    )


def _article_from_page(page: PageText, max_chars: int) -> Article:
    return Article.from_text(
        page.text,
        title=page.title,
        source=page.source,
        published=page.published,
        max_chars=max_chars,
    )


# --- files and stdin -------------------------------------------------------------------


def _load_file(path: Path, max_chars: int) -> Article:
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
        if is_html or (not suffix and _looks_like_html(data)):
            return _article_from_page(extract_html(data), max_chars)
        text = decode_input(data)
        title = _markdown_title(text) if suffix in (".md", ".markdown") else None
        return Article.from_text(text, title=title, max_chars=max_chars)


def _load_stdin(max_chars: int) -> Article:
    limit = max(MAX_HTML_BYTES, _text_byte_limit(max_chars))
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"Standard input has more than {limit:,} bytes; that is too large.")
    with _naming("standard input"):
        _check_bytes(data)
        if _looks_like_html(data):
            return _article_from_page(extract_html(data), max_chars)
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


def _looks_like_html(data: bytes | str) -> bool:
    head = data[:20000]
    if isinstance(head, bytes):
        if head.startswith(_BOMS[1:]):
            return False  # UTF-16 input is treated as text; decode_input handles it
        head = head.removeprefix(_BOMS[0]).decode("latin-1")
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= 3 and head.count("<") > 10


def _markdown_title(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            match = _MD_HEADING.match(line.strip())
            return match.group(1) if match else None
    return None


# --- URLs ------------------------------------------------------------------------------


def _load_url(url: str, *, max_chars: int, timeout: float) -> Article:
    _import_trafilatura()  # fail on the missing extra before any network access
    data, charset, final_url = _fetch(url, timeout=timeout, max_bytes=MAX_HTML_BYTES)
    try:
        page = extract_html(data, url=final_url, charset=charset)
        return _article_from_page(page, max_chars)
    except FetchError:
        raise
    except InputError as exc:
        raise InputError(f"{url}: {exc}") from exc


def _fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str | None, str]:
    """Body, declared charset and final URL of an HTML page; FetchError otherwise.

    ``timeout`` bounds the whole exchange, not only each socket operation, so a server
    that drips bytes cannot hold briefgen forever.
    """
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": "briefgen (+https://pypi.org/project/briefgen/)",
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            # urllib does not decompress; ask for the plain body.
            "Accept-Encoding": "identity",
        },
    )
    logger.info("Fetching %s (timeout %.1fs)", url, timeout)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = int(response.status)
            final_url = str(response.geturl() or url)
            content_type = response.headers.get_content_type()
            declared = response.headers.get("Content-Type")
            charset = response.headers.get_content_charset()
            if status != 200:
                raise FetchError(
                    f"{url} answered with HTTP {status}, not 200.", url=url, status=status
                )
            if declared and content_type not in _HTML_TYPES:
                raise FetchError(
                    f"{url} is not an HTML page (it is {content_type}). Download it and "
                    "pass the article's text as a file.",
                    url=url,
                    status=status,
                )
            data = b"".join(_read_capped(response, url, deadline, max_bytes))
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(
            f"{url} answered with HTTP {exc.code} ({exc.reason}).", url=url, status=exc.code
        ) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timed_out(url, timeout) from exc
        raise FetchError(f"Could not reach {url}: {exc.reason}.", url=url) from exc
    except TimeoutError as exc:
        raise _timed_out(url, timeout) from exc
    except (OSError, ValueError) as exc:  # malformed URL, connection reset, bad status line
        raise FetchError(f"Could not fetch {url}: {exc}.", url=url) from exc
    if not declared and not _looks_like_html(data):
        raise FetchError(f"{url} did not return an HTML page.", url=url, status=200)
    logger.info("Fetched %s: %d bytes", final_url, len(data))
    return data, charset, final_url


def _read_capped(response: Any, url: str, deadline: float, max_bytes: int) -> Iterator[bytes]:
    total = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        # Each read waits at most the socket timeout; the deadline check bounds the sum.
        chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            return
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"{url} is larger than {max_bytes:,} bytes.", url=url, status=200)
        yield chunk


def _timed_out(url: str, timeout: float) -> FetchError:
    return FetchError(f"Fetching {url} timed out after {timeout:g} seconds.", url=url)


# --- HTML decoding and extraction helpers ----------------------------------------------


def _import_trafilatura() -> ModuleType:
    try:
        import trafilatura
    except ImportError as exc:
        # "No module named 'trafilatura'" means the extra is missing; anything else is a
        # broken install of one of its parts (lxml without lxml_html_clean, say).
        missing = getattr(exc, "name", None) == "trafilatura"
        raise ConfigError(
            "Reading HTML pages and URLs needs trafilatura, which is not installed. "
            f"Install it with: {HTML_INSTALL_HINT}"
            if missing
            else f"trafilatura is installed but cannot be imported ({exc}). "
            f"Reinstall the extra with an up-to-date pip: {HTML_INSTALL_HINT}"
        ) from exc
    return trafilatura


def _decode_html(data: bytes, charset: str | None) -> str:
    """Bytes to text: BOM, then strict UTF-8, then the declared charset, then a guess."""
    if data.startswith(_BOMS) or b"\x00" in data[:8192]:
        return decode_input(data)  # UTF-16/32 with BOM, or a clear "binary" error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:8192])
    for label in (charset, match.group(1).decode("ascii") if match else None):
        if not label:
            continue
        encoding = "cp1252" if label.lower() in _AS_CP1252 else label
        try:
            codecs.lookup(encoding)
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            logger.debug("HTML does not decode as its declared charset %s", label)
    from trafilatura.utils import decode_file

    return str(decode_file(data))


def _as_mapping(document: Any) -> dict[str, Any]:
    # trafilatura 2.x returns a Document, 1.x a dict; None when it found nothing.
    if document is None:
        return {}
    if isinstance(document, dict):
        return document
    as_dict = getattr(document, "as_dict", None)
    if callable(as_dict):
        return dict(as_dict())
    return dict(vars(document))


def _json_ld_bodies(tree: Any) -> Iterator[str]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        yield from _find_bodies(data)


def _find_bodies(data: Any) -> Iterator[str]:
    if isinstance(data, list):
        for item in data:
            yield from _find_bodies(item)
    elif isinstance(data, dict):
        body = data.get("articleBody")
        if isinstance(body, str) and body.strip():
            yield body
        for key in ("@graph", "mainEntity", "hasPart"):
            if key in data:
                yield from _find_bodies(data[key])


def _strip_markup(body: str, trafilatura: ModuleType) -> str:
    body = html_lib.unescape(body)
    if not _MARKUP.search(body):
        return body
    page = f"<html><body><article>{body}</article></body></html>"
    return str(trafilatura.extract(page, include_comments=False) or _MARKUP.sub(" ", body))


def _clean_text(text: str) -> str:
    # One paragraph a line; Article normalises the rest of the whitespace.
    lines = (_squash(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _text_or_none(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return _squash(value) or None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urllib.parse.urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _iso_date(value: Any) -> str | None:
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        return value.strip()[:10]
    return None


def _clean_title(
    title: str | None, headings: list[str], names: tuple[str | None, ...]
) -> str | None:
    """The headline without the site name or date the page title often appends."""
    if not title:
        return headings[0] if len(headings) == 1 and headings[0] else None
    for heading in headings:
        rest = title[len(heading) :].strip() if heading and title.startswith(heading) else ""
        if rest and rest.startswith(_TITLE_SEPARATORS):
            return heading
    for name in names:
        if not name:
            continue
        for separator in _TITLE_SEPARATORS:
            suffix = f" {separator} {name}"
            if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
    return title
