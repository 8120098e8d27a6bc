"""The story store keeps one read connection idle for the process's next read of the
file (the next memo's too), and never reads the file's header by itself while the
process has a connection to the file open (closing that handle would drop the locks
SQLite holds on the file)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from story_answers import memo

from briefgen.run import story_file, story_store
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


def test_the_next_read_of_the_file_in_the_process_opens_no_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    StoryStore().add("Pooled talks", memo(1))
    assert len(StoryStore().earlier("Pooled talks")) == 1
    opened: list[object] = []
    connect = story_store.StoryStore._connect

    def counted(self: StoryStore, *, write: bool) -> Any:
        opened.append(write)
        return connect(self, write=write)

    monkeypatch.setattr(story_store.StoryStore, "_connect", counted)
    # Another store object (the next memo's), as a batch makes one per memo.
    again = StoryStore().earlier("Pooled talks")
    assert again[-1].load_article() == memo(1).article
    assert opened == []
    StoryStore().add("Pooled talks", memo(2))  # a write has its own connection
    assert opened == [True]
    assert len(StoryStore().earlier("Pooled talks")) == 2
    assert opened == [True]


def test_a_store_moved_away_and_made_again_is_read_afresh(tmp_path: Path) -> None:
    path = story_store.store_path()
    StoryStore().add("Old talks", memo(1))
    assert [s.name for s in StoryStore().stories()] == ["Old talks"]  # its connection idle
    moved = tmp_path / "moved"
    moved.mkdir()
    for part in path.parent.glob(path.name + "*"):
        part.rename(moved / part.name)
    StoryStore().add("New talks", memo(1))
    assert [s.name for s in StoryStore().stories()] == ["New talks"]
    assert [s.name for s in StoryStore(moved / path.name).stories()] == ["Old talks"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_child_opens_its_own_connection() -> None:
    StoryStore().add("Forked talks", memo(1))
    assert len(StoryStore().earlier("Forked talks")) == 1  # the parent's connection idle
    assert story_file._IDLE
    child = os.fork()
    if child == 0:  # the child: the parent's connection is not its to use
        code = 0 if not story_file._IDLE else 3
        if code == 0 and len(StoryStore().earlier("Forked talks")) != 1:
            code = 4
        os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert story_file._IDLE  # the parent's own is still there
    assert len(StoryStore().earlier("Forked talks")) == 1
