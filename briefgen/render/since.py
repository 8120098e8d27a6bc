"""How "Since the last memo" reads in every format: the heading, what each new item is,
each change with both sides cited ("8 million [memo of March 3, S3] -> 9 million [S5]"),
and the earlier memos' sentences a change rests on, for the annex.

Plain text only (the Markdown and HTML renderers escape it their own way); a memo made
since nothing has no ``data.since`` and none of this is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.memo.data import BriefData
from briefgen.memo.since import Change, EarlierSide, NewItem, SinceLast, Withdrawn

_KIND_LEAD = {
    "event": "Event",
    "actor": "New to the story",
    "position": "Position",
    "quote": "Quotation",
    "allegation": "Allegation",
    "fact": "Fact",
}


def heading(since: SinceLast) -> str:
    """ "Since the last memo (March 10, 2026)"."""
    return f"Since the last memo ({since.last.memo_date})"


def compared_with(since: SinceLast) -> str:
    """A line naming the earlier memos, when there are several; else empty."""
    if since.count < 2:
        return ""
    return (
        f"Compared with the {since.count} earlier memos of this story, "
        f"{since.earlier[0].memo_date} to {since.last.memo_date}."
    )


def new_lead(item: NewItem) -> str:
    """What kind of new item it is: "Event", "New to the story", "Quotation" ..."""
    return _KIND_LEAD.get(item.kind, item.kind.capitalize())


def earlier_citation(since: SinceLast | None, side: EarlierSide) -> str:
    """ "memo of March 3, S3": the earlier memo and its article's sentences."""
    memo = since.memo(side.memo) if since is not None else None
    label = memo.label if memo is not None else f"memo {side.memo}"
    return ", ".join([label, *side.sentence_ids])


def topic_text(change: Change) -> str:
    """The topic as a bold lead: first letter up, no end punctuation."""
    topic = change.topic.strip().rstrip(".:;")
    return topic[:1].upper() + topic[1:]


def before_text(change: Change) -> str:
    """The earlier side as shown: its short form (a number, a holder), else its claim."""
    return _plain(change.before_value or change.before.claim)


def after_text(change: Change) -> str:
    """The new side as shown: its short form, else its claim."""
    return _plain(change.after_value or change.after)


def change_note(change: Change) -> str:
    """ "Update: the new report ... is later ..." or "Contradiction: both reports ..."."""
    word = "Update" if change.kind == "update" else "Contradiction"
    return f"{word}: {change.note}." if change.note else f"{word}."


def withdrawn_now(item: Withdrawn) -> str:
    """What the new article says instead, as shown after the earlier statement."""
    return _plain(item.now or "")


def moved_note(since: SinceLast) -> str:
    """How many already reported items went to Background; empty when none did."""
    count = len(since.moved_to_background)
    if not count:
        return ""
    return (
        f"Already reported in an earlier memo, so not repeated as news: {count} item(s), "
        "now under Background."
    )


@dataclass(frozen=True)
class EarlierSentence:
    """One sentence of an earlier memo's article that a change or withdrawal cites."""

    citation: str
    text: str


def earlier_sentences(data: BriefData) -> list[EarlierSentence]:
    """The earlier memos' sentences the section cites, each once, in the order cited."""
    found: list[EarlierSentence] = []
    seen: set[tuple[int, str]] = set()
    sides = [c.before for c in data.since_changed] + [w.before for w in data.since_withdrawn]
    for side in sides:
        for sid, text in zip(side.sentence_ids, side.sentences, strict=False):
            if (side.memo, sid) not in seen:
                seen.add((side.memo, sid))
                citation = earlier_citation(
                    data.since, side.model_copy(update={"sentence_ids": [sid]})
                )
                found.append(EarlierSentence(citation, text))
    return found


def _plain(text: str) -> str:
    return text.strip().rstrip(".").strip()
