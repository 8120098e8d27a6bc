"""Batch jobs with ``--story`` and ``--since``: the memos a job makes open with what is new
and what changed since the earlier memos, a story's memos are made in input order and
kept in it once each, and a bad ``--since`` file stops the job before a line is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from scripted_server import Step, answer_requests_file, completion
from story_answers import answers
from story_articles import REPORT_1, REPORT_2

from briefgen.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from briefgen.run.story_store import StoryStore

REPORTS = (REPORT_1, REPORT_2)


def _story_model(body: dict[str, Any]) -> Step:
    """Each report's canned answer, told by its headline in the request."""
    text = " ".join(str(m.get("content", "")) for m in body["messages"])
    for number, report in enumerate(REPORTS, start=1):
        if report.split("\n")[0] in text:
            return completion(answers()[number - 1])
    raise AssertionError("a request for no known report")


def _reports(tmp_path: Path) -> list[Path]:
    paths = []
    for number, text in enumerate(REPORTS, start=1):
        path = tmp_path / f"report{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _since(markdown: str) -> str:
    start = markdown.index("## Since the last memo")
    return markdown[start : markdown.index("\n## ", start + 1)]


def _export_and_import(tmp_path: Path, *args: str, fmt: str = "md") -> Path:
    requests = tmp_path / "requests.jsonl"
    assert main(["batch", "export", *args, "-o", str(requests), "-q"]) == EXIT_OK
    results = tmp_path / "results.jsonl"
    results.write_text(answer_requests_file(requests.read_text(), _story_model))
    out = tmp_path / "memos"
    imported = ["batch", "import", str(requests), str(results), "-d", str(out), "-q"]
    assert main([*imported, "--format", fmt]) == EXIT_OK
    return out


def test_a_story_batch_makes_each_memo_since_the_ones_before_it(tmp_path: Path) -> None:
    first, second = _reports(tmp_path)
    out = _export_and_import(tmp_path, str(first), str(second), "--story", "Darvan talks")
    one = (out / "report1.md").read_text(encoding="utf-8")
    two = (out / "report2.md").read_text(encoding="utf-8")
    assert "Since the last memo" not in one
    section = _since(two)
    assert "New to the story: Rashid Osman Kabbar, head of the army delegation [S3]" in section
    assert "8 million [memo of" in section and "-> 9 million [S5]" in section
    kept = StoryStore().earlier("Darvan talks")
    assert [e.memo.number for e in kept] == [1, 2]
    assert [e.memo.title for e in kept] == [r.split("\n")[0] for r in REPORTS]

    # Importing the same results again writes nothing and keeps nothing twice.
    requests, results = tmp_path / "requests.jsonl", tmp_path / "results.jsonl"
    assert main(["batch", "import", str(requests), str(results), "-d", str(out), "-q"]) == EXIT_OK
    assert len(StoryStore().earlier("Darvan talks")) == 2


def test_a_batch_since_a_memo_file(tmp_path: Path) -> None:
    first, second = _reports(tmp_path)
    earlier = _export_and_import(tmp_path / "day1", str(first), fmt="json")
    (memo_file,) = earlier.iterdir()
    out = _export_and_import(tmp_path / "day2", str(second), "--since", str(memo_file))
    section = _since((out / "report2.md").read_text(encoding="utf-8"))
    assert "-> 9 million [S5]" in section
    assert StoryStore().stories() == []  # --since alone keeps nothing


def test_a_bad_since_file_stops_the_export_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (first,) = _reports(tmp_path)[:1]
    bogus = tmp_path / "not-a-memo.json"
    bogus.write_text('{"hello": "world"}', encoding="utf-8")
    requests = tmp_path / "requests.jsonl"
    code = main(["batch", "export", str(first), "--since", str(bogus), "-o", str(requests)])
    assert code == EXIT_INPUT
    assert not requests.exists()
    assert "not-a-memo.json" in capsys.readouterr().err


def test_since_options_without_since_or_story_are_a_usage_error(tmp_path: Path) -> None:
    (first,) = _reports(tmp_path)[:1]
    requests = tmp_path / "requests.jsonl"
    code = main(["batch", "export", str(first), "--since-withdrawn", "-o", str(requests)])
    assert code == EXIT_USAGE
    assert not requests.exists()


def test_since_model_in_a_story_batch_is_one_more_round(tmp_path: Path) -> None:
    first, second = _reports(tmp_path)
    requests = tmp_path / "requests.jsonl"
    args = [str(first), str(second), "--story", "Talks", "--since-model"]
    assert main(["batch", "export", *args, "-o", str(requests), "-q"]) == EXIT_OK
    results = tmp_path / "results.jsonl"
    results.write_text(answer_requests_file(requests.read_text(), _story_model))
    out = tmp_path / "memos"
    imported = ["batch", "import", str(requests), str(results), "-d", str(out), "-q"]
    assert main(imported) == EXIT_OK
    # The first memo has no earlier one, so no call; the second waits for its own.
    assert [p.name for p in out.iterdir()] == ["report1.md"]
    round2 = tmp_path / "requests.round2.jsonl"
    lines = round2.read_text().splitlines()
    assert len(lines) == 1

    def no_more_changes(body: dict[str, Any]) -> Step:
        return completion({"changes": []})

    answered = tmp_path / "results.round2.jsonl"
    answered.write_text(answer_requests_file(round2.read_text(), no_more_changes))
    assert main(["batch", "import", str(round2), str(answered), "-d", str(out), "-q"]) == EXIT_OK
    two = (out / "report2.md").read_text(encoding="utf-8")
    assert "-> 9 million [S5]" in _since(two)
    assert len(StoryStore().earlier("Talks")) == 2
