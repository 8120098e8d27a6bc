"""The provider boundary: one structured-completion call, and what a backend can do.

Everything above ``llm/`` talks to a model through ``Backend.complete``; nothing above it
knows about HTTP or the openai SDK. A backend turns a transport failure into
``BackendError`` (status, whether it may be retried, the wait the server asked for), so
that retries, budgets and the re-ask loop work the same for every provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from briefgen.errors import BriefgenError


@dataclass(frozen=True)
class BackendProfile:
    """What a backend can do, apart from the client that does it."""

    name: str
    """'openai', 'azure', 'openai-compatible', 'embedded' or 'function' (for reports)."""
    model: str
    identity: str = ""
    """The server behind it (its URL, or the embedded model file): part of every cache
    key, and the key of the request limit memos on one server share."""
    bounded_schema: bool = False
    """Add string length limits to the schema (llama.cpp enforces them in its grammar)."""
    schema_in_prompt: bool = True
    """The server adds the JSON Schema to the prompt (grammar-based servers do not)."""
    max_parallel: int | None = None
    """Requests the server can work on at once, when known and small (the embedded server
    has one slot: more requests would only queue there and time out)."""
    small_model: bool = False
    """A model too small to write memo items well: the extractive plan suits it."""
    min_timeout: float = 0.0
    """Seconds per request at the least, whatever the config says (a CPU-bound local
    server can take minutes to write an answer; a timeout there only restarts it)."""


@dataclass(frozen=True)
class CompletionRequest:
    """One structured-output request: messages in, JSON that fits ``schema`` out."""

    name: str
    messages: tuple[dict[str, str], ...]
    schema: dict[str, Any]
    max_output_tokens: int
    temperature: float
    timeout: float


@dataclass(frozen=True)
class Completion:
    """One answer: its text, why it stopped, a refusal, and the tokens it used."""

    text: str
    finish_reason: str | None = "stop"
    refusal: str | None = None
    prompt_tokens: int | None = None
    """None when the server reported no usage."""
    completion_tokens: int | None = None
    cached_prompt_tokens: int = 0
    has_choice: bool = True
    """False when the server sent an answer with no choices at all."""


class BackendError(BriefgenError):
    """A request that failed in transport or was rejected by the server.

    ``retryable`` failures (429, 5xx, timeouts, dropped connections) may be sent again;
    the others (a bad key, an unknown model, no quota) may not. The message is already
    safe to show: no key in it. The caller turns it into ``LLMError`` (with the same
    ``retryable``) once retries are done.
    """

    def __init__(
        self,
        message: str,
        *,
        retryable: bool,
        status: int | None = None,
        retry_after: float | None = None,
        kind: str = "",
    ):
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after
        self.kind = kind or (f"HTTP {status}" if status is not None else "connection error")


@runtime_checkable
class Backend(Protocol):
    """A model behind one structured-completion call."""

    @property
    def profile(self) -> BackendProfile: ...

    def fingerprint(self, request: CompletionRequest) -> dict[str, Any]:
        """Everything besides the messages that decides the answer (model, sampling,
        the form of the structured-output request): part of the cache key."""
        ...

    async def complete(self, request: CompletionRequest) -> Completion:
        """Send ``request`` once; raise ``BackendError`` when it fails."""
        ...

    async def aclose(self) -> None:
        """Release what the backend opened (a client briefgen made)."""
        ...
