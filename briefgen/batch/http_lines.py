"""Sending a request file's lines to an OpenAI-compatible endpoint, each body exactly as
it was exported, and writing each answer as a line of the OpenAI batch output format.

This is the work an engine that spreads the lines over machines (``batch.on_ray``) does
on each worker. The body goes out as the line's own text, never decoded and encoded
again (a JSON library may write it differently; a data frame fills in keys it lacks).
Transient failures are retried as the live path retries them (``llm.retries``); what the
server finally answers is kept with its real status code and body, so that import reads
a 400 as the failure it is.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, SecretStr

from briefgen.errors import InputError, LLMError
from briefgen.llm.backend import BackendError
from briefgen.llm.batch_results import MAX_CUSTOM_ID_CHARS, MAX_RESULT_LINE_BYTES
from briefgen.llm.openai_backend import TRANSIENT_STATUS, redact_secrets, retry_after_seconds
from briefgen.llm.retries import TransportRetry

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_CHAT = "/chat/completions"


class Endpoint(BaseModel):
    """Where the lines go, and how each one is sent."""

    base_url: str
    """The server's OpenAI-compatible root, e.g. ``http://vllm.internal:8000/v1``."""
    api_key: SecretStr | None = Field(default=None, exclude=True)
    timeout: float = Field(120.0, gt=0)
    """Seconds per HTTP request."""
    max_retries: int = Field(4, ge=0, le=20)
    """Transport retries per line (429, 5xx, timeouts, dropped connections)."""
    max_wait: float = Field(30.0, gt=0)
    """The longest wait between two tries of a line."""
    in_flight: int = Field(8, ge=1, le=1024)
    """Requests in flight at once from one sender (one worker)."""

    def chat_url(self) -> str:
        """The chat completions URL under ``base_url``."""
        return self.base_url.rstrip("/") + _CHAT


@dataclass(frozen=True)
class RequestLine:
    """One line of a Batch API input file, its body kept as the text it was written as."""

    custom_id: str
    url: str
    body: str


def read_request_line(line: str) -> RequestLine:
    """The custom_id, url and exact body text of one request line; InputError when it is
    not a chat completions request of the Batch API input format."""
    try:
        spans = _members(line)
        custom_id = json.loads(line[slice(*spans["custom_id"])])
        url = json.loads(line[slice(*spans["url"])])
        body = line[slice(*spans["body"])]
    except (ValueError, KeyError, RecursionError):
        raise InputError(
            "not a batch request line (custom_id, url and body): " + line[:80]
        ) from None
    if not isinstance(custom_id, str) or not 0 < len(custom_id) <= MAX_CUSTOM_ID_CHARS:
        raise InputError(f"not a batch request line (no custom_id string): {line[:80]}")
    if not isinstance(url, str) or not url.endswith(_CHAT) or not body.startswith("{"):
        raise InputError(f"request {custom_id} is not a chat completion (url {url!r})")
    return RequestLine(custom_id, url, body)


def _members(text: str) -> dict[str, tuple[int, int]]:
    """Where the value of each top-level member of a JSON object starts and ends in
    ``text``; ValueError when ``text`` is not one JSON object."""
    pos = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    if text[pos : pos + 1] != "{":
        raise ValueError("not an object")
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    spans: dict[str, tuple[int, int]] = {}
    closed = text[pos : pos + 1] == "}"
    while not closed:
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if not isinstance(key, str) or text[pos : pos + 1] != ":":
            raise ValueError("not an object member")
        start = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        _, end = _DECODER.raw_decode(text, start)
        spans[key] = (start, end)
        pos = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        separator = text[pos : pos + 1]
        if separator not in {",", "}"}:
            raise ValueError("not an object")
        closed = separator == "}"
        pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    if pos != len(text):
        raise ValueError("more after the object")
    return spans


@dataclass
class _Reply:
    status: int
    content: bytes
    request_id: str | None
    retry_after: float | None


