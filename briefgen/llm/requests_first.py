"""Requests before CPU work: a run's CPU-bound steps (grounding, rendering, reading the
next article) wait while a request is being written, and take one worker thread at a time.

In a batch the answers of a wave land together, and each frees a slot that a waiting
memo's request should take at once. Grounding done meanwhile, on the event loop or on a
thread holding the GIL, delays those writes (a busy thread costs the loop up to a GIL
switch interval, 5 ms, on every loop iteration), and a request written late is answered
late: the delays add up wave after wave.

The openai SDK says nothing when a request has been written. A request sent through the
HTTP client briefgen builds (``openai_backend.http_client``) counts as being written from
the moment the backend starts it until httpcore's ``trace`` extension reports its body
sent (or the call ends, whichever comes first). Requests through other clients are not
counted: their CPU work only queues for the one thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import weakref
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

R = TypeVar("R")

# httpcore's trace events that end the writing of a request (HTTP/1.1 and HTTP/2).
_WRITTEN = ("send_request_body.complete", ".failed")


class _Loop:
    """One event loop's requests being written, and its lane for CPU work."""

    def __init__(self) -> None:
        self.unsent = 0
        self.idle = asyncio.Event()
        self.idle.set()
        self.lane = asyncio.Lock()

    def start(self) -> Callable[[], None]:
        """Count one request as being written; the function returned (idempotent, on
        this loop's thread) ends it."""
        self.unsent += 1
        self.idle.clear()
        done = False

        def written() -> None:
            nonlocal done
            if not done:
                done = True
                self.unsent -= 1
                if self.unsent == 0:
                    self.idle.set()

        return written


_loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Loop]
_loops = weakref.WeakKeyDictionary()

_current: contextvars.ContextVar[Callable[[], None] | None]
_current = contextvars.ContextVar("briefgen_request_written", default=None)


def _this_loop() -> _Loop:
    loop = asyncio.get_running_loop()
    state = _loops.get(loop)
    if state is None:
        state = _loops[loop] = _Loop()
    return state


@contextlib.contextmanager
def writing(*, traced: bool) -> Iterator[None]:
    """Around one request: counted as being written until its body is sent (``traced``:
    its HTTP client calls ``on_request``) or the block ends."""
    if not traced:
        yield
        return
    written = _this_loop().start()
    token = _current.set(written)
    try:
        yield
    finally:
        _current.reset(token)
        written()


async def on_request(request: Any) -> None:
    """httpx ``request`` event hook: have httpcore say when ``request`` is written."""
    written = _current.get()
    if written is None:
        return

    async def trace(event: str, _info: dict[str, Any]) -> None:
        if event.endswith(_WRITTEN):
            written()

    request.extensions = {**request.extensions, "trace": trace}


async def requests_written() -> None:
    """Return once no request of this loop is being written, nor about to be."""
    state = _this_loop()
    while True:
        await state.idle.wait()
        # Let tasks woken meanwhile (the taker of a slot just freed) start their requests.
        await asyncio.sleep(0)
        if state.unsent == 0:
            return


async def cpu_work(function: Callable[..., R], *args: Any) -> R:
    """``function(*args)`` on a worker thread, once no request is being written and no
    other CPU work of this loop is running."""
    async with _this_loop().lane:
        await requests_written()
        return await asyncio.to_thread(function, *args)
