"""Reading batch results: each line of an output or error file, of any shape or size,
becomes an ``Answer`` or a ``BatchError`` that names its request (``custom_id``) and why.

This is the one reader of results lines, for ``batch import`` and for the files a Batch
API serves to ``collect`` alike, and ``completion_from`` is the one reader of the answers
the ledger keeps. The line's shape is checked by pydantic models; nothing that comes in
can raise anything but a ``BriefgenError``. A file is read in chunks, a line at a time,
and a line over ``MAX_RESULT_LINE_BYTES`` is never held whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from pydantic import BaseModel, Field, ValidationError

from briefgen.errors import BatchError, InputError
from briefgen.llm.backend import Completion
from briefgen.llm.openai_backend import TRANSIENT_STATUS, redact_secrets

MAX_RESULT_LINE_BYTES = 4 * 1024 * 1024
"""The longest results line read. One answer is bounded by the output cap (16k tokens
are some 64 KB of JSON); 4 MiB is sixty times that, and what one line may cost in memory."""

MAX_RESULTS_FILE_BYTES = 2 * 1024**3
"""The largest results file read (or downloaded). A Batch API input file holds at most
200 MB and 50,000 requests; their answers, each under the line cap, fit well inside this."""

MAX_CUSTOM_ID_CHARS = 256
"""briefgen's custom_ids are some 40 characters; a longer one names no request of ours."""

_CHUNK = 1024 * 1024
_PREFIX = 64 * 1024  # where the custom_id of a line over the cap is looked for
_ID_IN_PREFIX = re.compile(rb'"custom_id"\s*:\s*("(?:[^"\\]|\\.){1,256}")')
_MESSAGE_CHARS = 300

_Count = Annotated[int, Field(strict=True, ge=0, le=2**53)]


class _Message(BaseModel):
    content: str | None = None
    refusal: str | None = None


class _Choice(BaseModel):
    message: _Message
    finish_reason: str | None = None


class _TokenDetails(BaseModel):
    cached_tokens: _Count | None = None


class _Usage(BaseModel):
    prompt_tokens: _Count | None = None
    completion_tokens: _Count | None = None
    prompt_tokens_details: _TokenDetails | None = None


class ChatBody(BaseModel):
    """The part of a chat completion that briefgen reads (the rest is ignored)."""

    choices: list[_Choice]
    usage: _Usage | None = None


class _Response(BaseModel):
    status_code: int
    body: Any = None


class _ResultLine(BaseModel):
    custom_id: str
    response: _Response | None = None
    error: Any = None


@dataclass(frozen=True)
class Answer:
    """A results line that answered its request."""

    custom_id: str
    body: str
    """The chat completion as the ledger keeps it: JSON of the fields briefgen reads."""


ResultOutcome = Answer | BatchError
"""What one results line is: its answer, or the failure of its request."""


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes | None: ...


def parse_result_line(line: str | bytes, number: int = 0) -> ResultOutcome:
    """One line of the OpenAI batch output format (or of its error file), any shape.

    A line whose custom_id cannot be read is a ``BatchError`` with ``custom_id`` None;
    ``number`` (1 for the first line) names it in the message."""
    where = f"line {number}" if number else "a results line"
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
    except UnicodeDecodeError:
        return BatchError(f"{where} is not UTF-8 text")
    try:
        item = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return BatchError(f"{where} is not JSON: {_short(text[:80])}")
    custom_id = item.get("custom_id") if isinstance(item, dict) else None
    if not isinstance(custom_id, str) or not 0 < len(custom_id) <= MAX_CUSTOM_ID_CHARS:
        return BatchError(f"{where} names no request (no custom_id string)")
    try:
        result = _ResultLine.model_validate(item)
    except ValidationError as exc:
        return _failure(custom_id, f"not a batch result: {_first_problem(exc)}")
    return _outcome(result)


def _outcome(result: _ResultLine) -> ResultOutcome:
    response, custom_id = result.response, result.custom_id
    status = response.status_code if response is not None else None
    if result.error:
        prefix = f"HTTP {status}: " if status is not None else ""
        return _failure(custom_id, prefix + _said(result.error), status)
    if response is None:
        return _failure(custom_id, "not a batch result: no response and no error")
    body = response.body
    if status != 200:
        return _failure(custom_id, f"HTTP {status}: {_said(body) if body else 'failed'}", status)
    try:
        chat = ChatBody.model_validate(body)
    except ValidationError as exc:
        if isinstance(body, dict) and body.get("error"):
            return _failure(custom_id, f"HTTP 200: {_said(body['error'])}", status)
        return _failure(custom_id, f"not a chat completion: {_first_problem(exc)}")
    return Answer(custom_id, chat.model_dump_json(exclude_none=True))


_STATUS_SAID = re.compile(r"HTTP (\d{3}): ")


