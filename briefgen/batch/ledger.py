"""The batch job ledger: one SQLite file beside the response cache.

It holds what a job needs to go on in another process, or after a crash: the settings and
style, every article (its text, its state, the memo written), every request sent (its body
and custom_id, the round and how often it was sent) and every answer received.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.config import cache_dir
from briefgen.errors import BatchError
from briefgen.llm.batches import Result

LEDGER_NAME = "batches.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, created REAL, settings TEXT, style TEXT, kind TEXT, state TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    job TEXT, idx INTEGER, source TEXT, article TEXT, state TEXT, memo_path TEXT, error TEXT,
    PRIMARY KEY (job, idx)
);
CREATE TABLE IF NOT EXISTS rounds (
    job TEXT, round INTEGER, batch_id TEXT, file_id TEXT, state TEXT, created REAL,
    PRIMARY KEY (job, round)
);
CREATE TABLE IF NOT EXISTS requests (
    job TEXT, custom_id TEXT, hash TEXT, idx INTEGER, round INTEGER, sent INTEGER, body TEXT,
    PRIMARY KEY (job, custom_id)
);
CREATE INDEX IF NOT EXISTS requests_by_hash ON requests (job, idx, hash);
CREATE TABLE IF NOT EXISTS results (
    job TEXT, idx INTEGER, hash TEXT, body TEXT, error TEXT, PRIMARY KEY (job, idx, hash)
);
"""


def ledger_path() -> Path:
    """``<cache dir>/batches.sqlite3`` (BRIEFGEN_CACHE_DIR, else the user cache dir)."""
    return cache_dir() / LEDGER_NAME


@dataclass(frozen=True)
class ArticleRow:
    """One article of a job: its place, name, state, error and memo file."""

    idx: int
    source: str
    state: str
    """pending (answers missing), done (answered, no memo file yet), written, failed."""
    memo_path: str | None
    error: str | None


@dataclass(frozen=True)
class RoundRow:
    """One round of a job: the batch or request file that carried it, and its state."""

    round: int
    batch_id: str | None
    file_id: str | None
    state: str


