"""The story store: every memo of every story, in one SQLite file in the user's data
directory (``BRIEFGEN_DATA_DIR``, else the platform's), so that each new memo of a story
can be made since all the earlier ones.

Each memo is kept whole (its JSON, compressed: memo, data, article, header, report) with
its digest, what the comparison reads, so that the memo after fifty others reads fifty
small digests and only the articles a change needs. The file is safe to share: WAL
journal, a busy timeout, every write one transaction that numbers the memo within its
story (two processes adding to one story at once get memos n and n + 1, never one number
twice). A file that is damaged, locked too long or of a newer format is a
``StoryStoreError``; the store never replaces or repairs a file it cannot read.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefgen.config import data_dir
from briefgen.errors import MemoFileError, StoryStoreError
from briefgen.grounding.changes import DIGEST_FORMAT, MemoDigest, digest_memo
from briefgen.ingest.article import Article
from briefgen.memo.document import MemoDocument
from briefgen.memo.since import EarlierMemo
from briefgen.memo.stored import memo_payload, read_memo
from briefgen.run.earlier import Earlier, describe, labels_of
from briefgen.run.story_index import (
    INDEX_TABLES,
    POSTINGS,
    StoredStory,
    index_of,
    keep_index,
)

STORE_NAME = "stories.sqlite3"
STORE_FORMAT = 1
"""The store's format (``PRAGMA user_version``); a newer one is refused, not rewritten."""
MAX_NAME = 200
BUSY_TIMEOUT_S = 30.0
"""How long a write waits for another process's write to end before it says "locked"."""
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
# The memo's article again, alone (compressed JSON), so that a change's earlier side reads
# it without the whole memo; a store made before it has none (the memo's is read).
_ARTICLE_COLUMN = "ALTER TABLE memos ADD COLUMN article BLOB"
# The story's memos merged into one digest, as a version before the index kept it: no
# longer read or written (the index, story_index.py, holds the same); a story's row is
# dropped when its index is made.
_STATE_TABLE = "story_states"


# The connections this process has open to each store file (in use or idle). The file's
# header is read by Python only while there is none: closing any handle on the file drops
# every lock the process holds on it (POSIX), and SQLite holds one for as long as a WAL
# connection is open, so another process could then take the file from under it.
_OPEN_LOCK = threading.Lock()
_OPEN: Counter[str] = Counter()


def store_path() -> Path:
    """``<data dir>/stories.sqlite3`` (BRIEFGEN_DATA_DIR, else the user data directory)."""
    return data_dir() / STORE_NAME


@dataclass(frozen=True)
class StorySummary:
    """One story of the store: its name, how many memos, the first and last memo dates."""

    name: str
    memos: int
    first: str | None
    last: str | None
    created: float


@dataclass(frozen=True)
class StoredMemo:
    """One memo of a story, read back whole."""

    seq: int
    made: float
    document: MemoDocument


