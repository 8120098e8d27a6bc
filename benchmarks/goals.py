"""What the benchmarks print around their figures: section headings, and the summary of
each figure beside its goal."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    figure: str
    value: str
    goal: str
    met: bool | None  # None: for information, no goal


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 86 - len(text)))


def print_summary(rows: list[Row], *, words: tuple[str, str] = ("yes", "NO")) -> None:
    """The rows as a table; ``words`` say a goal was met or missed."""
    heading("summary")
    width = max(len(r.figure) for r in rows) + 2
    value_width = max(len(r.value) for r in rows) + 2
    print(f"{'figure':<{width}}{'value':<{value_width}}{'goal':<10}met")
    for r in rows:
        met = "-" if r.met is None else (words[0] if r.met else words[1])
        print(f"{r.figure:<{width}}{r.value:<{value_width}}{r.goal:<10}{met}")
