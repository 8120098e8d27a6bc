"""Which TLS trust each endpoint's HTTP client gets: the SDK's own CA bundle for https
(and for OpenAI's default URL), a context that trusts nothing, and so loads nothing, for a
plain-http server."""

from __future__ import annotations

import ssl

import pytest

from briefgen.llm.openai_backend import http_client


def _context(base_url: str | None) -> ssl.SSLContext:
    # The context every pooled connection would use, as the SDK's HTTP library holds it
    # (read, never changed; the client is never opened, so there is nothing to close).
    pool = http_client(base_url)._transport._pool
    return pool._ssl_context  # type: ignore[no-any-return]


@pytest.mark.parametrize("url", [None, "https://api.openai.com/v1", "HTTPS://example.org/v1"])
def test_an_https_endpoint_verifies_against_the_ca_bundle(url: str | None) -> None:
    context = _context(url)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 0


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/v1", "HTTP://localhost:11434/v1"])
def test_a_plain_http_endpoint_loads_no_ca_and_would_refuse_any_certificate(url: str) -> None:
    context = _context(url)
    # Still verifying: a redirect to https would fail its handshake, never go unchecked.
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0
