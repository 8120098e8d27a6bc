"""Progress events, for callers that draw a progress bar, and the CLI's bar."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal, TextIO

from pydantic import BaseModel

Stage = Literal["started", "chunk_done", "synthesis", "verification", "done", "failed"]


class Progress(BaseModel):
    """One step of one memo; ``article`` is its position in the batch (0 for one memo)."""

    article: int = 0
    articles: int = 1
    stage: Stage
    chunks_done: int = 0
    chunks: int = 0
    error: str | None = None


ProgressCallback = Callable[[Progress], None]


class ProgressBar:
    """One redrawn line on a terminal: memos done, and the chunks of the memos running."""

    def __init__(self, stream: TextIO, total: int):
        self.stream = stream
        self.total = total
        self.finished = 0
        self.chunks: dict[int, tuple[int, int]] = {}
        self.started = time.monotonic()
        self._width = 0

    def __call__(self, event: Progress) -> None:
        if event.stage in ("done", "failed"):
            self.finished += 1
            self.chunks.pop(event.article, None)
        elif event.chunks:
            self.chunks[event.article] = (event.chunks_done, event.chunks)
        self.draw()

    def draw(self) -> None:
        filled = int(20 * self.finished / max(1, self.total))
        running = ", ".join(
            f"#{i + 1} {done}/{count} chunks" for i, (done, count) in sorted(self.chunks.items())
        )
        line = (
            f"[{'#' * filled}{'.' * (20 - filled)}] {self.finished}/{self.total} memos"
            f"{f'  ({running})' if running else ''}  {time.monotonic() - self.started:.0f}s"
        )[:120]
        self.stream.write("\r" + line.ljust(self._width))
        self._width = len(line)
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r" + " " * self._width + "\r")
        self.stream.flush()
