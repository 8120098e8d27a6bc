"""A story so far, read from the digests of its memos: who it has named, what it has
said, the quotations it has printed, the latest value of each figure and the latest
holder of each role."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cached_property, partial

from briefgen.grounding.changes._base import StoryBase
from briefgen.grounding.changes._digest import (
    CarriedActor,
    CarriedPosition,
    CarriedQuote,
    Figure,
    MemoDigest,
    stems_of,
)
from briefgen.grounding.changes._identity import Identities
from briefgen.grounding.changes._index import StatementIndex
from briefgen.grounding.changes._merged import StoryDigest
from briefgen.text.names import same_actor

# Words that say when someone holds a role, not which role it is.
_ROLE_NOISE = frozenset({"new", "former", "acting", "interim", "outgoing", "incoming"})
MIN_ROLE_STEMS = 2
"""A role is named by two words at least ("head of the delegation", not "minister")."""


def role_key(title: str | None) -> frozenset[str]:
    """The stems that name a role ("the new head of the army delegation" -> head, armi,
    deleg); empty when the title is too short to name one role."""
    if not title:
        return frozenset()
    stems = stems_of(title) - _ROLE_NOISE
    return stems if len(stems) >= MIN_ROLE_STEMS else frozenset()


@dataclass(frozen=True)
class Held:
    """A role as an earlier memo gave it: who held it, in which memo."""

    memo: int
    actor: CarriedActor


@dataclass(frozen=True)
class Valued:
    """A figure as an earlier memo gave it (read from a base when first asked for: the
    comparison reads the latest few values of a measure, not all)."""

    memo: int
    read: Callable[[], Figure] = field(repr=False, compare=False)

    @cached_property
    def figure(self) -> Figure:
        """The figure."""
        return self.read()


@dataclass
class Story:
    """What the earlier memos of a story carried, together, the latest memo last: a
    ``base`` (the store's index of the story up to a memo, looked up by key) when there is
    one, then what the memos after it carried, added here."""

    memos: list[int] = field(default_factory=list)
    identities: Identities = field(default_factory=Identities)
    statements: StatementIndex = field(default_factory=StatementIndex)
    quotes: list[tuple[int, CarriedQuote]] = field(default_factory=list)
    positions: list[tuple[int, CarriedPosition]] = field(default_factory=list)
    figures: dict[tuple[str, str], list[Valued]] = field(default_factory=dict)
    """(measure, subject) -> every value given, in story order."""
    roles: dict[frozenset[str], Held] = field(default_factory=dict)
    """Role -> its latest holder."""
    holders: dict[frozenset[str], list[Held]] = field(default_factory=dict)
    labels: Mapping[int, str] = field(default_factory=dict)
    """How each memo is named in a citation ("memo of March 3")."""
    base: StoryBase | None = None

    @classmethod
    def of(
        cls, digests: Sequence[tuple[int, MemoDigest]], labels: Mapping[int, str] | None = None
    ) -> Story:
        """The story of ``digests`` (memo number, digest), in story order."""
        story = cls(labels=labels or {})
        for number, digest in digests:
            story.add(number, digest)
        return story

    @classmethod
    def over(cls, base: StoryBase, labels: Mapping[int, str] | None = None) -> Story:
        """The story of ``base``'s memos, read from it by key as the comparison asks."""
        return cls(
            memos=list(base.memos),
            identities=Identities(base),
            statements=StatementIndex(base),
            labels=labels or {},
            base=base,
        )

    @classmethod
    def of_merged(cls, merged: StoryDigest, labels: Mapping[int, str] | None = None) -> Story:
        """The story of a merged digest (each entry stamped with its memo): what ``of``
        reads from the memos' own digests, read from one record."""
        story = cls(memos=list(merged.memos), labels=labels or {})
        # Names first, with the memo that first gave each, so that an actor a later memo
        # gave again is still first named where the story first named them.
        for name, memo in merged.names.items():
            story.identities.add(name, memo)
        for actor in merged.actors:
            story._actor(actor.memo, actor)
        story.identities.add_words(merged.words)
        for entry in merged.statements:
            story.statements.add(entry.memo, entry)
        story.quotes = [(quote.memo, quote) for quote in merged.quotes]
        story.positions = [(position.memo, position) for position in merged.positions]
        for figure in merged.figures:
            story.figures.setdefault((figure.measure, figure.subject), []).append(
                Valued(figure.memo, partial(_given, figure))
            )
        return story

    @contextmanager
    def reading(self) -> Iterator[Story]:
        """The story, its base open for lookups (one read of the store) until the end."""
        with self.base.reading() if self.base is not None else nullcontext():
            yield self

    def label(self, memo: int) -> str:
        """How memo ``memo`` is named ("memo of March 3")."""
        return self.labels.get(memo, f"memo {memo}")

    def add(self, memo: int, digest: MemoDigest) -> None:
        """Memo ``memo``'s digest, after every earlier one."""
        self.memos.append(memo)
        for actor in digest.actors:
            self._actor(memo, actor)
        for name in digest.names:
            self.identities.add(name, memo)
        self.identities.add_words(digest.words)
        for entry in digest.statements:
            self.statements.add(memo, entry)
        self.quotes += [(memo, quote) for quote in digest.quotes]
        self.positions += [(memo, position) for position in digest.positions]
        for figure in digest.figures:
            self.figures.setdefault((figure.measure, figure.subject), []).append(
                Valued(memo, partial(_given, figure))
            )

    def _actor(self, memo: int, actor: CarriedActor) -> None:
        self.identities.add(actor.name, memo)
        key = role_key(actor.title)
        if key:
            held = Held(memo, actor)
            self.roles[key] = held
            self.holders.setdefault(key, []).append(held)

    def figures_of(self, key: tuple[str, str]) -> list[Valued]:
        """Every value given of the measure ``key`` (measure, subject), in story order."""
        found = (
            [Valued(m, read) for m, read in self.base.figures(*key)]
            if self.base is not None
            else []
        )
        return found + self.figures.get(key, [])

    def holders_of(self, key: frozenset[str]) -> list[Held]:
        """Every holder the story gave the role ``key``, in story order."""
        found = [Held(m, a) for m, a in self.base.holders(key)] if self.base is not None else []
        return found + self.holders.get(key, [])

    def role(self, key: frozenset[str]) -> Held | None:
        """The latest holder of the role ``key``."""
        if key in self.roles or self.base is None:
            return self.roles.get(key)
        found = self.base.holders(key)
        return Held(*found[-1]) if found else None

    def held_by(self, key: frozenset[str], name: str) -> bool:
        """Whether ``name`` held the role ``key`` in an earlier memo."""
        return any(same_actor(h.actor.name, name) for h in self.holders_of(key))

    def positions_of(self, party: str) -> list[tuple[int, CarriedPosition]]:
        """The positions given, in story order, of parties that may be ``party`` (every
        one that is, and perhaps others: ask ``same_actor``)."""
        found = self.base.positions(party) if self.base is not None else []
        return found + self.positions

    def quoted(self, folded: str) -> tuple[int, CarriedQuote] | None:
        """The earlier memo's quotation that is ``folded`` (or holds it, or is held)."""
        for memo, quote in reversed(self.quotes):
            if folded == quote.folded or folded in quote.folded or quote.folded in folded:
                return memo, quote
        return self.base.quoted(folded) if self.base is not None else None


def _given(figure: Figure) -> Figure:
    return figure
