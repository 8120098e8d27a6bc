"""The dossier's stage order: many articles -> one extraction call per article (per chunk
for long ones), all in parallel -> ids made ``A<n>:S<m>`` -> merge across sources ->
grounding -> synthesis over the merged facts (in rounds when they do not fit one call) ->
contradictions -> render.

No article text is sent twice: each article's extraction request is the one it would
have on its own (so it is cached on its own), and synthesis reads facts, never articles.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

from briefgen.brief import Brief
from briefgen.config import BriefConfig
from briefgen.errors import (
    ChunkFailedError,
    InputError,
    InvalidOutputError,
    LLMError,
    RefusalError,
)
from briefgen.extract.dossier import (
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
from briefgen.grounding.grounder import Grounder
from briefgen.ingest.article import Article, source_of
from briefgen.ingest.dossier import Dossier, Entry, Source, build_dossier, sources_cited
from briefgen.ingest.sources import load_article
from briefgen.llm.caller import StructuredCaller
from briefgen.llm.concurrency import gather_first_error
from briefgen.memo.data import BriefData
from briefgen.memo.fields import MemoFields
from briefgen.memo.header import MemoHeader
from briefgen.memo.items import Contradiction, Statement
from briefgen.memo.sections import section, sections, synthesis_facts
from briefgen.memo.styles import Style
from briefgen.pipeline import Calls, Runtime, after_sending, open_calls, plan_kind, run_memo
from briefgen.pipeline import select as select_sentences
from briefgen.pipeline import verify as verify_statements
from briefgen.progress import Progress, ProgressCallback, Stage
from briefgen.render.markdown import render_memo

logger = logging.getLogger(__name__)

# Rounds of reduction before the facts are cut to fit one synthesis call.
MAX_ROUNDS = 3


def read_entries(articles: Sequence[Any], cfg: BriefConfig) -> list[Entry]:
    """Each article read (a path as the CLI reads it); one that cannot be read is an entry
    with its problem, or raises with ``on_article_failure="raise"``."""
    if isinstance(articles, str | bytes | Article) or not isinstance(articles, Sequence):
        raise InputError(
            "generate_dossier takes a list of articles (texts, Articles or paths); for one "
            "article pass [article], or use generate_brief."
        )
    if not articles:
        raise InputError("The dossier has no article: pass at least one.")
    entries: list[Entry] = []
    for number, item in enumerate(articles, start=1):
        if isinstance(item, Entry):  # read by the caller (the CLI), or why it could not be
            if item.article is None and cfg.on_article_failure == "raise":
                raise InputError(f"A{number} ({item.location}): {item.problem}")
            entries.append(item)
            continue
        location = os.fspath(item) if isinstance(item, os.PathLike) else None
        try:
            if isinstance(item, Article):
                doc = item
            elif location is not None:
                doc = load_article(location, max_chars=cfg.max_input_chars, timeout=cfg.timeout)
            else:
                doc = Article.from_text(item, max_chars=cfg.max_input_chars)
        except InputError as exc:
            where = location or f"article {number}"
            if cfg.on_article_failure == "raise":
                raise InputError(f"A{number} ({where}): {exc}") from exc
            logger.warning("Leaving out A%d (%s): %s", number, where, exc)
            entries.append(Entry(None, location, str(exc)))
            continue
        entries.append(Entry(doc, location))
    if not any(entry.article for entry in entries):
        problems = "; ".join(f"A{n}: {e.problem}" for n, e in enumerate(entries, start=1))
        raise InputError(f"No article of the dossier could be read ({problems}).")
    return entries


async def run_dossier(
    entries: Sequence[Entry],
    style: Style,
    cfg: BriefConfig,
    runtime: Runtime,
    started: float,
    *,
    progress: ProgressCallback | None = None,
) -> Brief:
    if len(entries) == 1 and entries[0].article is not None:
        # One article is not a dossier: the same memo as generate_brief.
        return await run_memo(entries[0].article, style, cfg, runtime, started, progress=progress)
    dossier = build_dossier(entries)
    calls = open_calls(cfg, runtime)
    plan = plan_dossier(
        dossier,
        style,
        calls.counter,
        chunk_tokens=cfg.chunk_tokens,
        overlap_tokens=cfg.chunk_overlap_tokens,
        prompt_dir=cfg.prompt_dir,
        kind=plan_kind(cfg, runtime.backend.profile),
    )
    calls.warnings.extend(_source_notes(dossier))
    total = len(dossier.sources)

    def tell(
        number: int, stage: Stage, done: int = 0, chunks: int = 0, error: str | None = None
    ) -> None:
        if progress is not None:
            progress(
                Progress(
                    article=number - 1,
                    articles=total,
                    stage=stage,
                    chunks_done=done,
                    chunks=chunks,
                    error=error,
                )
            )

    def new_grounder() -> Grounder:
        # What the model was told, so that instructions copied into prose are caught.
        first = plan.first_round()[:1]
        prompts = [m["content"] for c in first for m in c.messages if m["role"] == "system"]
        prompts += [m["content"] for m in plan.synthesis_call({}).messages]
        return Grounder(
            dossier.article,
            mode=cfg.grounding,
            allow_paraphrase=cfg.allow_paraphrase,
            prompts=prompts,
        )

    async def read(number: int) -> _Read | BaseException:
        member = plan.members[number]
        chunks = len(member.chunks)
        tell(number, "started", 0, chunks)
        try:
            extraction, memo = await _read_article(member, calls.caller, calls.warnings)
        except (InvalidOutputError, RefusalError, LLMError, ChunkFailedError) as exc:
            permanent = isinstance(exc, LLMError) and not exc.retryable  # bad key: none works
            tell(number, "failed", 0, chunks, str(exc))
            if permanent or cfg.on_article_failure == "raise":
                exc.args = (f"A{number}: {exc.args[0] if exc.args else exc}", *exc.args[1:])
                raise
            return exc
        extraction = renumber(extraction, number)
        tell(number, "done", chunks, chunks)
        # Check this article's items while the others are still out.
        await asyncio.to_thread((await asyncio.shield(ready)).prepare, extraction)
        return _Read(extraction, renumber(memo, number) if memo is not None else None)

    numbers = list(plan.members)
    first_round = asyncio.ensure_future(gather_first_error([read(n) for n in numbers]))
    ready = asyncio.ensure_future(after_sending(first_round, new_grounder))
    try:
        outcomes = await first_round
    finally:
        grounder = await ready
    failed = {n: o for n, o in zip(numbers, outcomes, strict=True) if isinstance(o, BaseException)}
    read_ok = [o for o in outcomes if isinstance(o, _Read)]
    if not read_ok:
        raise next(iter(failed.values()))
    if failed:
        dossier = dossier.without({n: str(exc) for n, exc in failed.items()})
        for number, exc in failed.items():
            calls.warnings.append(f"Not covered: A{number} ({_name(dossier, number)}): {exc}")
            logger.warning("Leaving out A%d: %s", number, exc)
    used = {s.number for s in dossier.used}

    def carried_by(ids: list[str]) -> int:
        return len(set(sources_cited(ids)) & used)

    def ground_facts() -> BriefData:
        merged = merge_extractions([o.extraction for o in read_ok])
        data = grounder.confirm_sources(grounder.ground_extraction(merged))
        data = _citing_only(data, used)
        return data.model_copy(
            update={
                "sources": list(dossier.sources),
                "uncovered": [(s.start, s.end) for s in dossier.sources if s.status == "failed"],
            }
        )

    data = await asyncio.to_thread(ground_facts)
    if plan.kind == "extractive":
        memos = [o.memo for o in read_ok if o.memo is not None]
        data = await asyncio.to_thread(grounder.ground_memo, data, _interleaved(memos))
    else:
        for number in used:
            tell(number, "synthesis")
        data = await _synthesise(plan, calls, grounder, data, carried_by=carried_by, cfg=cfg)
    data = await asyncio.to_thread(_with_rule_conflicts, grounder, dossier, data)
    data = _most_carried_first(data, carried_by)
    data = grounder.remove_repeats(data, style.shows)
    if cfg.verify == "model":
        checker = CallPlan(dossier.article, style, [], [], cfg.prompt_dir)
        data = await verify_statements(checker, calls.caller, grounder, data, style)
    chunks = sum(len(plan.members[n].chunks) for n in numbers)
    report = calls.report(style, plan.kind, chunks, started, grounder)
    header = MemoHeader.from_config(
        cfg, style.memo_kind, date_format=style.date_format, banner=style.banner
    )
    markdown, data = await asyncio.to_thread(
        functools.partial(render_memo, template_dir=cfg.template_dir),
        style,
        dossier.article,
        data,
        report,
        header,
    )
    return Brief(
        markdown=markdown,
        data=data,
        article=dossier.article,
        articles=[dossier.members[n] for n in sorted(dossier.members)],
        report=report,
        header=header,
    )


class _Read:
    """One article's answer, its ids renumbered ``A<n>:S<m>``."""

    def __init__(self, extraction: Extraction, memo: MemoFields | None) -> None:
        self.extraction = extraction
        self.memo = memo


