"""A story's timeline, for ``briefgen story show``: each memo in turn, with what first
appeared in it (every item of the first memo; the "New" items of each later one) and what
changed, both sides cited. Markdown (escaped like every memo) or one HTML page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.memo.document import MemoDocument
from briefgen.memo.since import Change
from briefgen.render import since as since_text
from briefgen.render.markdown import escape_inline, escape_markdown


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: what it is, its text, the sentences it cites."""

    lead: str
    text: str
    ids: tuple[str, ...] = ()
    before: str = ""
    """A change: the earlier side, shown before its citation and the arrow."""
    earlier: str = ""
    """A change: where the earlier side is ("memo of March 3, S3")."""
    note: str = ""


@dataclass(frozen=True)
class Moment:
    """One memo of the story: its date, subject, what first appeared and what changed."""

    number: int
    memo_date: str
    subject: str
    first: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)


def timeline(memos: Sequence[tuple[int, MemoDocument]]) -> list[Moment]:
    """The story's moments, one per memo (its number in the story, the memo)."""
    return [_moment(number, doc) for number, doc in memos]


def _moment(number: int, doc: MemoDocument) -> Moment:
    data = doc.data
    moment = Moment(number, doc.header.memo_date, data.subject)
    if data.since is None:
        moment.first.extend(_everything(doc))
    else:
        for item in data.since_new:
            text = (
                f"“{item.text}” — {item.speaker}"
                if item.kind == "quote" and item.speaker
                else item.text
            )
            moment.first.append(Entry(since_text.new_lead(item), text, tuple(item.sentence_ids)))
    for change in data.since_changed:
        moment.changed.append(_change(doc, change))
    for gone in data.since_withdrawn:
        cited = since_text.earlier_citation(data.since, gone.before)
        moment.changed.append(
            Entry("No longer reported", f"{gone.before.claim} [{cited}]", tuple(gone.sentence_ids))
        )
    return moment


def _everything(doc: MemoDocument) -> list[Entry]:
    """Every item of a memo made since nothing: all of it appeared first there."""
    data = doc.data
    found = [Entry("Event", e.what, tuple(e.sentence_ids)) for e in data.developments]
    for actor in data.actors:
        text = f"{actor.name}, {actor.title}" if actor.title else actor.name
        found.append(Entry("Actor", text, tuple(actor.sentence_ids)))
    found += [
        Entry("Position", f"{p.party}: {p.stance}", tuple(p.sentence_ids)) for p in data.positions
    ]
    for quote in data.quotes:
        text = f"“{quote.text}” — {quote.speaker}" if quote.speaker else f"“{quote.text}”"
        found.append(Entry("Quotation", text, tuple(quote.sentence_ids)))
    found += [
        Entry("Allegation", f"{a.alleged_by}: {a.claim}", tuple(a.sentence_ids))
        for a in data.allegations
    ]
    found += [Entry("Fact", f.fact, tuple(f.sentence_ids)) for f in data.key_facts]
    return found


def _change(doc: MemoDocument, change: Change) -> Entry:
    return Entry(
        since_text.topic_text(change),
        since_text.after_text(change),
        tuple(change.sentence_ids),
        before=since_text.before_text(change),
        earlier=since_text.earlier_citation(doc.data.since, change.before),
        note=since_text.change_note(change),
    )


def _cite_text(ids: Sequence[str]) -> str:
    return f" [{', '.join(ids)}]" if ids else ""


def timeline_markdown(name: str, memos: Sequence[tuple[int, MemoDocument]]) -> str:
    """The timeline of story ``name`` as Markdown."""
    moments = timeline(memos)
    lines = [f"# Story: {escape_markdown(name)}", ""]
    if moments:
        span = (
            f"{moments[0].memo_date} to {moments[-1].memo_date}"
            if len(moments) > 1
            else moments[0].memo_date
        )
        lines += [escape_markdown(f"{len(moments)} memo(s), {span}."), ""]
    for moment in moments:
        lines += [f"## {escape_markdown(moment.memo_date)}: memo {moment.number}", ""]
        lines += [f"**Subject:** {escape_inline(moment.subject)}", ""]
        for title, entries in (("First reported", moment.first), ("Changed", moment.changed)):
            if not entries:
                continue
            lines += [f"**{title}**", ""]
            lines += [_markdown_line(e) for e in entries]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _markdown_line(e: Entry) -> str:
    cites = f" [{escape_inline(', '.join(e.ids))}]" if e.ids else ""
    text = f"{escape_inline(e.text)}{cites}"
    if e.before:
        text = f"{escape_inline(e.before)} [{escape_inline(e.earlier)}] -> {text}"
    note = f". {escape_inline(e.note)}" if e.note else ""
    return f"- **{escape_markdown(e.lead)}:** {text}{note}"


_STYLE = (
    "body{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.45;color:#222}h2{border-top:1px solid #ccc;padding-top:1rem;"
    "font-size:1.15rem}.lead{font-weight:bold}.ids{color:#666;font-size:.85em}"
)


def timeline_html(name: str, memos: Sequence[tuple[int, MemoDocument]]) -> str:
    """The timeline of story ``name`` as one self-contained HTML page."""
    moments = timeline(memos)
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Story: {esc(name)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Story: {esc(name)}</h1>",
    ]
    for moment in moments:
        parts.append(f"<h2>{esc(moment.memo_date)}: memo {moment.number}</h2>")
        parts.append(f'<p><span class="lead">Subject:</span> {esc(moment.subject)}</p>')
        for title, entries in (("First reported", moment.first), ("Changed", moment.changed)):
            if not entries:
                continue
            parts.append(f"<h3>{esc(title)}</h3><ul>")
            parts += [_html_line(e) for e in entries]
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_line(e: Entry) -> str:
    esc = html.escape
    ids = f' <span class="ids">[{esc(", ".join(e.ids))}]</span>' if e.ids else ""
    text = f"{esc(e.text)}{ids}"
    if e.before:
        text = f'{esc(e.before)} <span class="ids">[{esc(e.earlier)}]</span> &rarr; {text}'
    note = f". {esc(e.note)}" if e.note else ""
    return f'<li><span class="lead">{esc(e.lead)}:</span> {text}{note}</li>'
