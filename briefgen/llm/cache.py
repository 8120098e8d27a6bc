"""A response cache: the same request to the same model costs no second call.

Entries live in one SQLite file (default ``<user cache dir>/briefgen/responses.sqlite3``).
The key is a SHA-256 over everything that shapes the answer: the server, the model, the
messages, the structured-output request (schema or grammar) and the sampling settings.
Only answers that validated are stored, so a hit never replays a broken reply.

SQLite in WAL mode with a busy timeout makes the file safe to share between threads and
processes; each operation opens a short-lived connection, so nothing is tied to a thread
or an event loop. The file holds article text: it is created readable by its owner only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefgen.errors import ConfigError

logger = logging.getLogger(__name__)

# Bump when the stored format or the meaning of a key changes.
_FORMAT = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    content TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    created REAL NOT NULL
)
"""


class CachedAnswer(BaseModel):
    """A validated reply and what it cost when it was first made."""

    content: str
    prompt_tokens: int
    completion_tokens: int


def request_key(endpoint_id: str, request: Mapping[str, Any]) -> str:
    """A stable digest of a request: same digest, same answer (at temperature 0)."""
    canonical = json.dumps(
        {"format": _FORMAT, "endpoint": endpoint_id, "request": request},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ResponseCache:
    """Get and put validated replies by request key."""

    def __init__(self, path: Path):
        self.path = path
        self._ready = False
        self._warned = False
        self.problem: str | None = None
        """Why the file cannot be used, once that is known."""
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        connection.execute("PRAGMA busy_timeout = 30000")
        return connection

    def _prepare(self) -> None:
        with self._lock:
            if self._ready:
                return
            if self.problem is not None:
                raise ConfigError(self.problem)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                if not self.path.exists():
                    # Created private before SQLite opens it: it will hold article text.
                    fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
                    os.close(fd)
                with closing(self._connect()) as db:
                    db.execute("PRAGMA journal_mode = WAL")
                    db.execute(_SCHEMA)
            except (OSError, sqlite3.Error) as exc:
                self.problem = (
                    f"Cannot use the response cache at {self.path}: {exc}. Point "
                    "BRIEFGEN_RESPONSE_CACHE at a writable file, or turn the cache off with "
                    "cache=False."
                )
                raise ConfigError(self.problem) from None
            self._ready = True

    def usable(self) -> bool:
        """Prepare the file; on failure warn once and answer False (memos go on without
        the cache: it only saves calls). ``problem`` then says why."""
        try:
            self._prepare()
        except ConfigError:
            with self._lock:
                if not self._warned:
                    self._warned = True
                    logger.warning("%s Running without the response cache.", self.problem)
            return False
        return True

    def get(self, key: str) -> CachedAnswer | None:
        if not self.usable():
            return None
        try:
            with closing(self._connect()) as db:
                row = db.execute(
                    "SELECT content, prompt_tokens, completion_tokens FROM responses WHERE key = ?",
                    (key,),
                ).fetchone()
        except sqlite3.Error as exc:
            # A damaged or locked cache must not stop the memo; it only costs a call.
            logger.warning("Response cache read failed (%s); calling the model", exc)
            return None
        if row is None:
            return None
        return CachedAnswer(content=row[0], prompt_tokens=row[1], completion_tokens=row[2])

    def put(self, key: str, model: str, answer: CachedAnswer) -> None:
        if not self.usable():
            return
        try:
            with closing(self._connect()) as db:
                db.execute(
                    "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        key,
                        model,
                        answer.content,
                        answer.prompt_tokens,
                        answer.completion_tokens,
                        time.time(),
                    ),
                )
        except sqlite3.Error as exc:
            logger.warning("Response cache write failed (%s); the answer is not cached", exc)

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        self._prepare()
        with closing(self._connect()) as db:
            count = int(db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])
            db.execute("DELETE FROM responses")
        return count

    def __len__(self) -> int:
        self._prepare()
        with closing(self._connect()) as db:
            return int(db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])
