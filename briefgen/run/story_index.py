"""The story store's index of each story: the story's memos merged (as ``StoryDigest``
merges them), one row per entry, looked up by key, so that the next memo asks for what
its own items name and neither reads nor validates the whole story.

Each memo added updates the index in the memo's own transaction: an entry given again
keeps its row and moves to the end of the story's order (its rank), a new one is added,
so the index grows with what is new in the story. The index says which memos it is of
(``story_index.memos``); when that is not the story's memos (a store made before the
index, or written by a version without it) it is made again from the memos' digests.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from briefgen.errors import StoryStoreError
from briefgen.grounding.changes import (
    DIGEST_FORMAT,
    Asked,
    Based,
    Carried,
    CarriedActor,
    CarriedPosition,
    CarriedQuote,
    Figure,
    MemoDigest,
    StoryBaseError,
    StoryDigest,
    merge_all,
    name_look,
    role_key,
    role_look,
)

logger = logging.getLogger(__name__)

INDEX_TABLES = (
    """CREATE TABLE IF NOT EXISTS story_index (
        story INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
        memos TEXT NOT NULL,
        format INTEGER NOT NULL,
        next INTEGER NOT NULL)""",
    # kind: n name, w word, a actor, s statement, q quotation, p position, f figure.
    # ident: what makes two entries one (hashed); look: what it is looked up by.
    """CREATE TABLE IF NOT EXISTS story_entries (
        id INTEGER PRIMARY KEY,
        story INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        ident TEXT NOT NULL,
        look TEXT NOT NULL,
        rank INTEGER NOT NULL,
        memo INTEGER NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (story, kind, ident))""",
    "CREATE INDEX IF NOT EXISTS story_entries_look ON story_entries (story, kind, look, rank)",
    # The statements that hold a stem ("s" + stem) or a value ("v" + value): their
    # entries' ids, 4 bytes each, little-endian, in the order they were added.
    """CREATE TABLE IF NOT EXISTS story_postings (
        story INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        entries BLOB NOT NULL,
        PRIMARY KEY (story, key)) WITHOUT ROWID""",
)
INDEX_NAMES = ("story_postings", "story_entries", "story_index")
"""The index's tables, each with a story column (dropped in this order)."""
Entry = TypeVar("Entry", bound=BaseModel)
_Row = tuple[str, str, str, int, str, list[str]]
"""kind, ident, look, memo, body, posting keys."""


