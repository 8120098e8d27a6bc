"""Progress events, for callers that draw a progress bar (the CLI's is in ``cli.terminal``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

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
"""Called with each ``Progress`` event of a run."""
