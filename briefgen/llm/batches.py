"""The Batch API boundary: request lines, the Files and Batches endpoints, and a backend
that answers from a batch's results.

A batch line is the body the live path would send (``openai_backend.request_body``),
under a ``custom_id`` that names the article, the call and a hash of the body. The same
hash finds the answer again when the memo is made: ``ReplayBackend.complete`` returns the
answer for the identical body, or raises ``Unanswered`` for a request the batch did not
hold (a synthesis round, a re-ask) or did not answer, which the collector turns into the
next round. Results lines are read by ``batch_results``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

import openai

try:
    import httpx2 as transport  # the openai SDK's HTTP library from 3.x on
except ImportError:  # pragma: no cover - older SDKs use httpx
    import httpx as transport  # type: ignore[no-redef,import-not-found,unused-ignore]

from briefgen.config import BriefConfig
from briefgen.errors import BatchError, BriefgenError, ConfigError
from briefgen.llm.backend import BackendProfile, Completion, CompletionRequest
from briefgen.llm.batch_results import MAX_RESULTS_FILE_BYTES, completion_from
from briefgen.llm.endpoints import open_backend, planned_backend
from briefgen.llm.openai_backend import OpenAIBackend, redact_secrets, request_body

CHAT_URL = "/v1/chat/completions"
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})


class Unanswered(BriefgenError):  # noqa: N818 - a signal to the collector, not an error
    """The replayed memo needs a request the batch results do not answer (yet)."""

    def __init__(self, body: dict[str, Any], digest: str, failure: str | None = None):
        super().__init__(failure or "not in the batch results")
        self.body = body
        self.digest = digest
        self.failure = failure
        """Why the batch did not answer it, when it held the request; None if absent."""


def body_hash(body: Mapping[str, Any]) -> str:
    """A short, stable name for a request body (part of its custom_id)."""
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def batch_line(custom_id: str, body: Mapping[str, Any], url: str = CHAT_URL) -> str:
    """One line of a Batch API input file."""
    line = {"custom_id": custom_id, "method": "POST", "url": url, "body": body}
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


@contextlib.asynccontextmanager
async def request_backend(cfg: BriefConfig, *, connect: bool) -> AsyncIterator[OpenAIBackend]:
    """The backend whose requests the batch carries (closed on the way out): the live
    path's own choice of endpoint and model. Without ``connect`` and without an endpoint
    configured (an export to answer elsewhere) it is OpenAI's request form, with no key
    needed."""
    backend = _request_backend(cfg, connect=connect)
    try:
        yield backend
    finally:
        await backend.aclose()


def _request_backend(cfg: BriefConfig, *, connect: bool) -> OpenAIBackend:
    planned = planned_backend(cfg)[0]
    if connect and planned == "embedded":
        raise ConfigError(
            "A batch job needs an endpoint with a Batch API: set OPENAI_API_KEY (and "
            "OPENAI_BASE_URL for another server) or pass --base-url / base_url=; for a "
            "local engine, use 'briefgen batch export' and 'briefgen batch import'."
        )
    if planned != "embedded":
        backend = open_backend(cfg)
        if isinstance(backend, OpenAIBackend):
            return backend
        raise BatchError("The Batch API needs an OpenAI-compatible endpoint.")
    client = openai.AsyncOpenAI(api_key="not-needed", max_retries=0)
    profile = BackendProfile(name="openai", model=cfg.resolved_model(), identity="batch")
    return OpenAIBackend(client=client, backend_profile=profile, owned=True)


def batch_url(backend: OpenAIBackend) -> str:
    """Azure's batch lines name the path without the version prefix."""
    return "/chat/completions" if backend.profile.name == "azure" else CHAT_URL


