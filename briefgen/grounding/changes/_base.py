"""A story's earlier memos as a store keeps them indexed: the comparison asks only for
what the new memo's own items name (a statement's stems, a surname, a quotation, a
measure, a role, a party), so that the memo after fifty others neither reads nor
rebuilds the whole story."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager
from typing import NamedTuple, Protocol

from briefgen.errors import BriefgenError
from briefgen.grounding.changes._digest import (
    Carried,
    CarriedActor,
    CarriedPosition,
    CarriedQuote,
    Figure,
)
from briefgen.text.names import name_key


class StoryBaseError(BriefgenError):
    """The base could not be read (damaged, or the story moved on since it was found):
    the story is then read memo by memo instead."""


class Asked(NamedTuple):
    """What a statement is looked up by: its stems, how many of them an earlier statement
    must hold, and its values (numbers and dates)."""

    stems: frozenset[str]
    needed: int
    values: frozenset[str]


class Based(NamedTuple):
    """An earlier statement a lookup found."""

    memo: int
    shared: int
    """How many of the stems asked for it holds."""
    same_values: bool
    """Whether it holds every value asked for."""
    section: str
    """Its section's field, when the base keeps it ("" when not: read the statement)."""
    read: Callable[[], Carried]
    """The statement itself (inside ``reading()``)."""


class StoryBase(Protocol):
    """What the memos ``memos`` of a story carried, merged as ``StoryDigest`` merges
    them (each entry once, at its last giving; a name at its first), looked up by key.
    Every lookup answers in story order and only inside ``reading()``; each may raise
    ``StoryBaseError``."""

    @property
    def memos(self) -> list[int]:
        """The memos it is of, in story order."""
        ...

    def reading(self) -> AbstractContextManager[object]:
        """The base open for lookups until the block ends."""
        ...

    def statements(self, asked: Sequence[Asked], *, carried: bool) -> list[list[Based]]:
        """For each of ``asked`` (stems, how many of them, values), the statements holding
        at least that many of the stems, in story order, each as a ``Based``. When
        ``carried``, of those holding every value, only the one ``carried_each`` would
        take: the most stems, of the latest memo (a base may give more, never fewer). One
        read of the base for them all."""
        ...

    def forms(self, surnames: Collection[str]) -> dict[str, list[tuple[str, int]]]:
        """For each of ``surnames``, the names given whose key ends in it, each with its
        first memo (in one read of the base)."""
        ...

    def has_words(self, words: Collection[str]) -> bool:
        """Whether every one of the folded ``words`` is among the words carried."""
        ...

    def quoted(self, folded: str) -> tuple[int, CarriedQuote] | None:
        """The latest quotation that is ``folded``, holds it or is held by it."""
        ...

    def figures(self, measure: str, subject: str) -> list[tuple[int, Callable[[], Figure]]]:
        """Every value given of ``measure`` of ``subject``, each with how to read it
        (inside ``reading()``)."""
        ...

    def holders(self, role: frozenset[str]) -> list[tuple[int, CarriedActor]]:
        """Every actor given the role ``role`` (its ``role_key``)."""
        ...

    def positions(self, party: str) -> list[tuple[int, CarriedPosition]]:
        """The positions of parties whose key ends as ``party``'s does (a superset of
        those ``same_actor`` takes for ``party``)."""
        ...


def name_look(name: str) -> str:
    """What a name is looked up by: the last word of its key (its surname), which every
    name ``same_actor`` takes for it shares; empty when it has no key."""
    key = name_key(name)
    return key.split()[-1] if key.split() else ""


def role_look(role: frozenset[str]) -> str:
    """What a role (its ``role_key``) is looked up by."""
    return " ".join(sorted(role))
