"""The ledger file's format: its tables, and moving a ledger of an older briefgen up.

Answers and failed requests live in tables of their own (an answer replaces a failure,
never the other way round); ``PRAGMA user_version`` says which format a file has.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

LEDGER_FORMAT = 2
"""``PRAGMA user_version`` of the file; 0 is the ledger of briefgen 0.1 (one results
table for answers and failures), moved up on open."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, created REAL, settings TEXT, style TEXT, kind TEXT, state TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    job TEXT, idx INTEGER, source TEXT, article TEXT, state TEXT, memo_path TEXT, error TEXT,
    error_kind TEXT, PRIMARY KEY (job, idx)
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
CREATE INDEX IF NOT EXISTS requests_by_round ON requests (job, round);
CREATE TABLE IF NOT EXISTS answers (
    job TEXT, idx INTEGER, hash TEXT, body TEXT NOT NULL, PRIMARY KEY (job, idx, hash)
);
CREATE TABLE IF NOT EXISTS failures (
    job TEXT, idx INTEGER, hash TEXT, error TEXT NOT NULL, PRIMARY KEY (job, idx, hash)
);
CREATE TABLE IF NOT EXISTS locks (
    job TEXT PRIMARY KEY, token TEXT, pid INTEGER, host TEXT, since REAL, beat REAL
);
"""


def migrate(run: Callable[[str], sqlite3.Cursor], version: int) -> None:
    """Bring a ledger of format ``version`` to ``LEDGER_FORMAT`` (``run`` executes one
    statement): the tables it lacks, the error kind of each article, the answers and
    failures of format 1's one results table apart."""
    tables = {r[0] for r in run("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "articles" in tables:
        columns = {r[1] for r in run("PRAGMA table_info(articles)")}
        if "error_kind" not in columns:
            run("ALTER TABLE articles ADD COLUMN error_kind TEXT")
    for statement in SCHEMA.split(";"):
        if statement.strip():
            run(statement)
    if version < LEDGER_FORMAT and "results" in tables:
        run(
            "INSERT OR IGNORE INTO answers SELECT job, idx, hash, body FROM results "
            "WHERE body IS NOT NULL"
        )
        run(
            "INSERT OR IGNORE INTO failures SELECT job, idx, hash, COALESCE(error, 'failed') "
            "FROM results WHERE body IS NULL"
        )
        run("DROP TABLE results")
