"""The dossier's memo: many articles -> one extraction call per article (per chunk for
long ones), all in parallel -> ids made ``A<n>:S<m>`` -> merge across sources ->
grounding -> synthesis over the merged facts (in rounds when they do not fit one call) ->
contradictions -> the skeleton's tail.

No article text is sent twice: each article's extraction request is the one it would
have on its own (so it is cached on its own), and synthesis reads facts, never articles.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from briefgen.brief import Brief
from briefgen.config import BriefConfig
from briefgen.errors import ChunkFailedError, InvalidOutputError, LLMError, RefusalError
from briefgen.extract.dossier_plan import (
    DossierPlan,
    digest,
    plan_dossier,
    reduced_facts,
    renumber,
    split_facts,
    trimmed_facts,
)
from briefgen.extract.extractive import compose
from briefgen.extract.merge import merge_extractions
from briefgen.extract.plan import CallPlan
from briefgen.extract.schema import Extraction
from briefgen.grounding.conflicts import find_conflicts
from briefgen.ingest.dossier import Dossier, Entry, build_dossier, sources_cited
from briefgen.llm.concurrency import gather_first_error
from briefgen.llm.requests_first import cpu_work
from briefgen.memo.data import BriefData
from briefgen.memo.fields import MemoFields
from briefgen.memo.items import Contradiction
from briefgen.memo.sections import section, synthesis_facts
from briefgen.memo.styles import Style
from briefgen.progress import Progress, ProgressCallback, Stage
from briefgen.run import _dossier_items as items
from briefgen.run.earlier import Earlier
from briefgen.run.memo import run_memo, select_sentences
from briefgen.run.runtime import Calls, Runtime, open_calls, plan_options
from briefgen.run.since import since_last
from briefgen.run.skeleton import (
    Draft,
    GrounderWarmup,
    RunState,
    Step,
    is_permanent,
    name_failure,
    run_stages,
    warm_first_round,
)

logger = logging.getLogger(__name__)

# Rounds of reduction before the facts are cut to fit one synthesis call.
MAX_ROUNDS = 3


class SourceProgress:
    """Progress of a dossier: events per article (started, done or failed, synthesis)."""

    def __init__(self, callback: ProgressCallback | None, total: int):
        self.callback = callback
        self.total = total

    def memo(self, stage: Stage) -> None:
        """The memo as a whole reports nothing of its own: its articles do."""

    def article(
        self, number: int, stage: Stage, done: int = 0, chunks: int = 0, error: str | None = None
    ) -> None:
        """Tell the callback that article ``number`` reached ``stage``."""
        if self.callback is not None:
            self.callback(
                Progress(
                    article=number - 1,
                    articles=self.total,
                    stage=stage,
                    chunks_done=done,
                    chunks=chunks,
                    error=error,
                )
            )


@dataclass
class SourcesDraft(Draft):
    """A dossier's draft: the dossier without the articles that failed, and what the
    extractive plan's members composed."""

    dossier: Dossier = field(kw_only=True)
    memos: list[MemoFields] = field(kw_only=True, default_factory=list)

    def __post_init__(self) -> None:
        self._used = {s.number for s in self.dossier.used}

    def carried_by(self, ids: list[str]) -> int:
        """How many of the sources read carry an item citing ``ids``."""
        return len(set(sources_cited(ids)) & self._used)


