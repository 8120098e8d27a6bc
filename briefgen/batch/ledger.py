"""The batch job ledger: one SQLite file beside the response cache.

It holds what a job needs to go on in another process, or after a crash: the settings and
style, every article (its text, its state, the memo written), every request sent (its
custom_id, the round and how often it was sent), every answer received and, apart from
them, the requests that failed; and which process collects the job now (``locks``).

The file opens as the response cache does: a file that cannot be used (damaged,
truncated, read-only, in a directory that cannot be made) is a ``ConfigError`` that
names it and says how to start afresh, never a traceback, at open or at any later step.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.batch.locks import LOCK_STALE_SECONDS, LockRow, check_free, check_held
from briefgen.batch.schema import LEDGER_FORMAT, migrate
from briefgen.config import cache_dir
from briefgen.errors import BatchError, ConfigError
from briefgen.llm.batch_results import completion_from

__all__ = ["LEDGER_NAME", "LOCK_STALE_SECONDS", "ArticleRow", "Ledger", "RoundRow", "ledger_path"]

LEDGER_NAME = "batches.sqlite3"


def ledger_path() -> Path:
    """``<cache dir>/batches.sqlite3`` (BRIEFGEN_CACHE_DIR, else the user cache dir)."""
    return cache_dir() / LEDGER_NAME


@dataclass(frozen=True)
class ArticleRow:
    """One article of a job: its place, name, state, error and memo file."""

    idx: int
    source: str
    """The name it was given; a local file by its absolute path."""
    state: str
    """pending (answers missing), done (answered, no memo file yet), written, failed."""
    memo_path: str | None
    error: str | None
    error_kind: str | None = None
    """The class of the error it failed with (``BatchError``, ``InvalidOutputError`` ...)."""


@dataclass(frozen=True)
class RoundRow:
    """One round of a job: the batch or request file that carried it, and its state."""

    round: int
    batch_id: str | None
    file_id: str | None
    state: str
    """submitted (out, not answered yet), a batch's end state, completed (a request file
    imported), superseded (a request file no longer needed)."""


class Ledger:
    """The ledger file; one connection, each step one transaction."""

    def __init__(self, path: Path | None = None):
        self.path = path or ledger_path()
        self._depth = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                # Created private before SQLite opens it: it holds article text.
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            self.db = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise self._unusable(exc) from None
        try:
            self._open()
        except BaseException:
            self.db.close()
            raise

    def _open(self) -> None:
        self._q("PRAGMA busy_timeout = 30000")
        fresh = self._q("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
        if fresh:
            self._q("PRAGMA auto_vacuum = INCREMENTAL")  # a pruned job gives its pages back
        self._q("PRAGMA journal_mode = WAL")
        self._q("PRAGMA synchronous = NORMAL")  # WAL keeps the file whole on a crash
        problem = self._q("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise self._unusable(sqlite3.DatabaseError(problem))
        with self.transaction():  # a write: a read-only ledger is found now, not later
            version = int(self._q("PRAGMA user_version").fetchone()[0])
            if version > LEDGER_FORMAT:
                raise ConfigError(
                    f"The batch ledger at {self.path} was made by a newer briefgen (format "
                    f"{version}); use that version, or move it away to start a new one."
                )
            migrate(self._q, version)
            self._q(f"PRAGMA user_version = {LEDGER_FORMAT}")

    def _unusable(self, exc: BaseException) -> ConfigError:
        return ConfigError(
            f"Cannot use the batch ledger at {self.path}: {exc}. It keeps briefgen's batch "
            "jobs: move it away (or delete it) to start a new one, forgetting the jobs in "
            "it, or set BRIEFGEN_CACHE_DIR to another directory."
        )

    def _q(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._unusable(exc) from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (nested ones join it): all of it is kept, or none."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._q("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            with contextlib.suppress(sqlite3.Error):
                self.db.rollback()
            raise
        self._depth = 0
        self._q("COMMIT")

    def close(self) -> None:
        self.db.close()

    # -- jobs --------------------------------------------------------------------------

    def new_job(self, settings: dict[str, Any], style: str, kind: str) -> str:
        job = "bg" + secrets.token_hex(5)
        self._q(
            "INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?)",
            (job, time.time(), json.dumps(settings), style, kind, "submitted"),
        )
        return job

    def forget(self, job: str) -> None:
        """Every row of ``job`` (a job that never went out)."""
        with self.transaction():
            self._q("DELETE FROM jobs WHERE id = ?", (job,))
            for table in ("articles", "rounds", "requests", "answers", "failures", "locks"):
                self._q(f"DELETE FROM {table} WHERE job = ?", (job,))

    def add_article(self, job: str, idx: int, source: str, article: str) -> None:
        self._q(
            "INSERT INTO articles VALUES (?, ?, ?, ?, 'pending', NULL, NULL, NULL)",
            (job, idx, source, article),
        )

    def job(self, job: str) -> tuple[dict[str, Any], str, str, str, float]:
        """(settings, style, kind, state, created); BatchError for an unknown id."""
        row = self._q(
            "SELECT settings, style, kind, state, created FROM jobs WHERE id = ?", (job,)
        ).fetchone()
        if row is None:
            raise BatchError(f"No batch job {job!r} in {self.path}.")
        return json.loads(row[0]), row[1], row[2], row[3], row[4]

    def jobs(self) -> list[str]:
        return [r[0] for r in self._q("SELECT id FROM jobs ORDER BY created")]

    def set_job_state(self, job: str, state: str) -> None:
        self._q("UPDATE jobs SET state = ? WHERE id = ?", (state, job))

    # -- articles ----------------------------------------------------------------------

    def articles(self, job: str, states: tuple[str, ...] = ()) -> Iterator[ArticleRow]:
        query = "SELECT idx, source, state, memo_path, error, error_kind FROM articles"
        query += " WHERE job = ?"
        if states:
            query += f" AND state IN ({','.join('?' * len(states))})"
        for row in self._q(query + " ORDER BY idx", (job, *states)).fetchall():
            yield ArticleRow(*row)

    def article(self, job: str, idx: int) -> str:
        """The stored article (its JSON), read when its memo is made: never all at once."""
        row = self._q("SELECT article FROM articles WHERE job = ? AND idx = ?", (job, idx))
        return str(row.fetchone()[0])

    def counts(self, job: str) -> dict[str, int]:
        rows = self._q("SELECT state, COUNT(*) FROM articles WHERE job = ? GROUP BY state", (job,))
        return dict(rows.fetchall())

    def set_article(
        self,
        job: str,
        idx: int,
        state: str,
        *,
        memo_path: str | None = None,
        error: str = "",
        error_kind: str = "",
    ) -> None:
        self._q(
            "UPDATE articles SET state = ?, memo_path = COALESCE(?, memo_path), error = ?, "
            "error_kind = ? WHERE job = ? AND idx = ?",
            (state, memo_path, error or None, error_kind or None, job, idx),
        )

    def revive(self, job: str, idx: int) -> None:
        """A failed article that has a new answer: its memo is tried again."""
        self._q(
            "UPDATE articles SET state = 'pending', error = NULL, error_kind = NULL "
            "WHERE job = ? AND idx = ? AND state = 'failed'",
            (job, idx),
        )

    # -- rounds ------------------------------------------------------------------------

    def add_round(self, job: str, batch_id: str | None, file_id: str | None) -> int:
        number = len(self.rounds(job)) + 1
        self._q(
            "INSERT INTO rounds VALUES (?, ?, ?, ?, 'submitted', ?)",
            (job, number, batch_id, file_id, time.time()),
        )
        return number

    def rounds(self, job: str) -> list[RoundRow]:
        rows = self._q(
            "SELECT round, batch_id, file_id, state FROM rounds WHERE job = ? ORDER BY round",
            (job,),
        )
        return [RoundRow(*r) for r in rows.fetchall()]

    def last_round(self, job: str) -> RoundRow:
        rounds = self.rounds(job)
        if not rounds:
            raise BatchError(f"Batch job {job} has no round.")
        return rounds[-1]

    def set_round_state(self, job: str, number: int, state: str) -> None:
        self._q("UPDATE rounds SET state = ? WHERE job = ? AND round = ?", (state, job, number))

    # -- requests ----------------------------------------------------------------------

    def send_request(
        self, job: str, custom_id: str, digest: str, *, idx: int, number: int, body: str
    ) -> None:
        """Record a request put in round ``number``: one more time it was sent."""
        self._q(
            "INSERT INTO requests VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (job, custom_id) "
            "DO UPDATE SET sent = sent + 1, round = excluded.round, body = excluded.body",
            (job, custom_id, digest, idx, number, body),
        )

    def times_sent(self, job: str, custom_id: str) -> int:
        row = self._q(
            "SELECT sent FROM requests WHERE job = ? AND custom_id = ?", (job, custom_id)
        ).fetchone()
        return int(row[0]) if row else 0

    def custom_id_of(self, job: str, idx: int, digest: str) -> str | None:
        row = self._q(
            "SELECT custom_id FROM requests WHERE job = ? AND idx = ? AND hash = ?",
            (job, idx, digest),
        ).fetchone()
        return str(row[0]) if row else None

    def request_of(self, job: str, custom_id: str) -> tuple[int, str, int] | None:
        """(article index, body hash, latest round) of a custom_id this job sent."""
        row = self._q(
            "SELECT idx, hash, round FROM requests WHERE job = ? AND custom_id = ?",
            (job, custom_id),
        ).fetchone()
        return (int(row[0]), str(row[1]), int(row[2])) if row else None

    def round_requests(self, job: str, number: int) -> list[tuple[str, int]]:
        """(custom_id, article index) of the requests whose latest round is ``number``."""
        rows = self._q(
            "SELECT custom_id, idx FROM requests WHERE job = ? AND round = ?", (job, number)
        )
        return [(str(r[0]), int(r[1])) for r in rows.fetchall()]

    # -- answers and failures ----------------------------------------------------------

    def put_answer(self, job: str, idx: int, digest: str, body: str) -> bool:
        """Keep an answer (it replaces a failure of the request); True when it is new. The
        first good answer stays: one that no longer reads as an answer is replaced."""
        added = self._q(
            "INSERT INTO answers VALUES (?, ?, ?, ?) ON CONFLICT (job, idx, hash) DO NOTHING",
            (job, idx, digest, body),
        ).rowcount
        if not added:
            (stored,) = self._q(
                "SELECT body FROM answers WHERE job = ? AND idx = ? AND hash = ?",
                (job, idx, digest),
            ).fetchone()
            if stored == body or _reads(stored):
                return False
            self._q(
                "UPDATE answers SET body = ? WHERE job = ? AND idx = ? AND hash = ?",
                (body, job, idx, digest),
            )
        self._q("DELETE FROM failures WHERE job = ? AND idx = ? AND hash = ?", (job, idx, digest))
        return True

    def put_failure(self, job: str, idx: int, digest: str, error: str) -> None:
        """Keep why a request failed, unless it has a good answer: that is never replaced."""
        self._q(
            "INSERT INTO failures SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM answers "
            "WHERE job = ? AND idx = ? AND hash = ?) "
            "ON CONFLICT (job, idx, hash) DO UPDATE SET error = excluded.error",
            (job, idx, digest, error, job, idx, digest),
        )

    def answers(self, job: str, idx: int) -> dict[str, str]:
        """The kept answers of an article, by body hash."""
        rows = self._q("SELECT hash, body FROM answers WHERE job = ? AND idx = ?", (job, idx))
        return {str(h): str(b) for h, b in rows.fetchall()}

    def failures(self, job: str, idx: int) -> dict[str, str]:
        """Why the requests of an article that failed did, by body hash."""
        rows = self._q("SELECT hash, error FROM failures WHERE job = ? AND idx = ?", (job, idx))
        return {str(h): str(e) for h, e in rows.fetchall()}

    def prune(self, job: str) -> None:
        """What a finished job no longer needs: the request bodies, the failed lines, and
        the answers of failed articles. Each article's text and the answers its memo was
        made from stay, so ``results()`` replays the job."""
        with self.transaction():
            self._q("UPDATE requests SET body = NULL WHERE job = ?", (job,))
            self._q("DELETE FROM failures WHERE job = ?", (job,))
            self._q(
                "DELETE FROM answers WHERE job = ? AND idx IN (SELECT idx FROM articles "
                "WHERE job = ? AND state = 'failed')",
                (job, job),
            )
        if not self._depth:  # executescript would commit an open transaction
            try:
                # Run to its end (execute() would free one page): the file shrinks.
                self.db.executescript("PRAGMA incremental_vacuum;")
            except sqlite3.Error as exc:
                raise self._unusable(exc) from None

    # -- who collects a job ------------------------------------------------------------

    def holder(self, job: str) -> LockRow | None:
        """Who holds ``job`` now (maybe a process that died: see ``claim``)."""
        row = self._q(
            "SELECT token, pid, host, since, beat FROM locks WHERE job = ?", (job,)
        ).fetchone()
        if row is None:
            return None
        return LockRow(str(row[0]), int(row[1]), str(row[2]), float(row[3]), float(row[4]))

    def claim(self, job: str) -> str:
        """Take ``job`` for this process; the token to renew and release it with.
        BatchError when a live holder has it; a holder that died, or has not renewed its
        claim for ``LOCK_STALE_SECONDS``, loses it."""
        token, now = secrets.token_hex(8), time.time()
        with self.transaction():
            check_free(job, self.holder(job), now)
            mine = LockRow.mine(token, now)
            self._q(
                "INSERT OR REPLACE INTO locks VALUES (?, ?, ?, ?, ?, ?)",
                (job, mine.token, mine.pid, mine.host, mine.since, mine.beat),
            )
        return token

    def renew(self, job: str, token: str) -> None:
        """Say the holder is still at work; BatchError when another took the job over."""
        with self.transaction():
            check_held(job, self.holder(job), token)
            self._q("UPDATE locks SET beat = ? WHERE job = ?", (time.time(), job))

    def release(self, job: str, token: str) -> None:
        self._q("DELETE FROM locks WHERE job = ? AND token = ?", (job, token))


def _reads(stored: str) -> bool:
    try:
        completion_from(stored)
    except BatchError:
        return False
    return True