def _hashed(*key: object) -> str:
    text = json.dumps(key, ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _rows(memo: int, digest: MemoDigest | StoryDigest) -> Iterator[_Row]:
    """The index rows of ``digest`` (a memo's, stamped ``memo``; or a merged story's,
    each entry with its own memo), in its order; the same idents as ``merged`` keys."""
    whole = isinstance(digest, StoryDigest)
    first = digest.names if isinstance(digest, StoryDigest) else dict.fromkeys(digest.names, memo)

    def stamp(entries: list[Entry]) -> list[Entry]:
        return entries if whole else [e.model_copy(update={"memo": memo}) for e in entries]

    for name, given in first.items():
        if look := name_look(name):
            yield "n", name, look, given, "", []
    for word in digest.words:
        yield "w", word, word, memo, "", []
    for actor in stamp(digest.actors):
        look = role_look(role_key(actor.title))
        yield "a", _hashed(actor.name, actor.title), look, actor.memo, actor.model_dump_json(), []
    for entry in stamp(digest.statements):
        ident = _hashed(entry.section, entry.text)
        keys = [f"s{stem}" for stem in entry.stems] + [f"v{value}" for value in entry.values]
        # Looked up by id, never by look: it keeps the section (read without the body).
        yield "s", ident, entry.section, entry.memo, entry.model_dump_json(), sorted(set(keys))
    for quote in stamp(digest.quotes):
        yield "q", _hashed(quote.folded), quote.folded, quote.memo, quote.model_dump_json(), []
    for position in stamp(digest.positions):
        ident, look = _hashed(position.party, position.stance), name_look(position.party)
        yield "p", ident, look, position.memo, position.model_dump_json(), []
    for figure in stamp(digest.figures):
        ident = _hashed(figure.measure, figure.subject, figure.values, figure.claim)
        look = _hashed(figure.measure, figure.subject)
        yield "f", ident, look, figure.memo, figure.model_dump_json(), []


def _put(db: sqlite3.Connection, story: int, rows: Iterable[_Row], rank: int) -> int:
    """``rows`` in the index from ``rank`` on: a name or word once (its first memo), any
    other entry at its last giving (its row kept, so its postings hold). The next rank."""
    added: dict[str, list[int]] = {}
    for kind, ident, look, memo, body, keys in rows:
        cursor = db.execute(
            "INSERT OR IGNORE INTO story_entries (story, kind, ident, look, rank, memo, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (story, kind, ident, look, rank, memo, body),
        )
        if cursor.rowcount == 1:
            for key in keys:
                added.setdefault(key, []).append(int(cursor.lastrowid or 0))
        elif kind not in "nw":
            db.execute(
                "UPDATE story_entries SET look = ?, rank = ?, memo = ?, body = ? "
                "WHERE story = ? AND kind = ? AND ident = ?",
                (look, rank, memo, body, story, kind, ident),
            )
        rank += 1
    for key, entries in added.items():
        row = db.execute(
            "SELECT entries FROM story_postings WHERE story = ? AND key = ?", (story, key)
        ).fetchone()
        blob = (row[0] if row else b"") + _packed(entries)
        db.execute(
            "INSERT OR REPLACE INTO story_postings (story, key, entries) VALUES (?, ?, ?)",
            (story, key, blob),
        )
    return rank


def _packed(entries: list[int]) -> bytes:
    found = array("i", entries)
    if sys.byteorder == "big":
        found.byteswap()
    return found.tobytes()


def _unpacked(blob: bytes) -> array[int]:
    found = array("i")
    try:
        found.frombytes(blob)
    except (TypeError, ValueError):
        raise StoryBaseError("a posting of the story's index is damaged") from None
    if sys.byteorder == "big":
        found.byteswap()
    return found


def index_of(db: sqlite3.Connection, story: int) -> list[int] | None:
    """The memos the index of ``story`` is of; None when there is none of this format."""
    try:
        row = db.execute(
            "SELECT memos, format FROM story_index WHERE story = ?", (story,)
        ).fetchone()
    except sqlite3.OperationalError:  # a store made before the index
        return None
    if row is None or row[1] != DIGEST_FORMAT:
        return None
    try:
        memos = json.loads(row[0])
    except ValueError:
        return None
    return memos if isinstance(memos, list) else None


def keep_index(
    db: sqlite3.Connection,
    story: int,
    seq: int,
    digest: MemoDigest,
    earlier: Callable[[], Iterable[tuple[int, MemoDigest]]],
) -> None:
    """The index of ``story`` with memo ``seq``'s ``digest`` added; made again from
    ``earlier`` (the digests of the memos before it) when it is not of exactly them."""
    for statement in INDEX_TABLES:
        db.execute(statement)
    before = [
        n
        for (n,) in db.execute(
            "SELECT seq FROM memos WHERE story = ? AND seq < ? ORDER BY seq", (story, seq)
        )
    ]
    row = db.execute("SELECT next FROM story_index WHERE story = ?", (story,)).fetchone()
    if row is not None and index_of(db, story) == before:
        rank = _put(db, story, _rows(seq, digest), int(row[0]))
    else:
        logger.info("Story %d: its index is made again from its %d memo(s)", story, len(before))
        for table in INDEX_NAMES[:2]:
            db.execute(f"DELETE FROM {table} WHERE story = ?", (story,))
        rank = _put(db, story, _rows(0, merge_all([*earlier(), (seq, digest)])), 0)
    db.execute(
        "INSERT OR REPLACE INTO story_index (story, memos, format, next) VALUES (?, ?, ?, ?)",
        (story, json.dumps([*before, seq]), DIGEST_FORMAT, rank),
    )


class StoredStory:
    """A story's index in the store (``StoryBase``): read through one connection, in one
    read transaction, opened by ``reading()``, which checks first that the index is
    still of ``memos``."""

    def __init__(
        self,
        opener: Callable[[], AbstractContextManager[sqlite3.Connection | None]],
        story: int,
        memos: list[int],
    ):
        self._open = opener
        self._story = story
        self._memos = list(memos)
        self._db: sqlite3.Connection | None = None
        self._read: dict[str, array[int]] = {}
        self._quotes: list[tuple[str, int, int]] | None = None

    @property
    def memos(self) -> list[int]:
        """The memos it is of."""
        return list(self._memos)

    @contextmanager
    def reading(self) -> Iterator[object]:
        """The index open for lookups (StoryBaseError: the story moved on, or is gone)."""
        try:
            with self._open() as db:
                if db is None or index_of(db, self._story) != self._memos:
                    raise StoryBaseError("the story's index is no longer of the memos read")
                self._db, self._read, self._quotes = db, {}, None
                try:
                    yield self
                finally:
                    self._db, self._read, self._quotes = None, {}, None
        except StoryStoreError as exc:  # the store could not be opened: try memo by memo
            raise StoryBaseError(str(exc)) from None

    def _select(self, sql: str, *args: object) -> list[Any]:
        if self._db is None:
            raise StoryBaseError("the story's index is read outside reading()")
        try:
            return self._db.execute(sql, (self._story, *args)).fetchall()
        except sqlite3.Error as exc:
            raise StoryBaseError(f"the story's index cannot be read ({exc})") from None

    def _entries(self, model: type[Entry], kind: str, look: str) -> list[tuple[int, Entry]]:
        rows = self._select(
            "SELECT memo, body FROM story_entries WHERE story = ? AND kind = ? AND look = ? "
            "ORDER BY rank",
            kind,
            look,
        )
        return [(memo, _parsed(model, body)) for memo, body in rows]

    def statements(self, asked: Sequence[Asked], *, carried: bool) -> list[list[Based]]:
        """For each of ``asked``, the statements holding at least its number of its stems,
        in story order (when ``carried``, of those holding every one of its values, the
        one holding the most stems, of the latest memo): the postings of all in one
        query, the statements found in one more."""
        postings = self._postings(
            sorted(
                {f"s{stem}" for a in asked for stem in a.stems}
                | {f"v{value}" for a in asked for value in a.values}
            )
        )
        counted = [_counted(postings, one, carried=carried) for one in asked]
        wanted = sorted(set().union(*(held for held, _, _ in counted)))
        if not wanted:
            return [[] for _ in asked]
        # By rowid ("+story": not by the story's index, which would read all its entries).
        rows = self._select(
            "SELECT id, memo, look FROM story_entries WHERE +story = ? AND id IN "
            "(SELECT value FROM json_each(?)) ORDER BY rank",
            json.dumps(wanted),
        )
        if carried:  # the latest of the best, one for each lookup: not one for each tie
            counted = [(_latest(rows, held), shared, values) for held, shared, values in counted]
        # Each statement's place in story order, then each lookup's statements in it.
        placed = {entry: n for n, (entry, _, _) in enumerate(rows)}
        found = []
        for held, shared, with_values in counted:
            mine = sorted(placed[entry] for entry in held if entry in placed)
            found.append(
                [
                    Based(
                        rows[n][1],
                        shared[rows[n][0]],
                        rows[n][0] in with_values,
                        rows[n][2],
                        partial(self._entry, Carried, rows[n][0]),
                    )
                    for n in mine
                ]
            )
        return found

    def _postings(self, keys: list[str]) -> dict[str, array[int]]:
        """The postings of ``keys`` (empty for a key no statement has), each read once
        while the index is open: the new memo's items share many stems."""
        missing = [key for key in keys if key not in self._read]
        if missing:
            found = self._select(
                "SELECT key, entries FROM story_postings WHERE story = ? AND key IN "
                "(SELECT value FROM json_each(?))",
                json.dumps(missing, ensure_ascii=False),
            )
            self._read.update((key, _unpacked(blob)) for key, blob in found)
            self._read.update((key, array("i")) for key in missing if key not in self._read)
        return {key: self._read[key] for key in keys}

    def _entry(self, model: type[Entry], entry: int) -> Entry:
        rows = self._select("SELECT body FROM story_entries WHERE +story = ? AND id = ?", entry)
        if not rows:
            raise StoryBaseError(f"entry {entry} of the story's index is gone")
        return _parsed(model, rows[0][0])

    def forms(self, surnames: Collection[str]) -> dict[str, list[tuple[str, int]]]:
        """For each of ``surnames``, the names whose key ends in it, with their first memo."""
        rows = self._select(
            "SELECT look, ident, memo FROM story_entries WHERE story = ? AND kind = 'n' AND "
            "look IN (SELECT value FROM json_each(?)) ORDER BY rank",
            json.dumps(sorted(set(surnames)), ensure_ascii=False),
        )
        found: dict[str, list[tuple[str, int]]] = {surname: [] for surname in surnames}
        for look, name, memo in rows:
            found[look].append((name, memo))
        return found

    def has_words(self, found: Collection[str]) -> bool:
        """Whether every one of ``found`` is a word the story carried."""
        wanted = sorted(set(found))
        marks = ", ".join("?" * len(wanted))
        rows = self._select(
            f"SELECT COUNT(*) FROM story_entries WHERE story = ? AND kind = 'w' AND ident IN "
            f"({marks})",
            *wanted,
        )
        return bool(wanted) and rows[0][0] == len(wanted)

    def quoted(self, folded: str) -> tuple[int, CarriedQuote] | None:
        """The latest quotation that is ``folded``, holds it or is held by it."""
        if self._quotes is None:
            # The quotations' folded texts, read once while the index is open (from the
            # index on look alone) and matched here: instr in SQL compared them byte by
            # byte, both ways, for each quotation of the new memo.
            self._quotes = self._select(
                "SELECT look, rank, id FROM story_entries WHERE story = ? AND kind = 'q'"
            )
            if not all(isinstance(look, str) for look, _, _ in self._quotes):
                raise StoryBaseError("a quotation of the story's index is damaged")
        found = [
            (rank, entry)
            for look, rank, entry in self._quotes
            if folded == look or folded in look or look in folded
        ]
        if not found:
            return None
        rows = self._select(
            "SELECT memo, body FROM story_entries WHERE +story = ? AND id = ?", max(found)[1]
        )
        if not rows:
            raise StoryBaseError("a quotation of the story's index is gone")
        return rows[0][0], _parsed(CarriedQuote, rows[0][1])

    def figures(self, measure: str, subject: str) -> list[tuple[int, Callable[[], Figure]]]:
        """Every value given of ``measure`` of ``subject``, in story order, each read
        when asked for."""
        rows = self._select(
            "SELECT memo, body FROM story_entries WHERE story = ? AND kind = 'f' AND look = ? "
            "ORDER BY rank",
            _hashed(measure, subject),
        )
        return [(memo, partial(_parsed, Figure, body)) for memo, body in rows]

    def holders(self, role: frozenset[str]) -> list[tuple[int, CarriedActor]]:
        """Every actor given the role ``role``, in story order."""
        return self._entries(CarriedActor, "a", role_look(role))

    def positions(self, party: str) -> list[tuple[int, CarriedPosition]]:
        """The positions of parties whose key ends as ``party``'s, in story order."""
        return self._entries(CarriedPosition, "p", name_look(party))


def _counted(
    postings: dict[str, array[int]], asked: Asked, *, carried: bool
) -> tuple[set[int], Counter[int], set[int]]:
    """The statements holding at least ``asked.needed`` of its stems (only those with
    every value, when ``carried``), how many each holds, and those with every value."""
    stems, values = asked.stems, asked.values
    shared = Counter[int]()
    if carried and values:
        # Only statements with every value are asked for: those are counted (often none,
        # when a value is new to the story), not every statement of a stem.
        pool = set(postings[f"v{min(values)}"])
        for value in values:
            pool.intersection_update(postings[f"v{value}"])
        for stem in stems if pool else ():
            shared.update(pool.intersection(postings[f"s{stem}"]))
    else:
        for stem in stems:
            shared.update(postings[f"s{stem}"])
    holding = {entry for entry, count in shared.items() if count >= asked.needed}
    with_values = set(holding)
    for value in values:
        with_values.intersection_update(postings[f"v{value}"])
    if not carried:
        return holding, shared, with_values
    # Of the statements that said it, only those holding the most stems can be the one
    # that said it best (the latest of them is): a sentence each day's report words alike
    # matches every day's, and each section that carried it, and is not read for each.
    most = max((shared[entry] for entry in with_values), default=0)
    return {entry for entry in with_values if shared[entry] == most}, shared, with_values


def _latest(rows: list[Any], held: set[int]) -> set[int]:
    """The one of ``held`` of the latest memo (the first such in ``rows``, which are in
    story order), as ``carried_each`` picks among equals; empty when none is held."""
    best = None
    for row in rows:
        if row[0] in held and (best is None or row[1] > best[1]):
            best = row
    return {best[0]} if best is not None else set()


def _parsed(model: type[Entry], body: str) -> Entry:
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        raise StoryBaseError(f"an entry of the story's index is damaged ({exc})") from None