async def run_dossier(
    entries: Sequence[Entry],
    style: Style,
    cfg: BriefConfig,
    runtime: Runtime,
    started: float,
    *,
    progress: ProgressCallback | None = None,
    earlier: Sequence[Earlier] = (),
) -> Brief:
    """One memo of several articles on ``runtime``; one readable article alone makes the
    same memo as ``run_memo``. ``earlier``: the memos of its story it is made since."""
    if len(entries) == 1 and entries[0].article is not None:
        return await run_memo(
            entries[0].article, style, cfg, runtime, started, progress=progress, earlier=earlier
        )
    dossier = build_dossier(entries)
    calls = open_calls(cfg, runtime)
    options = plan_options(cfg, small_model=runtime.backend.profile.small_model)
    plan = plan_dossier(dossier, style, calls.counter, options)
    calls.warnings.extend(items.source_notes(dossier))
    reporter = SourceProgress(progress, len(dossier.sources))
    chunks = sum(len(member.chunks) for member in plan.members.values())
    state = RunState(cfg, style, runtime, calls, started, dossier.article, plan, reporter, chunks)
    state.earlier = earlier  # a story's: read by number as the section asks
    steps: list[Step[SourcesDraft]] = [
        compose_selections if plan.kind == "extractive" else synthesise_sources,
        add_rule_conflicts,
        order_by_sources,
    ]
    if state.earlier:
        steps.append(since_last)
    return await run_stages(state, read_sources, steps)


def _plan(state: RunState) -> DossierPlan:
    assert isinstance(state.plan, DossierPlan)
    return state.plan


def _progress(state: RunState) -> SourceProgress:
    assert isinstance(state.progress, SourceProgress)
    return state.progress


@dataclass
class _Read:
    """One article's answer, its ids renumbered ``A<n>:S<m>``."""

    extraction: Extraction
    memo: MemoFields | None


async def read_sources(state: RunState) -> SourcesDraft:
    """Every article's extraction at once (each checked as it lands); the failed ones
    left out with a warning; the rest merged, grounded and confirmed per source."""
    plan = _plan(state)
    numbers = list(plan.members)

    async def first_round(warmup: GrounderWarmup) -> list[_Read | BaseException]:
        return await gather_first_error([_read(state, n, warmup) for n in numbers])

    outcomes, grounder = await warm_first_round(state, first_round)
    failed = {n: o for n, o in zip(numbers, outcomes, strict=True) if isinstance(o, BaseException)}
    read_ok = [o for o in outcomes if isinstance(o, _Read)]
    if not read_ok:
        raise next(iter(failed.values()))
    dossier = plan.dossier
    if failed:
        dossier = dossier.without({n: str(exc) for n, exc in failed.items()})
        for number, exc in failed.items():
            where = items.source_name(dossier, number)
            state.calls.warnings.append(f"Not covered: A{number} ({where}): {exc}")
            logger.warning("Leaving out A%d: %s", number, exc)
    state.articles = [dossier.members[n] for n in sorted(dossier.members)]
    used = {s.number for s in dossier.used}

    def ground_facts() -> BriefData:
        merged = merge_extractions([o.extraction for o in read_ok])
        data = items.citing_only(grounder.confirm_sources(grounder.ground_extraction(merged)), used)
        failed_spans = [(s.start, s.end) for s in dossier.sources if s.status == "failed"]
        return data.model_copy(update={"sources": list(dossier.sources), "uncovered": failed_spans})

    data = await cpu_work(ground_facts)
    memos = [o.memo for o in read_ok if o.memo is not None]
    return SourcesDraft(grounder, data, dossier=dossier, memos=memos)


async def _read(state: RunState, number: int, warmup: GrounderWarmup) -> _Read | BaseException:
    """Article ``number``'s answer; its failure as a value when others may go on."""
    member = _plan(state).members[number]
    chunks = len(member.chunks)
    progress = _progress(state)
    progress.article(number, "started", 0, chunks)
    try:
        extraction, memo = await _read_article(member, state.calls)
    except (InvalidOutputError, RefusalError, LLMError, ChunkFailedError) as exc:
        progress.article(number, "failed", 0, chunks, str(exc))
        if is_permanent(exc) or state.cfg.on_article_failure == "raise":
            name_failure(exc, f"A{number}")
            raise
        return exc
    extraction = renumber(extraction, number)
    progress.article(number, "done", chunks, chunks)
    # Check this article's items while the others are still out.
    await warmup.prepare(extraction)
    return _Read(extraction, renumber(memo, number) if memo is not None else None)


