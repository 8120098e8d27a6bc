"""One article's memo: article -> call plan -> extraction -> merge -> grounding ->
synthesis -> grounding -> the skeleton's tail, in one direction.

An article that fits one chunk takes one LLM round trip (extraction and memo fields in one
answer). A longer one takes two on its critical path: the chunk extractions in parallel,
then one synthesis call over the merged, grounded extraction (never the raw text). The
extractive plan (small models) takes one selection call per chunk and no synthesis.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING

from briefgen.config import BriefConfig
from briefgen.errors import ChunkFailedError, InvalidOutputError, LLMError, RefusalError
from briefgen.extract.chunking import Chunk
from briefgen.extract.condense import sentence_budget
from briefgen.extract.merge import merge_extractions
from briefgen.extract.plan import CallPlan, PlannedCall, plan_calls
from briefgen.extract.schema import Extraction, Selection
from briefgen.ingest.article import Article
from briefgen.ingest.splitters import wanted_splitter
from briefgen.llm.concurrency import gather_first_error
from briefgen.llm.requests_first import cpu_work
from briefgen.memo.fields import MemoFields
from briefgen.memo.sections import synthesis_facts
from briefgen.memo.styles import Style
from briefgen.progress import ProgressCallback
from briefgen.run.runtime import Calls, Runtime, open_calls, plan_options
from briefgen.run.skeleton import (
    Draft,
    GrounderWarmup,
    MemoProgress,
    RunState,
    Step,
    is_permanent,
    name_failure,
    run_stages,
    warm_first_round,
)
from briefgen.text.languages import claim_words

if TYPE_CHECKING:
    from briefgen.brief import Brief
    from briefgen.run.earlier import Earlier

logger = logging.getLogger(__name__)


def translation_target(cfg: BriefConfig, doc: Article) -> str | None:
    """``memo_language`` when it is not the article's (a language identified): what the
    memo's lines are translated into; None when the memo is in the article's language."""
    target = cfg.memo_language
    return target if target is not None and doc.language not in (None, target) else None


def has_claim_words(language: str | None) -> bool:
    """Whether the support check reads negation, months and number words in ``language``
    (English, or a language of ``text.languages``; an unknown language counts as English)."""
    return language in (None, "en") or claim_words(language) is not None


def language_warnings(doc: Article, target: str | None, *, extractive: bool) -> list[str]:
    """What the report says of the article's language: checks briefgen cannot make in it,
    a splitter missing, a memo left untranslated."""
    warnings = []
    if not has_claim_words(doc.language):
        warnings.append(
            f"The article is in '{doc.language}', for which briefgen has no word lists: "
            "negations, month names and number words are not checked in it (digits, names "
            "as written and quotations are)."
        )
    wanted = wanted_splitter(doc.language)
    if doc.splitter != wanted:
        warnings.append(
            f"The article is in '{doc.language}': its sentences were split by briefgen's own "
            f"rules, as {wanted}, which splits that language better, is not installed "
            "(pip install 'briefgen[languages]')."
        )
    if extractive and target is not None:
        warnings.append(
            f"The article is in '{doc.language}': on the extractive plan the memo's "
            "statements are its own sentences, in its language, not translated "
            f"into '{target}'."
        )
    return warnings


async def run_memo(
    doc: Article,
    style: Style,
    cfg: BriefConfig,
    runtime: Runtime,
    started: float,
    *,
    progress: ProgressCallback | None = None,
    position: tuple[int, int] = (0, 1),
    earlier: Sequence[Earlier] = (),
) -> Brief:
    """One article's memo on ``runtime``; ``position`` is its place in a batch;
    ``earlier``: the memos of its story it is made since (its first section)."""
    calls = open_calls(cfg, runtime)
    options = plan_options(cfg, small_model=runtime.backend.profile.small_model)
    plan = plan_calls(doc, style, calls.counter, options)
    reporter = MemoProgress(progress, position)
    reporter.chunks = len(plan.chunks)
    state = RunState(cfg, style, runtime, calls, started, doc, plan, reporter, len(plan.chunks))
    state.earlier = earlier  # a story's: read by number as the section asks
    target = translation_target(cfg, doc)
    calls.warnings += language_warnings(doc, target, extractive=plan.kind == "extractive")
    logger.info(
        "Article: %d sentences, %d chunk(s); model %s via %s",
        len(doc.sentences),
        len(plan.chunks),
        calls.model,
        calls.backend,
    )
    reporter.memo("started")
    steps: Sequence[Step[Draft]] = ()
    if plan.kind == "extractive":
        read = read_selection
    elif plan.single:
        read = read_single_pass
    else:
        read, steps = read_chunks, (synthesise,)
    if state.earlier:
        # The story's rules load only for a memo made since others (see new_grounder).
        from briefgen.run.since import since_last

        steps = (*steps, since_last)
    # Not on the extractive plan: its statements are the article's own sentences.
    if target is not None and plan.kind != "extractive":
        from briefgen.run.translate import translate_memo  # see new_grounder

        steps = (*steps, translate_memo)
    return await run_stages(state, read, steps)


def _plan(state: RunState) -> CallPlan:
    assert isinstance(state.plan, CallPlan)
    return state.plan


def _progress(state: RunState) -> MemoProgress:
    assert isinstance(state.progress, MemoProgress)
    return state.progress


async def read_selection(state: RunState) -> Draft:
    """The extractive plan: the model's sentence picks, the memo composed from them."""
    plan = _plan(state)
    warnings = state.calls.warnings
    selections = await gather_first_error(
        [select_sentences(state.calls, call, warnings) for call in plan.selections]
    )
    _chunks_done(state, len(plan.chunks))
    total = len(state.article.sentences)
    warnings.append(
        f"Extractive memo: it cites at most {sentence_budget(total)} of the article's "
        f"{total} sentences (the lead, its quotations, the model's picks, then the most "
        "central); the least central are left out."
    )

    def ground_selection() -> Draft:
        from briefgen.extract.extractive import compose  # see new_grounder

        extraction, memo = compose(state.article, selections, state.style.memo_fields)
        return _grounded_draft(state, extraction, memo)

    return await cpu_work(ground_selection)