class Ledger:
    """The ledger file; one connection, committed after each step."""

    def __init__(self, path: Path | None = None):
        self.path = path or ledger_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- jobs --------------------------------------------------------------------------

    def new_job(self, settings: dict[str, Any], style: str, kind: str) -> str:
        job = "bg" + secrets.token_hex(5)
        with self.db:
            self.db.execute(
                "INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?)",
                (job, time.time(), json.dumps(settings), style, kind, "submitted"),
            )
        return job

    def add_article(self, job: str, idx: int, source: str, article: str) -> None:
        self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, 'pending', NULL, NULL)",
            (job, idx, source, article),
        )

    def job(self, job: str) -> tuple[dict[str, Any], str, str, str, float]:
        """(settings, style, kind, state, created); BatchError for an unknown id."""
        row = self.db.execute(
            "SELECT settings, style, kind, state, created FROM jobs WHERE id = ?", (job,)
        ).fetchone()
        if row is None:
            raise BatchError(f"No batch job {job!r} in {self.path}.")
        return json.loads(row[0]), row[1], row[2], row[3], row[4]

    def jobs(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM jobs ORDER BY created")]

    def set_job_state(self, job: str, state: str) -> None:
        with self.db:
            self.db.execute("UPDATE jobs SET state = ? WHERE id = ?", (state, job))

    # -- articles ----------------------------------------------------------------------

    def articles(self, job: str, states: tuple[str, ...] = ()) -> Iterator[ArticleRow]:
        query = "SELECT idx, source, state, memo_path, error FROM articles WHERE job = ?"
        if states:
            query += f" AND state IN ({','.join('?' * len(states))})"
        query += " ORDER BY idx"
        for row in self.db.execute(query, (job, *states)).fetchall():
            yield ArticleRow(*row)

    def article(self, job: str, idx: int) -> str:
        """The stored article (its JSON), read when its memo is made: never all at once."""
        row = self.db.execute(
            "SELECT article FROM articles WHERE job = ? AND idx = ?", (job, idx)
        ).fetchone()
        return str(row[0])

    def counts(self, job: str) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT state, COUNT(*) FROM articles WHERE job = ? GROUP BY state", (job,)
        )
        return dict(rows.fetchall())

    def set_article(
        self, job: str, idx: int, state: str, *, memo_path: str | None = None, error: str = ""
    ) -> None:
        self.db.execute(
            "UPDATE articles SET state = ?, memo_path = COALESCE(?, memo_path), error = ? "
            "WHERE job = ? AND idx = ?",
            (state, memo_path, error or None, job, idx),
        )

    def commit(self) -> None:
        self.db.commit()

    # -- rounds ------------------------------------------------------------------------

    def add_round(self, job: str, batch_id: str | None, file_id: str | None) -> int:
        number = self.last_round(job).round + 1 if self.rounds(job) else 1
        with self.db:
            self.db.execute(
                "INSERT INTO rounds VALUES (?, ?, ?, ?, 'submitted', ?)",
                (job, number, batch_id, file_id, time.time()),
            )
        return number

    def rounds(self, job: str) -> list[RoundRow]:
        rows = self.db.execute(
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
        with self.db:
            self.db.execute(
                "UPDATE rounds SET state = ? WHERE job = ? AND round = ?", (state, job, number)
            )

    # -- requests and results ----------------------------------------------------------

    def add_request(
        self, job: str, custom_id: str, digest: str, *, idx: int, number: int, body: str
    ) -> int:
        """Record a request sent in round ``number``; how often it has been sent now."""
        self.db.execute(
            "INSERT INTO requests VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (job, custom_id) "
            "DO UPDATE SET sent = sent + 1, round = excluded.round",
            (job, custom_id, digest, idx, number, body),
        )
        row = self.db.execute(
            "SELECT sent FROM requests WHERE job = ? AND custom_id = ?", (job, custom_id)
        ).fetchone()
        return int(row[0])

    def times_sent(self, job: str, custom_id: str) -> int:
        row = self.db.execute(
            "SELECT sent FROM requests WHERE job = ? AND custom_id = ?", (job, custom_id)
        ).fetchone()
        return int(row[0]) if row else 0

    def custom_id_of(self, job: str, idx: int, digest: str) -> str | None:
        row = self.db.execute(
            "SELECT custom_id FROM requests WHERE job = ? AND idx = ? AND hash = ?",
            (job, idx, digest),
        ).fetchone()
        return str(row[0]) if row else None

    def request_of(self, job: str, custom_id: str) -> tuple[int, str] | None:
        """(article index, body hash) of a custom_id this job sent."""
        row = self.db.execute(
            "SELECT idx, hash FROM requests WHERE job = ? AND custom_id = ?", (job, custom_id)
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def round_requests(self, job: str, number: int) -> list[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT custom_id, idx FROM requests WHERE job = ? AND round = ?", (job, number)
        )
        return [(str(r[0]), int(r[1])) for r in rows.fetchall()]

    def add_result(self, job: str, idx: int, digest: str, result: Result) -> None:
        body = json.dumps(result.body) if result.body is not None else None
        # A success is never replaced by a later failure of the same request.
        self.db.execute(
            "INSERT INTO results VALUES (?, ?, ?, ?, ?) ON CONFLICT (job, idx, hash) DO UPDATE "
            "SET body = COALESCE(results.body, excluded.body), "
            "error = CASE WHEN results.body IS NULL THEN excluded.error ELSE NULL END",
            (job, idx, digest, body, result.error),
        )

    def answers(self, job: str, idx: int) -> dict[str, Result]:
        rows = self.db.execute(
            "SELECT hash, body, error FROM results WHERE job = ? AND idx = ?", (job, idx)
        )
        return {
            str(h): Result("", json.loads(b) if b is not None else None, e)
            for h, b, e in rows.fetchall()
        }
