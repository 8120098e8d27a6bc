"""Per-memo budgets: stop before a request could take the memo over its limits.

Each request reserves its worst case (its prompt, counted locally, plus all the output
room it asks for) before it is sent, and settles to what the answer says it used. A
request that would not fit is shrunk to the room left, or refused with BudgetExceeded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from briefgen.errors import BudgetExceeded, ConfigError

# USD per million tokens (prompt, completion), list prices of common OpenAI models.
# Override or extend with BriefConfig.prices.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "o4-mini": (1.10, 4.40),
    "o3-mini": (1.10, 4.40),
    "gpt-3.5-turbo": (0.50, 1.50),
}

# The Batch API (OpenAI's and Azure's) bills half the list price.
BATCH_DISCOUNT = 0.5


def batch_price_for(
    model: str, overrides: dict[str, tuple[float, float]] | None
) -> tuple[float, float] | None:
    """USD per million tokens (prompt, completion) through the Batch API."""
    price = price_for(model, overrides)
    return (price[0] * BATCH_DISCOUNT, price[1] * BATCH_DISCOUNT) if price else None


# Below this much output room a structured answer cannot be useful.
MIN_OUTPUT_TOKENS = 256


def price_for(
    model: str, overrides: dict[str, tuple[float, float]] | None
) -> tuple[float, float] | None:
    """USD per million tokens (prompt, completion) at list price; None when unknown."""
    table = {**PRICES, **(overrides or {})}
    if model in table:
        return table[model]
    # Dated snapshots ("gpt-4o-mini-2024-07-18") cost what their family costs.
    family = max((name for name in table if model.startswith(name + "-")), key=len, default=None)
    return table[family] if family else None


@dataclass
class Budget:
    """One memo's limits on calls, tokens and cost, and what it has spent so far."""

    max_calls: int | None
    max_tokens: int | None
    max_cost_usd: float | None
    price: tuple[float, float] | None
    calls: int = 0
    tokens: int = 0
    cost_usd: float = 0.0

    @classmethod
    def for_model(
        cls,
        model: str,
        *,
        max_calls: int | None,
        max_tokens: int | None,
        max_cost_usd: float | None,
        prices: dict[str, tuple[float, float]] | None,
    ) -> Budget:
        price = price_for(model, prices)
        if max_cost_usd is not None and price is None:
            raise ConfigError(
                f"max_cost_usd is set but briefgen has no price for model {model!r}; "
                "add it with prices={model: (usd_per_m_prompt, usd_per_m_completion)}."
            )
        return cls(max_calls, max_tokens, max_cost_usd, price)

    @property
    def limited(self) -> bool:
        return any(x is not None for x in (self.max_calls, self.max_tokens, self.max_cost_usd))

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        if self.price is None:
            return 0.0
        return (prompt_tokens * self.price[0] + completion_tokens * self.price[1]) / 1e6

    def reserve(self, prompt_tokens: int, max_output: int) -> int:
        """Reserve one request; returns the output room it may ask for."""
        if self.max_calls is not None and self.calls + 1 > self.max_calls:
            raise BudgetExceeded(
                f"The next request would be number {self.calls + 1}, over max_calls="
                f"{self.max_calls}. Raise max_calls, or use a larger chunk_tokens.",
                limit="max_calls",
            )
        room = max_output
        if self.max_tokens is not None:
            room = min(room, self.max_tokens - self.tokens - prompt_tokens)
        if self.max_cost_usd is not None and self.price is not None and self.price[1] > 0:
            money_left = self.max_cost_usd - self.cost_usd - self.cost(prompt_tokens, 0)
            affordable = money_left * 1e6 / self.price[1]
            if math.isfinite(affordable):
                room = min(room, math.floor(affordable))
        if room < min(MIN_OUTPUT_TOKENS, max_output):
            limit = "max_tokens" if self.max_tokens is not None else "max_cost_usd"
            raise BudgetExceeded(
                f"The next request (about {prompt_tokens} prompt tokens) would take the "
                f"memo over {limit}: spent {self.tokens} tokens, ${self.cost_usd:.4f} so "
                "far. Raise the limit or shorten the article.",
                limit=limit,
            )
        self.calls += 1
        self.tokens += prompt_tokens + room
        self.cost_usd += self.cost(prompt_tokens, room)
        return room

    def settle(
        self, reserved_prompt: int, reserved_output: int, used: tuple[int, int] | None
    ) -> None:
        """Replace a reservation by what the answer used (kept whole when unknown)."""
        if used is None:
            return
        prompt, completion = used
        self.tokens += prompt + completion - reserved_prompt - reserved_output
        self.cost_usd += self.cost(prompt, completion) - self.cost(reserved_prompt, reserved_output)

    def overrun(self) -> str | None:
        """What the answers spent over a limit (a server that ignores max_tokens can)."""
        over = []
        if self.max_tokens is not None and self.tokens > self.max_tokens:
            over.append(f"{self.tokens} tokens against max_tokens={self.max_tokens}")
        if self.max_cost_usd is not None and self.cost_usd > self.max_cost_usd:
            over.append(f"${self.cost_usd:.4f} against max_cost_usd={self.max_cost_usd}")
        if not over:
            return None
        return (
            f"The server wrote more than the output room asked for: the memo spent "
            f"{' and '.join(over)}; no further request was sent."
        )
