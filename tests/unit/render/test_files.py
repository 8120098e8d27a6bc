"""Writing memo files: atomically, through symlinks, keeping permissions; and telling
before any work whether a destination can be written or is one of the inputs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefgen.render.files import check_writable, same_file, write_atomic


def test_a_symlink_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real" / "memo.md"
    real.parent.mkdir()
    real.write_text("old memo", encoding="utf-8")
    link = tmp_path / "memo.md"
    link.symlink_to(real)
    write_atomic(link, "new memo")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new memo"
    assert sorted(p.name for p in real.parent.iterdir()) == ["memo.md"]  # no temp file left


def test_a_private_file_stays_private_when_replaced(tmp_path: Path) -> None:
    target = tmp_path / "memo.md"
    target.write_text("old memo", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new memo")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == "new memo"


def test_a_path_under_a_regular_file_is_not_writable(tmp_path: Path) -> None:
    # Holds for root too, unlike a directory without its write bit.
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        check_writable(blocker / "out.md")
    with pytest.raises(IsADirectoryError):
        check_writable(tmp_path)
    check_writable(tmp_path / "new" / "dir" / "memo.md")  # missing directories are made later
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]  # the probe is gone


def test_same_file_sees_through_relative_parts_and_links(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("article", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    hard = tmp_path / "hard.md"
    os.link(story, hard)
    soft = tmp_path / "soft.md"
    soft.symlink_to(story)
    for other in (tmp_path / "sub" / ".." / "story.md", hard, soft):
        assert same_file(other, story)
    # A directory that does not exist yet would be made, and then left again by "..".
    assert same_file(tmp_path / "missing" / ".." / "story.md", story)
    assert not same_file(tmp_path / "story.memo.md", story)
