"""A price before the bill: what a memo will send and spend, without calling the model.

Prompt tokens are counted on the very messages briefgen would send (the same chunking, the
same prompt files), plus the JSON Schema that OpenAI-style servers add to the prompt.
The synthesis prompt of a long article depends on what extraction finds, and completion
tokens depend on the model; both are expectations, with the worst case given beside them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from briefgen.config import BriefConfig, build_config
from briefgen.extract.plan import VERIFICATION_CALL, PlannedCall, plan_calls
from briefgen.extract.schema import Verification
from briefgen.ingest.article import Article
from briefgen.llm.budget import batch_price_for, price_for
from briefgen.llm.endpoints import planned_backend
from briefgen.llm.schema import schema_for
from briefgen.llm.tokens import TokenCounter, token_counter
from briefgen.memo.fields import MemoFields
from briefgen.memo.styles import get_style

# Chat framing per message and per request (role markers and the reply primer).
MESSAGE_OVERHEAD = 4
REQUEST_OVERHEAD = 3
# Expected answer sizes, from measured runs: an extraction writes about a third as many
# tokens as its chunk holds; memo fields add a few hundred; the synthesis input is the
# extraction in compact JSON, a little smaller than the model wrote it.
_EXTRACTION_BASE = 200
_EXTRACTION_PER_ARTICLE_TOKEN = 0.35
_MEMO_FIELDS = 350
_STYLE_FIELDS = 150
_FACTS_PER_EXTRACTED_TOKEN = 0.8
# The extractive plan's answer: a few dozen sentence ids.
_SELECTION_TOKENS = 80
# The verifier: statements a memo keeps, prompt tokens per statement with its cited
# sentences, and answer tokens per verdict (id, verdict, a quoted span).
_VERIFY_ITEMS = 15
_VERIFY_TOKENS_PER_ITEM = 90
_VERDICT_TOKENS = 40
_BLANK = {"id": "V1", "text": "", "cited": []}


class CallEstimate(BaseModel):
    name: str
    prompt_tokens: int
    fixed_prompt_tokens: int = Field(
        description="Instructions, framing and schema: the part every call of this kind repeats."
    )
    completion_tokens: int = Field(description="Expected.")
    max_completion_tokens: int = Field(description="The most the call may write.")


class Estimate(BaseModel):
    """What ``generate_brief`` would spend on this article with this config."""

    model: str
    backend: str
    style: str
    chunks: int
    calls: int
    article_tokens: int
    prompt_tokens: int
    fixed_prompt_tokens: int
    completion_tokens: int
    max_completion_tokens: int
    cost_usd: float | None = Field(None, description="Expected, from the price table.")
    max_cost_usd: float | None = Field(None, description="If every call wrote its maximum.")
    batch_cost_usd: float | None = Field(None, description="Expected, through the Batch API.")
    exact_counts: bool = Field(description="False when no offline tokenizer was found.")
    detail: list[CallEstimate]

    def describe(self) -> str:
        """A few lines for a terminal."""
        cost = (
            f"about ${self.cost_usd:.4f} (at most ${self.max_cost_usd:.4f})"
            if self.cost_usd is not None and self.max_cost_usd is not None
            else f"unknown (no price for {self.model})"
        )
        return "\n".join(
            [
                f"model:       {self.model} ({self.backend}), style {self.style}",
                f"article:     {self.article_tokens} tokens in {self.chunks} chunk(s)",
                f"calls:       {self.calls}",
                f"prompt:      {self.prompt_tokens} tokens "
                f"({self.fixed_prompt_tokens} of them instructions and schema)",
                f"completion:  about {self.completion_tokens} tokens "
                f"(at most {self.max_completion_tokens})",
                f"cost:        {cost}",
                *(
                    [f"batch cost:  about ${self.batch_cost_usd:.4f}"]
                    if self.batch_cost_usd
                    else []
                ),
            ]
        )


def _prompt_tokens(counter: TokenCounter, messages: list[dict[str, str]], schema: int) -> int:
    text_tokens = sum(counter.count(m["content"]) for m in messages)
    return text_tokens + MESSAGE_OVERHEAD * len(messages) + REQUEST_OVERHEAD + schema


def estimate(
    article: str | bytes | Article,
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    **overrides: Any,
) -> Estimate:
    """Calls, tokens and cost that a memo of ``article`` is expected to take; no model call.

    Takes the same settings as ``generate_brief``. Nothing is started or downloaded.
    """
    cfg = build_config(config, overrides)
    memo_style = get_style(style, cfg.template_dir)
    doc = (
        article
        if isinstance(article, Article)
        else Article.from_text(article, max_chars=cfg.max_input_chars)
    )
    backend, model = planned_backend(cfg)
    embedded = backend == "embedded"
    counter = token_counter(model)

    def schema_tokens(output: type[BaseModel]) -> int:
        # llama.cpp turns the schema into a grammar that never enters the prompt.
        if embedded:
            return 0
        return counter.count(json.dumps(schema_for(output, False)))

    plan = plan_calls(
        doc,
        memo_style,
        counter,
        chunk_tokens=cfg.chunk_tokens,
        overlap_tokens=cfg.chunk_overlap_tokens,
        prompt_dir=cfg.prompt_dir,
        kind=cfg.plan
        if cfg.plan != "auto"
        else ("extractive" if embedded or cfg.small_model else "abstractive"),
    )
    chunks = plan.chunks
    # Styles with fields of their own (recommendations, talking points ...) write more.
    style_extra = 0 if memo_style.memo_fields is MemoFields else _STYLE_FIELDS
    cap = cfg.max_output_tokens

    def counted(call: PlannedCall, expected: int, prompt_extra: int = 0) -> CallEstimate:
        schema = schema_tokens(call.output_type)
        fixed = _prompt_tokens(counter, call.fixed_messages(), schema)
        return CallEstimate(
            name=call.name,
            prompt_tokens=_prompt_tokens(counter, call.messages, schema) + prompt_extra,
            fixed_prompt_tokens=fixed,
            completion_tokens=min(cap, expected),
            max_completion_tokens=cap,
        )

    def expected_extraction(chunk_tokens: int) -> int:
        return int(_EXTRACTION_BASE + _EXTRACTION_PER_ARTICLE_TOKEN * chunk_tokens)

    detail: list[CallEstimate] = []
    for call in plan.first_round:
        assert call.chunk is not None
        if plan.kind == "extractive":
            expected = _SELECTION_TOKENS  # ids only
        else:
            expected = expected_extraction(call.chunk.tokens)
            if plan.single:
                expected += _MEMO_FIELDS + style_extra
        detail.append(counted(call, expected))
    if not plan.single:
        # The synthesis prompt holds what extraction finds: expected from what it writes.
        written = sum(c.completion_tokens for c in detail)
        synthesis = plan.synthesis_call({})
        detail.append(
            counted(
                synthesis,
                _MEMO_FIELDS + style_extra,
                prompt_extra=int(_FACTS_PER_EXTRACTED_TOKEN * written),
            )
        )
    if cfg.verify == "model":
        # The verifier reads each kept statement with its cited sentences: about a
        # statement and two sentences per item, for the items a memo keeps.
        [blank] = plan.verification_calls([_BLANK])
        fixed = _prompt_tokens(counter, blank.fixed_messages(), schema_tokens(Verification))
        detail.append(
            CallEstimate(
                name=VERIFICATION_CALL,
                prompt_tokens=fixed + _VERIFY_ITEMS * _VERIFY_TOKENS_PER_ITEM,
                fixed_prompt_tokens=fixed,
                completion_tokens=min(cap, _VERIFY_ITEMS * _VERDICT_TOKENS),
                max_completion_tokens=cap,
            )
        )

    prompt = sum(c.prompt_tokens for c in detail)
    completion = sum(c.completion_tokens for c in detail)
    worst = sum(c.max_completion_tokens for c in detail)
    price = price_for(model, cfg.prices)
    return Estimate(
        model=model,
        backend=backend,
        style=memo_style.name,
        chunks=len(chunks),
        calls=len(detail),
        article_tokens=sum(counter.count(s.text) for s in doc.sentences),
        prompt_tokens=prompt,
        fixed_prompt_tokens=sum(c.fixed_prompt_tokens for c in detail),
        completion_tokens=completion,
        max_completion_tokens=worst,
        cost_usd=round((prompt * price[0] + completion * price[1]) / 1e6, 6) if price else None,
        max_cost_usd=round((prompt * price[0] + worst * price[1]) / 1e6, 6) if price else None,
        batch_cost_usd=round((prompt * batch[0] + completion * batch[1]) / 1e6, 6)
        if (batch := batch_price_for(model, cfg.prices))
        else None,
        exact_counts=counter.exact,
        detail=detail,
    )
