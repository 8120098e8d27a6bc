"""With ``since_model``: one more call in which the model adds the changes the rules cannot
see (a date moved, a status that turned, a position said otherwise). It reads the
sentences the latest earlier memos cited and the new article's; each change it gives is
grounded on both sides exactly as the rules' own, and one the rules found too is marked
found by both."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Mapping

from briefgen.extract.prompts import changes_messages
from briefgen.extract.schema import StoryChange, StoryChanges
from briefgen.grounding.changes import Before, Findings, FoundChange
from briefgen.grounding.support import unknown_names
from briefgen.memo.report import GroundingRecord
from briefgen.run.earlier import ByNumber
from briefgen.run.skeleton import Draft, RunState

logger = logging.getLogger(__name__)

CHANGES_CALL = "briefgen_changes"
EARLIER_MEMOS_READ = 3
"""The latest earlier memos whose cited sentences the model reads (the story's recent
state; older figures reach it through the rules)."""
MAX_CURRENT_SENTENCES = 150
_EARLIER_ID = re.compile(r"^\s*M\s*(\d+)\s*[:.\- ]\s*S?\s*(\d+)\s*$", re.IGNORECASE)


async def add_model_findings(state: RunState, draft: Draft, found: Findings, now: str) -> Findings:
    """``found`` with the model's changes added (those the rules have too, marked so);
    ``now``: when the new memo's source is of."""
    earlier = state.earlier[-EARLIER_MEMOS_READ:]
    memos = [
        {
            "label": f"M{e.memo.number} ({e.memo.label})",
            "sentences": [
                {"id": f"M{e.memo.number}:{entry.ids[0]}", "text": entry.text}
                for entry in e.digest.statements
                if entry.section == "cited" and entry.ids
            ],
        }
        for e in earlier
    ]
    messages = changes_messages(
        memos,
        list(state.article.sentences[:MAX_CURRENT_SENTENCES]),
        title=state.article.title,
        prompt_dir=state.cfg.prompt_dir,
    )
    state.progress.memo("synthesis")
    answer = await state.calls.caller.call(CHANGES_CALL, messages, StoryChanges)
    times = ByNumber(state.earlier, lambda e: e.time)
    changes = list(found.changes)
    for change in answer.changes:
        candidate = _found(state, draft, change, times, now)
        if candidate is None:
            continue
        twin = next((i for i, c in enumerate(changes) if _same(c, candidate)), None)
        if twin is None:
            changes.append(candidate)
        else:
            changes[twin] = dataclasses.replace(changes[twin], found_by="model and rules")
    logger.info("The model gave %d change(s)", len(answer.changes))
    return dataclasses.replace(found, changes=changes)


def _found(
    state: RunState, draft: Draft, change: StoryChange, times: Mapping[int, str | None], now: str
) -> FoundChange | None:
    """The model's change as one to ground; None (recorded) when its ids name no earlier
    memo, or its topic leaks the prompt or names someone the new article does not."""
    before = [m for m in (_EARLIER_ID.match(i) for i in change.before_ids) if m is not None]
    memos = {int(m.group(1)) for m in before}
    topic = " ".join(change.topic.split())
    problem = None
    if len(memos) != 1 or not all(memo in times for memo in memos):
        problem = "its earlier side does not cite one earlier memo (M<n>:S<m>)"
    else:
        problem = draft.grounder.leaks.find(topic)
    if problem is None and unknown_names(topic, state.article):
        problem = f"its topic names someone the new article does not: {topic}"
    if problem is not None:
        draft.grounder.records.append(
            GroundingRecord(
                kind="since_change",
                text=f"{topic}: {change.before} -> {change.after}",
                status="dropped",
                reason=f"model; {problem}",
            )
        )
        return None
    memo = memos.pop()
    after_ids = tuple(i.strip().upper() for i in change.after_ids)
    return FoundChange(
        topic=topic[:1].upper() + topic[1:],
        before=Before(memo, change.before, tuple(f"S{m.group(2)}" for m in before)),
        after=change.after,
        after_ids=after_ids,
        how="model: a change the rules do not see",
        before_time=times.get(memo),
        after_time=now,
        found_by="model",
    )


def _same(a: FoundChange, b: FoundChange) -> bool:
    return (
        a.before.memo == b.before.memo
        and bool(set(a.before.ids) & set(b.before.ids))
        and bool(set(a.after_ids) & set(b.after_ids))
    )