async def _read_article(
    member: CallPlan, caller: StructuredCaller, warnings: list[str]
) -> tuple[Extraction, MemoFields | None]:
    """One article's extraction (its chunks merged); in the extractive plan, with the
    memo fields its sentences make."""
    if member.kind == "extractive":
        selections = await gather_first_error(
            [select_sentences(caller, call, warnings) for call in member.first_round]
        )
        return compose(member.article, selections, member.style.memo_fields)
    parts = await gather_first_error(
        [caller.call(call.name, call.messages, call.output_type) for call in member.first_round]
    )
    extractions = [p for p in parts if isinstance(p, Extraction)]
    assert len(extractions) == len(parts)
    return merge_extractions(extractions), None


async def _synthesise(
    plan: DossierPlan,
    calls: Calls,
    grounder: Grounder,
    data: BriefData,
    *,
    carried_by: Callable[[list[str]], int],
    cfg: BriefConfig,
) -> BriefData:
    """The memo fields over the merged facts: one call when they fit ``synthesis_tokens``,
    else rounds in which parts of them are summarised (in parallel) and the next round
    reads the grounded summaries."""
    everything = synthesis_facts(data, carried_by)
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
        requests = [
            plan.synthesis_call(part, part=(i, len(parts))) for i, part in enumerate(parts, 1)
        ]
        answers = await gather_first_error(
            [calls.caller.call(c.name, c.messages, c.output_type) for c in requests]
        )

        def ground_parts(answers: list[Any] = answers) -> list[BriefData]:
            return [grounder.ground_memo(BriefData(subject=""), answer) for answer in answers]

        partials = await asyncio.to_thread(ground_parts)
        earlier += [c for partial in partials for c in partial.contradictions]
        facts = reduced_facts(partials, carried_by)
    final = plan.synthesis_call(facts)
    answer = await calls.caller.call(final.name, final.messages, final.output_type)
    assert isinstance(answer, MemoFields)
    data = await asyncio.to_thread(grounder.ground_memo, data, answer)
    if earlier:
        data = data.model_copy(
            update={"contradictions": _joined_contradictions(data.contradictions, earlier)}
        )
    return data