class LineSender:
    """Sends request lines to one endpoint, at most ``in_flight`` at once; each line's
    answer (or failure) as a results line. Open it inside the event loop that uses it."""

    def __init__(self, endpoint: Endpoint):
        import httpx  # the ray extra's; the rest of briefgen does without it

        self.endpoint = endpoint
        self._gate = asyncio.Semaphore(endpoint.in_flight)
        key = endpoint.api_key.get_secret_value() if endpoint.api_key else ""
        self._secrets = [key] if key else []
        headers = {"content-type": "application/json", "user-agent": "briefgen"}
        if key:
            headers["authorization"] = f"Bearer {key}"
        self._client = httpx.AsyncClient(
            headers=headers,
            timeout=endpoint.timeout,
            limits=httpx.Limits(max_connections=endpoint.in_flight),
        )
        self._retry = TransportRetry(max_retries=endpoint.max_retries, max_wait=endpoint.max_wait)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send_all(self, lines: Sequence[str]) -> list[str]:
        """The results line of each request line, in the same order."""
        return list(await asyncio.gather(*(self.send(line) for line in lines)))

    async def send(self, line: str) -> str:
        """One request line sent (retried while the failure is transient): its results
        line, with the server's last status code and body, or the transport's error."""
        request = read_request_line(line)
        last: _Reply | None = None

        async def attempt() -> _Reply:
            nonlocal last
            last = None
            reply = await self._post(request)
            last = reply
            if _transient(reply):
                raise BackendError(
                    f"HTTP {reply.status}",
                    retryable=True,
                    status=reply.status,
                    retry_after=reply.retry_after,
                )
            return reply

        async with self._gate:
            try:
                reply = await self._retry.run(attempt)
            except LLMError as exc:  # retries spent: the last answer, or why none came
                if last is None:
                    return _error_line(request.custom_id, "request_failed", self._redact(str(exc)))
                reply = last
        return _response_line(request.custom_id, reply)

    async def _post(self, request: RequestLine) -> _Reply:
        import httpx

        try:
            response = await self._client.post(
                self.endpoint.chat_url(), content=request.body.encode("utf-8")
            )
        except httpx.TimeoutException:
            raise BackendError("the request timed out", retryable=True, kind="timeout") from None
        except httpx.HTTPError as exc:
            message = self._redact(f"connection error: {exc}")
            raise BackendError(message, retryable=True) from None
        return _Reply(
            response.status_code,
            response.content,
            response.headers.get("x-request-id"),
            retry_after_seconds(response.headers),
        )

    def _redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, f"{secret[:4]}***")
        return redact_secrets(text)


def _transient(reply: _Reply) -> bool:
    """Worth sending again, as the live path judges it: 408, 429, 5xx and the like, but
    not a 429 that says the account has no quota."""
    if reply.status not in TRANSIENT_STATUS and reply.status < 500:
        return False
    return not (reply.status == 429 and b"insufficient_quota" in reply.content)


def _response_line(custom_id: str, reply: _Reply) -> str:
    if len(reply.content) > MAX_RESULT_LINE_BYTES:
        cap = MAX_RESULT_LINE_BYTES // 1024**2
        return _error_line(custom_id, "too_large", f"the answer is over {cap} MiB")
    body: Any
    try:
        body = json.loads(reply.content)
    except (ValueError, RecursionError):
        body = reply.content.decode("utf-8", errors="replace")
    response = {"status_code": reply.status, "request_id": reply.request_id, "body": body}
    line = {
        "id": f"batch_req_{custom_id}",
        "custom_id": custom_id,
        "response": response,
        "error": None,
    }
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


def _error_line(custom_id: str, code: str, message: str) -> str:
    line = {
        "id": f"batch_req_{custom_id}",
        "custom_id": custom_id,
        "response": None,
        "error": {"code": code, "message": message},
    }
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))
