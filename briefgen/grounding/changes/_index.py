"""The statements a story has carried, indexed by stem: which earlier statement covers
most of a new one.

A new statement is carried when one earlier statement holds at least ``CARRIED`` of its
distinctive stems and all its numbers and dates. The search reads only the posting lists
of its rarest stems: a statement sharing that share of k stems must hold one of the
k - ceil(share * k) + 1 rarest (pigeonhole), so common story words (the parties' names,
"talks") cost nothing however long the story.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial

from briefgen.grounding.changes._base import StoryBase
from briefgen.grounding.changes._digest import Carried, stems_of, values_of

CARRIED = 0.6
"""Share of a statement's distinctive stems an earlier one must hold for it to be old."""
MIN_STEMS = 2


@dataclass(frozen=True)
class Match:
    """The earlier statement that covers a new one best."""

    memo: int
    coverage: float
    same_values: bool
    """Every number and date of the new statement is in the earlier one."""
    read: Callable[[], Carried] = field(repr=False, compare=False)
    """The statement itself, read when asked for (from a base, only for the match used)."""

    @cached_property
    def statement(self) -> Carried:
        """The earlier statement."""
        return self.read()


class StatementIndex:
    """Every statement of the earlier memos, by stem: those of ``base`` (looked up in
    it), then those added here."""

    def __init__(self, base: StoryBase | None = None) -> None:
        self._base = base
        self._entries: list[tuple[int, Carried, frozenset[str], frozenset[str]]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)

    def add(self, memo: int, entry: Carried) -> None:
        """One statement of memo ``memo``."""
        stems = frozenset(entry.stems)
        if not stems:
            return
        index = len(self._entries)
        self._entries.append((memo, entry, stems, frozenset(entry.values)))
        for stem in stems:
            self._postings[stem].append(index)

    def matches(self, text: str, *, share: float = CARRIED, carried: bool = False) -> list[Match]:
        """Every earlier statement holding at least ``share`` of the stems of ``text``
        (only those holding all its values too, when ``carried``)."""
        stems = stems_of(text)
        if len(stems) < MIN_STEMS:
            return []
        values = values_of(text)
        needed = math.ceil(share * len(stems))
        found = []
        if self._base is not None:
            for memo, shared, same, read in self._base.statements(
                stems, needed, values, carried=carried
            ):
                found.append(Match(memo, shared / len(stems), same, read))
        if not self._entries:
            return found
        rare = sorted(stems, key=lambda s: len(self._postings.get(s, ())))
        candidates: set[int] = set()
        for stem in rare[: len(stems) - needed + 1]:
            candidates.update(self._postings.get(stem, ()))
        for index in sorted(candidates):
            memo, entry, theirs, their_values = self._entries[index]
            shared = len(stems & theirs)
            if shared >= needed:
                same = values <= their_values
                found.append(Match(memo, shared / len(stems), same, partial(_given, entry)))
        return found

    def prefetch(self, texts: list[str]) -> None:
        """Read from the base at once what ``matches`` of ``texts`` will ask of it."""
        if self._base is not None and texts:
            stems = frozenset().union(*map(stems_of, texts))
            self._base.prefetch(stems, frozenset().union(*map(values_of, texts)))

    def best(self, text: str, *, share: float = CARRIED) -> Match | None:
        """The earlier statement holding the largest share (at least ``share``) of the
        stems of ``text``; among equals the one with its values, then the latest."""
        found = self.matches(text, share=share)
        return max(found, key=lambda m: (m.coverage, m.same_values, m.memo), default=None)

    def carried(self, text: str) -> Match | None:
        """The earlier statement that already said ``text``: most of its stems and every
        one of its numbers and dates (the latest such, among the best)."""
        found = [m for m in self.matches(text, carried=True) if m.same_values]
        return max(found, key=lambda m: (m.coverage, m.memo), default=None)


def _given(entry: Carried) -> Carried:
    return entry