def _citing_only(data: BriefData, used: set[int]) -> BriefData:
    """``data`` citing only the sources in ``used``: a quote found in the text of a source
    whose extraction failed would cite what the memo says it does not cover."""
    update: dict[str, Any] = {}
    for spec in sections("extraction"):
        kept = []
        for item in spec.items(data):
            ids = [sid for sid in item.sentence_ids if source_of(sid) in used]
            if ids:
                kept.append(
                    item
                    if ids == item.sentence_ids
                    else item.model_copy(update={"sentence_ids": ids})
                )
        update[spec.field] = kept
    return data.model_copy(update=update)


def _most_carried_first(data: BriefData, carried_by: Callable[[list[str]], int]) -> BriefData:
    """The reported items in the order a reader of many sources wants them, and the order
    a memo over its length budget is cut in (from the end): what more sources carry
    first; then each source's first item, then each one's second ..., so that no source
    is crowded out by the one before it."""
    update: dict[str, Any] = {}
    for spec in sections("extraction"):
        items = spec.items(data)
        if len(items) < 2:
            continue
        turn: dict[int, int] = {}
        keys = []
        for position, item in enumerate(items):
            first = (sources_cited(item.sentence_ids) or [0])[0]
            turn[first] = turn.get(first, 0) + 1
            keys.append((-carried_by(item.sentence_ids), turn[first], first, position))
        update[spec.field] = [items[key[3]] for key in sorted(keys)]
    return data.model_copy(update=update)


