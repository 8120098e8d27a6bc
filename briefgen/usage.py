"""Token and call accounting, summed over every attempt of every call of one memo."""

from __future__ import annotations

from pydantic import BaseModel


class Usage(BaseModel):
    """What one memo cost. Failed attempts count too: the provider bills them."""

    requests: int = 0
    """HTTP requests sent, including retried and re-asked ones."""
    calls: int = 0
    """Logical LLM calls (one per chunk, one for synthesis)."""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = 0
    requests_without_usage: int = 0
    """Answers that carried no usage; their tokens are unknown and not in the sums."""
    retries: int = 0
    """Transport retries (429, 5xx, timeouts, connection errors)."""
    reasks: int = 0
    """Re-asks after an answer failed JSON parsing or validation."""
    truncations: int = 0
    """Answers cut off by the output limit (finish_reason "length")."""
    cache_hits: int = 0
    """Calls answered from the response cache, with no request sent."""
    cache_saved_tokens: int = 0
    """Tokens those cached answers cost when they were first made."""

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def record_completion(
        self, prompt_tokens: int | None, completion_tokens: int | None, cached: int = 0
    ) -> None:
        """Add what one answer used; None when it carried no usage."""
        if prompt_tokens is None:
            self.requests_without_usage += 1
            return
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens or 0
        self.cached_prompt_tokens += cached
