"""The stage that makes a memo "since" the earlier memos of its story: its first section
says what is new, what changed (both sides cited and grounded, each in its own memo's
article) and, when asked, what is no longer reported; news an earlier memo already
carried moves to Background. Added to a run's steps when ``since`` or ``story`` is given;
it runs after the memo's own stages and before the finishing tail.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.grounding.changes import (
    NEWS_SECTIONS,
    Carry,
    Findings,
    SidesGrounder,
    Story,
    StoryBaseError,
    compare,
)
from briefgen.ingest.article import Article
from briefgen.llm.requests_first import cpu_work
from briefgen.memo.data import BriefData
from briefgen.memo.items import Statement
from briefgen.memo.report import GroundingRecord
from briefgen.memo.sections import section
from briefgen.memo.since import SinceLast
from briefgen.run.earlier import ByNumber, named_memos, numbered
from briefgen.run.since_model import add_model_findings
from briefgen.run.skeleton import Draft, RunState

logger = logging.getLogger(__name__)


async def since_last(state: RunState, draft: Draft) -> None:
    """Compare the memo with the earlier memos of its story (rules; then the model, with
    ``since_model``), ground every change on both sides and fill the section."""
    if not state.earlier:
        return
    started = time.perf_counter()
    articles = _ArticlesOf(state)
    if state.cfg.since_model:
        found = await cpu_work(_by_rules, state, draft, articles)
        found = await add_model_findings(state, draft, found, current_time(state))
        draft.data = await cpu_work(_applied, state, draft, found, articles)
    else:  # no call between the two: one hand-over to the worker thread, not two
        found, draft.data = await cpu_work(_found_and_applied, state, draft, articles)
    logger.info(
        "Since %d earlier memo(s): %d new, %d changed, %d moved to Background (%.1f ms)",
        len(state.earlier),
        len(draft.data.since_new),
        len(draft.data.since_changed),
        len(found.carried),
        (time.perf_counter() - started) * 1000,
    )


def _found_and_applied(
    state: RunState, draft: Draft, articles: _ArticlesOf
) -> tuple[Findings, BriefData]:
    found = _by_rules(state, draft, articles)
    return found, _applied(state, draft, found, articles)


def story_of(state: RunState, *, indexed: bool = True) -> Story:
    """What the earlier memos of the run's story carried, together: the story's index
    where the store gave one (unless not ``indexed``), then the digests of the memos
    after it (``since`` files given beside the story)."""
    labels = ByNumber(state.earlier, lambda e: e.memo.label)
    # The store's index is on its latest memo: looked for from the end, so that a long
    # story's other memos are not read at all.
    last = next((n for n in reversed(range(len(state.earlier))) if state.earlier[n].story), None)
    if last is None or not indexed:
        return Story.of([(e.memo.number, e.digest) for e in state.earlier], labels)
    base = state.earlier[last].story
    assert base is not None
    story = Story.over(base, labels)
    for e in state.earlier[last + 1 :]:
        story.add(e.memo.number, e.digest)
    return story


def current_time(state: RunState) -> str:
    """When the memo's source is of: its article's publication, else the memo's date."""
    return state.article.published or state.cfg.memo_date or dt.date.today().isoformat()


def _by_rules(state: RunState, draft: Draft, articles: _ArticlesOf) -> Findings:
    try:
        with story_of(state).reading() as story:
            found = _compared(state, draft, story)
            # Read while the index is open: the store reads them in the same transaction.
            for memo in [c.before.memo for c in found.changes] + [
                w.before.memo for w in found.withdrawn
            ]:
                articles.prefetch(memo)
            return found
    except StoryBaseError as exc:
        logger.info("The story's index was not read (%s): read memo by memo instead", exc)
        return _compared(state, draft, story_of(state, indexed=False))


def _compared(state: RunState, draft: Draft, story: Story) -> Findings:
    return compare(
        story,
        draft.data,
        state.article,
        earlier_times=ByNumber(state.earlier, lambda e: e.time),
        current_time=current_time(state),
        with_withdrawn=state.cfg.since_withdrawn,
    )


