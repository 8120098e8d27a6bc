"""A price before the bill: what a memo will send and spend, without calling the model.

Prompt tokens are counted on the very messages briefgen would send (the same chunking, the
same prompt files), plus the JSON Schema that OpenAI-style servers add to the prompt.
The synthesis prompt of a long article depends on what extraction finds, and completion
tokens depend on the model; both are expectations, with the worst case given beside them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

from briefgen.config import BriefConfig, build_config
from briefgen.extract.dossier_plan import SINGLE_SOURCE_FACTS, plan_dossier
from briefgen.extract.plan import VERIFICATION_CALL, CallPlan, PlannedCall, plan_calls
from briefgen.extract.schema import Verification
from briefgen.ingest.article import Article
from briefgen.ingest.dossier import build_dossier
from briefgen.llm.budget import batch_price_for, price_for
from briefgen.llm.endpoints import planned_backend
from briefgen.llm.schema import schema_for
from briefgen.llm.tokens import TokenCounter, token_counter
from briefgen.memo.fields import MemoFields
from briefgen.memo.styles import get_style
from briefgen.run.dossier_memo import MAX_ROUNDS
from briefgen.run.inputs import ArticleInput, SourceInput, as_article, read_entries
from briefgen.run.memo import translation_target
from briefgen.run.runtime import plan_options

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
# One fact of a dossier's synthesis digest: a clause, its ids and its source count.
_DIGEST_ROW_TOKENS = 45
# The extractive plan's answer: a few dozen sentence ids.
_SELECTION_TOKENS = 80
# The verifier: statements a memo keeps, prompt tokens per statement with its cited
# sentences, and answer tokens per verdict (id, verdict, a quoted span).
_VERIFY_ITEMS = 15
_VERIFY_TOKENS_PER_ITEM = 90
_VERDICT_TOKENS = 40
_BLANK = {"id": "V1", "text": "", "cited": []}


class CallEstimate(BaseModel):
    """What one call of the plan is expected to take."""

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
    article: SourceInput,
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    **overrides: Any,
) -> Estimate:
    """Calls, tokens and cost that a memo of ``article`` is expected to take; no model call.

    Takes the same settings as ``generate_brief``. Nothing is started or downloaded.
    """
    counting = _Counting(build_config(config, overrides), style)
    cfg = counting.cfg
    doc = as_article(article, cfg)
    plan = plan_calls(doc, counting.style, counting.counter, counting.options)
    detail = counting.first_round(plan)
    if not plan.single:
        # The synthesis prompt holds what extraction finds: expected from what it writes.
        written = sum(c.completion_tokens for c in detail)
        facts = int(_FACTS_PER_EXTRACTED_TOKEN * written)
        detail.append(counting.synthesis(plan.synthesis_call({}), facts))
    if cfg.verify == "model":
        detail.append(counting.verification(plan))
    target = translation_target(cfg, doc)
    if plan.kind != "extractive" and target is not None:
        detail.append(counting.translation(doc.language or "", target))
    return counting.total(detail, len(plan.chunks), counting.tokens_of(doc))


def estimate_dossier(
    articles: Sequence[ArticleInput],
    *,
    style: str = "info-memo",
    config: BriefConfig | None = None,
    **overrides: Any,
) -> Estimate:
    """Calls, tokens and cost of a dossier of ``articles`` (as ``generate_dossier`` takes
    them); no model call. Repeats and syndicated copies are not counted: they are not
    sent. Synthesis rounds are counted when the expected facts outgrow one call."""
    cfg = build_config(config, overrides)
    entries = read_entries(articles, cfg)
    if len(entries) == 1 and entries[0].article is not None:
        return estimate(entries[0].article, style=style, config=cfg)
    counting = _Counting(cfg, style)
    dossier = build_dossier(entries)
    plan = plan_dossier(dossier, counting.style, counting.counter, counting.options)
    detail: list[CallEstimate] = []
    facts = 0
    for member in plan.members.values():
        calls = counting.first_round(member)
        detail += calls
        # The synthesis reads a digest: a few facts of each source (see extract.dossier).
        written = sum(c.completion_tokens for c in calls)
        facts += min(
            int(_FACTS_PER_EXTRACTED_TOKEN * written), SINGLE_SOURCE_FACTS * _DIGEST_ROW_TOKENS
        )
    if plan.kind == "abstractive":
        # Each round reads parts of at most synthesis_tokens and writes memo fields; the
        # facts left after MAX_ROUNDS are cut to fit, as the run does.
        for _ in range(MAX_ROUNDS):
            if facts <= cfg.synthesis_tokens:
                break
            parts = math.ceil(facts / cfg.synthesis_tokens)
            for number in range(1, parts + 1):
                call = plan.synthesis_call({}, part=(number, parts))
                detail.append(counting.synthesis(call, math.ceil(facts / parts)))
            facts = parts * (_MEMO_FIELDS + counting.style_extra)
        final = plan.synthesis_call({})
        detail.append(counting.synthesis(final, min(facts, cfg.synthesis_tokens)))
    if cfg.verify == "model":
        detail.append(counting.verification(next(iter(plan.members.values()))))
    chunks = sum(len(member.chunks) for member in plan.members.values())
    tokens = sum(counting.tokens_of(doc) for doc in dossier.members.values())
    return counting.total(detail, chunks, tokens)


def _priced_backend(cfg: BriefConfig) -> tuple[str, str]:
    """The backend and model an estimate counts and prices: the run's own, except that a
    model the caller names is priced as such even with no endpoint set (an estimate calls
    nothing, so it needs none), not replaced by the embedded model."""
    backend, model = planned_backend(cfg)
    if backend == "embedded" and cfg.backend == "auto" and cfg.model:
        return "openai", cfg.model
    return backend, model


class _Counting:
    """What one estimate counts with: the settings, the style, the tokenizer."""

    def __init__(self, cfg: BriefConfig, style: str) -> None:
        self.cfg = cfg
        self.style = get_style(style, cfg.template_dir)
        self.backend, self.model = _priced_backend(cfg)
        self.embedded = self.backend == "embedded"
        self.counter = token_counter(self.model)
        self.options = plan_options(cfg, small_model=self.embedded)
        # Styles with fields of their own (recommendations, talking points ...) write more.
        self.style_extra = 0 if self.style.memo_fields is MemoFields else _STYLE_FIELDS

    def tokens_of(self, doc: Article) -> int:
        return sum(self.counter.count(s.text) for s in doc.sentences)

    def schema_tokens(self, output: type[BaseModel]) -> int:
        # llama.cpp turns the schema into a grammar that never enters the prompt.
        if self.embedded:
            return 0
        return self.counter.count(json.dumps(schema_for(output, False)))

    def counted(self, call: PlannedCall[Any], expected: int, prompt_extra: int = 0) -> CallEstimate:
        schema = self.schema_tokens(call.output_type)
        cap = self.cfg.max_output_tokens
        return CallEstimate(
            name=call.name,
            prompt_tokens=_prompt_tokens(self.counter, call.messages, schema) + prompt_extra,
            fixed_prompt_tokens=_prompt_tokens(self.counter, call.fixed_messages(), schema),
            completion_tokens=min(cap, expected),
            max_completion_tokens=cap,
        )

    def first_round(self, plan: CallPlan) -> list[CallEstimate]:
        detail = []
        for call in plan.first_round:
            assert call.chunk is not None
            if plan.kind == "extractive":
                expected = _SELECTION_TOKENS  # ids only
            else:
                expected = int(_EXTRACTION_BASE + _EXTRACTION_PER_ARTICLE_TOKEN * call.chunk.tokens)
                if plan.single:
                    expected += _MEMO_FIELDS + self.style_extra
            detail.append(self.counted(call, expected))
        return detail

    def synthesis(self, call: PlannedCall[Any], facts: int) -> CallEstimate:
        """A synthesis call that reads ``facts`` tokens of facts."""
        return self.counted(call, _MEMO_FIELDS + self.style_extra, prompt_extra=facts)

    def verification(self, plan: CallPlan) -> CallEstimate:
        # The verifier reads each kept statement with its cited sentences: about a
        # statement and two sentences per item, for the items a memo keeps.
        [blank] = plan.verification_calls([_BLANK])
        fixed = _prompt_tokens(
            self.counter, blank.fixed_messages(), self.schema_tokens(Verification)
        )
        cap = self.cfg.max_output_tokens
        return CallEstimate(
            name=VERIFICATION_CALL,
            prompt_tokens=fixed + _VERIFY_ITEMS * _VERIFY_TOKENS_PER_ITEM,
            fixed_prompt_tokens=fixed,
            completion_tokens=min(cap, _VERIFY_ITEMS * _VERDICT_TOKENS),
            max_completion_tokens=cap,
        )

    def translation(self, source: str, target: str) -> CallEstimate:
        # The memo's lines go out and come back translated: about what the memo writes,
        # each way.
        from briefgen.extract.prompts import translation_messages
        from briefgen.extract.schema import Translations
        from briefgen.run.translate import TRANSLATE_CALL
        from briefgen.text.language import language_name

        messages = translation_messages(
            [], source=language_name(source), target=language_name(target), title=""
        )
        fixed = _prompt_tokens(self.counter, messages, self.schema_tokens(Translations))
        written = _MEMO_FIELDS + self.style_extra
        cap = self.cfg.max_output_tokens
        return CallEstimate(
            name=TRANSLATE_CALL,
            prompt_tokens=fixed + written,
            fixed_prompt_tokens=fixed,
            completion_tokens=min(cap, written),
            max_completion_tokens=cap,
        )

    def total(self, detail: list[CallEstimate], chunks: int, article_tokens: int) -> Estimate:
        prompt = sum(c.prompt_tokens for c in detail)
        completion = sum(c.completion_tokens for c in detail)
        worst = sum(c.max_completion_tokens for c in detail)
        price = price_for(self.model, self.cfg.prices)
        batch = batch_price_for(self.model, self.cfg.prices)
        return Estimate(
            model=self.model,
            backend=self.backend,
            style=self.style.name,
            chunks=chunks,
            calls=len(detail),
            article_tokens=article_tokens,
            prompt_tokens=prompt,
            fixed_prompt_tokens=sum(c.fixed_prompt_tokens for c in detail),
            completion_tokens=completion,
            max_completion_tokens=worst,
            cost_usd=round((prompt * price[0] + completion * price[1]) / 1e6, 6) if price else None,
            max_cost_usd=round((prompt * price[0] + worst * price[1]) / 1e6, 6) if price else None,
            batch_cost_usd=round((prompt * batch[0] + completion * batch[1]) / 1e6, 6)
            if batch
            else None,
            exact_counts=self.counter.exact,
            detail=detail,
        )
