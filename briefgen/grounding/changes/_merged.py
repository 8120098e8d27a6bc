"""A whole story's digests as one: every memo's digest merged in story order, each entry
stamped with its memo, what repeats kept once. The store keeps it beside the memos and
adds each new memo to it, so the memo after fifty others reads one digest, whose size
grows with what is new in the story, not with how often the background is told again.

A name keeps the memo that first gave it (so that "new to the story" means new); all else
keeps the memo that last gave it (a statement or quotation told again, a figure's value,
a role's holder, a party's stance), as a story read memo by memo finds it: what was
carried is cited where it was last reported, a change is read against the latest value.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, Field

from briefgen.grounding.changes._digest import (
    DIGEST_FORMAT,
    Carried,
    CarriedActor,
    CarriedPosition,
    CarriedQuote,
    Figure,
    MemoDigest,
)

Entry = TypeVar("Entry", bound=BaseModel)


class StoryDigest(BaseModel):
    """What a story's memos carried, together (see the module's docstring)."""

    format: int = DIGEST_FORMAT
    memos: list[int] = Field(default_factory=list)
    names: dict[str, int] = Field(default_factory=dict)
    """Every name the story's items gave -> the memo that first gave it."""
    words: list[str] = Field(default_factory=list)
    actors: list[CarriedActor] = Field(default_factory=list)
    statements: list[Carried] = Field(default_factory=list)
    quotes: list[CarriedQuote] = Field(default_factory=list)
    positions: list[CarriedPosition] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)


def merged(story: StoryDigest, memo: int, digest: MemoDigest) -> StoryDigest:
    """``story`` with memo ``memo``'s digest added after its memos."""
    names = dict(story.names)
    for name in digest.names:
        names.setdefault(name, memo)
    return StoryDigest(
        memos=[*story.memos, memo],
        names=names,
        words=sorted(set(story.words) | set(digest.words)),
        actors=_latest(story.actors, _stamped(digest.actors, memo), lambda a: (a.name, a.title)),
        statements=_latest(
            story.statements, _stamped(digest.statements, memo), lambda s: (s.section, s.text)
        ),
        quotes=_latest(story.quotes, _stamped(digest.quotes, memo), lambda q: q.folded),
        positions=_latest(
            story.positions, _stamped(digest.positions, memo), lambda p: (p.party, p.stance)
        ),
        figures=_latest(
            story.figures,
            _stamped(digest.figures, memo),
            lambda f: (f.measure, f.subject, tuple(f.values), f.claim),
        ),
    )


def merge_all(digests: Iterable[tuple[int, MemoDigest]]) -> StoryDigest:
    """The story of ``digests`` (memo number, digest), in story order."""
    story = StoryDigest()
    for memo, digest in digests:
        story = merged(story, memo, digest)
    return story


def _stamped(entries: list[Entry], memo: int) -> list[Entry]:
    return [entry.model_copy(update={"memo": memo}) for entry in entries]


def _latest(old: list[Entry], new: list[Entry], key: Any) -> list[Entry]:
    """``old`` and ``new``, each key once, at the place of its last giving."""
    by_key: dict[Hashable, Entry] = {key(entry): entry for entry in old}
    for entry in new:
        by_key.pop(key(entry), None)
        by_key[key(entry)] = entry
    return list(by_key.values())
