"""The call plan: which LLM calls a memo of this article takes, with their messages and
answer types. ``pipeline`` runs it; ``estimate()`` counts it. One plan, two readers.

An article that fits one chunk takes one call (extraction and memo fields in one answer).
A longer one takes one extraction call per chunk, then one synthesis call over the
merged, grounded facts, whose messages exist only once those facts do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from briefgen.extract.chunking import Chunk, TokenCounter, chunk_article
from briefgen.extract.prompts import (
    Message,
    extraction_messages,
    selection_messages,
    synthesis_messages,
    verification_messages,
)
from briefgen.extract.schema import (
    MAX_VERDICTS,
    Extraction,
    Selection,
    SinglePass,
    Verification,
    single_pass_for,
)
from briefgen.ingest.article import Article
from briefgen.memo.fields import MemoFields
from briefgen.memo.styles import Style
from briefgen.text.language import language_name

SINGLE_CALL = "briefgen_memo"
EXTRACTION_CALL = "briefgen_extraction"
SYNTHESIS_CALL = "briefgen_synthesis"
VERIFICATION_CALL = "briefgen_verification"
SELECTION_CALL = "briefgen_selection"
PlanKind = Literal["abstractive", "extractive"]
# Statement and cited-sentence characters one verification call carries at most (about
# 6,000 tokens): a memo costs one call, a very long one two or more.
VERIFY_CHARS_PER_CALL = 24_000


Answer = TypeVar("Answer", bound=BaseModel)


@dataclass(frozen=True)
class PlanOptions:
    """What every plan of a run is made with: the chunk budget and overlap in tokens,
    the prompt directory, and the kind of plan."""

    chunk_tokens: int
    overlap_tokens: int = 0
    prompt_dir: Path | None = None
    kind: PlanKind = "abstractive"


@dataclass(frozen=True)
class PlannedCall(Generic[Answer]):
    """One call of a plan: its name, messages and answer type."""

    name: str
    messages: list[Message]
    output_type: type[Answer]
    fixed_messages: Callable[[], list[Message]]
    """The same messages without a word of the article: what every call of its kind
    repeats (instructions, framing)."""
    chunk: Chunk | None = None


@dataclass(frozen=True)
class CallPlan:
    """The calls of one article's memo: the first round (by kind of call), and the
    synthesis and verification calls, whose messages exist once their input does."""

    article: Article
    style: Style
    chunks: list[Chunk]
    prompt_dir: Path | None = None
    kind: PlanKind = "abstractive"
    with_memo: bool = True
    """False for a dossier's article: extraction only, the memo is written over all."""
    single_pass: PlannedCall[SinglePass] | None = None
    """The one call of an article that fits one chunk: extraction and memo fields."""
    extractions: list[PlannedCall[Extraction]] = field(default_factory=list)
    """One extraction call per chunk (run in parallel)."""
    selections: list[PlannedCall[Selection]] = field(default_factory=list)
    """The extractive plan: one sentence-selection call per chunk."""

    @property
    def first_round(self) -> list[PlannedCall[Any]]:
        """The calls sent first, in parallel: whichever of the three kinds the plan has."""
        if self.single_pass is not None:
            return [self.single_pass]
        return [*self.selections, *self.extractions]

    def instructions(self) -> list[str]:
        """What the model is told besides the article (system prompts, and the synthesis
        prompt when there is one), so that instructions copied into prose are caught."""
        told = [m["content"] for m in self.first_round[0].messages if m["role"] == "system"]
        if not self.single:
            told += [m["content"] for m in self.synthesis_call({}).messages]
        return told

    @property
    def single(self) -> bool:
        """One round trip: the single pass, or the extractive plan (it has no synthesis)."""
        return (len(self.chunks) == 1 and self.with_memo) or self.kind == "extractive"

    @property
    def synthesis_type(self) -> type[MemoFields]:
        return self.style.memo_fields

    def synthesis_call(self, facts: dict[str, Any]) -> PlannedCall[MemoFields]:
        """The synthesis call over ``facts`` (the merged, grounded extraction)."""
        title, style, prompt_dir = self.article.title, self.style.name, self.prompt_dir
        language = writing_language(self.article)
        return PlannedCall(
            name=SYNTHESIS_CALL,
            messages=synthesis_messages(
                facts, title=title, style=style, prompt_dir=prompt_dir, language=language
            ),
            output_type=self.style.memo_fields,
            fixed_messages=lambda: synthesis_messages(
                {}, title=title, style=style, prompt_dir=prompt_dir, language=language
            ),
        )

    def verification_calls(
        self, statements: list[dict[str, Any]]
    ) -> list[PlannedCall[Verification]]:
        """The verifier's calls over ``statements`` (``id``, ``text``, ``cited``), in
        batches of at most VERIFY_CHARS_PER_CALL characters and MAX_VERDICTS statements."""
        batches: list[list[dict[str, Any]]] = [[]]
        size = 0
        for statement in statements:
            weight = len(statement["text"]) + sum(len(c["text"]) for c in statement["cited"])
            full = size + weight > VERIFY_CHARS_PER_CALL or len(batches[-1]) >= MAX_VERDICTS
            if batches[-1] and full:
                batches.append([])
                size = 0
            batches[-1].append(statement)
            size += weight
        title, prompt_dir = self.article.title, self.prompt_dir
        return [
            PlannedCall(
                name=VERIFICATION_CALL,
                messages=verification_messages(batch, title=title, prompt_dir=prompt_dir),
                output_type=Verification,
                fixed_messages=lambda: verification_messages(
                    [], title=title, prompt_dir=prompt_dir
                ),
            )
            for batch in batches
            if batch
        ]


