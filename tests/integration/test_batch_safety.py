"""The batch commands never write over an article, check where memos go before any work,
and turn a bad file (a results file, a request file, the ledger itself) into a typed error
that names it, with nothing half-recorded in the ledger."""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from batch_files import answered, private_ledger, write_results
from scripted_server import ScriptedServer

from briefgen.batch.ledger import Ledger, ledger_path
from briefgen.cli import EXIT_CONFIG, EXIT_INPUT, EXIT_OK, EXIT_USAGE, main

__all__ = ["private_ledger"]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def work(tmp_path: Path, seed_text: str) -> Path:
    """``work/in/story.md``: an article one directory below where the job starts."""
    (tmp_path / "work" / "in").mkdir(parents=True)
    (tmp_path / "work" / "in" / "story.md").write_text(seed_text[:2500], encoding="utf-8")
    return tmp_path / "work"


def _jobs() -> list[str]:
    ledger = Ledger()
    try:
        return ledger.jobs()
    finally:
        ledger.close()


# -- never over an article ---------------------------------------------------------------


def test_import_from_the_articles_directory_never_replaces_an_article(
    work: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    story = work / "in" / "story.md"
    original = story.read_bytes()
    monkeypatch.chdir(work)
    assert main(["batch", "export", "in/story.md", "-o", "req.jsonl"]) == EXIT_OK
    write_results(work / "res.jsonl", answered(work / "req.jsonl"))
    monkeypatch.chdir(work / "in")
    assert main(["batch", "import", "../req.jsonl", "../res.jsonl", "-d", "."]) == EXIT_OK
    assert story.read_bytes() == original
    assert (work / "in" / "story.memo.md").read_text(encoding="utf-8").startswith("**UNCLASS")
    assert "would replace the article" in caplog.text


def test_collect_from_the_articles_directory_never_replaces_an_article(
    work: Path, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = work / "in" / "story.md"
    original = story.read_bytes()
    monkeypatch.chdir(work)
    assert main(["batch", "submit", "in/story.md", "--base-url", server.base_url]) == EXIT_OK
    [job_id] = _jobs()
    monkeypatch.chdir(work / "in")
    argv = ["batch", "collect", job_id, "-d", ".", "--wait", "--poll-interval", "0.01"]
    assert main(argv) == EXIT_OK
    assert story.read_bytes() == original
    assert (work / "in" / "story.memo.md").exists()


def test_the_ledger_keeps_each_input_file_by_its_absolute_path(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(work)
    assert main(["batch", "export", "in/story.md", "-o", "req.jsonl"]) == EXIT_OK
    ledger = Ledger()
    [job] = ledger.jobs()
    [row] = ledger.articles(job)
    ledger.close()
    assert row.source == str(work / "in" / "story.md")


@pytest.mark.parametrize("alias", ["same", "hard link", "symlink"])
def test_an_export_over_one_of_its_articles_is_refused_before_anything_is_written(
    alias: str, tmp_path: Path, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text(seed_text[:2000], encoding="utf-8")
    output = victim
    if alias == "hard link":
        output = tmp_path / "other.jsonl"
        os.link(victim, output)
    elif alias == "symlink":
        output = tmp_path / "other.jsonl"
        output.symlink_to(victim)
    assert main(["batch", "export", str(victim), "-o", str(output)]) == EXIT_USAGE
    assert victim.read_text(encoding="utf-8") == seed_text[:2000]
    assert "is the article" in capsys.readouterr().err
    assert _jobs() == []


def test_batch_run_checks_the_memo_directory_before_it_submits(
    server: ScriptedServer, tmp_path: Path, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text[:2000], encoding="utf-8")
    not_a_dir = tmp_path / "memos"
    not_a_dir.write_text("a file where the memos would go", encoding="utf-8")
    argv = ["batch", "run", str(article), "-d", str(not_a_dir), "--base-url", server.base_url]
    assert main(argv) == EXIT_USAGE
    assert "is not a directory" in capsys.readouterr().err
    assert server.batch_api.uploads == 0  # nothing paid for
    assert _jobs() == []


def test_import_into_a_file_named_as_the_directory_changes_nothing(
    tmp_path: Path, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text[:2000], encoding="utf-8")
    requests, results = tmp_path / "req.jsonl", tmp_path / "res.jsonl"
    assert main(["batch", "export", str(article), "-o", str(requests)]) == EXIT_OK
    write_results(results, answered(requests))
    not_a_dir = tmp_path / "memos"
    not_a_dir.write_text("keep me", encoding="utf-8")
    argv = ["batch", "import", str(requests), str(results), "-d", str(not_a_dir)]
    assert main(argv) == EXIT_USAGE
    assert not_a_dir.read_text(encoding="utf-8") == "keep me"
    ledger = Ledger()
    [job] = ledger.jobs()
    assert ledger.answers(job, 0) == {}  # the results were not even read
    assert [r.state for r in ledger.rounds(job)] == ["submitted"]
    ledger.close()
    # The same import into a directory then works.
    capsys.readouterr()
    argv[-1] = str(tmp_path / "out")
    assert main(argv) == EXIT_OK
    assert (tmp_path / "out" / "a.md").exists()


def test_collect_into_a_file_named_as_the_directory_downloads_nothing(
    server: ScriptedServer, tmp_path: Path, seed_text: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text[:2000], encoding="utf-8")
    server.batch_api.immediate = True
    assert main(["batch", "submit", str(article), "--base-url", server.base_url]) == EXIT_OK
    [job] = _jobs()
    not_a_dir = tmp_path / "memos"
    not_a_dir.write_text("keep me", encoding="utf-8")
    assert main(["batch", "collect", job, "-d", str(not_a_dir)]) == EXIT_USAGE
    ledger = Ledger()
    assert [r.state for r in ledger.rounds(job)] == ["submitted"]
    assert ledger.answers(job, 0) == {}
    ledger.close()


def test_an_export_into_a_missing_directory_makes_it(tmp_path: Path, seed_text: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text[:2000], encoding="utf-8")
    requests = tmp_path / "new" / "deeper" / "req.jsonl"
    assert main(["batch", "export", str(article), "-o", str(requests)]) == EXIT_OK
    assert requests.read_text(encoding="utf-8").count("\n") == 1
    assert len(_jobs()) == 1


def test_an_export_that_cannot_finish_records_no_job(
    tmp_path: Path, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text[:2000], encoding="utf-8")
    requests = tmp_path / "req.jsonl"
    missing = tmp_path / "missing.txt"
    assert main(["batch", "export", str(article), str(missing), "-o", str(requests)]) == EXIT_INPUT
    assert not requests.exists()
    directory = tmp_path / "a-directory"
    directory.mkdir()
    assert main(["batch", "export", str(article), "-o", str(directory)]) == EXIT_USAGE
    assert _jobs() == []
    assert "Traceback" not in capsys.readouterr().err


# -- bad results and request files -------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [None, b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8, b"\x00" * 64, b"PK\x03\x04 not json"],
    ids=["missing", "gzip", "zeros", "zip"],
)
def test_a_results_file_that_is_missing_or_not_text_is_an_input_error(
    content: bytes | None, tmp_path: Path, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text[:2000], encoding="utf-8")
    requests, results = tmp_path / "req.jsonl", tmp_path / "res.jsonl"
    assert main(["batch", "export", str(article), "-o", str(requests)]) == EXIT_OK
    if content is not None:
        results.write_bytes(content)
    capsys.readouterr()
    argv = ["batch", "import", str(requests), str(results), "-d", str(tmp_path / "out")]
    assert main(argv) == EXIT_INPUT
    err = capsys.readouterr().err
    assert str(results) in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_request_file_that_is_missing_or_binary_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = write_results(tmp_path / "res.jsonl", [])
    binary = tmp_path / "req.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    for requests in (tmp_path / "missing.jsonl", binary):
        argv = ["batch", "import", str(requests), str(results), "-d", str(tmp_path / "out")]
        assert main(argv) == EXIT_INPUT
        err = capsys.readouterr().err
        assert str(requests) in err and "Traceback" not in err


# -- the ledger file itself --------------------------------------------------------------


def _a_real_ledger(tmp_path: Path, seed_text: str) -> Path:
    article = tmp_path / "a.txt"
    article.write_text(seed_text[:2000], encoding="utf-8")
    assert main(["batch", "export", str(article), "-o", str(tmp_path / "req.jsonl")]) == EXIT_OK
    gc.collect()  # the command's connection closed, as at the end of its process
    return ledger_path()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed header"])
@pytest.mark.parametrize("action", ["status", "collect", "import", "export"])
def test_a_damaged_ledger_is_a_config_error_naming_the_file_and_the_way_out(
    damage: str,
    action: str,
    tmp_path: Path,
    seed_text: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _a_real_ledger(tmp_path, seed_text)
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"this is not a database at all\n" * 200)
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(b"\x00" * 100 + data[100:])
    argv = {
        "status": ["batch", "status"],
        "collect": ["batch", "collect", "bg0123456789", "-d", str(tmp_path / "out")],
        "import": [
            "batch",
            "import",
            str(tmp_path / "req.jsonl"),
            str(write_results(tmp_path / "res.jsonl", answered(tmp_path / "req.jsonl"))),
            "-d",
            str(tmp_path / "out"),
        ],
        "export": ["batch", "export", str(tmp_path / "a.txt"), "-o", str(tmp_path / "r2.jsonl")],
    }[action]
    capsys.readouterr()
    assert main(argv) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert str(path) in err and "move it away" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_ledger_directory_that_cannot_be_made_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(blocker / "cache"))
    assert main(["batch", "status"]) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert "batch ledger" in err and str(blocker) in err


def test_a_read_only_ledger_is_a_config_error_before_any_memo(
    tmp_path: Path, seed_text: str
) -> None:
    """Run where the ledger may be read but not written (root: without the capability
    that lets it write any file)."""
    path = _a_real_ledger(tmp_path, seed_text)
    write_results(tmp_path / "res.jsonl", answered(tmp_path / "req.jsonl"))
    with sqlite3.connect(path) as db:  # fold the WAL in: the reader sees one file
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFGEN_RESPONSE_CACHE": "off"}
    command = [sys.executable, "-m", "briefgen.cli", "batch", "import"]
    command += [str(tmp_path / "req.jsonl"), str(tmp_path / "res.jsonl"), "-d", str(out)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:  # pragma: no cover - util-linux is everywhere tests run
            pytest.skip("root, and no setpriv to drop the override capability")
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", *command]
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=120, check=False
        )
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)
    assert done.returncode == EXIT_CONFIG, done.stderr
    assert str(path) in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() or list(out.iterdir()) == []