async def _read_article(member: CallPlan, calls: Calls) -> tuple[Extraction, MemoFields | None]:
    """One article's extraction (its chunks merged); in the extractive plan, with the
    memo fields its sentences make."""
    if member.kind == "extractive":
        selections = await gather_first_error(
            [select_sentences(calls, call, calls.warnings) for call in member.selections]
        )
        return compose(member.article, selections, member.style.memo_fields)
    parts = await gather_first_error([calls.ask(call) for call in member.extractions])
    return merge_extractions(parts), None


async def compose_selections(state: RunState, draft: SourcesDraft) -> None:
    """The extractive plan: the members' memo fields, the sources in turn."""
    memos = items.interleaved(draft.memos)
    draft.data = await cpu_work(draft.grounder.ground_memo, draft.data, memos)


async def synthesise_sources(state: RunState, draft: SourcesDraft) -> None:
    """The memo fields over the merged facts: one call when they fit ``synthesis_tokens``,
    else rounds in which parts of them are summarised (in parallel) and the next round
    reads the grounded summaries."""
    for source in draft.dossier.used:
        _progress(state).article(source.number, "synthesis")
    plan, calls, cfg = _plan(state), state.calls, state.cfg
    everything = synthesis_facts(draft.data, draft.carried_by)
    facts = digest(everything)
    logger.info(
        "Synthesis reads %d of %d merged facts",
        sum(len(rows) for rows in facts.values()),
        sum(len(rows) for rows in everything.values()),
    )
    earlier: list[Contradiction] = []
    for round_number in range(1, MAX_ROUNDS + 2):
        parts = split_facts(facts, cfg.synthesis_tokens, calls.counter)
        if len(parts) == 1:
            break
        if round_number > MAX_ROUNDS:
            calls.warnings.append(
                "The merged facts did not fit one synthesis call after "
                f"{MAX_ROUNDS} rounds; the least carried were left out of the summary."
            )
            facts = trimmed_facts(facts, cfg.synthesis_tokens, calls.counter)
            break
        logger.info("Synthesis round %d: %d parts", round_number, len(parts))
        partials = await _summarised_parts(plan, calls, draft, parts)
        earlier += [c for partial in partials for c in partial.contradictions]
        facts = reduced_facts(partials, draft.carried_by)
    answer = await calls.ask(plan.synthesis_call(facts))
    data = await cpu_work(draft.grounder.ground_memo, draft.data, answer)
    if earlier:
        joined = items.joined_contradictions(data.contradictions, earlier)
        data = data.model_copy(update={"contradictions": joined})
    draft.data = data


async def _summarised_parts(
    plan: DossierPlan, calls: Calls, draft: Draft, parts: list[dict[str, Any]]
) -> list[BriefData]:
    """One reduction round: each part summarised in parallel, each summary grounded."""
    requests = [plan.synthesis_call(part, part=(i, len(parts))) for i, part in enumerate(parts, 1)]
    answers = await gather_first_error([calls.ask(call) for call in requests])

    def ground_parts() -> list[BriefData]:
        return [draft.grounder.ground_memo(BriefData(subject=""), answer) for answer in answers]

    return await cpu_work(ground_parts)


async def add_rule_conflicts(state: RunState, draft: SourcesDraft) -> None:
    """The rules' contradictions, grounded like the model's, joined to them: one the model
    also reported is marked found by both."""

    def with_rule_conflicts() -> BriefData:
        spec = section("contradictions")
        found = draft.grounder.ground_section(spec, find_conflicts(draft.dossier))
        joined = items.joined_contradictions(draft.data.contradictions, found)
        return draft.data.model_copy(update={"contradictions": joined})

    draft.data = await cpu_work(with_rule_conflicts)


async def order_by_sources(state: RunState, draft: SourcesDraft) -> None:
    """What more sources carry first, then each source in turn (see
    ``most_carried_first``)."""
    draft.data = items.most_carried_first(draft.data, draft.carried_by)
