"""Transport retries: which failures are worth another try, and how long to wait.

Only transport failures are retried here (429, 5xx, timeouts, dropped connections).
They are never re-asked: the same request goes out again. Invalid answers are the
business of the re-ask loop in ``llm.py``; permanent failures (bad key, unknown model)
become an ``LLMError`` at once.
"""

from __future__ import annotations

import email.utils
import logging
import random
import re
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from briefgen.errors import LLMError

logger = logging.getLogger(__name__)

T = TypeVar("T")

TRANSIENT_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529})
_BASE_WAIT = 0.5


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == 429 and _error_code(exc) == "insufficient_quota":
            return False  # no amount of waiting refills an account
        return exc.status_code in TRANSIENT_STATUS or exc.status_code >= 500
    return False


def retry_after_seconds(exc: BaseException) -> float | None:
    """The wait a server asked for (Retry-After, retry-after-ms), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    parsed = email.utils.parsedate_to_datetime(value) if value else None
    if parsed is None:
        return None
    return max(0.0, parsed.timestamp() - time.time())


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

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after_seconds(exc) if exc is not None else None
        if asked is not None:
            wait = min(asked, self.max_wait)
        else:
            # Exponential backoff with full jitter keeps many clients from retrying in step.
            ceiling = min(self.max_wait, _BASE_WAIT * 2 ** (state.attempt_number - 1))
            wait = random.uniform(ceiling / 2, ceiling)
        if exc is not None and self._on_retry is not None:
            self._on_retry(exc, wait)
        logger.info(
            "LLM request failed (%s); retry %d of %d in %.1fs",
            describe_failure(exc),
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
        except openai.OpenAIError as exc:
            raise to_llm_error(exc, attempts=self.max_retries + 1) from exc
        raise AssertionError("unreachable: tenacity either returns or raises")


def describe_failure(exc: BaseException | None) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return f"connection error: {exc.__cause__ or exc}"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return type(exc).__name__ if exc is not None else "unknown"


def to_llm_error(exc: openai.OpenAIError, *, attempts: int) -> LLMError:
    """Turn an openai exception into an LLMError whose message says what to do."""
    what = describe_failure(exc)
    if is_transient(exc):
        return LLMError(
            f"The LLM endpoint kept failing ({what}) after {attempts} attempt(s). "
            "Check that the server is up and reachable, or raise max_retries / timeout.",
            status=getattr(exc, "status_code", None),
            retryable=True,
        )
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        detail = _error_message(exc)
        fixes = {
            401: "The API key was rejected. Set OPENAI_API_KEY (or api_key=) to a valid key.",
            403: "The key may not use this model or endpoint. Check the key's permissions "
            "and the model name.",
            404: "Model or endpoint not found. Check the model name (model= or "
            "BRIEFGEN_MODEL) and base_url.",
            429: "The account has no quota left. Check billing and limits with the provider.",
        }
        fix = fixes.get(status, "The request was rejected; the detail above says why.")
        return LLMError(f"HTTP {status} from the LLM endpoint: {detail}. {fix}", status=status)
    return LLMError(f"The LLM request failed: {exc}")


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


_SECRET = re.compile(r"\b(sk-|sess-|Bearer\s+)([A-Za-z0-9_\-.]{4})[A-Za-z0-9_\-.]{4,}")


def redact_secrets(text: str) -> str:
    """Mask anything shaped like an API key or bearer token (servers echo them back)."""
    return _SECRET.sub(r"\1\2***", text)


def _error_message(exc: openai.APIStatusError) -> str:
    message = _error_body(exc).get("message")
    text = str(message) if message else exc.message
    return redact_secrets(text[:500])
