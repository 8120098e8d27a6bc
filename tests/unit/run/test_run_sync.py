"""run_sync: a coroutine run to the end from sync code, its result handed back as is."""

from __future__ import annotations

import asyncio

from briefgen.run.runtime import run_sync


class _Costly:
    """A result whose repr is counted: a Brief's repr formats the whole memo."""

    def __init__(self) -> None:
        self.reprs = 0

    def __repr__(self) -> str:
        self.reprs += 1
        return "<costly>"


def test_the_result_is_handed_back_without_being_formatted() -> None:
    result = _Costly()

    async def make() -> _Costly:
        await asyncio.sleep(0)
        return result

    assert run_sync(make()) is result
    assert result.reprs == 0


def test_it_runs_inside_a_running_event_loop_too() -> None:
    result = _Costly()

    async def make() -> _Costly:
        return result

    got: list[_Costly] = []

    async def outer() -> None:
        got.append(run_sync(make()))  # a notebook's loop is running: a worker thread runs it

    asyncio.run(outer())
    assert got == [result]
    assert result.reprs == 0
