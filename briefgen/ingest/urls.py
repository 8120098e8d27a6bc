"""Fetching an article from an http(s) URL.

Fetching a URL is the only network access briefgen does on its own, and only when given
one: urllib with a total deadline and a size cap, because trafilatura's own fetcher
refuses loopback addresses, takes whole seconds only, retries on its own and reports
every failure as ``None``. Anything but an HTML page is refused with a FetchError.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

from briefgen.errors import FetchError, InputError
from briefgen.ingest.article import Article
from briefgen.ingest.html import (
    MAX_HTML_BYTES,
    article_from_page,
    extract_html,
    import_trafilatura,
    looks_like_html,
)
from briefgen.ingest.pdf import MAX_PDF_BYTES

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PDF_TYPES = ("application/pdf", "application/x-pdf")


def load_url(
    url: str, *, max_chars: int, timeout: float, pdf_password: str | None = None
) -> Article:
    """The article on the HTML page or in the PDF at ``url``; FetchError or InputError when
    there is none."""
    if not urllib.parse.urlsplit(url).path.lower().endswith(".pdf"):
        import_trafilatura()  # fail on the missing extra before any network access
    data, charset, final_url = _fetch(url, timeout=timeout, max_bytes=MAX_PDF_BYTES)
    try:
        if data[:1024].lstrip().startswith(b"%PDF-"):
            from briefgen.ingest.pdf import article_from_pdf

            return article_from_pdf(data, password=pdf_password, max_chars=max_chars)
        if len(data) > MAX_HTML_BYTES:
            raise FetchError(f"{url} is larger than {MAX_HTML_BYTES:,} bytes.", url=url, status=200)
        page = extract_html(data, url=final_url, charset=charset)
        return article_from_page(page, max_chars)
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
            "Accept": "text/html,application/xhtml+xml;q=0.9,application/pdf;q=0.8,*/*;q=0.1",
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
            if declared and content_type not in (*_HTML_TYPES, *_PDF_TYPES):
                raise FetchError(
                    f"{url} is not an HTML page or a PDF (it is {content_type}). Download "
                    "it and pass the article's text as a file.",
                    url=url,
                    status=status,
                )
            # A page is far smaller than a PDF may be: its own cap, not the PDF's.
            cap = max_bytes if content_type in _PDF_TYPES or not declared else MAX_HTML_BYTES
            data = b"".join(_read_capped(response, url, deadline, min(cap, max_bytes)))
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
    is_pdf = data[:1024].lstrip().startswith(b"%PDF-")
    if content_type in _PDF_TYPES and not is_pdf:
        raise FetchError(f"{url} says it is a PDF but is not one.", url=url, status=200)
    if not declared and not looks_like_html(data) and not is_pdf:
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
