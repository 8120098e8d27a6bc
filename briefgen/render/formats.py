"""The format table: every output format a memo can be saved in, and how it is made.

``Brief.save``, ``Brief.render`` and the CLI all go through ``FORMATS``.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from briefgen.errors import ConfigError
from briefgen.memo.document import MemoDocument
from briefgen.memo.stored import memo_payload

Format = Literal["md", "json", "html", "docx"]


def to_json(doc: MemoDocument, *, indent: int | None = 2) -> str:
    """Memo, data, article, header and report as one JSON document, under its format
    number; for a dossier also its source articles (``data`` then holds ``sources`` and
    ``contradictions``). ``briefgen.memo.stored.read_memo`` reads it back."""
    return json.dumps(memo_payload(doc), ensure_ascii=False, indent=indent)


def to_html(doc: MemoDocument) -> str:
    """The memo as the HTML evidence view, beside its article."""
    from briefgen.render.evidence import render_evidence_html

    return render_evidence_html(doc)


def to_docx(doc: MemoDocument) -> bytes:
    """The memo as a Word document, built from its Markdown."""
    from briefgen.render.docx import markdown_to_docx

    return markdown_to_docx(doc.markdown, banner=doc.header.classification)


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name, the suffixes that ask for it, how it is rendered."""

    name: Format
    suffixes: tuple[str, ...]
    """File suffixes that ask for it; the first is the one briefgen writes."""
    render: Callable[[MemoDocument], str | bytes]
    needs: tuple[str, ...] = ()
    """Modules of an optional extra it is rendered with."""
    extra: str = ""
    """The extra that brings them."""


FORMATS: dict[str, OutputFormat] = {
    fmt.name: fmt
    for fmt in (
        OutputFormat("md", (".md", ".markdown", ".txt"), lambda doc: doc.markdown),
        OutputFormat("json", (".json",), to_json),
        OutputFormat("html", (".html", ".htm"), to_html),
        OutputFormat("docx", (".docx",), to_docx, ("docx", "markdown_it"), "docx"),
    )
}
FORMAT_SUFFIXES = {name: fmt.suffixes[0] for name, fmt in FORMATS.items()}
SAVE_SUFFIXES = tuple(suffix for fmt in FORMATS.values() for suffix in fmt.suffixes)


def format_of(path: str | os.PathLike[str]) -> Format:
    """The output format a file name asks for, or a ConfigError naming the choices."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt.name
    raise ConfigError(
        f"Cannot save a memo as {suffix or 'a file without suffix'}; "
        f"use one of {', '.join(SAVE_SUFFIXES)}."
    )


def require_format(fmt: str) -> None:
    """ConfigError now, before any model is paid for the memo, when ``fmt`` needs an
    extra that is not installed."""
    output = FORMATS[fmt]
    missing = [name for name in output.needs if importlib.util.find_spec(name) is None]
    if missing:
        raise ConfigError(
            f"{fmt} output needs {', '.join(missing)}, which is not installed. Install it "
            f'with: pip install "briefgen[{output.extra}]"'
        )


def render_as(doc: MemoDocument, fmt: str) -> str | bytes:
    """The memo in ``fmt``: "md", "json", "html" or "docx" (bytes)."""
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    return FORMATS[fmt].render(doc)