def _applied(state: RunState, draft: Draft, found: Findings, articles: _ArticlesOf) -> BriefData:
    """The memo with its section filled and the news it repeats moved to Background."""
    labels = ByNumber(state.earlier, lambda e: e.memo.label)
    sides = SidesGrounder(state.article, articles, labels)
    changes = sides.changes(found.changes)
    withdrawn = sides.withdrawn(found.withdrawn) if state.cfg.since_withdrawn else []
    records = draft.grounder.records
    records.extend(sides.records)
    for item in found.new:
        records.append(
            GroundingRecord(
                kind="since_new",
                text=item.text,
                status="kept",
                reason=f"{item.how} (found by {item.found_by})",
                sentence_ids=item.sentence_ids,
            )
        )
    data, moved = _moved_to_background(state, draft.data, found.carried, records)
    cited = {c.before.memo for c in changes} | {w.before.memo for w in withdrawn}
    since = SinceLast(
        earlier=named_memos(state.earlier, cited),
        compared=len(state.earlier),
        moved_to_background=moved,
        withdrawn_shown=state.cfg.since_withdrawn,
    )
    return data.model_copy(
        update={
            "since": since,
            "since_new": found.new,
            "since_changed": changes,
            "since_withdrawn": withdrawn,
        }
    )


class _ArticlesOf:
    """The earlier memos' articles, each read once, when a change first needs it (or
    fetched before, while the store is open for the story's index)."""

    def __init__(self, state: RunState):
        self._earlier = state.earlier
        self._read: dict[int, Article | BriefgenError | None] = {}
        self._warned: set[int] = set()
        self._warnings = state.calls.warnings

    def prefetch(self, number: int) -> None:
        """Read the article of memo ``number`` now (a problem is told when it is used)."""
        if number not in self._read:
            earlier = numbered(self._earlier, number)
            try:
                self._read[number] = earlier.load_article() if earlier is not None else None
            except BriefgenError as exc:
                self._read[number] = exc

    def __call__(self, number: int) -> Article | None:
        self.prefetch(number)
        found = self._read[number]
        if not isinstance(found, BriefgenError):
            return found
        if number not in self._warned:
            self._warned.add(number)
            self._warnings.append(
                f"The article of memo {number} of the story could not be read ({found}); "
                "no change resting on it is shown."
            )
        return None


def _moved_to_background(
    state: RunState, data: BriefData, carried: Sequence[Carry], records: list[GroundingRecord]
) -> tuple[BriefData, list[str]]:
    """``data`` with the news items an earlier memo carried taken out of their sections
    and put in Background (which a style without one does not print)."""
    if not carried:
        return data, []
    shows_background = state.style.shows(section("background"))
    drop: dict[str, set[int]] = {}
    moved: list[Statement] = []
    for carry in carried:
        if carry.field not in NEWS_SECTIONS:
            continue
        spec = section(carry.field)
        item = spec.items(data)[carry.index]
        text = _plain(carry.field, item)
        drop.setdefault(carry.field, set()).add(carry.index)
        moved.append(Statement(text=text, sentence_ids=list(item.sentence_ids)))
        where = "moved to Background" if shows_background else "left out (no Background here)"
        records.append(
            GroundingRecord(
                kind=spec.kind,
                text=text,
                status="amended",
                reason=f"{carry.how}: {where}",
                sentence_ids=list(item.sentence_ids),
            )
        )
    update: dict[str, Any] = {
        field: [item for n, item in enumerate(getattr(data, field)) if n not in indexes]
        for field, indexes in drop.items()
    }
    update["background"] = [*data.background, *moved]
    return data.model_copy(update=update), [s.text for s in moved]


def _plain(field: str, item: Any) -> str:
    if field == "developments":
        return str(item.what)
    if field == "allegations":
        return f"{item.alleged_by}: {item.claim}"
    return str(item.fact)
