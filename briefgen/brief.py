"""Brief: what ``generate_brief`` returns, with rendering and atomic saving."""

from __future__ import annotations

import os
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.memo.document import MemoDocument
from briefgen.render.files import write_atomic
from briefgen.render.formats import Format, format_of, render_as, to_docx, to_html, to_json


class Brief(MemoDocument):
    """One generated memo: ``markdown``, ``data``, ``article``, ``report``, ``header``."""

    def to_json(self, *, indent: int | None = 2) -> str:
        """Memo, data, article, header and report as one JSON document."""
        return to_json(self, indent=indent)

    def to_html(self) -> str:
        """The evidence view: memo and article side by side, one self-contained page."""
        return to_html(self)

    def to_docx(self) -> bytes:
        """The memo as a Word document (needs the ``docx`` extra)."""
        return to_docx(self)

    def render(self, fmt: Format) -> str | bytes:
        """The memo in ``fmt``: "md", "json", "html" or "docx" (bytes)."""
        return render_as(self, fmt)

    def save(self, path: str | os.PathLike[str], *, fmt: Format | None = None) -> Path:
        """Write the memo to ``path``, atomically; the format follows the suffix (.md,
        .json, .html, .docx) unless ``fmt`` names one.

        The content is rendered in full first, then goes to a temporary file in the same
        directory, which replaces the target in one step: a crash leaves either the old
        file or the new one, never half.
        """
        target = Path(path)
        content = self.render(fmt or format_of(target))
        write_atomic(target, content)
        return target


BriefOrError = Brief | BriefgenError
"""One place of a batch's results: the memo, or the error that stopped it."""
