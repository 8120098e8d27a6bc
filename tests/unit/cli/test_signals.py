"""SIGTERM while a memo is being made is raised by the event loop, between callbacks."""

from __future__ import annotations

import asyncio
import signal
import time

import pytest

from briefgen.cli.terminal import Terminated, on_sigterm


def test_sigterm_outside_an_event_loop_raises_at_once() -> None:
    with pytest.raises(Terminated):
        on_sigterm(signal.SIGTERM, None)


def test_sigterm_inside_the_loop_waits_for_the_callback_to_end() -> None:
    reached: list[str] = []

    async def memo() -> None:
        # Stands for code the signal may land in (a compiled extension calling back into
        # Python): it must run to its end, not be cut by the exception.
        on_sigterm(signal.SIGTERM, None)
        reached.append("the callback ran to its end")
        await asyncio.sleep(5)
        reached.append("the loop went on")

    started = time.monotonic()
    with pytest.raises(Terminated):
        asyncio.run(memo())
    assert reached == ["the callback ran to its end"]
    assert time.monotonic() - started < 2  # a sleeping loop is woken, not waited out
