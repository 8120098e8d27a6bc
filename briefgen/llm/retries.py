"""Transport retries: which failures are worth another try, and how long to wait.

Only transport failures are retried here (429, 5xx, timeouts, dropped connections), as a
backend reports them (``BackendError.retryable``). They are never re-asked: the same
request goes out again. Invalid answers are the business of the re-ask loop in
``caller.py``; permanent failures (bad key, unknown model, no quota) become an
``LLMError`` at once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from briefgen.errors import LLMError
from briefgen.llm.backend import BackendError

logger = logging.getLogger(__name__)

T = TypeVar("T")

_BASE_WAIT = 0.5


def is_transient(exc: BaseException) -> bool:
    """Whether a failure is worth sending the same request again."""
    return isinstance(exc, BackendError) and exc.retryable


class TransportRetry:
    """Runs one request with retries on transient failures, counting each retry."""

    def __init__(
        self,
        *,
        max_retries: int,
        max_wait: float,
        on_retry: Callable[[BaseException, float], None] | None = None,
    ):
        self.max_retries = max_retries
        self.max_wait = max_wait
        self._on_retry = on_retry
        # Exponential backoff with full jitter keeps many clients from retrying in step.
        self._backoff = wait_random_exponential(multiplier=_BASE_WAIT, max=max_wait)

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = exc.retry_after if isinstance(exc, BackendError) else None
        wait = min(asked, self.max_wait) if asked is not None else self._backoff(state)
        if exc is not None and self._on_retry is not None:
            self._on_retry(exc, wait)
        logger.info(
            "LLM request failed (%s); retry %d of %d in %.1fs",
            exc.kind if isinstance(exc, BackendError) else type(exc).__name__,
            state.attempt_number,
            self.max_retries,
            wait,
        )
        return wait

    async def run(self, send: Callable[[], Awaitable[T]]) -> T:
        retrying = AsyncRetrying(
            retry=retry_if_exception(is_transient),
            stop=stop_after_attempt(self.max_retries + 1),
            wait=self._wait,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await send()
        except BackendError as exc:
            failure = to_llm_error(exc, attempts=self.max_retries + 1)
        else:  # pragma: no cover - tenacity either returns or raises
            raise AssertionError("unreachable")
        # The backend's message is already redacted; nothing else is chained.
        raise failure


_FIXES = {
    401: "The API key was rejected. Set OPENAI_API_KEY (or api_key=) to a valid key.",
    403: "The key may not use this model or endpoint. Check the key's permissions "
    "and the model name.",
    404: "Model or endpoint not found. Check the model name (model= or "
    "BRIEFGEN_MODEL) and base_url.",
    429: "The account has no quota left. Check billing and limits with the provider.",
}


def to_llm_error(exc: BackendError, *, attempts: int) -> LLMError:
    """An LLMError whose message says what failed and what to do."""
    if exc.retryable:
        return LLMError(
            f"The LLM endpoint kept failing ({exc.kind}) after {attempts} attempt(s). "
            "Check that the server is up and reachable, or raise max_retries / timeout "
            "(--max-retries / --timeout).",
            status=exc.status,
            retryable=True,
        )
    if exc.status is not None:
        fix = _FIXES.get(exc.status, "The request was rejected; the detail above says why.")
        return LLMError(
            f"HTTP {exc.status} from the LLM endpoint: {exc.message}. {fix}", status=exc.status
        )
    return LLMError(f"The LLM request failed: {exc.message}")
