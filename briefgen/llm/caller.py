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
import functools
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import openai
from pydantic import BaseModel, ValidationError

from briefgen.llm.budget import Budget
from briefgen.llm.cache import CachedAnswer, ResponseCache, request_key
from briefgen.errors import InvalidOutputError, RefusalError, TruncatedOutputError
from briefgen.extract.prompts import reask_message
from briefgen.llm.retries import TransportRetry
from briefgen.extract.schema import strict_json_schema
from briefgen.llm.tokens import TokenCounter
from briefgen.usage import Usage

logger = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def json_schema_response_format(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """Request fields for structured output the OpenAI way (strict JSON Schema)."""
    return {
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": name, "schema": schema, "strict": True},
        }
    }


StructuredOutput = Callable[[str, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Endpoint:
    """A ready openai client and how to talk to the server behind it."""

    client: openai.OpenAI | openai.AsyncOpenAI
    model: str
    backend: str
    """'openai', 'azure', 'openai-compatible' or 'embedded' (for reports)."""
    token_param: str = "max_completion_tokens"
    """OpenAI wants max_completion_tokens; many compatible servers only know max_tokens."""
    bounded_schema: bool = False
    """Add string length limits to the schema (llama.cpp enforces them in its grammar)."""
    extra_body: dict[str, Any] = field(default_factory=dict)
    structured_output: StructuredOutput = json_schema_response_format
    """Turns (name, schema) into the request fields that ask for structured output."""
    owned: bool = False
    """True when briefgen made the client and must close it after the run."""
    min_timeout: float = 0.0
    """Seconds per request at the least, whatever the config says (a CPU-bound local
    server can take minutes to write an answer; a timeout there only restarts it)."""
    max_parallel: int | None = None
    """Requests the server can work on at once, when it is known and small (the embedded
    server has one slot: more requests would only queue there and time out)."""
    identity: str = ""
    """The server behind the client (its URL, or the embedded model file), for cache keys
    and for sharing one concurrency limit between memos."""

    async def aclose(self) -> None:
        if not self.owned:
            return
        if isinstance(self.client, openai.AsyncOpenAI):
            await self.client.close()
        else:
            self.client.close()


@dataclass(frozen=True)
class CallSettings:
    temperature: float
    timeout: float
    max_retries: int
    max_retry_wait: float
    max_reasks: int
    max_output_tokens: int
    max_output_tokens_cap: int
    prompt_dir: Path | None = None


@lru_cache(maxsize=32)
def schema_for(output_type: type[BaseModel], bounded: bool) -> dict[str, Any]:
    return strict_json_schema(output_type, bounded=bounded)


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
    """Makes validated calls on one endpoint, adding everything it spends to ``usage``."""

    def __init__(
        self,
        endpoint: Endpoint,
        settings: CallSettings,
        usage: Usage,
        *,
        budget: Budget | None = None,
        counter: TokenCounter | None = None,
        cache: ResponseCache | None = None,
        gate: asyncio.Semaphore | None = None,
    ):
        self.endpoint = endpoint
        self.settings = settings
        self.usage = usage
        self.budget = budget
        self.counter = counter
        self.cache = cache
        self.gate = gate
        """Bounds requests in flight; shared by every memo on the same server."""
        # The SDK's own retries are off so they do not multiply with ours.
        self._client = endpoint.client.with_options(
            max_retries=0, timeout=max(settings.timeout, endpoint.min_timeout)
        )
        self._retry = TransportRetry(
            max_retries=settings.max_retries,
            max_wait=settings.max_retry_wait,
            on_retry=self._count_retry,
        )

    def _count_retry(self, _exc: BaseException, _wait: float) -> None:
        self.usage.retries += 1

    def estimate_prompt_tokens(self, messages: list[dict[str, str]], schema_tokens: int) -> int:
        """Prompt tokens of a request, counted locally: messages, their framing, the schema.

        Only budgets need it; without one nothing is counted.
        """
        if self.counter is None or self.budget is None:
            return 0
        text = "\n".join(m["content"] for m in messages)
        return self.counter.count(text) + 4 * len(messages) + 3 + schema_tokens

    async def _create(self, request: dict[str, Any], prompt_estimate: int) -> Any:
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

    async def _send(self, request: dict[str, Any], prompt_estimate: int) -> Any:
        """Send one request, inside the budget when there is one."""
        param = self.endpoint.token_param
        room = int(request[param])
        if self.budget is not None:
            room = self.budget.reserve(prompt_estimate, room)
            request = {**request, param: room}
        self.usage.requests += 1
        client = self._client
        try:
            if isinstance(client, openai.AsyncOpenAI):
                completion = await client.chat.completions.create(**request)
            else:
                create: Callable[..., Any] = client.chat.completions.create
                completion = await asyncio.to_thread(create, **request)
        except openai.APIStatusError:
            if self.budget is not None:  # rejected requests are not billed
                self.budget.settle(prompt_estimate, room, (0, 0))
            raise
        if self.budget is not None:
            usage = getattr(completion, "usage", None)
            used = (usage.prompt_tokens, usage.completion_tokens) if usage is not None else None
            self.budget.settle(prompt_estimate, room, used)
        return completion

    async def call(self, name: str, messages: list[dict[str, str]], output_type: type[T]) -> T:
        """Ask for ``output_type`` and return it validated; ``messages`` is not modified."""
        self.usage.calls += 1
        schema = schema_for(output_type, self.endpoint.bounded_schema)
        structured = self.endpoint.structured_output(name, schema)
        extra_body = {**self.endpoint.extra_body, **structured.pop("extra_body", {})}
        conversation = list(messages)
        schema_tokens = (
            self.counter.count(json.dumps(schema))
            if self.counter is not None and self.budget is not None
            else 0
        )
        max_tokens = self.settings.max_output_tokens
        cache_key = (
            request_key(
                self.endpoint.identity,
                {
                    "model": self.endpoint.model,
                    "messages": messages,
                    "temperature": self.settings.temperature,
                    "output": structured,
                    "extra_body": extra_body,
                },
            )
            if self.cache is not None
            else None
        )
        if cache_key is not None and (hit := self._from_cache(cache_key, output_type)):
            logger.info("%s answered from the response cache", name)
            return hit
        reasks = 0
        last_raw: str | None = None
        # This call's own tokens (usage is shared with the memo's other calls in flight).
        spent = [0, 0]
        while True:
            request: dict[str, Any] = {
                "model": self.endpoint.model,
                "messages": conversation,
                "temperature": self.settings.temperature,
                self.endpoint.token_param: max_tokens,
                **structured,
            }
            if extra_body:
                request["extra_body"] = extra_body
            estimate = self.estimate_prompt_tokens(conversation, schema_tokens)
            completion = await self._retry.run(functools.partial(self._create, request, estimate))
            reported = getattr(completion, "usage", None)
            self.usage.record_response_usage(reported)
            if reported is not None:
                spent[0] += int(getattr(reported, "prompt_tokens", 0) or 0)
                spent[1] += int(getattr(reported, "completion_tokens", 0) or 0)
            choices = getattr(completion, "choices", None) or []
            if not choices:
                error = "the answer had no choices"
                raw = ""
            else:
                choice = choices[0]
                message = choice.message
                refusal = getattr(message, "refusal", None)
                if refusal:
                    raise RefusalError(
                        f"The model refused the {name} request: {refusal!s:.300}. "
                        "briefgen does not re-ask a refusal; check the article or use "
                        "another model.",
                        reason="refusal",
                    )
                if choice.finish_reason == "content_filter":
                    raise RefusalError(
                        f"The provider's content filter stopped the {name} request. "
                        "Check the article or use another deployment.",
                        reason="content_filter",
                    )
                raw = message.content or ""
                logger.debug("%s reply (%s): %.4000s", name, choice.finish_reason, raw)
                if choice.finish_reason == "length":
                    self.usage.truncations += 1
                    cap = self.settings.max_output_tokens_cap
                    if max_tokens >= cap:
                        raise TruncatedOutputError(
                            f"The {name} answer was cut off at {max_tokens} output tokens, "
                            f"the most allowed (max_output_tokens_cap={cap}). Raise the cap "
                            "or lower chunk_tokens.",
                            last_reply=raw,
                        )
                    max_tokens = min(cap, max_tokens * 2)
                    logger.info(
                        "%s answer truncated; retrying with %d output tokens", name, max_tokens
                    )
                    continue
                try:
                    result = parse_reply(raw, output_type)
                except (ValidationError, ValueError, json.JSONDecodeError) as exc:
                    error = describe_invalid(exc)
                else:
                    if cache_key is not None and self.cache is not None:
                        answer = CachedAnswer(
                            content=raw,
                            prompt_tokens=spent[0],
                            completion_tokens=spent[1],
                        )
                        self.cache.put(cache_key, self.endpoint.model, answer)
                    return result
            last_raw = raw
            if reasks >= self.settings.max_reasks:
                raise InvalidOutputError(
                    f"The {name} answer was still invalid after {reasks} re-ask(s): {error}. "
                    "Try a stronger model or raise max_reasks.",
                    last_reply=last_raw,
                )
            reasks += 1
            self.usage.reasks += 1
            logger.info("%s answer invalid (%s); re-asking", name, error)
            conversation = [
                *messages,
                {"role": "assistant", "content": raw},
                reask_message(error, self.settings.prompt_dir),
            ]

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