def _with_rule_conflicts(grounder: Grounder, dossier: Dossier, data: BriefData) -> BriefData:
    """The rules' contradictions, grounded like the model's, joined to them: one the model
    also reported is marked found by both."""
    found = grounder.ground_section(section("contradictions"), find_conflicts(dossier))
    return data.model_copy(
        update={"contradictions": _joined_contradictions(data.contradictions, found)}
    )


def _joined_contradictions(
    first: list[Contradiction], more: list[Contradiction]
) -> list[Contradiction]:
    joined = list(first)
    for extra in more:
        for i, kept in enumerate(joined):
            if _same_dispute(kept, extra):
                if kept.found_by != extra.found_by:
                    update: dict[str, Any] = {"found_by": "model and rules"}
                    if extra.kind == "update" and kept.kind == "conflict":
                        # The rules read the publication times: an update is shown as one.
                        update.update(kind="update", note=extra.note, sides=extra.sides)
                    joined[i] = kept.model_copy(update=update)
                break
        else:
            joined.append(extra)
    return joined


def _same_dispute(a: Contradiction, b: Contradiction) -> bool:
    """Two contradictions whose sides cite the same sentences of two or more sources."""
    shared = set(a.sentence_ids) & set(b.sentence_ids)
    return len(set(sources_cited(sorted(shared)))) >= 2


def _interleaved(memos: list[MemoFields]) -> MemoFields:
    """The extractive plan's memo fields of several articles as one: each list takes the
    sources in turn (the first line of each, then the second ...), cut to its size."""
    first = memos[0]
    fields = type(first).model_fields
    update: dict[str, Any] = {}
    for name, info in fields.items():
        lists = [getattr(m, name) for m in memos]
        if not isinstance(lists[0], list):
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        limit = extra.get("maxItems")
        turns: list[Any] = []
        for row in range(max(len(items) for items in lists)):
            turns += [items[row] for items in lists if row < len(items)]
        update[name] = turns[: int(limit)] if isinstance(limit, int) else turns
    subject = first.subject if first.subject.text else Statement(text="", sentence_ids=[])
    return first.model_copy(update={**update, "subject": subject})


def _source_notes(dossier: Dossier) -> list[str]:
    notes: list[str] = []
    for source in dossier.sources:
        where = source.location or source.name
        if source.status == "unreadable":
            notes.append(f"Not covered: A{source.number} ({where}): {source.problem}")
        elif source.status == "duplicate":
            notes.append(f"A{source.number} ({where}) repeats A{source.same_as}; counted once.")
        elif source.status == "copy":
            notes.append(
                f"A{source.number} ({where}) is a copy of the story in A{source.same_as} "
                f"({source.similarity:.0%} the same); counted with it as one source."
            )
    return notes


def _name(dossier: Dossier, number: int) -> str:
    found: Source | None = dossier.source(number)
    return found.location or found.name if found is not None else f"source {number}"
