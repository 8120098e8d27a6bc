"""CPU work of a run waits for the requests being written, one job at a time."""

from __future__ import annotations

import asyncio
import threading

from briefgen.llm import requests_first


def test_cpu_work_waits_for_a_request_being_written() -> None:
    order: list[str] = []

    async def main() -> None:
        with requests_first.writing(traced=True):
            job = asyncio.ensure_future(requests_first.cpu_work(order.append, "cpu"))
            await asyncio.sleep(0.05)
            order.append("written")
        await job

    asyncio.run(main())
    assert order == ["written", "cpu"]


def test_trace_event_ends_the_writing_before_the_call_ends() -> None:
    order: list[str] = []

    class Request:
        def __init__(self) -> None:
            self.extensions: dict[str, object] = {}

    async def main() -> None:
        with requests_first.writing(traced=True):
            request = Request()
            await requests_first.on_request(request)
            job = asyncio.ensure_future(requests_first.cpu_work(order.append, "cpu"))
            trace = request.extensions["trace"]
            await trace("http11.send_request_body.complete", {})  # type: ignore[operator]
            await job
            order.append("answered")

    asyncio.run(main())
    assert order == ["cpu", "answered"]


def test_untraced_requests_hold_nothing_back_and_jobs_run_one_at_a_time() -> None:
    running: list[int] = []
    most = [0]
    lock = threading.Lock()

    def job() -> None:
        with lock:
            running.append(1)
            most[0] = max(most[0], len(running))
        threading.Event().wait(0.01)
        with lock:
            running.pop()

    async def main() -> None:
        with requests_first.writing(traced=False):
            await asyncio.gather(*(requests_first.cpu_work(job) for _ in range(4)))

    asyncio.run(main())
    assert most[0] == 1
