"""Brief: the memo, the data behind it, the article and the report, and atomic saving."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel

from briefgen.article import Article
from briefgen.exceptions import ConfigError
from briefgen.memo import BriefData
from briefgen.report import Report

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
SAVE_SUFFIXES = (*MARKDOWN_SUFFIXES, ".json")


def check_save_path(path: str | os.PathLike[str]) -> Path:
    """The path as a Path, or a ConfigError when briefgen cannot write that format."""
    target = Path(path)
    if target.suffix.lower() not in SAVE_SUFFIXES:
        raise ConfigError(
            f"Cannot save a memo as {target.suffix or 'a file without suffix'}; "
            f"use one of {', '.join(SAVE_SUFFIXES)}."
        )
    return target


class Brief(BaseModel):
    """One generated memo."""

    markdown: str
    data: BriefData
    article: Article
    report: Report

    def to_json(self, *, indent: int | None = 2) -> str:
        """Memo, data, article and report as one JSON document."""
        payload = {
            "markdown": self.markdown,
            "data": self.data.model_dump(mode="json"),
            "article": self.article.model_dump(mode="json"),
            "report": {
                **self.report.model_dump(mode="json"),
                "summary": self.report.summary.model_dump(mode="json"),
            },
        }
        return json.dumps(payload, ensure_ascii=False, indent=indent)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the memo to ``path`` (.md or .json by suffix), atomically.

        The text goes to a temporary file in the same directory, which then replaces the
        target in one step: a crash leaves either the old file or the new one, never half.
        """
        target = check_save_path(path)
        content = self.to_json() if target.suffix.lower() == ".json" else self.markdown
        write_atomic(target, content)
        return target


def write_atomic(target: Path, content: str) -> None:
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
