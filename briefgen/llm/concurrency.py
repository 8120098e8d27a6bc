"""Bounded concurrency: one limit on requests in flight per server, shared by every memo.

A batch of memos (or several ``agenerate_brief`` calls at once) on the same event loop and
the same server draw on one semaphore, so together they never exceed ``max_concurrency``.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Sequence
from typing import TypeVar

T = TypeVar("T")

_gates: weakref.WeakKeyDictionary[
    asyncio.AbstractEventLoop, dict[tuple[str, int], asyncio.Semaphore]
]
_gates = weakref.WeakKeyDictionary()


def shared_gate(identity: str, limit: int) -> asyncio.Semaphore:
    """The semaphore for ``identity`` at ``limit`` on the running loop, made on first use."""
    loop = asyncio.get_running_loop()
    per_loop = _gates.setdefault(loop, {})
    key = (identity, limit)
    gate = per_loop.get(key)
    if gate is None:
        gate = per_loop[key] = asyncio.Semaphore(limit)
    return gate


async def gather_first_error(jobs: Sequence[Awaitable[T]]) -> list[T]:
    """Run jobs together, results in order; on the first failure cancel the rest."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()
