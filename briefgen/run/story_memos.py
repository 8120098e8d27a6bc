"""A story's memos as the earlier memos of its next one: read from the store in one query,
each made an ``Earlier`` only when first asked for. The section of a new memo names the
first, the latest and the few its changes cite, so a long story's other memos are never
built."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from briefgen.run.earlier import Earlier

Row = tuple[Any, ...]


class StoredMemos(Sequence[Earlier]):
    """The memos of ``rows`` (each with its label, in ``labels``), oldest first, each
    made by ``make(row, label)`` when first asked for."""

    def __init__(self, rows: list[Row], labels: list[str], make: Callable[[Row, str], Earlier]):
        self._rows = rows
        self._labels = labels
        self._make = make
        self._made: dict[int, Earlier] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Earlier: ...

    @overload
    def __getitem__(self, index: slice) -> list[Earlier]: ...

    def __getitem__(self, index: int | slice) -> Earlier | list[Earlier]:
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self._rows)))]
        place = index + len(self._rows) if index < 0 else index
        if not 0 <= place < len(self._rows):
            raise IndexError(index)
        made = self._made.get(place)
        if made is None:
            made = self._made[place] = self._make(self._rows[place], self._labels[place])
        return made

    def __iter__(self) -> Iterator[Earlier]:
        return (self[n] for n in range(len(self._rows)))

    def replace_last(self, make: Callable[[Earlier], Earlier]) -> None:
        """The latest memo made again by ``make`` (given it as made so far)."""
        self._made[len(self._rows) - 1] = make(self[-1])
