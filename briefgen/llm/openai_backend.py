"""The OpenAI-compatible backend: OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp, LM Studio.

The only module that calls the openai SDK. It sends one chat completion with a strict
JSON Schema (or a grammar, for llama.cpp), reads the answer into a ``Completion``, and
turns every SDK exception into a ``BackendError`` whose message carries no key.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import logging
import math
import re
import ssl
import time
import weakref
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import openai

from briefgen.llm import requests_first
from briefgen.llm.backend import (
    Backend,
    BackendError,
    BackendProfile,
    Completion,
    CompletionRequest,
)

logger = logging.getLogger(__name__)

AnyClient = openai.OpenAI | openai.AsyncOpenAI
Client = openai.OpenAI | openai.AsyncOpenAI | Backend
"""What an entry point's ``client=`` takes: a ready ``openai.OpenAI`` or
``openai.AsyncOpenAI`` (Azure's included), or any briefgen ``Backend``."""
StructuredOutput = Callable[[str, dict[str, Any]], dict[str, Any]]

TRANSIENT_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529})


def json_schema_response_format(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """Request fields for structured output the OpenAI way (strict JSON Schema)."""
    return {
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": name, "schema": schema, "strict": True},
        }
    }


@lru_cache(maxsize=2)
def _ssl_context(secure: bool) -> ssl.SSLContext:
    """One TLS context for every client briefgen builds, per kind of endpoint.

    Each new client would otherwise load the CA bundle again (about 25 ms, most of
    briefgen's own time per memo). For an ``https`` endpoint it is built by the SDK's own
    HTTP library, so the trust is exactly what a default openai client gets. A plain
    ``http`` endpoint (vLLM, Ollama, the embedded model on loopback) never uses TLS, so it
    gets a context that trusts no certificate: loading the CA bundle costs about 80 ms of
    the first memo of a process, and should a redirect ever lead such a client to
    ``https``, the handshake fails rather than going unverified.
    """
    if not secure:
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies, with no CA to trust
    try:
        import httpx2 as transport  # the openai SDK's HTTP library from 3.x on
    except ImportError:  # pragma: no cover - older SDKs use httpx
        import httpx as transport  # type: ignore[no-redef,import-not-found,unused-ignore]
    context: ssl.SSLContext = transport.create_ssl_context()
    return context


def http_client(base_url: str | None) -> Any:
    """A fresh async HTTP client for the openai SDK's client of ``base_url`` (None: the
    SDK's default, OpenAI's own), sharing the TLS context, that tells ``requests_first``
    when each request has been written."""
    hooks = {"request": [requests_first.on_request]}
    secure = base_url is None or not base_url.lower().startswith("http://")
    client = openai.DefaultAsyncHttpxClient(verify=_ssl_context(secure), event_hooks=hooks)
    _TRACED.add(client)
    return client


_TRACED: weakref.WeakSet[Any] = weakref.WeakSet()
"""The HTTP clients made by ``http_client``: they say when a request is written."""


def _traced(client: AnyClient) -> bool:
    # The SDK keeps its HTTP client as ``_client``; another SDK shape is just untraced.
    return isinstance(client, openai.AsyncOpenAI) and getattr(client, "_client", None) in _TRACED


@contextlib.asynccontextmanager
async def loop_safe_client(client: Client | None) -> AsyncIterator[Client | None]:
    """The caller's client, made safe to use on a new event loop.

    Each sync call runs its own event loop, and an AsyncOpenAI's connection pool belongs
    to the loop that opened it; give the run a pool of its own.
    """
    if not isinstance(client, openai.AsyncOpenAI):
        yield client
        return
    fresh = client.copy(http_client=http_client(str(client.base_url)))
    try:
        yield fresh
    finally:
        await fresh.close()


def is_openai_client(client: object) -> bool:
    """Whether ``client`` is an ``openai.OpenAI`` or ``openai.AsyncOpenAI``."""
    return isinstance(client, (openai.OpenAI, openai.AsyncOpenAI))


