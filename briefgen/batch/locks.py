"""One collector per job: the rule for the lock row each job has in the ledger.

A process that collects a job (``collect``, ``wait``, ``import``) holds its row, with its
pid, host and a heartbeat it renews as it works. Another process is refused while the
holder is alive; a holder that died (its pid gone, on this host) or went quiet for
``LOCK_STALE_SECONDS`` (a pid reused, a process stopped, another host) loses the job,
and learns so at its next renewal, before it sends anything.
"""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass

from briefgen.errors import BatchError

LOCK_STALE_SECONDS = 600.0
"""A holder renews its claim between steps (every poll, every few memos); one that has
not for ten minutes is taken to be gone."""


@dataclass(frozen=True)
class LockRow:
    """Who holds a job: the claim's token, the process and host, since when, last seen."""

    token: str
    pid: int
    host: str
    since: float
    beat: float

    @classmethod
    def mine(cls, token: str, now: float) -> LockRow:
        """A claim for this process."""
        return cls(token, os.getpid(), socket.gethostname(), now, now)


def _alive(held: LockRow, now: float) -> bool:
    if now - held.beat > LOCK_STALE_SECONDS:
        return False
    if held.host != socket.gethostname():
        return True  # another machine's process: only its heartbeat tells
    if held.pid <= 0:
        return False
    try:
        os.kill(held.pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True


def check_free(job: str, held: LockRow | None, now: float) -> None:
    """BatchError when a live holder has ``job``."""
    if held is None or not _alive(held, now):
        return
    where = "" if held.host == socket.gethostname() else f" on {held.host}"
    since = time.strftime("%H:%M:%S", time.localtime(held.since))
    raise BatchError(
        f"Batch job {job} is being collected by another process (pid {held.pid}{where}, "
        f"since {since}); run this again when it has finished."
    )


def check_held(job: str, held: LockRow | None, token: str) -> None:
    """BatchError when the claim ``token`` no longer holds ``job``."""
    if held is not None and held.token == token:
        return
    other = f" (pid {held.pid})" if held is not None else ""
    raise BatchError(
        f"Batch job {job} was taken over by another process{other} while this one was "
        f"quiet for over {LOCK_STALE_SECONDS:.0f}s; it goes on there."
    )
