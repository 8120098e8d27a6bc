"""A story's memos read from the store are made into earlier memos one by one, as a new
memo's section asks for them: the first, the latest and those a change cites."""

from __future__ import annotations

import pytest

from briefgen.memo.since import EarlierMemo
from briefgen.run.earlier import ByNumber, Earlier, named_memos
from briefgen.run.story_memos import StoredMemos


def _stored(count: int) -> tuple[StoredMemos, list[int]]:
    made: list[int] = []

    def make(row: tuple[object, ...], label: str) -> Earlier:
        number = int(str(row[0]))
        made.append(number)
        memo = EarlierMemo(number=number, label=label, memo_date=f"March {number}, 2026")
        return Earlier(memo, read_digest=_unread, load_article=_unread)

    rows = [(n,) for n in range(1, count + 1)]
    return StoredMemos(rows, [f"memo of March {n}" for (n,) in rows], make), made


def _unread() -> object:
    raise AssertionError("not read in these tests")


def test_only_the_memos_asked_for_are_made_each_once() -> None:
    memos, made = _stored(50)
    assert len(memos) == 50
    assert memos[-1].memo.number == 50 and memos[0].memo.label == "memo of March 1"
    assert memos[-1] is memos[49]
    assert made == [50, 1]
    assert [e.memo.number for e in memos[47:49]] == [48, 49]
    assert made == [50, 1, 48, 49]
    with pytest.raises(IndexError):
        memos[50]
    assert [e.memo.number for e in memos] == list(range(1, 51))
    assert sorted(made) == list(range(1, 51))


def test_the_latest_memo_is_replaced_not_made_again() -> None:
    memos, made = _stored(3)
    memos.replace_last(
        lambda last: Earlier(last.memo.model_copy(update={"label": "x"}), _unread, _unread)
    )
    assert memos[-1].memo.label == "x" and made == [3]


def test_labels_and_named_memos_read_only_the_numbers_asked() -> None:
    memos, made = _stored(40)
    labels = ByNumber(memos, lambda e: e.memo.label)
    assert labels.get(7) == "memo of March 7" and labels.get(41, "none") == "none"
    assert [m.number for m in named_memos(memos, {7, 12})] == [1, 7, 12, 40]
    assert sorted(made) == [1, 7, 12, 40]
