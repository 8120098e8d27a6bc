"""A backend that is a Python function: for tests of everything above ``llm/`` (no socket)
and for users who wire briefgen to a model of their own.

``FunctionBackend(answer)`` calls ``answer(request)`` for every request; it returns the
reply text, a ``Completion``, or raises ``BackendError`` to act out a transport failure.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from briefgen.llm.backend import BackendProfile, Completion, CompletionRequest

Answer = Callable[[CompletionRequest], "str | Completion | Awaitable[str | Completion]"]


@dataclass
class FunctionBackend:
    """Answers every request with ``answer(request)``; keeps the requests it was sent."""

    answer: Answer
    model: str = "function"
    identity: str = ""
    requests: list[CompletionRequest] = field(default_factory=list)

    @property
    def profile(self) -> BackendProfile:
        return BackendProfile(
            name="function", model=self.model, identity=self.identity or f"function:{id(self)}"
        )

    def fingerprint(self, request: CompletionRequest) -> dict[str, Any]:
        return {"model": self.model, "temperature": request.temperature}

    async def complete(self, request: CompletionRequest) -> Completion:
        self.requests.append(request)
        reply = self.answer(request)
        if inspect.isawaitable(reply):
            reply = await reply
        if isinstance(reply, Completion):
            return reply
        text = reply if isinstance(reply, str) else json.dumps(reply)
        prompt = sum(len(m["content"]) for m in request.messages) // 4
        return Completion(text=text, prompt_tokens=prompt, completion_tokens=len(text) // 4)

    async def aclose(self) -> None:
        return None
