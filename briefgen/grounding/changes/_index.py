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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial

from briefgen.grounding.changes._base import Asked, StoryBase
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
    known_section: str = field(default="", repr=False, compare=False)

    @cached_property
    def statement(self) -> Carried:
        """The earlier statement."""
        return self.read()

    @property
    def section(self) -> str:
        """The earlier statement's section (not read from a base that keeps it)."""
        return self.known_section or self.statement.section


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

    def matches_each(
        self, texts: Sequence[str], *, share: float = CARRIED, carried: bool = False
    ) -> list[list[Match]]:
        """For each of ``texts``, every earlier statement holding at least ``share`` of
        its stems (only those holding all its values too, when ``carried``); the base is
        read once for them all."""
        asked: list[Asked | None] = []
        for text in texts:
            stems = stems_of(text)
            enough = len(stems) >= MIN_STEMS
            asked.append(
                Asked(stems, math.ceil(share * len(stems)), values_of(text)) if enough else None
            )
        wanted = [a for a in asked if a is not None]
        based = iter(
            self._base.statements(wanted, carried=carried)
            if self._base is not None and wanted
            else [[] for _ in wanted]
        )
        found: list[list[Match]] = []
        for one in asked:
            if one is None:
                found.append([])
                continue
            size = len(one.stems)
            here = [
                Match(b.memo, b.shared / size, b.same_values, b.read, b.section)
                for b in next(based)
            ]
            found.append(here + self._added(one))
        return found

    def _added(self, asked: Asked) -> list[Match]:
        """The statements added here that hold enough of ``asked``'s stems."""
        if not self._entries:
            return []
        stems, needed = asked.stems, asked.needed
        rare = sorted(stems, key=lambda s: len(self._postings.get(s, ())))
        candidates: set[int] = set()
        for stem in rare[: len(stems) - needed + 1]:
            candidates.update(self._postings.get(stem, ()))
        found = []
        for index in sorted(candidates):
            memo, entry, theirs, their_values = self._entries[index]
            shared = len(stems & theirs)
            if shared >= needed:
                same = asked.values <= their_values
                found.append(Match(memo, shared / len(stems), same, partial(_given, entry)))
        return found

    def matches(self, text: str, *, share: float = CARRIED, carried: bool = False) -> list[Match]:
        """Every earlier statement holding at least ``share`` of the stems of ``text``
        (only those holding all its values too, when ``carried``)."""
        return self.matches_each([text], share=share, carried=carried)[0]

    def carried_each(self, texts: Sequence[str]) -> list[Match | None]:
        """For each of ``texts``, the earlier statement that already said it: most of its
        stems and every one of its numbers and dates (the latest such, among the best)."""
        return [
            max(
                (m for m in found if m.same_values),
                key=lambda m: (m.coverage, m.memo),
                default=None,
            )
            for found in self.matches_each(texts, carried=True)
        ]

    def carried(self, text: str) -> Match | None:
        """The earlier statement that already said ``text`` (see ``carried_each``)."""
        return self.carried_each([text])[0]


def _given(entry: Carried) -> Carried:
    return entry
