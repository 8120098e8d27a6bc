"""A memo as JSON and back: the payload ``Brief.to_json`` writes (with the format it is
in) and the reading of it, for memos given as ``since=`` and kept in a story's store.

A file is read back only when it is a briefgen memo of a format this briefgen knows and
still holds the article its citations point into: anything else is a ``MemoFileError``
saying which, never a half-read memo.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefgen.errors import MemoFileError
from briefgen.memo.document import MemoDocument

MEMO_FORMAT = 1
"""The format of the memo JSON this briefgen writes; bump it when a reader of the old
format would misread the new one. Files without the key are of format 0 (written before
it existed) and read the same way."""
FORMAT_KEY = "briefgen_memo_format"
# The parts of every memo payload; a JSON file without them is no briefgen memo.
_PARTS = ("markdown", "data", "article", "header", "report")
# Since-section fields left out of a memo made since nothing, so its JSON stays as it was.
_SINCE_FIELDS = {"since", "since_new", "since_changed", "since_withdrawn"}
# A memo file larger than this is not one briefgen wrote (the article is 2 MB at most).
MAX_MEMO_BYTES = 64 * 1024 * 1024


def memo_payload(doc: MemoDocument) -> dict[str, Any]:
    """Memo, data, article (and a dossier's articles), header and report, as JSON values,
    under the format they are in."""
    exclude = _SINCE_FIELDS if doc.data.since is None else None
    return {
        FORMAT_KEY: MEMO_FORMAT,
        "markdown": doc.markdown,
        "data": doc.data.model_dump(mode="json", exclude=exclude),
        "article": doc.article.model_dump(mode="json"),
        "articles": [a.model_dump(mode="json") for a in doc.articles],
        "header": doc.header.model_dump(mode="json"),
        "report": {
            **doc.report.model_dump(mode="json"),
            "summary": doc.report.summary.model_dump(mode="json"),
        },
    }


def read_memo(content: str | bytes | dict[str, Any], *, where: str | None = None) -> MemoDocument:
    """The memo in ``content`` (JSON text or the parsed payload); ``where`` names it in
    errors. MemoFileError when it is not a memo, of a newer format, or has no article."""
    name = where or "the memo"
    payload = _parsed(content, name, where)
    found = payload.get(FORMAT_KEY, 0)
    if not isinstance(found, int) or isinstance(found, bool):
        raise MemoFileError(
            f"{name}: its {FORMAT_KEY} is {found!r}, not a format number.",
            problem="not a memo",
            path=where,
        )
    if found > MEMO_FORMAT:
        raise MemoFileError(
            f"{name} is a memo of format {found}, written by a newer briefgen; this one "
            f"reads format {MEMO_FORMAT} and older. Upgrade briefgen to read it.",
            problem="newer format",
            path=where,
            found_format=found,
        )
    article = payload.get("article")
    if not isinstance(article, dict) or not str(article.get("text") or "").strip():
        raise MemoFileError(
            f"{name} holds no article text, so what it cites cannot be checked; save the "
            "memo with its article (Brief.to_json or --format json does).",
            problem="no article",
            path=where,
            found_format=found,
        )
    if not article.get("sentences"):
        raise MemoFileError(
            f"{name} holds its article without numbered sentences; its citations cannot be "
            "checked.",
            problem="no article",
            path=where,
            found_format=found,
        )
    try:
        return MemoDocument.model_validate({key: payload[key] for key in (*_PARTS, "articles")})
    except ValidationError as exc:
        first = exc.errors()[0]
        at = ".".join(str(part) for part in first["loc"])
        raise MemoFileError(
            f"{name} is not a briefgen memo this version can read ({at}: {first['msg']}).",
            problem="not a memo",
            path=where,
            found_format=found,
        ) from None


def _parsed(content: str | bytes | dict[str, Any], name: str, where: str | None) -> dict[str, Any]:
    if isinstance(content, dict):
        payload: Any = content
    else:
        try:
            payload = json.loads(content)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MemoFileError(
                f"{name} is not a briefgen memo: not JSON ({exc}). Give the .json file a "
                "memo was saved as.",
                problem="not a memo",
                path=where,
            ) from None
    missing = [part for part in _PARTS if part not in payload] if isinstance(payload, dict) else []
    if not isinstance(payload, dict) or missing:
        detail = f"no {', '.join(missing)}" if missing else "not a JSON object"
        raise MemoFileError(
            f"{name} is not a briefgen memo ({detail}). Give the .json file a memo was saved as.",
            problem="not a memo",
            path=where,
        )
    payload.setdefault("articles", [])
    return payload


def load_memo_file(path: str | os.PathLike[str]) -> MemoDocument:
    """The memo saved as JSON at ``path`` (see ``read_memo``)."""
    where = str(path)
    target = Path(path)
    try:
        size = target.stat().st_size
        if size > MAX_MEMO_BYTES:
            raise MemoFileError(
                f"{where} is {size} bytes, too large for a briefgen memo.",
                problem="not a memo",
                path=where,
            )
        content = target.read_bytes()
    except OSError as exc:
        raise MemoFileError(
            f"{where}: cannot read it ({exc.strerror or exc}).", problem="unreadable", path=where
        ) from None
    return read_memo(content, where=where)
