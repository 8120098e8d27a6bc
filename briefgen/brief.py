"""Brief: what ``generate_brief`` returns, with rendering and atomic saving."""

from __future__ import annotations

import os
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.memo.document import MemoDocument
from briefgen.memo.stored import load_memo_file, read_memo
from briefgen.render.files import write_atomic
from briefgen.render.formats import Format, format_of, render_as, to_docx, to_html, to_json


class Brief(MemoDocument):
    """One generated memo: ``markdown``, ``data``, ``article``, ``report``, ``header``."""

    @classmethod
    def from_json(cls, content: str | bytes, *, where: str | None = None) -> Brief:
        """The memo ``to_json`` wrote, read back (MemoFileError when it is no briefgen
        memo, is of a newer format, or lacks its article); ``where`` names it in errors."""
        return cls._of(read_memo(content, where=where))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Brief:
        """The memo saved as JSON at ``path`` (see ``from_json``)."""
        return cls._of(load_memo_file(path))

    @classmethod
    def _of(cls, doc: MemoDocument) -> Brief:
        return cls(**{name: getattr(doc, name) for name in MemoDocument.model_fields})

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
