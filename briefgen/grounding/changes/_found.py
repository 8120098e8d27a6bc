"""What the rules (and the model) find before grounding: each side of a change with the
sentence ids it stands on, and the current memo's items that earlier memos carried."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.memo.since import FoundBy, NewItem


@dataclass(frozen=True)
class Before:
    """An earlier memo's side of a change: its words and that memo's sentence ids."""

    memo: int
    claim: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class FoundChange:
    """A change as found, not yet grounded: what an earlier memo gave, what the new
    article gives, and when each source is of."""

    topic: str
    before: Before
    after: str
    after_ids: tuple[str, ...]
    how: str
    before_time: str | None = None
    after_time: str | None = None
    found_by: FoundBy = "rules"
    check: str = "statement"
    """How both sides are checked: "statement" (the support check), "verbatim" (a piece
    of the cited sentence), "role" (the name and the title in the cited sentence)."""
    names: tuple[str, str] = ("", "")
    """For a role: the holder before and after."""


@dataclass(frozen=True)
class FoundWithdrawn:
    """An earlier memo's statement that the new article contradicts or withdraws."""

    before: Before
    now: str | None
    now_ids: tuple[str, ...]
    how: str
    found_by: FoundBy = "rules"


@dataclass(frozen=True)
class Carry:
    """An item of the new memo (``field``, ``index``) that an earlier memo carried."""

    field: str
    index: int
    memo: int
    how: str


@dataclass
class Findings:
    """Everything the comparison found, before grounding."""

    new: list[NewItem] = field(default_factory=list)
    changes: list[FoundChange] = field(default_factory=list)
    withdrawn: list[FoundWithdrawn] = field(default_factory=list)
    carried: list[Carry] = field(default_factory=list)