async def read_single_pass(state: RunState) -> Draft:
    """One call for an article that fits one chunk: extraction and memo fields."""
    plan = _plan(state)
    assert plan.single_pass is not None
    single = await state.calls.ask(plan.single_pass)
    _chunks_done(state, 1)
    # Grounding and rendering are pure CPU: off the event loop, so that in a batch the
    # requests of other memos go out while this one is checked.
    return await cpu_work(_grounded_draft, state, single.extraction, single.memo)


def _grounded_draft(state: RunState, extraction: Extraction, memo: MemoFields) -> Draft:
    grounder = state.new_grounder()
    return Draft(grounder, grounder.ground_memo(grounder.ground_extraction(extraction), memo))


def _chunks_done(state: RunState, done: int) -> None:
    progress = _progress(state)
    progress.chunks_done = done
    progress.memo("chunk_done")


async def read_chunks(state: RunState) -> Draft:
    """A long article: one extraction per chunk in parallel (each checked as it lands,
    while the others are out), merged and grounded; failed chunks skipped when allowed."""
    plan = _plan(state)

    async def first_round(
        warmup: GrounderWarmup,
    ) -> tuple[list[Extraction], list[ChunkFailedError]]:
        async def extract(call: PlannedCall[Extraction]) -> Extraction:
            result = await _extract_chunk(state.calls, call, len(plan.chunks), state.cfg)
            progress = _progress(state)
            _chunks_done(state, progress.chunks_done + 1)
            if progress.chunks_done < len(plan.chunks):
                await warmup.prepare(result)
            return result

        return await _gather_chunks([extract(c) for c in plan.extractions], state)

    (parts, failed), grounder = await warm_first_round(state, first_round)
    data = await cpu_work(grounder.ground_extraction, merge_extractions(parts))
    data = data.model_copy(update={"uncovered": _uncovered(state.article, plan.chunks, failed)})
    return Draft(grounder, data)


async def synthesise(state: RunState, draft: Draft) -> None:
    """The memo fields in one call over the merged, grounded facts, then grounded."""
    call = _plan(state).synthesis_call(synthesis_facts(draft.data))
    state.progress.memo("synthesis")
    memo = await state.calls.ask(call)
    draft.data = await cpu_work(draft.grounder.ground_memo, draft.data, memo)


async def _gather_chunks(
    jobs: Sequence[Awaitable[Extraction]], state: RunState
) -> tuple[list[Extraction], list[ChunkFailedError]]:
    """The chunk extractions, and the failed chunks when failures may be skipped."""
    if state.cfg.on_chunk_failure != "skip":
        return await gather_first_error(jobs), []
    outcomes = await gather_first_error([_failure_as_value(job) for job in jobs])
    failed = [o for o in outcomes if isinstance(o, ChunkFailedError)]
    parts = [o for o in outcomes if isinstance(o, Extraction)]
    if not parts:
        raise failed[0].__cause__ or failed[0]
    for failure in failed:
        state.calls.warnings.append(f"Not covered: {failure}")
        logger.warning("Skipping part of the article: %s", failure)
    return parts, failed


async def select_sentences(
    calls: Calls, call: PlannedCall[Selection], warnings: list[str]
) -> Selection:
    """One chunk's sentence picks; an unusable answer leaves the choice to the rules."""
    try:
        return await calls.ask(call)
    except InvalidOutputError as exc:
        warnings.append(f"The model's sentence selection was unusable ({exc}); rules chose.")
        return Selection()


async def _extract_chunk(
    calls: Calls, call: PlannedCall[Extraction], count: int, cfg: BriefConfig
) -> Extraction:
    chunk = call.chunk
    assert chunk is not None
    try:
        return await calls.ask(call)
    except (InvalidOutputError, RefusalError, LLMError) as exc:
        where = (
            f"Part {chunk.index + 1} of {count} of the article "
            f"(characters {chunk.start}-{chunk.end})"
        )
        if cfg.on_chunk_failure == "skip" and not is_permanent(exc):
            raise ChunkFailedError(
                f"{where} failed: {exc}",
                chunk_index=chunk.index,
                start=chunk.start,
                end=chunk.end,
            ) from exc
        name_failure(exc, where)
        raise


async def _failure_as_value(job: Awaitable[Extraction]) -> Extraction | ChunkFailedError:
    try:
        return await job
    except ChunkFailedError as exc:
        return exc


def _uncovered(
    doc: Article, chunks: list[Chunk], failed: list[ChunkFailedError]
) -> list[tuple[int, int]]:
    """Character ranges only failed chunks covered (overlap with good chunks is covered)."""
    good = [c for c in chunks if c.index not in {f.chunk_index for f in failed}]
    ranges: list[tuple[int, int]] = []
    for failure in failed:
        for sentence in doc.sentences_between(failure.start, failure.end):
            if any(c.start <= sentence.start and sentence.end <= c.end for c in good):
                continue
            if ranges and doc.text[ranges[-1][1] : sentence.start].strip() == "":
                ranges[-1] = (ranges[-1][0], sentence.end)
            else:
                ranges.append((sentence.start, sentence.end))
    return ranges
