"""One structured LLM call: send, retry transport faults, validate, re-ask, widen.

The three failure kinds stay apart:
- transport (429, 5xx, timeout, connection): the same request again, after a wait
  (``retries.TransportRetry``), never a re-ask;
- invalid output (not JSON, or JSON that fails the schema): a re-ask carrying the error,
  a bounded number of times, then ``InvalidOutputError`` with the last raw reply;
- truncation (finish_reason "length"): the same request with more output room, bounded,
  then ``TruncatedOutputError``.
A refusal or content-filter stop raises ``RefusalError`` at once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from briefgen.errors import InvalidOutputError, RefusalError, TruncatedOutputError
from briefgen.llm.backend import (
    Backend,
    BackendError,
    BackendProfile,
    Completion,
    CompletionRequest,
)
from briefgen.llm.budget import Budget
from briefgen.llm.cache import CachedAnswer, ResponseCache, request_key
from briefgen.llm.retries import TransportRetry
from briefgen.llm.schema import schema_for
from briefgen.llm.tokens import TokenCounter
from briefgen.usage import Usage

logger = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)

Message = dict[str, str]


@dataclass(frozen=True)
class CallSettings:
    """How every call of a memo is made: sampling, timeout, retries, re-asks, room."""

    temperature: float
    timeout: float
    max_retries: int
    max_retry_wait: float
    max_reasks: int
    max_output_tokens: int
    max_output_tokens_cap: int
    reask: Callable[[str], Message]
    """The message that tells the model what was wrong with its answer."""


def request_for(
    name: str,
    messages: list[Message],
    output_type: type[BaseModel],
    profile: BackendProfile,
    settings: CallSettings,
) -> CompletionRequest:
    """The first request of a call, as the live path sends it and a batch exports it."""
    return CompletionRequest(
        name=name,
        messages=tuple(messages),
        schema=schema_for(output_type, profile.bounded_schema),
        max_output_tokens=settings.max_output_tokens,
        temperature=settings.temperature,
        timeout=settings.timeout,
    )


def parse_reply(raw: str, output_type: type[T]) -> T:
    """Validate a raw reply; some servers wrap JSON in a code fence despite the schema."""
    fenced = _FENCE.match(raw)
    return output_type.model_validate_json(fenced.group(1) if fenced else raw)


def describe_invalid(exc: Exception) -> str:
    """A short error for the re-ask: what was wrong, where."""
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        if errors and errors[0]["type"] == "json_invalid":
            return f"the reply is not valid JSON ({errors[0]['msg']})"
        problems = []
        for error in exc.errors()[:6]:
            where = ".".join(str(p) for p in error["loc"]) or "(top level)"
            problems.append(f"{where}: {error['msg']}")
        more = exc.error_count() - len(problems)
        suffix = f" (and {more} more)" if more > 0 else ""
        return "the JSON does not fit the schema: " + "; ".join(problems) + suffix
    return f"the reply is not valid JSON ({exc})"


class StructuredCaller:
    """Makes validated calls on one backend, adding everything it spends to ``usage``."""

    def __init__(
        self,
        backend: Backend,
        settings: CallSettings,
        usage: Usage,
        *,
        budget: Budget | None = None,
        counter: TokenCounter | None = None,
        cache: ResponseCache | None = None,
        gate: asyncio.Semaphore | None = None,
    ):
        self.backend = backend
        self.settings = settings
        self.usage = usage
        self.budget = budget
        self.counter = counter
        self.cache = cache
        self.gate = gate
        """Bounds requests in flight; shared by every memo on the same server."""
        self._retry = TransportRetry(
            max_retries=settings.max_retries,
            max_wait=settings.max_retry_wait,
            on_retry=self._count_retry,
        )

    def _count_retry(self, _exc: BaseException, _wait: float) -> None:
        self.usage.retries += 1

    def estimate_prompt_tokens(self, messages: list[Message], schema_tokens: int) -> int:
        """Prompt tokens of a request, counted locally: messages, their framing, the schema.

        Only budgets need it; without one nothing is counted.
        """
        if self.counter is None or self.budget is None:
            return 0
        text = "\n".join(m["content"] for m in messages)
        return self.counter.count(text) + 4 * len(messages) + 3 + schema_tokens

    async def _create(self, request: CompletionRequest, prompt_estimate: int) -> Completion:
        """Send one request once a slot is free (retry waits hold no slot)."""
        if self.gate is None:
            return await self._send(request, prompt_estimate)
        try:
            async with self.gate:
                return await self._send(request, prompt_estimate)
        finally:
            # Let a request waiting for the freed slot go out before this memo spends
            # CPU on parsing and grounding; otherwise slots idle through that work.
            await asyncio.sleep(0)

    async def _send(self, request: CompletionRequest, prompt_estimate: int) -> Completion:
        """Send one request, inside the budget when there is one."""
        room = request.max_output_tokens
        if self.budget is not None:
            room = self.budget.reserve(prompt_estimate, room)
            request = dataclasses.replace(request, max_output_tokens=room)
        self.usage.requests += 1
        try:
            completion = await self.backend.complete(request)
        except BackendError as exc:
            if self.budget is not None and exc.status is not None:
                self.budget.settle(prompt_estimate, room, (0, 0))  # rejected: not billed
            raise
        if self.budget is not None:
            used = (
                (completion.prompt_tokens, completion.completion_tokens or 0)
                if completion.prompt_tokens is not None
                else None
            )
            self.budget.settle(prompt_estimate, room, used)
        return completion

    async def call(self, name: str, messages: list[Message], output_type: type[T]) -> T:
        """Ask for ``output_type`` and return it validated; ``messages`` is not modified."""
        self.usage.calls += 1
        profile = self.backend.profile
        first = request_for(name, messages, output_type, profile, self.settings)
        conversation = list(messages)
        schema_tokens = (
            self.counter.count(json.dumps(first.schema))
            if self.counter is not None and self.budget is not None
            else 0
        )
        max_tokens = self.settings.max_output_tokens
        cache_key = (
            request_key(profile.identity, {"messages": messages, **self.backend.fingerprint(first)})
            if self.cache is not None
            else None
        )
        if cache_key is not None and (hit := self._from_cache(cache_key, output_type)):
            logger.info("%s answered from the response cache", name)
            return hit
        reasks = 0
        # This call's own tokens (usage is shared with the memo's other calls in flight).
        spent = [0, 0]
        while True:
            request = dataclasses.replace(
                first, messages=tuple(conversation), max_output_tokens=max_tokens
            )
            estimate = self.estimate_prompt_tokens(conversation, schema_tokens)
            answer = await self._retry.run(functools.partial(self._create, request, estimate))
            self.usage.record_completion(
                answer.prompt_tokens, answer.completion_tokens, answer.cached_prompt_tokens
            )
            spent[0] += answer.prompt_tokens or 0
            spent[1] += answer.completion_tokens or 0
            raw = answer.text
            if not answer.has_choice:
                error = "the answer had no choices"
            else:
                _raise_if_refused(name, answer)
                logger.debug("%s reply (%s): %.4000s", name, answer.finish_reason, raw)
                if answer.finish_reason == "length":
                    max_tokens = self._more_room(name, max_tokens, raw)
                    continue
                try:
                    result = parse_reply(raw, output_type)
                except (ValidationError, ValueError, json.JSONDecodeError) as exc:
                    error = describe_invalid(exc)
                else:
                    if cache_key is not None and self.cache is not None:
                        stored = CachedAnswer(
                            content=raw, prompt_tokens=spent[0], completion_tokens=spent[1]
                        )
                        self.cache.put(cache_key, profile.model, stored)
                    return result
            if reasks >= self.settings.max_reasks:
                raise InvalidOutputError(
                    f"The {name} answer was still invalid after {reasks} re-ask(s): {error}. "
                    "Try a stronger model or raise max_reasks.",
                    last_reply=raw,
                )
            reasks += 1
            self.usage.reasks += 1
            logger.info("%s answer invalid (%s); re-asking", name, error)
            conversation = [
                *messages,
                {"role": "assistant", "content": raw},
                self.settings.reask(error),
            ]

    def _more_room(self, name: str, max_tokens: int, raw: str) -> int:
        """The output room for the next try of a truncated answer: twice as much, up to
        the cap; TruncatedOutputError when the cap was already reached."""
        self.usage.truncations += 1
        cap = self.settings.max_output_tokens_cap
        if max_tokens >= cap:
            raise TruncatedOutputError(
                f"The {name} answer was cut off at {max_tokens} output tokens, "
                f"the most allowed (max_output_tokens_cap={cap}). Raise the cap "
                "or lower chunk_tokens.",
                last_reply=raw,
            )
        room = min(cap, max_tokens * 2)
        logger.info("%s answer truncated; retrying with %d output tokens", name, room)
        return room

    def _from_cache(self, key: str, output_type: type[T]) -> T | None:
        assert self.cache is not None
        answer = self.cache.get(key)
        if answer is None:
            return None
        try:
            result = parse_reply(answer.content, output_type)
        except (ValidationError, ValueError):
            # Stored by another briefgen version whose schema differed: ask again.
            return None
        self.usage.cache_hits += 1
        self.usage.cache_saved_tokens += answer.prompt_tokens + answer.completion_tokens
        return result


def _raise_if_refused(name: str, answer: Completion) -> None:
    if answer.refusal:
        raise RefusalError(
            f"The model refused the {name} request: {answer.refusal[:300].rstrip(' .')}. "
            "briefgen does not re-ask a refusal; check the article or use another model.",
            reason="refusal",
        )
    if answer.finish_reason == "content_filter":
        raise RefusalError(
            f"The provider's content filter stopped the {name} request. "
            "Check the article or use another deployment.",
            reason="content_filter",
        )