class StoryStore:
    """The memos of every story, in one file; each operation one short connection."""

    def __init__(self, path: Path | None = None, *, timeout: float | None = None):
        self.path = Path(path) if path is not None else store_path()
        self.timeout = BUSY_TIMEOUT_S if timeout is None else timeout
        self._held = threading.local()
        self._lock = threading.Lock()
        self._idle: sqlite3.Connection | None = None
        self._key = str(self.path.resolve())

    # -- the file --------------------------------------------------------------------

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
        connection is kept, idle, for this store's next read (``earlier`` then the
        story's index and articles: one file opening, one schema read, per memo)."""
        if write:
            self.close()
        with self._lock:
            db, self._idle = (None, self._idle) if write else (self._idle, None)
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
            with self._lock:
                if kept and self._idle is None:
                    self._idle, db = db, None
            if db is not None:
                self._closed(db)

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
            return db

    def _closed(self, db: sqlite3.Connection) -> None:
        with _OPEN_LOCK:
            db.close()
            _OPEN[self._key] -= 1

    def close(self) -> None:
        """Close the read connection kept idle (it is closed with the store otherwise)."""
        with self._lock:
            db, self._idle = self._idle, None
        if db is not None:
            self._closed(db)

    def __del__(self) -> None:
        if getattr(self, "_idle", None) is not None:
            self.close()

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

    # -- reading ---------------------------------------------------------------------

    def stories(self) -> list[StorySummary]:
        """Every story, by name."""
        with self._reading() as db:
            if db is None:
                return []
            rows = db.execute(
                "SELECT s.name, COUNT(m.id), MIN(m.seq), MAX(m.seq), s.created FROM stories s "
                "LEFT JOIN memos m ON m.story = s.id GROUP BY s.id ORDER BY s.name"
            ).fetchall()
            found = []
            for name, count, low, high, created in rows:
                dates = {
                    seq: date
                    for seq, date in db.execute(
                        "SELECT m.seq, m.memo_date FROM memos m JOIN stories s ON s.id = m.story "
                        "WHERE s.name = ? AND m.seq IN (?, ?)",
                        (name, low, high),
                    )
                }
                found.append(StorySummary(name, count, dates.get(low), dates.get(high), created))
            return found

    def earlier(self, name: str) -> list[Earlier]:
        """The memos of story ``name`` as earlier memos of the next one, oldest first: the
        story's index on the latest (read by key as the comparison asks), each memo's own
        digest and article when asked for. Empty for a new story."""
        story = check_name(name)
        with self._reading() as db:
            if db is None:
                return []
            rows = db.execute(
                "SELECT m.id, m.seq, m.memo_date, m.published, m.subject, m.title, s.id "
                "FROM memos m JOIN stories s ON s.id = m.story WHERE s.name = ? ORDER BY m.seq",
                (story,),
            ).fetchall()
            labels = labels_of([(row[1], row[2]) for row in rows])
            found = [self._earlier(row, label) for row, label in zip(rows, labels, strict=True)]
            memos = [row[1] for row in rows]
            if rows and index_of(db, rows[-1][6]) == memos:
                indexed = StoredStory(self._reading, rows[-1][6], memos)
                found[-1] = replace(found[-1], story=indexed)
        return found

    def _earlier(self, row: tuple[Any, ...], label: str) -> Earlier:
        memo_id, seq, memo_date, published, subject, title, _ = row
        memo = EarlierMemo(
            number=seq,
            label=label,
            memo_date=memo_date,
            subject=subject,
            title=title,
            published=published,
        )
        # The digest is read when asked for: with the story's merged state, it seldom is.
        return Earlier(memo, lambda: self._stored_digest(memo_id), lambda: self.article(memo_id))

    def _stored_digest(self, memo_id: int) -> MemoDigest:
        with self._reading() as db:
            if db is None:
                raise self._problem(sqlite3.DatabaseError(f"memo {memo_id} is gone"))
            return self._digest_of(db, memo_id)

    def _digest(self, db: sqlite3.Connection, memo_id: int, text: str) -> MemoDigest:
        """A memo's stored digest; made again from the memo when another version wrote it."""
        try:
            read: MemoDigest | None = MemoDigest.model_validate_json(text)
        except ValidationError:
            read = None
        if read is not None and read.format == DIGEST_FORMAT:
            return read
        document = self._document(db, memo_id)
        return digest_memo(document.data, document.article)

    def _digest_of(self, db: sqlite3.Connection, memo_id: int) -> MemoDigest:
        (text,) = db.execute("SELECT digest FROM memos WHERE id = ?", (memo_id,)).fetchone()
        return self._digest(db, memo_id, text)

    def article(self, memo_id: int) -> Article:
        """The article of the stored memo ``memo_id`` (its own connection, or the read
        open on this thread: it is read on whichever thread grounds a change)."""
        with self._reading() as db:
            if db is None:
                raise self._problem(sqlite3.DatabaseError(f"memo {memo_id} is gone"))
            try:
                row = db.execute("SELECT article FROM memos WHERE id = ?", (memo_id,)).fetchone()
            except sqlite3.OperationalError:  # a store made before the column
                row = None
            if row is None or row[0] is None:
                return self._document(db, memo_id).article
            try:
                return Article.model_validate_json(zlib.decompress(row[0]))
            except (zlib.error, ValidationError) as exc:
                raise self._problem(sqlite3.DatabaseError(f"memo {memo_id}: {exc}")) from None

    def _document(self, db: sqlite3.Connection, memo_id: int) -> MemoDocument:
        row = db.execute("SELECT memo FROM memos WHERE id = ?", (memo_id,)).fetchone()
        if row is None:
            raise self._problem(sqlite3.DatabaseError(f"memo {memo_id} is gone"))
        try:
            return read_memo(zlib.decompress(row[0]), where=f"memo {memo_id} of {self.path}")
        except (zlib.error, MemoFileError) as exc:
            raise self._problem(sqlite3.DatabaseError(f"memo {memo_id}: {exc}")) from None

    def memos(self, name: str) -> list[StoredMemo]:
        """Every memo of story ``name``, oldest first; StoryStoreError when there is none."""
        story = check_name(name)
        with self._reading() as db:
            rows = []
            if db is not None:
                rows = db.execute(
                    "SELECT m.id, m.seq, m.made FROM memos m JOIN stories s ON s.id = m.story "
                    "WHERE s.name = ? ORDER BY m.seq",
                    (story,),
                ).fetchall()
            if not rows:
                raise StoryStoreError(
                    f"No story {story!r} in {self.path}; 'briefgen story list' shows the stories.",
                    problem="no such story",
                    path=str(self.path),
                )
            assert db is not None
            return [StoredMemo(seq, made, self._document(db, i)) for i, seq, made in rows]

    # -- writing ---------------------------------------------------------------------

    def add(self, name: str, document: MemoDocument) -> int:
        """Keep ``document`` as the next memo of story ``name``, and the story's merged
        digest with it, in one transaction; its number in the story."""
        story = check_name(name)
        made = digest_memo(document.data, document.article)
        digest = made.model_dump_json()
        payload = memo_payload(document)
        blob = zlib.compress(json.dumps(payload, ensure_ascii=False).encode(), 6)
        article = zlib.compress(json.dumps(payload["article"], ensure_ascii=False).encode(), 6)
        described = describe(document, 0)
        with self._connection(write=True) as db:
            db.execute(
                "INSERT OR IGNORE INTO stories (name, created) VALUES (?, ?)", (story, time.time())
            )
            (story_id,) = db.execute("SELECT id FROM stories WHERE name = ?", (story,)).fetchone()
            (seq,) = db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM memos WHERE story = ?", (story_id,)
            ).fetchone()
            if not any(c[1] == "article" for c in db.execute("PRAGMA table_info(memos)")):
                db.execute(_ARTICLE_COLUMN)
            db.execute(
                "INSERT INTO memos (story, seq, made, memo_date, published, subject, title, "
                "digest, memo, article) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    story_id,
                    seq,
                    time.time(),
                    described.memo_date,
                    described.published,
                    described.subject,
                    described.title,
                    digest,
                    blob,
                    article,
                ),
            )
            keep_index(db, story_id, seq, made, lambda: self._digests_before(db, story_id, seq))
            _drop_state(db, story_id)  # the index holds it now
        return int(seq)

    def _digests_before(
        self, db: sqlite3.Connection, story_id: int, seq: int
    ) -> list[tuple[int, MemoDigest]]:
        rows = db.execute(
            "SELECT id, seq FROM memos WHERE story = ? AND seq < ? ORDER BY seq", (story_id, seq)
        ).fetchall()
        return [(n, self._digest_of(db, memo_id)) for memo_id, n in rows]

    def forget(self, name: str) -> int:
        """Remove story ``name`` and its memos; how many memos it had."""
        story = check_name(name)
        with self._connection(write=True) as db:
            row = db.execute("SELECT id FROM stories WHERE name = ?", (story,)).fetchone()
            if row is None:
                raise StoryStoreError(
                    f"No story {story!r} in {self.path}.",
                    problem="no such story",
                    path=str(self.path),
                )
            (count,) = db.execute("SELECT COUNT(*) FROM memos WHERE story = ?", row).fetchone()
            db.execute("DELETE FROM memos WHERE story = ?", row)
            for statement in INDEX_TABLES:
                db.execute(statement)
            for table in POSTINGS:
                db.execute(f"DELETE FROM {table} WHERE story = ?", row)
            _drop_state(db, row[0])
            db.execute("DELETE FROM stories WHERE id = ?", row)
        return int(count)


def _drop_state(db: sqlite3.Connection, story_id: int) -> None:
    """The merged state an older version kept of the story, dropped."""
    with suppress(sqlite3.OperationalError):  # a store made without it
        db.execute(f"DELETE FROM {_STATE_TABLE} WHERE story = ?", (story_id,))


def check_name(name: str) -> str:
    """A story's name as kept: its words joined by single spaces; a StoryStoreError
    ("bad name") when it is empty, too long or holds control characters."""
    story = " ".join(str(name).split())
    if not story or len(story) > MAX_NAME or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in story):
        raise StoryStoreError(
            f"A story's name is 1 to {MAX_NAME} printable characters, not {name!r}.",
            problem="bad name",
        )
    return story
