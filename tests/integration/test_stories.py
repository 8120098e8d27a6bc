"""Stories through the command line against the scripted server: ``--story NAME`` over
three reports (each memo since every earlier one), ``--since FILE``, the ``briefgen
story`` commands, and a store that is damaged, locked, newer or shared by two processes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from scripted_server import ScriptedServer, completion
from story_answers import answers, memo
from story_articles import MEMO_DATE_1, MEMO_DATE_2, MEMO_DATE_3, REPORT_1, REPORT_2, REPORT_3

import briefgen
from briefgen import StoryStoreError
from briefgen.cli import EXIT_INPUT, EXIT_OK, main
from briefgen.run import story_store
from briefgen.run.story_store import STORE_FORMAT, StoryStore, store_path

TESTS = Path(__file__).resolve().parents[1]
DATES = (MEMO_DATE_1, MEMO_DATE_2, MEMO_DATE_3)


def _reports(tmp_path: Path) -> list[Path]:
    paths = []
    for number, text in enumerate((REPORT_1, REPORT_2, REPORT_3), start=1):
        path = tmp_path / f"report{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _memo_args(server: ScriptedServer, number: int, out: Path) -> list[str]:
    base = ["--base-url", server.base_url, "--model", "m", "--no-cache", "-q"]
    return [*base, "--date", DATES[number - 1], "-o", str(out)]


def _since(markdown: str) -> str:
    start = markdown.index("## Since the last memo")
    return markdown[start : markdown.index("\n## ", start + 1)]


def test_three_reports_of_one_story_each_since_the_earlier_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = _reports(tmp_path)
    with ScriptedServer([completion(a) for a in answers()]) as server:
        for number, path in enumerate(reports, start=1):
            out = tmp_path / f"memo{number}.md"
            args = [str(path), "--story", "Darvan talks", *_memo_args(server, number, out)]
            assert main(args) == EXIT_OK
    first, second, third = (
        (tmp_path / f"memo{n}.md").read_text(encoding="utf-8") for n in (1, 2, 3)
    )
    assert "Since the last memo" not in first
    section = _since(second)
    assert "## Since the last memo (March 3, 2026)" in section
    assert "New to the story: Rashid Osman Kabbar, head of the army delegation [S3]" in section
    assert "Quotation: “A truce in the west can save lives" in section
    assert "Event: The Darvan army recalled General Hamid al-Nour" in section
    assert "8 million [memo of March 3, S3] -> 9 million [S5]. Update:" in section
    assert "Maalouf" not in section and "opened the talks" not in section
    section = _since(third)
    assert "## Since the last memo (March 10, 2026)" in section
    assert "Compared with the 2 earlier memos of this story" in section
    assert "9 million [memo of March 10, S5] -> 9.5 million [S5]" in section
    assert "New to the story" not in section  # "Kabbar" is General Rashid Osman Kabbar

    capsys.readouterr()
    assert main(["story", "list"]) == EXIT_OK
    assert "Darvan talks\t3 memo(s)\tMarch 3, 2026 to March 17, 2026" in capsys.readouterr().out
    assert main(["story", "show", "Darvan talks"]) == EXIT_OK
    timeline = capsys.readouterr().out
    assert timeline.index("## March 3, 2026: memo 1") < timeline.index("## March 17, 2026: memo 3")
    assert "- **Actor:** Hamid al-Nour, head of the army delegation [S4]" in timeline
    assert (
        "- **Number displaced:** 9 million [memo of March 10, S5] -> 9.5 million [S5]" in timeline
    )
    page = tmp_path / "story.html"
    assert main(["story", "show", "Darvan talks", "--format", "html", "-o", str(page)]) == EXIT_OK
    assert "&rarr; 9.5 million" in page.read_text(encoding="utf-8")
    exported = tmp_path / "story.json"
    assert main(["story", "export", "Darvan talks", "-o", str(exported)]) == EXIT_OK
    payload = json.loads(exported.read_text(encoding="utf-8"))
    assert [m["number"] for m in payload["memos"]] == [1, 2, 3]
    again = briefgen.Brief.from_json(json.dumps(payload["memos"][1]["memo"]))
    assert again.data.since_changed[0].after_value == "9 million"
    assert main(["story", "forget", "Darvan talks"]) == EXIT_OK
    assert StoryStore().stories() == []


def test_since_files_on_the_command_line(tmp_path: Path) -> None:
    reports = _reports(tmp_path)
    with ScriptedServer([completion(a) for a in answers()]) as server:
        for number, path in enumerate(reports, start=1):
            out = tmp_path / f"memo{number}.json"
            since = [
                x for n in range(1, number) for x in ("--since", str(tmp_path / f"memo{n}.json"))
            ]
            assert main([str(path), *since, *_memo_args(server, number, out)]) == EXIT_OK
    third = briefgen.Brief.load(tmp_path / "memo3.json")
    assert third.data.since is not None and len(third.data.since.earlier) == 2
    assert not store_path().exists()  # --since alone keeps nothing


def test_a_since_file_that_is_no_memo_stops_before_any_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [first, *_] = _reports(tmp_path)
    bogus = tmp_path / "notes.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    with ScriptedServer() as server:
        code = main([str(first), "--since", str(bogus), *_memo_args(server, 1, tmp_path / "m.md")])
        assert server.requests == []
    assert code == EXIT_INPUT
    assert "is not a briefgen memo" in capsys.readouterr().err


def test_a_damaged_store_is_said_and_left_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    garbage = b"these are not the stories you are looking for\n" * 40
    path.write_bytes(garbage)
    [first, *_] = _reports(tmp_path)
    with ScriptedServer() as server:
        args = [str(first), "--story", "x", *_memo_args(server, 1, tmp_path / "m.md")]
        assert main(args) != EXIT_OK
        assert server.requests == []  # nothing paid for
    assert "is damaged" in capsys.readouterr().err
    assert path.read_bytes() == garbage
    with pytest.raises(StoryStoreError) as caught:
        StoryStore().stories()
    assert caught.value.problem == "damaged"


def test_a_store_of_a_newer_format_is_refused_not_rewritten() -> None:
    StoryStore().add("x", memo(1))
    with sqlite3.connect(store_path()) as db:
        db.execute(f"PRAGMA user_version = {STORE_FORMAT + 1}")
    before = store_path().read_bytes()
    for attempt in (lambda: StoryStore().earlier("x"), lambda: StoryStore().add("x", memo(2))):
        with pytest.raises(StoryStoreError) as caught:
            attempt()
        assert caught.value.problem == "newer format"
    assert store_path().read_bytes() == before


def test_a_locked_store_keeps_the_memo_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    StoryStore().add("x", memo(1))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sqlite3, sys, time
                db = sqlite3.connect({str(store_path())!r}, isolation_level=None)
                db.execute("BEGIN IMMEDIATE")
                print("locked", flush=True)
                time.sleep(30)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(story_store, "BUSY_TIMEOUT_S", 0.3)
        with pytest.raises(StoryStoreError) as caught:
            memo(2, story="x")
    finally:
        holder.kill()
        holder.wait()
    assert caught.value.problem == "locked"
    kept = caught.value.memo
    assert isinstance(kept, briefgen.Brief) and kept.data.since_changed  # made, since memo 1
    assert [s.memos for s in StoryStore().stories()] == [1]


def test_an_unwritable_data_directory_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("BRIEFGEN_DATA_DIR", str(blocker / "data"))
    with pytest.raises(StoryStoreError) as caught:
        StoryStore().add("x", memo(1))
    assert caught.value.problem == "unwritable"


_WRITER = """
import os, sys
sys.path.insert(0, {tests!r})
from story_answers import memo
for _ in range({count}):
    for number in (1, 2, 3):
        memo(number, story="race")
print("done", os.getpid(), flush=True)
"""


def test_two_processes_writing_one_story_at_once_lose_nothing() -> None:
    count = 3
    script = _WRITER.format(tests=str(TESTS), count=count)
    env = {**os.environ, "BRIEFGEN_RESPONSE_CACHE": "off"}
    writers = [
        subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    started = time.monotonic()
    outputs = [w.communicate(timeout=240)[0] for w in writers]
    assert all(w.returncode == 0 for w in writers), outputs
    assert time.monotonic() - started < 240
    stored = StoryStore().memos("race")
    assert [m.seq for m in stored] == list(range(1, 2 * 3 * count + 1))
    with sqlite3.connect(store_path()) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Each process's memos after its first were made since at least its own earlier ones
    # (the two first may have found the story empty, each before the other kept its memo).
    assert sum(m.document.data.since is None for m in stored) <= 2


def test_story_names_are_checked_and_unknown_stories_said() -> None:
    with pytest.raises(StoryStoreError) as caught:
        StoryStore().add("   ", memo(1))
    assert caught.value.problem == "bad name"
    with pytest.raises(StoryStoreError) as caught:
        StoryStore().memos("nothing here")
    assert caught.value.problem == "no such story"
