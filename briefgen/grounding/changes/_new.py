"""What the new memo reports that no earlier memo of its story carried (events, actors,
positions, quotations, allegations, facts), and which of its news items an earlier memo
already carried (those move to Background)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from briefgen.grounding.changes._found import Carry, Findings
from briefgen.grounding.changes._story import Story
from briefgen.memo.sections import section
from briefgen.memo.since import NewItem, NewKind
from briefgen.text.names import same_actor
from briefgen.text.normalise import fold_text

NEWS_SECTIONS = ("developments", "key_facts", "allegations")
"""Sections of news: an item an earlier memo carried leaves them for Background."""


def find_new(story: Story, data: Any, changed: set[str], found: Findings) -> None:
    """Add to ``found`` the new items of ``data`` and the news items already carried.
    ``changed``: the new article's sentences a change stands on (an item resting only on
    them is the change, not news of its own)."""
    news = [
        (field, kind, index, item, text_of(item))
        for field, kind, text_of in _NEWS
        for index, item in enumerate(getattr(data, field))
    ]
    # Every statement (news item, then position) looked up in one read of the index.
    matches = story.statements.carried_each(
        [*(text for *_, text in news), *(p.stance for p in data.positions)]
    )
    for (field, kind, index, item, _), match in zip(news, matches[: len(news)], strict=True):
        if match is not None:
            where = match.section
            part = section(where).label if where != "cited" else "a sentence it cited"
            how = (
                f"already reported in the {story.label(match.memo)} ({part}; "
                f"{match.coverage:.0%} of its words)"
            )
            found.carried.append(Carry(field, index, match.memo, how))
        elif not _only_changed(item.sentence_ids, changed):
            found.new.append(
                _new(kind, _shown(field, item), item.sentence_ids, "not in any earlier memo")
            )
    _new_actors(story, data.actors, found)
    for position, match in zip(data.positions, matches[len(news) :], strict=True):
        text = f"{position.party}: {position.stance}"
        if match is None and not _only_changed(position.sentence_ids, changed):
            found.new.append(
                _new("position", text, position.sentence_ids, "a position no earlier memo gave")
            )
    for quote in data.quotes:
        if story.quoted(fold_text(quote.text)) is None:
            found.new.append(
                NewItem(
                    kind="quote",
                    text=quote.text,
                    speaker=quote.speaker,
                    sentence_ids=list(quote.sentence_ids),
                    how="a quotation new to the story",
                )
            )
    order = {
        kind: n
        for n, kind in enumerate(("event", "actor", "position", "quote", "allegation", "fact"))
    }
    found.new.sort(key=lambda item: order[item.kind])


def _new_actors(story: Story, actors: Sequence[Any], found: Findings) -> None:
    story.identities.prefetch(actor.name for actor in actors)
    listed: list[str] = []
    for actor in actors:
        if story.identities.known(actor.name) or any(same_actor(actor.name, n) for n in listed):
            continue
        listed.append(actor.name)
        text = f"{actor.name}, {actor.title}" if actor.title else actor.name
        found.new.append(
            _new("actor", text, actor.sentence_ids, "a person or organisation new to the story")
        )


def _new(kind: NewKind, text: str, ids: list[str], how: str) -> NewItem:
    return NewItem(kind=kind, text=text, sentence_ids=list(ids), how=how)


def _only_changed(ids: list[str], changed: set[str]) -> bool:
    return bool(ids) and set(ids) <= changed


def _shown(field: str, item: Any) -> str:
    if field == "developments":
        return (
            f"{item.what} ({item.when})" if item.when and item.when not in item.what else item.what
        )
    if field == "allegations":
        return f"{item.alleged_by}: {item.claim}"
    return str(item.fact)


_NEWS: tuple[tuple[str, NewKind, Any], ...] = (
    ("developments", "event", lambda item: item.what),
    ("allegations", "allegation", lambda item: item.claim),
    ("key_facts", "fact", lambda item: item.fact),
)