@dataclass
class OpenAIBackend:
    """A ready openai client and how to talk to the server behind it."""

    client: AnyClient
    backend_profile: BackendProfile
    token_param: str = "max_completion_tokens"
    """OpenAI wants max_completion_tokens; many compatible servers only know max_tokens."""
    extra_body: dict[str, Any] = field(default_factory=dict)
    structured_output: StructuredOutput = json_schema_response_format
    """Turns (name, schema) into the request fields that ask for structured output."""
    owned: bool = False
    """True when briefgen made the client and must close it after the run."""
    secrets: tuple[str, ...] = ()
    """Keys to mask in every message built from a server's answer."""

    def __post_init__(self) -> None:
        # The SDK's own retries are off so they do not multiply with briefgen's.
        self._client = self.client.with_options(max_retries=0)
        self._traced = _traced(self._client)

    @property
    def profile(self) -> BackendProfile:
        return self.backend_profile

    def _request(self, request: CompletionRequest) -> dict[str, Any]:
        structured = self.structured_output(request.name, request.schema)
        extra_body = {**self.extra_body, **structured.pop("extra_body", {})}
        fields: dict[str, Any] = {
            "model": self.profile.model,
            "messages": list(request.messages),
            "temperature": request.temperature,
            self.token_param: request.max_output_tokens,
            **structured,
        }
        if extra_body:
            fields["extra_body"] = extra_body
        return fields

    def fingerprint(self, request: CompletionRequest) -> dict[str, Any]:
        fields = self._request(request)
        return {
            "model": fields["model"],
            "temperature": fields["temperature"],
            "output": {k: v for k, v in fields.items() if k == "response_format"},
            "extra_body": fields.get("extra_body", {}),
        }

    async def complete(self, request: CompletionRequest) -> Completion:
        fields = self._request(request)
        timeout = max(request.timeout, self.profile.min_timeout)
        try:
            if isinstance(self._client, openai.AsyncOpenAI):
                with requests_first.writing(traced=self._traced):
                    answer = await self._client.chat.completions.create(**fields, timeout=timeout)
            else:
                create: Callable[..., Any] = self._client.chat.completions.create
                answer = await asyncio.to_thread(create, **fields, timeout=timeout)
        except openai.OpenAIError as exc:
            failure = self._backend_error(exc)
        else:
            return completion_of(answer)
        # Raised outside the handler so that neither __cause__ nor __context__ holds the
        # SDK's exception: it carries the request and the server's raw body (keys echoed).
        raise failure

    def _backend_error(self, exc: openai.OpenAIError) -> BackendError:
        if isinstance(exc, openai.APITimeoutError):
            return BackendError("the request timed out", retryable=True, kind="timeout")
        if isinstance(exc, openai.APIConnectionError):
            cause = self.redact(str(exc.__cause__ or exc))
            return BackendError(f"connection error: {cause}", retryable=True)
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            code = _error_code(exc)
            no_quota = status == 429 and code == "insufficient_quota"
            transient = not no_quota and (status in TRANSIENT_STATUS or status >= 500)
            return BackendError(
                self.redact(_error_message(exc)),
                retryable=transient,
                status=status,
                retry_after=retry_after_seconds(getattr(exc.response, "headers", None)),
                kind="no quota" if no_quota else "",
            )
        return BackendError(self.redact(f"the request failed: {exc}"), retryable=False)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret and len(secret) >= 4:
                text = text.replace(secret, f"{secret[:4]}***")
        return redact_secrets(text)

    async def aclose(self) -> None:
        if not self.owned:
            return
        if isinstance(self.client, openai.AsyncOpenAI):
            await self.client.close()
        else:
            self.client.close()


def _field(node: Any, name: str) -> Any:
    # The SDK's objects and the same JSON as plain dicts (batch results) read alike.
    return node.get(name) if isinstance(node, dict) else getattr(node, name, None)


def completion_of(answer: Any) -> Completion:
    """A chat completion (the SDK's object, or its JSON) as a ``Completion``."""
    usage = _field(answer, "usage")
    prompt = completion = None
    cached = 0
    if usage is not None:
        prompt = int(_field(usage, "prompt_tokens") or 0)
        completion = int(_field(usage, "completion_tokens") or 0)
        details = _field(usage, "prompt_tokens_details")
        cached = int(_field(details, "cached_tokens") or 0) if details is not None else 0
    choices = _field(answer, "choices") or []
    if not choices:
        return Completion(
            text="",
            finish_reason=None,
            prompt_tokens=prompt,
            completion_tokens=completion,
            cached_prompt_tokens=cached,
            has_choice=False,
        )
    message = _field(choices[0], "message") or {}
    refusal = _field(message, "refusal")
    return Completion(
        text=_field(message, "content") or "",
        finish_reason=_field(choices[0], "finish_reason"),
        refusal=str(refusal) if refusal else None,
        prompt_tokens=prompt,
        completion_tokens=completion,
        cached_prompt_tokens=cached,
    )


def retry_after_seconds(headers: Any) -> float | None:
    """The wait a server asked for (retry-after-ms, Retry-After in seconds or as an HTTP
    date); None when there is none or it cannot be read, so the backoff decides."""
    if headers is None:
        return None
    millis = _finite(headers.get("retry-after-ms"))
    if millis is not None:
        return max(0.0, millis / 1000)
    value = headers.get("retry-after")
    if not value:
        return None
    seconds = _finite(value)
    if seconds is not None:
        return max(0.0, seconds)
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:  # pragma: no cover - older Pythons returned None
        return None
    try:
        return max(0.0, parsed.timestamp() - time.time())
    except (OverflowError, OSError, ValueError):  # naive or out-of-range dates
        return None


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _error_body(exc: openai.APIStatusError) -> dict[str, object]:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            return inner
    return {}


def _error_code(exc: openai.APIStatusError) -> str | None:
    code = _error_body(exc).get("code")
    return str(code) if code is not None else None


def _error_message(exc: openai.APIStatusError) -> str:
    message = _error_body(exc).get("message")
    text = str(message) if message else exc.message
    return text[:500]


_SECRET = re.compile(r"\b(sk-|sess-|Bearer\s+)([A-Za-z0-9_\-.]{4})[A-Za-z0-9_\-.]{4,}")


def redact_secrets(text: str) -> str:
    """Mask anything shaped like an API key or bearer token (servers echo them back)."""
    return _SECRET.sub(r"\1\2***", text)


def request_body(backend: OpenAIBackend, request: CompletionRequest) -> dict[str, Any]:
    """The JSON body the live path sends for ``request``, ``extra_body`` merged in: what a
    line of a Batch API input file carries."""
    fields = backend._request(request)
    extra = fields.pop("extra_body", {})
    return {**fields, **extra}
