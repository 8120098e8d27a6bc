"""The main text and metadata of an HTML page, found by trafilatura.

trafilatura is an optional extra (``pip install "briefgen[html]"``), imported only when
HTML is read. Besides its extraction this module decodes the page's bytes, takes the
schema.org (JSON-LD) ``articleBody`` when the HTML body has little text, tidies the title,
and tells whether input that names no format looks like HTML.
"""

from __future__ import annotations

import codecs
import html as html_lib
import json
import logging
import re
import urllib.parse
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ConfigDict

from briefgen.errors import ConfigError, InputError
from briefgen.ingest.article import DEFAULT_MAX_CHARS, Article, decode_input

logger = logging.getLogger(__name__)

HTML_INSTALL_HINT = 'pip install "briefgen[html]"'
# Raw HTML is mostly markup and scripts; 20 MB is far beyond any real article page.
MAX_HTML_BYTES = 20_000_000
# Fewer letters than this in the extracted text means the page had no article in it.
MIN_MAIN_TEXT_LETTERS = 20

_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)
_HTML_TAGS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|article|meta|script)[\s>/]", re.I
)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_TITLE_SEPARATORS = ("|", "-", "–", "—", "·", ":", "•")
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


def article_from_html(
    html: str | bytes,
    *,
    url: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """The main text of an HTML page as an Article, with title, date and source."""
    return article_from_page(extract_html(html, url=url), max_chars)


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
    trafilatura = import_trafilatura()
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
    text = _main_text(str(found.get("text") or ""), bodies, trafilatura)
    site, hostname, page_url = _site(found, url)
    return PageText(
        text=text,
        title=_clean_title(_text_or_none(found.get("title")), headings, (site, hostname)),
        published=_iso_date(found.get("date")),
        source=site or hostname,
        url=page_url,
        author=_text_or_none(found.get("author")),
    )


def article_from_page(page: PageText, max_chars: int) -> Article:
    """``page`` as an Article of at most ``max_chars`` characters."""
    return Article.from_text(
        page.text,
        title=page.title,
        source=page.source,
        published=page.published,
        max_chars=max_chars,
    )


def looks_like_html(data: bytes | str) -> bool:
    """Whether input that names no format (no suffix, stdin, no Content-Type) is HTML."""
    head = data[:20000]
    if isinstance(head, bytes):
        if head.startswith(_BOMS[1:]):
            return False  # UTF-16 input is treated as text; decode_input handles it
        head = head.removeprefix(_BOMS[0]).decode("latin-1")
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= 3 and head.count("<") > 10


def import_trafilatura() -> ModuleType:
    """The trafilatura module; ConfigError, with the command that installs it, if absent."""
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


# --- decoding and extraction helpers ---------------------------------------------------


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


def _main_text(extracted: str, bodies: list[str], trafilatura: ModuleType) -> str:
    """The page's main text, one paragraph a line; InputError when it has none."""
    text = _clean_text(extracted)
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
    return text


def _site(found: dict[str, Any], url: str | None) -> tuple[str | None, str | None, str | None]:
    """The page's site name, hostname and URL, from its metadata or where it came from."""
    site = _text_or_none(found.get("sitename"))
    page_url = _text_or_none(found.get("url")) or url
    hostname = _hostname(page_url) or _text_or_none(found.get("hostname"))
    if site and page_url:
        # Without a site name trafilatura falls back to the URL's host *with* its port.
        netloc = urllib.parse.urlsplit(page_url).netloc.removeprefix("www.")
        if site == netloc:
            site = None
    return site, hostname, page_url


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
