"""The story store keeps one read connection idle for the next read of the same memo,
and never reads the file's header by itself while the process has a connection to the
file open (closing that handle would drop the locks SQLite holds on the file)."""

from __future__ import annotations

from typing import Any

import pytest
from story_answers import memo

from briefgen.run import story_store
from briefgen.run.story_store import StoryStore


def test_the_header_is_read_only_while_no_connection_is_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    StoryStore().add("Kept talks", memo(1))
    reads: list[Any] = []
    check = story_store.StoryStore._check_header

    def counted(self: StoryStore) -> None:
        reads.append(self)
        check(self)

    monkeypatch.setattr(story_store.StoryStore, "_check_header", counted)
    reader = StoryStore()
    earlier = reader.earlier("Kept talks")  # its connection is kept, idle
    assert len(reads) == 1
    assert earlier[-1].load_article() == memo(1).article  # the same connection again
    assert len(reads) == 1
    StoryStore().add("Kept talks", memo(2))  # another store, while the reader's is open
    assert len(reads) == 1
    reader.close()
    assert [e.memo.number for e in StoryStore().earlier("Kept talks")] == [1, 2]
    assert len(reads) == 2


def test_a_read_after_another_process_wrote_sees_the_write() -> None:
    reader = StoryStore()
    reader.add("Seen talks", memo(1))
    assert len(reader.earlier("Seen talks")) == 1
    StoryStore().add("Seen talks", memo(2))
    assert len(reader.earlier("Seen talks")) == 2  # the idle connection reads anew
