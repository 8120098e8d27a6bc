"""The story store's file: its connections and transactions, its schema and format.

Every operation is one transaction on a connection of its own; a read's connection is
then kept, idle, for the process's next read of the same file (``earlier``, then the
story's index and the articles a change needs, then the next memo's: the file is opened
and its schema read once per process, not once per read). A
file that is not a SQLite database, is locked too long, or is of a newer format is a
``StoryStoreError``; the file is never replaced or repaired.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from briefgen.errors import StoryStoreError
from briefgen.run.story_index import INDEX_TABLES

STORE_FORMAT = 1
"""The store's format (``PRAGMA user_version``); a newer one is refused, not rewritten."""
_SQLITE_HEADER = b"SQLite format 3\x00"
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS stories (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created REAL NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS memos (
        id INTEGER PRIMARY KEY,
        story INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        made REAL NOT NULL,
        memo_date TEXT NOT NULL,
        published TEXT,
        subject TEXT NOT NULL,
        title TEXT,
        digest TEXT NOT NULL,
        memo BLOB NOT NULL,
        article BLOB,
        UNIQUE (story, seq))""",
)

# The connections this process has open to each store file (in use or idle). The file's
# header is read by Python only while there is none: closing any handle on the file drops
# every lock the process holds on it (POSIX), and SQLite holds one for as long as a WAL
# connection is open, so another process could then take the file from under it.
_OPEN_LOCK = threading.Lock()
_OPEN: Counter[str] = Counter()
# Each connection's file, as counted in _OPEN (its path resolved when it was opened).
_COUNTED: dict[int, str] = {}
# One idle read connection per path (and busy timeout), with the file's identity when it
# was opened: a store moved away and made again is another file, read afresh.
_IDLE: dict[tuple[str, float], tuple[sqlite3.Connection, tuple[int, int]]] = {}


class StoreFile:
    """One store file: connections, each in one transaction."""

    def __init__(self, path: Path, timeout: float):
        self.path = path
        self.timeout = timeout
        self._held = threading.local()

    @cached_property
    def _key(self) -> str:
        # Resolved only to open a connection: a read that takes the idle one does not.
        return str(self.path.resolve())

    def _problem(self, exc: BaseException) -> StoryStoreError:
        text = str(exc)
        lowered = text.lower()
        if "locked" in lowered or "busy" in lowered:
            return StoryStoreError(
                f"The story store {self.path} is locked by another process (waited "
                f"{self.timeout:g}s); try again when it is done.",
                problem="locked",
                path=str(self.path),
            )
        if isinstance(exc, OSError) or "readonly" in lowered or "unable to open" in lowered:
            return StoryStoreError(
                f"Cannot write the story store {self.path} ({text}); set BRIEFGEN_DATA_DIR "
                "to a writable directory.",
                problem="unwritable",
                path=str(self.path),
            )
        return StoryStoreError(
            f"The story store {self.path} is damaged ({text}); it was left as it is. Move "
            "it away (or restore a copy) to start a new one.",
            problem="damaged",
            path=str(self.path),
        )

    def _check_header(self) -> None:
        # Read only while this store has no connection open: closing any file of the
        # store's would drop the locks SQLite holds on it (a WAL reader holds one even
        # between transactions), and another process could then damage the file.
        try:
            with self.path.open("rb") as handle:
                head = handle.read(len(_SQLITE_HEADER))
        except FileNotFoundError:
            return
        except OSError as exc:
            raise self._problem(exc) from None
        if head and head != _SQLITE_HEADER:
            raise self._problem(sqlite3.DatabaseError("file is not a database"))

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        """A connection in one read transaction; None while there is no store (or no
        memo in it) yet. Inside another read on the same thread, that read's own (one
        connection, one snapshot, for the story's index and the articles a change needs)."""
        if getattr(self._held, "reading", False):
            yield self._held.db
            return
        if not self.path.exists():
            yield None
            return
        with self._connection(write=False) as db:
            found = db if self._held.tables else None  # (read by _prepare)
            self._held.reading, self._held.db = True, found
            try:
                yield found
            finally:
                self._held.reading, self._held.db = False, None

    @contextmanager
    def _connection(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """A connection in one transaction (``BEGIN IMMEDIATE`` for a write). A read's
        connection is kept, idle, for the process's next read of the file (one file
        opening, one schema read, for all the memos a process makes)."""
        db = None if write else self._take_idle()
        kept = False
        try:
            if db is None:
                db = self._connect(write=write)
            if write:  # (a read enforces no key; connect's timeout is the busy timeout)
                db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
                db.execute("PRAGMA foreign_keys = ON")
                self._wal(db)
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            self._prepare(db, write=write)
            yield db
            db.execute("COMMIT")
            kept = not write
        except sqlite3.Error as exc:
            if db is not None and db.in_transaction:
                db.execute("ROLLBACK")
            raise self._problem(exc) from None
        except BaseException:
            if db is not None and db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            if kept and db is not None and self._keep_idle(db):
                db = None
            if db is not None:
                self._closed(db)

    def _take_idle(self) -> sqlite3.Connection | None:
        """The idle read connection to this file, if the file is still the one it opened."""
        with _OPEN_LOCK:
            kept = _IDLE.pop((str(self.path), self.timeout), None)
        if kept is None:
            return None
        db, identity = kept
        if _identity(self.path) == identity:
            return db
        self._closed(db)
        return None

    def _keep_idle(self, db: sqlite3.Connection) -> bool:
        """Keep ``db`` idle for the next read (False: one is kept already)."""
        identity = _identity(self.path)
        with _OPEN_LOCK:
            if identity is None or (str(self.path), self.timeout) in _IDLE:
                return False
            _IDLE[(str(self.path), self.timeout)] = (db, identity)
            return True

    def _connect(self, *, write: bool) -> sqlite3.Connection:
        """A new connection (the file made, private, for a write), its header read first
        when the process has no other connection to it; counted until ``_closed``."""
        with _OPEN_LOCK:
            if not _OPEN[self._key]:
                self._check_header()
            try:
                if write:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    if not self.path.exists():
                        # Created private before SQLite opens it: it holds article text.
                        os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
                # A read's connection may serve the next read on another thread (one at
                # a time).
                db = sqlite3.connect(
                    self.path, timeout=self.timeout, isolation_level=None, check_same_thread=write
                )
            except (OSError, sqlite3.Error) as exc:
                raise self._problem(exc) from None
            _OPEN[self._key] += 1
            _COUNTED[id(db)] = self._key
            return db

    def _closed(self, db: sqlite3.Connection) -> None:
        with _OPEN_LOCK:
            db.close()
            _OPEN[_COUNTED.pop(id(db))] -= 1

    def close(self) -> None:
        """Close the read connections kept idle for this file (at exit otherwise)."""
        with _OPEN_LOCK:
            keys = [key for key, (db, _) in _IDLE.items() if _COUNTED[id(db)] == self._key]
            kept = [_IDLE.pop(key)[0] for key in keys]
        for db in kept:
            self._closed(db)

    def _wal(self, db: sqlite3.Connection) -> None:
        """The store in WAL mode. Switching a new store to it takes the file whole, and
        SQLite answers "locked" at once, without waiting, when two processes make the
        store together: so the switch is retried until the timeout."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _prepare(self, db: sqlite3.Connection, *, write: bool) -> None:
        version, tables = db.execute(
            "SELECT user_version, EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'memos') "
            "FROM pragma_user_version"
        ).fetchone()
        self._held.tables = bool(tables)
        if int(version) > STORE_FORMAT:
            raise StoryStoreError(
                f"The story store {self.path} is of format {version}, written by a newer "
                f"briefgen (this one reads format {STORE_FORMAT}); use that version.",
                problem="newer format",
                path=str(self.path),
            )
        if int(version) == 0 and write:
            for statement in (*_SCHEMA, *INDEX_TABLES):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {STORE_FORMAT}")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _forget_inherited() -> None:
    # A forked child must not use (nor close: SQLite would checkpoint) its parent's
    # connections; it opens its own (and a lock another thread held at the fork is new).
    global _OPEN_LOCK  # noqa: PLW0603 (a new lock: the held one cannot be released here)
    _OPEN_LOCK = threading.Lock()
    _IDLE.clear()
    _COUNTED.clear()
    _OPEN.clear()


os.register_at_fork(after_in_child=_forget_inherited)


@atexit.register
def _close_idle() -> None:
    # The last connection's close folds the WAL into the file and removes it.
    with _OPEN_LOCK:
        kept = [db for db, _ in _IDLE.values()]
        _IDLE.clear()
    for db in kept:
        db.close()
