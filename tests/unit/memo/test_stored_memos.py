"""Earlier memos that cannot be read back are a typed error, said before anything is
paid, never a crash: a file that is no briefgen memo, one of a newer format, one without
the article its citations point into."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from story_answers import answers, memo, report

import briefgen
from briefgen import Brief, FunctionBackend, InputError, MemoFileError
from briefgen.memo.stored import FORMAT_KEY, MEMO_FORMAT


@pytest.fixture(scope="module")
def first() -> Brief:
    return memo(1)


def _payload(brief: Brief) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(brief.to_json())
    return loaded


def _second_since(since: Any) -> tuple[FunctionBackend, Any]:
    answer = answers()[1]
    backend = FunctionBackend(lambda request: json.dumps(answer))
    try:
        made = briefgen.generate_brief(report(2), client=backend, since=since, cache=False)
    except MemoFileError as exc:
        return backend, exc
    return backend, made


def _refused(since: Any, problem: str) -> MemoFileError:
    backend, outcome = _second_since(since)
    assert isinstance(outcome, MemoFileError), outcome
    assert isinstance(outcome, InputError)  # the command line exits 3, as for bad input
    assert outcome.problem == problem
    assert backend.requests == []  # refused before any call
    return outcome


def test_a_file_that_is_not_json_is_not_a_memo(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n not a memo")
    error = _refused(path, "not a memo")
    assert str(path) in str(error) and error.path == str(path)


def test_json_of_something_else_is_not_a_memo(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"title": "a feed", "items": []}), encoding="utf-8")
    error = _refused(path, "not a memo")
    assert "no markdown, data, article, header, report" in str(error)


def test_a_memo_with_broken_data_is_not_a_memo(first: Brief, tmp_path: Path) -> None:
    payload = _payload(first)
    payload["data"]["developments"] = "many"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert "data.developments" in str(_refused(path, "not a memo"))


def test_a_memo_of_a_newer_format_says_so(first: Brief, tmp_path: Path) -> None:
    payload = _payload(first)
    payload[FORMAT_KEY] = MEMO_FORMAT + 1
    path = tmp_path / "future.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    error = _refused(path, "newer format")
    assert error.found_format == MEMO_FORMAT + 1 and "newer briefgen" in str(error)


def test_a_memo_without_its_article_text_cannot_be_checked(first: Brief, tmp_path: Path) -> None:
    payload = _payload(first)
    payload["article"]["text"] = ""
    path = tmp_path / "stripped.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert "no article text" in str(_refused(path, "no article"))
    payload = _payload(first)
    del payload["article"]["sentences"]
    path.write_text(json.dumps(payload), encoding="utf-8")
    _refused(path, "no article")


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    _refused(tmp_path / "nowhere.json", "unreadable")


def test_a_memo_of_before_the_format_key_still_reads(first: Brief, tmp_path: Path) -> None:
    payload = _payload(first)
    del payload[FORMAT_KEY]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    _, made = _second_since(path)
    assert isinstance(made, Brief) and made.data.since is not None


def test_since_takes_memos_and_paths_only(first: Brief) -> None:
    _refused([first, 42], "not a memo")


def test_the_errors_are_exported() -> None:
    assert issubclass(briefgen.MemoFileError, briefgen.BriefgenError)
    assert issubclass(briefgen.StoryStoreError, briefgen.BriefgenError)
