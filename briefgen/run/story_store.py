"""The story store: every memo of every story, in one SQLite file in the user's data
directory (``BRIEFGEN_DATA_DIR``, else the platform's), so that each new memo of a story
can be made since all the earlier ones.

Each memo is kept whole (its JSON, compressed: memo, data, article, header, report) with
its digest and its article alone; each story with its index (``story_index.py``), the
story's memos merged and looked up by key, so that the memo after fifty others reads
what its own items name and only the articles a change needs. The file is safe to share: WAL
journal, a busy timeout, every write one transaction that numbers the memo within its
story (two processes adding to one story at once get memos n and n + 1, never one number
twice). A file that is damaged, locked too long or of a newer format is a
``StoryStoreError``; the store never replaces or repairs a file it cannot read.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections.abc import Sequence
from contextlib import suppress
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
from briefgen.run.story_file import STORE_FORMAT, StoreFile
from briefgen.run.story_index import (
    INDEX_NAMES,
    INDEX_TABLES,
    StoredStory,
    index_of,
    keep_index,
)
from briefgen.run.story_memos import StoredMemos

__all__ = [
    "BUSY_TIMEOUT_S",
    "MAX_NAME",
    "STORE_FORMAT",
    "STORE_NAME",
    "StoredMemo",
    "StoryStore",
    "StorySummary",
    "check_name",
    "store_path",
]

STORE_NAME = "stories.sqlite3"
MAX_NAME = 200
BUSY_TIMEOUT_S = 30.0
"""How long a write waits for another process's write to end before it says "locked"."""
# The memo's article again, alone (compressed JSON), so that a change's earlier side reads
# it without the whole memo; a store made before it has none (the memo's is read).
_ARTICLE_COLUMN = "ALTER TABLE memos ADD COLUMN article BLOB"
# The story's memos merged into one digest, as a version before the index kept it: no
# longer read or written (the index, story_index.py, holds the same); a story's row is
# dropped when its index is made.
_STATE_TABLE = "story_states"


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


class StoryStore(StoreFile):
    """The memos of every story, in one file; each operation one short transaction."""

    def __init__(self, path: Path | None = None, *, timeout: float | None = None):
        super().__init__(
            Path(path) if path is not None else store_path(),
            BUSY_TIMEOUT_S if timeout is None else timeout,
        )

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

    def earlier(self, name: str) -> Sequence[Earlier]:
        """The memos of story ``name`` as earlier memos of the next one, oldest first: the
        story's index on the latest (read by key as the comparison asks), each memo's own
        digest and article when asked for; each memo made only when asked for
        (``StoredMemos``). Empty for a new story."""
        story = check_name(name)
        with self._reading() as db:
            if db is None:
                return []
            rows = db.execute(
                "SELECT m.id, m.seq, m.memo_date, m.published, m.subject, m.title, s.id "
                "FROM memos m JOIN stories s ON s.id = m.story WHERE s.name = ? ORDER BY m.seq",
                (story,),
            ).fetchall()
            if not rows:
                return []
            labels = labels_of([(row[1], row[2]) for row in rows])
            found = StoredMemos(rows, labels, self._earlier)
            memos = [row[1] for row in rows]
            if index_of(db, rows[-1][6]) == memos:
                indexed = StoredStory(self._reading, rows[-1][6], memos)
                found.replace_last(lambda last: replace(last, story=indexed))
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
        # The digest is read when asked for: with the story's index, it seldom is.
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
        """Keep ``document`` as the next memo of story ``name``, and the story's index
        with it, in one transaction; its number in the story."""
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
            for table in INDEX_NAMES:
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