def rejected(failure: str) -> bool:
    """Whether a kept failure (a ``BatchError``'s message) is the server refusing the
    request itself (HTTP 4xx other than the transient ones, or a 429 for want of quota),
    which the same request sent again would meet again."""
    found = _STATUS_SAID.match(failure)
    if found is None:
        return False
    status = int(found.group(1))
    if status == 429:
        return "insufficient_quota" in failure or "quota" in failure.lower()
    return 400 <= status < 500 and status not in TRANSIENT_STATUS


def completion_from(stored: str) -> Completion:
    """A kept answer (``Answer.body``) as a ``Completion``, read as the live path reads a
    chat completion; BatchError when it is not one (a damaged or older ledger)."""
    try:
        chat = ChatBody.model_validate_json(stored)
    except ValidationError as exc:
        raise BatchError(f"not a chat completion: {_first_problem(exc)}") from None
    usage = chat.usage or _Usage()
    details = usage.prompt_tokens_details
    cached = (details.cached_tokens or 0) if details else 0
    if not chat.choices:
        return Completion(
            text="",
            finish_reason=None,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            cached_prompt_tokens=cached,
            has_choice=False,
        )
    choice = chat.choices[0]
    return Completion(
        text=choice.message.content or "",
        finish_reason=choice.finish_reason,
        refusal=choice.message.refusal or None,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        cached_prompt_tokens=cached,
    )


def read_results(stream: _Readable, *, name: str) -> Iterator[ResultOutcome]:
    """Each non-blank line of a results file (a binary stream), read in chunks: a line
    over the cap is a failure of its request, never loaded whole. InputError for a file
    over ``MAX_RESULTS_FILE_BYTES``."""
    total = 0
    for number, line, size, prefix in _lines(stream):
        total += size + 1
        if total > MAX_RESULTS_FILE_BYTES:
            raise InputError(
                f"{name} is over {MAX_RESULTS_FILE_BYTES:,} bytes, the most a results "
                "file may hold: split it, and import each part with its request file."
            )
        if line is None:
            yield _over_cap(number, size, prefix)
        elif line.strip():
            yield parse_result_line(line, number)


def _lines(stream: _Readable) -> Iterator[tuple[int, bytes | None, int, bytes]]:
    """(number, line or None when over the cap, its size, its first bytes) per line."""
    pending = bytearray()
    size, number, prefix, over = 0, 0, b"", False
    while chunk := stream.read(_CHUNK):
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            size += len(piece)
            if not over and size > MAX_RESULT_LINE_BYTES:
                over, prefix = (
                    True,
                    bytes(pending[:_PREFIX]) + piece[: max(0, _PREFIX - len(pending))],
                )
                pending = bytearray()  # given back now: the rest of the line is only counted
            elif not over:
                pending += piece
            if end < 0:
                break
            number += 1
            yield number, None if over else bytes(pending).rstrip(b"\r"), size, prefix
            pending, size, prefix, over = bytearray(), 0, b"", False
            start = end + 1
    if size:
        yield number + 1, None if over else bytes(pending), size, prefix


def _over_cap(number: int, size: int, prefix: bytes) -> BatchError:
    found = _ID_IN_PREFIX.search(prefix)
    custom_id = None
    if found:
        try:
            custom_id = json.loads(found.group(1))
        except ValueError:
            custom_id = None
    cap = MAX_RESULT_LINE_BYTES // 1024**2
    message = f"line {number} is {size / 1024**2:.1f} MiB, over the cap of {cap} MiB per line"
    return BatchError(message, custom_id=custom_id if isinstance(custom_id, str) else None)


def _failure(custom_id: str, reason: str, status: int | None = None) -> BatchError:
    return BatchError(reason, status=status, custom_id=custom_id)


def _first_problem(exc: ValidationError) -> str:
    """Where the shape went wrong, and how, without the (maybe huge) value itself."""
    problems = exc.errors(include_url=False, include_input=False, include_context=False)
    if not problems:  # pragma: no cover - pydantic always says what failed
        return "unreadable"
    where = ".".join(str(part) for part in problems[0]["loc"])
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return _short(f"{where}: {problems[0]['msg']}{more}" if where else problems[0]["msg"])


def _said(value: Any, depth: int = 0) -> str:
    """The message in a server's error, in the shapes servers use: a string, ``message``
    (OpenAI, vLLM's older ErrorResponse), ``error.message`` (vLLM's newer one)."""
    if isinstance(value, str):
        return _short(value)
    if isinstance(value, dict) and depth < 4:
        for key in ("message", "error", "detail"):
            found = _said(value.get(key), depth + 1) if value.get(key) else ""
            if found:
                return found
        code = value.get("code") or value.get("type")
        if isinstance(code, str | int) and not isinstance(code, bool):
            return _short(str(code))
    try:
        return _short(json.dumps(value)[:_MESSAGE_CHARS])
    except (TypeError, ValueError, RecursionError):
        return "failed"


def _short(text: str) -> str:
    flat = " ".join(redact_secrets(text[: _MESSAGE_CHARS * 4]).split())
    return flat if len(flat) <= _MESSAGE_CHARS else flat[: _MESSAGE_CHARS - 3] + "..."
