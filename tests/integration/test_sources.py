"""Loading articles from URLs, served by a loopback HTTP server (never the internet)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from html_pages import FRENCH, PAGE, bare_page, news_page

from briefgen.errors import ConfigError, FetchError, InputError
from briefgen.ingest import urls
from briefgen.ingest.sources import load_article

# --- URLs (loopback only) ----------------------------------------------------------------


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0
    drip: float = 0.0  # seconds between single bytes of the body
    location: str | None = None


@dataclass
class Site:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    release: threading.Event = field(default_factory=threading.Event)
    hits: list[str] = field(default_factory=list)


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for name in (
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    state = Site(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.hits.append(self.path)
            route = state.routes.get(self.path, Route(status=404, body=b"not found"))
            if route.delay:
                state.release.wait(route.delay)
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            if route.location:
                self.send_header("Location", route.location)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if route.drip:
                for byte in route.body:
                    if state.release.wait(route.drip):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            else:
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            return None

    class QuietServer(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            # Clients that give up (the size and time limits under test) close early.
            return None

    server = QuietServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


def test_url_is_fetched_and_extracted(site: Site) -> None:
    site.routes["/news/talks"] = Route(body=PAGE.encode("utf-8"))
    article = load_article(f"{site.base}/news/talks", timeout=5)
    assert article.title == "Talks resume in Geneva"
    assert article.published == "2024-03-05"
    assert article.source == "Example Herald"
    assert "A second session is planned for Thursday." in [s.text for s in article.sentences]


def test_url_without_site_name_uses_the_host(site: Site) -> None:
    html = news_page(
        "Rates held", ["The central bank held its key rate at four percent on Friday."]
    )
    site.routes["/rates"] = Route(body=html.encode("utf-8"))
    assert load_article(f"{site.base}/rates", timeout=5).source == "127.0.0.1"


def test_url_redirect_is_followed(site: Site) -> None:
    site.routes["/old"] = Route(status=301, location="/new", content_type=None)
    site.routes["/new"] = Route(body=PAGE.encode("utf-8"))
    assert load_article(f"{site.base}/old", timeout=5).title == "Talks resume in Geneva"
    assert site.hits == ["/old", "/new"]


def test_url_charset_from_the_http_header(site: Site) -> None:
    html = bare_page(FRENCH).encode("cp1252")
    site.routes["/fr"] = Route(body=html, content_type="text/html; charset=windows-1252")
    assert FRENCH in load_article(f"{site.base}/fr", timeout=5).text


@pytest.mark.parametrize("status", [404, 500, 204])
def test_url_non_200(site: Site, status: int) -> None:
    site.routes["/x"] = Route(status=status, body=b"" if status == 204 else b"oops")
    url = f"{site.base}/x"
    with pytest.raises(FetchError, match=str(status)) as caught:
        load_article(url, timeout=5)
    assert caught.value.url == url
    assert caught.value.status == status
    assert url in str(caught.value)


def test_url_neither_html_nor_pdf(site: Site) -> None:
    site.routes["/photo.png"] = Route(body=b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    with pytest.raises(FetchError, match="not an HTML page or a PDF"):
        load_article(f"{site.base}/photo.png", timeout=5)


def test_url_serving_a_damaged_pdf_is_read_as_a_pdf_and_refused(site: Site) -> None:
    site.routes["/doc.pdf"] = Route(body=b"%PDF-1.7 ...", content_type="application/pdf")
    with pytest.raises(InputError, match="PDF is damaged") as caught:
        load_article(f"{site.base}/doc.pdf", timeout=5)
    assert f"{site.base}/doc.pdf" in str(caught.value)


def test_url_that_says_pdf_but_is_not_one(site: Site) -> None:
    site.routes["/doc"] = Route(
        body=b"<html><body>hi</body></html>", content_type="application/pdf"
    )
    with pytest.raises(FetchError, match="says it is a PDF but is not one"):
        load_article(f"{site.base}/doc", timeout=5)


def test_url_without_content_type_is_sniffed(site: Site) -> None:
    site.routes["/plain"] = Route(body=b"just some bytes, not a page", content_type=None)
    with pytest.raises(FetchError, match="did not return an HTML page"):
        load_article(f"{site.base}/plain", timeout=5)


def test_url_unreachable() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/a"
    with pytest.raises(FetchError, match="Could not reach") as caught:
        load_article(url, timeout=5)
    assert caught.value.url == url and caught.value.status is None


def test_url_timeout_is_honoured(site: Site) -> None:
    site.routes["/slow"] = Route(body=PAGE.encode("utf-8"), delay=10)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0.5 seconds"):
        load_article(f"{site.base}/slow", timeout=0.5)
    assert time.monotonic() - started < 4


def test_url_timeout_bounds_a_dripping_server(site: Site) -> None:
    # Each byte arrives well within the socket timeout; only a total deadline stops this.
    site.routes["/drip"] = Route(body=PAGE.encode("utf-8"), drip=0.05)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        load_article(f"{site.base}/drip", timeout=1)
    assert time.monotonic() - started < 5


def test_url_size_limit(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "MAX_HTML_BYTES", 1000)
    site.routes["/big"] = Route(body=PAGE.encode("utf-8") * 3)
    with pytest.raises(FetchError, match="larger than 1,000 bytes"):
        load_article(f"{site.base}/big", timeout=5)


def test_url_page_without_text_names_the_url(site: Site) -> None:
    site.routes["/empty"] = Route(body=b"<html><body><nav>Home</nav></body></html>")
    with pytest.raises(InputError, match=r"/empty: .*no main text"):
        load_article(f"{site.base}/empty", timeout=5)


def test_url_without_trafilatura_fails_before_the_network(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    site.routes["/a"] = Route(body=PAGE.encode("utf-8"))
    with pytest.raises(ConfigError, match=r"briefgen\[html\]"):
        load_article(f"{site.base}/a", timeout=5)
    assert site.hits == []
