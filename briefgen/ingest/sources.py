"""Loading an article from what a user has: a text or HTML file, stdin, or an http(s) URL.

``load_article`` tells which one it was given and hands it to the loader for it:
``files`` (files and stdin), ``urls`` (http and https); HTML from any of them goes
through ``html``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefgen.errors import InputError
from briefgen.ingest.article import DEFAULT_MAX_CHARS, Article
from briefgen.ingest.files import load_file, load_stdin
from briefgen.ingest.urls import load_url

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def load_article(
    spec: str | os.PathLike[str],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    timeout: float = 30.0,
    pdf_password: str | None = None,
) -> Article:
    """The article at ``spec``: a .txt/.md/.html/.htm/.pdf/.docx/.odt file, "-" for
    stdin, or an http(s) URL (an HTML page or a PDF).

    A file without suffix and stdin are told by their first bytes (a PDF, a document),
    else read as text, or as HTML when they look like it. ``pdf_password`` opens an
    encrypted PDF. Raises InputError (FetchError for URLs) when the input cannot be used,
    ConfigError when the extra its format needs (html, pdf) is not installed.
    """
    if isinstance(spec, str) and spec == "-":
        return load_stdin(max_chars, pdf_password)
    if isinstance(spec, str) and _URL_SCHEME.match(spec):
        scheme = spec.split(":", 1)[0].lower()
        if scheme not in ("http", "https"):
            raise InputError(
                f"Cannot read {spec}: only http:// and https:// URLs are supported. "
                "Download the page and pass the file instead."
            )
        return load_url(spec, max_chars=max_chars, timeout=timeout, pdf_password=pdf_password)
    return load_file(Path(spec), max_chars, pdf_password)