@dataclass
class ReplayBackend:
    """Answers each request with the batch's answer for the identical body."""

    live: OpenAIBackend
    answers: Mapping[str, str]
    """The kept answers (``Answer.body``) by body hash."""
    failures: Mapping[str, str] = field(default_factory=dict)
    """Why the batch did not answer a request it held, by body hash."""
    missing: list[Unanswered] = field(default_factory=list)

    @property
    def profile(self) -> BackendProfile:
        return self.live.profile

    def fingerprint(self, request: CompletionRequest) -> dict[str, Any]:
        return self.live.fingerprint(request)

    async def complete(self, request: CompletionRequest) -> Completion:
        body = request_body(self.live, request)
        digest = body_hash(body)
        failure = self.failures.get(digest)
        stored = self.answers.get(digest)
        if stored is not None:
            try:
                return completion_from(stored)
            except BatchError as exc:  # a damaged answer is one more failed line
                failure = str(exc)
        signal = Unanswered(body, digest, failure)
        self.missing.append(signal)
        raise signal

    async def aclose(self) -> None:
        return None


@dataclass(frozen=True)
class BatchState:
    """What the server says of one batch."""

    id: str
    status: str
    output_file_id: str | None
    error_file_id: str | None
    total: int
    completed: int
    failed: int
    errors: str = ""


def _fail(what: str, exc: openai.OpenAIError) -> BatchError:
    status = getattr(exc, "status_code", None)
    message = redact_secrets(str(getattr(exc, "message", "") or exc))[:400]
    return BatchError(f"{what}: {message}", status=status)


async def upload_and_create(
    backend: OpenAIBackend, content: bytes, *, window: str = "24h"
) -> tuple[str, str]:
    """Upload an input file and start a batch on it: (file id, batch id)."""
    client = _async(backend)
    try:
        uploaded = await client.files.create(file=("requests.jsonl", content), purpose="batch")
    except openai.OpenAIError as exc:
        raise _fail("The server refused the batch input file", exc) from None
    try:
        batch = await client.batches.create(
            input_file_id=uploaded.id,
            endpoint=batch_url(backend),  # type: ignore[arg-type]
            completion_window=window,  # type: ignore[arg-type]
        )
    except openai.OpenAIError as exc:
        raise _fail("The server refused to start the batch", exc) from None
    return uploaded.id, batch.id


async def retrieve(backend: OpenAIBackend, batch_id: str) -> BatchState:
    """The server's view of a batch; BatchError when it cannot be had."""
    try:
        batch = await _async(backend).batches.retrieve(batch_id)
    except openai.OpenAIError as exc:
        raise _fail(f"Cannot read batch {batch_id}", exc) from None
    counts = batch.request_counts
    errors = getattr(batch, "errors", None)
    problems = [e.message or e.code or "" for e in (getattr(errors, "data", None) or [])]
    return BatchState(
        id=batch.id,
        status=batch.status,
        output_file_id=batch.output_file_id,
        error_file_id=batch.error_file_id,
        total=counts.total if counts else 0,
        completed=counts.completed if counts else 0,
        failed=counts.failed if counts else 0,
        errors="; ".join(p for p in problems if p),
    )


async def download(backend: OpenAIBackend, file_id: str, sink: IO[bytes]) -> None:
    """Write a file on the server (a batch's output or error file) to ``sink`` as it
    arrives, never whole in memory; BatchError past ``MAX_RESULTS_FILE_BYTES``."""
    client = _async(backend)
    size = 0
    try:
        async with client.files.with_streaming_response.content(file_id) as response:
            async for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_RESULTS_FILE_BYTES:
                    raise BatchError(
                        f"The batch file {file_id} is over {MAX_RESULTS_FILE_BYTES} bytes, "
                        "the most briefgen reads from a server."
                    )
                sink.write(chunk)
    except openai.OpenAIError as exc:
        raise _fail(f"Cannot download the batch file {file_id}", exc) from None
    except transport.HTTPError as exc:  # the connection dropped mid-file
        raise BatchError(f"Cannot download the batch file {file_id}: {exc}") from None


async def cancel(backend: OpenAIBackend, batch_id: str) -> None:
    """Ask the server to cancel a batch."""
    try:
        await _async(backend).batches.cancel(batch_id)
    except openai.OpenAIError as exc:
        raise _fail(f"Cannot cancel batch {batch_id}", exc) from None


def _async(backend: OpenAIBackend) -> openai.AsyncOpenAI:
    client = backend.client
    if not isinstance(client, openai.AsyncOpenAI):
        raise BatchError("The Batch API path needs an AsyncOpenAI client.")
    return client.with_options(max_retries=2)