def writing_language(doc: Article) -> str | None:
    """The name of the language the model is to write the memo's items in, when it is not
    English: the article's own, in which they are checked (``memo_language`` translates
    them afterwards). None for English and for a language not identified."""
    if doc.language in (None, "en"):
        return None
    return language_name(doc.language)


def plan_calls(
    doc: Article,
    style: Style,
    counter: TokenCounter,
    options: PlanOptions,
    *,
    with_memo: bool = True,
) -> CallPlan:
    """The calls of a memo of ``doc``; with ``with_memo=False`` (a dossier's article),
    only its extraction (or selection) calls, one per chunk."""
    chunks = chunk_article(
        doc, counter, budget=options.chunk_tokens, overlap=options.overlap_tokens
    )
    prompt_dir, kind = options.prompt_dir, options.kind
    plan = CallPlan(doc, style, chunks, prompt_dir, kind, with_memo)
    if kind == "extractive":
        calls = [_selection_call(doc, chunk, len(chunks), prompt_dir) for chunk in chunks]
        return dataclasses.replace(plan, selections=calls)
    if len(chunks) == 1 and with_memo:

        def single(sentences: Any) -> list[Message]:
            return extraction_messages(
                sentences,
                title=doc.title,
                with_memo=True,
                style=style.name,
                prompt_dir=prompt_dir,
                language=writing_language(doc),
            )

        call = PlannedCall(
            name=SINGLE_CALL,
            messages=single(doc.sentences),
            output_type=single_pass_for(style.memo_fields),
            fixed_messages=lambda: single([]),
            chunk=chunks[0],
        )
        return dataclasses.replace(plan, single_pass=call)
    extractions = [_extraction_call(doc, chunk, len(chunks), prompt_dir) for chunk in chunks]
    return dataclasses.replace(plan, extractions=extractions)


def _extraction_call(
    doc: Article, chunk: Chunk, count: int, prompt_dir: Path | None
) -> PlannedCall[Extraction]:
    # Extraction prompts carry no style: their answers are shared by every style.
    def build(of: Any, **part: Any) -> list[Message]:
        return extraction_messages(of, with_memo=False, language=writing_language(doc), **part)

    return _chunk_call(
        doc, chunk, count, prompt_dir, name=EXTRACTION_CALL, output_type=Extraction, build=build
    )


def _selection_call(
    doc: Article, chunk: Chunk, count: int, prompt_dir: Path | None
) -> PlannedCall[Selection]:
    return _chunk_call(
        doc,
        chunk,
        count,
        prompt_dir,
        name=SELECTION_CALL,
        output_type=Selection,
        build=selection_messages,
    )


def _chunk_call(
    doc: Article,
    chunk: Chunk,
    count: int,
    prompt_dir: Path | None,
    *,
    name: str,
    output_type: type[Answer],
    build: Callable[..., list[Message]],
) -> PlannedCall[Answer]:
    """One chunk's call: its sentences numbered in the prompt ``build`` renders."""
    ids = set(chunk.sentence_ids)
    sentences = [s for s in doc.sentences if s.id in ids]
    part = {
        "title": doc.title,
        "part_number": chunk.index + 1,
        "part_count": count,
        "prompt_dir": prompt_dir,
    }
    return PlannedCall(
        name=name,
        messages=build(sentences, **part),
        output_type=output_type,
        fixed_messages=lambda: build([], **part),
        chunk=chunk,
    )
