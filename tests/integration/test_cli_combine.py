"""``briefgen A B C --combine``: one memo (a dossier) from several articles, through the
command line, against the scripted server."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dossier_answers import dossier_responder, planting_responder
from dossier_articles import BOMBING_A, BOMBING_B, FAKE_QUOTE, UNRELATED
from scripted_server import Recorded, ScriptedServer, Step, completion

import briefgen
from briefgen.cli import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main

TITLES = (
    "Market bombing kills 12 in Karvana",
    "Karvana market attack: death toll disputed",
    "Trade talks resume in Velmar",
)


@pytest.fixture
def dossier_server() -> Iterator[ScriptedServer]:
    with ScriptedServer(responder=dossier_responder) as running:
        yield running


@pytest.fixture
def abc(tmp_path: Path) -> list[Path]:
    """A.txt and B.txt report one bombing (12 dead against 19), C.txt something else."""
    paths = []
    for name, text in (("A.txt", BOMBING_A), ("B.txt", BOMBING_B), ("C.txt", UNRELATED)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _cli(server: ScriptedServer, *args: str | Path) -> int:
    return main([*map(str, args), "--base-url", server.base_url, "--model", "scripted-model"])


def _section(memo: str, heading: str) -> str:
    """The text under a ``## heading`` of the Markdown memo, up to the next heading."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^#|\Z)", memo, re.M | re.S)
    assert match is not None, f"no section {heading!r} in:\n{memo}"
    return match.group(1)


def test_three_articles_make_one_grounded_memo(
    abc: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "memo.md"
    # The model also invents a quotation, in every extraction and in the bottom line.
    with ScriptedServer(responder=planting_responder(FAKE_QUOTE)) as dossier_server:
        assert _cli(dossier_server, *abc, "--combine", "-o", out) == EXIT_OK
    memo = out.read_text(encoding="utf-8")
    for label in ("A1:S", "A2:S", "A3:S"):
        assert label in memo
    contradictions = _section(memo, "Contradictions between sources")
    assert "12" in contradictions and "19" in contradictions
    annex = memo[memo.index("Tab 1. Sources") :]
    for title in TITLES:
        assert title in annex
    assert FAKE_QUOTE not in memo
    assert dossier_server.requests  # the memo was made by the model, not read from a cache
    # One memo, one summary line naming it.
    assert capsys.readouterr().err.count(f"briefgen: {out}:") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A.txt", "B.txt", "C.txt", "memo.md"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_one_memo_of_all_the_chunks(
    dossier_server: ScriptedServer,
    abc: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert _cli(dossier_server, *abc, "--combine", "-o", tmp_path / "memo.md") == EXIT_OK
    drawn = [frame for frame in terminal.getvalue().split("\r") if "memos" in frame]
    # The articles' events (each "done" when read) must not count as memos of their own.
    assert drawn and all("] 0/1 memos" in frame for frame in drawn)
    assert any("(#1 3/3 chunks)" in frame for frame in drawn)  # one chunk per article


def test_an_unreadable_article_is_named_and_listed_as_not_covered(
    dossier_server: ScriptedServer,
    abc: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing = tmp_path / "missing.txt"
    out = tmp_path / "memo.md"
    assert _cli(dossier_server, abc[0], missing, abc[1], "--combine", "-o", out) == EXIT_OK
    err = capsys.readouterr().err
    [warning] = [line for line in err.splitlines() if "missing.txt" in line]
    assert warning.startswith("briefgen: warning:") and "not covered" in warning
    annex = out.read_text(encoding="utf-8").split("Tab 1. Sources", 1)[1]
    [entry] = [line for line in annex.splitlines() if "missing.txt" in line]
    assert entry.startswith("- **A2:**") and "not covered" in entry


def test_on_article_failure_raise_stops_before_any_request(
    dossier_server: ScriptedServer,
    abc: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing = tmp_path / "missing.txt"
    out = tmp_path / "memo.md"
    strict = ["--combine", "--on-article-failure", "raise", "-o", out]
    code = _cli(dossier_server, abc[0], missing, abc[1], *strict)
    assert code == EXIT_INPUT
    assert not out.exists()
    assert dossier_server.requests == []
    err = capsys.readouterr().err
    assert "briefgen: error:" in err and err.count("missing.txt") == 1


def _refusing_velmar(body: dict[str, Any]) -> Step:
    """dossier_responder, except that it refuses to extract the article on Velmar."""
    request = Recorded("", body, {}, 0.0)
    if request.schema_name == "briefgen_extraction" and "Velmar" in request.last_user_text:
        return completion(None, refusal="I cannot help with that.")
    return dossier_responder(body)


@pytest.mark.parametrize("policy", ["skip", "raise"])
def test_an_article_the_model_refuses_follows_on_article_failure(
    abc: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    policy: str,
) -> None:
    out = tmp_path / "memo.md"
    with ScriptedServer(responder=_refusing_velmar) as server:
        code = _cli(server, *abc, "--combine", "--on-article-failure", policy, "-o", out, "-q")
    # The warning is logged (stderr from the shell; pytest holds the log handler here).
    assert "A3" in capsys.readouterr().err + caplog.text
    if policy == "raise":
        assert code == EXIT_OUTPUT
        assert not out.exists()
        return
    assert code == EXIT_OK
    annex = out.read_text(encoding="utf-8").split("Tab 1. Sources", 1)[1]
    [entry] = [line for line in annex.splitlines() if line.startswith("- **A3:**")]
    assert "not covered" in entry


def test_no_readable_article_is_an_input_error(
    dossier_server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    out = tmp_path / "memo.md"
    code = _cli(dossier_server, tmp_path / "missing.txt", empty, "--combine", "-o", out)
    assert code == EXIT_INPUT
    assert not out.exists() and dossier_server.requests == []
    err = capsys.readouterr().err
    assert "missing.txt" in err and "empty.txt" in err


@pytest.mark.parametrize("which", [0, 2])
def test_output_naming_an_input_is_refused_before_any_request(
    dossier_server: ScriptedServer,
    abc: list[Path],
    capsys: pytest.CaptureFixture[str],
    which: int,
) -> None:
    before = [p.read_bytes() for p in abc]
    assert _cli(dossier_server, *abc, "--combine", "-o", abc[which]) == EXIT_USAGE
    assert dossier_server.requests == []
    assert [p.read_bytes() for p in abc] == before
    assert f"article {abc[which]}" in capsys.readouterr().err


def test_output_dir_holds_one_dossier_file(
    dossier_server: ScriptedServer, abc: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "memos"
    assert _cli(dossier_server, *abc, "--combine", "-d", out, "--format", "json", "-q") == EXIT_OK
    assert [p.name for p in out.iterdir()] == ["dossier.json"]


def test_output_dir_never_replaces_an_input_called_dossier(
    dossier_server: ScriptedServer, abc: list[Path], tmp_path: Path
) -> None:
    # An input named like the memo keeps its bytes; the memo takes the .memo name.
    dossier = tmp_path / "dossier.md"
    dossier.write_text(BOMBING_B, encoding="utf-8")
    code = _cli(dossier_server, abc[0], dossier, "--combine", "-d", tmp_path, "-q")
    assert code == EXIT_OK
    assert dossier.read_text(encoding="utf-8") == BOMBING_B
    assert "A2:S" in (tmp_path / "dossier.memo.md").read_text(encoding="utf-8")


def test_standard_input_is_one_of_the_articles(
    dossier_server: ScriptedServer,
    abc: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BOMBING_B.encode())))
    assert _cli(dossier_server, abc[0], "-", "--combine", "-q") == EXIT_OK
    memo = capsys.readouterr().out  # no -o: the Markdown goes to standard output
    assert "A1:S" in memo and "A2:S" in memo and TITLES[1] in memo


def test_estimate_makes_no_request_and_counts_the_dossier_calls(
    dossier_server: ScriptedServer, abc: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from briefgen.ingest.sources import load_article
    from briefgen.run.estimate import estimate_dossier

    assert _cli(dossier_server, *abc, "--combine", "--estimate") == EXIT_OK
    assert dossier_server.requests == []
    out = capsys.readouterr().out
    # The settings the command line makes of its options: the same model and endpoint.
    config = briefgen.BriefConfig(model="scripted-model", base_url=dossier_server.base_url)
    expected = estimate_dossier([load_article(str(p)) for p in abc], config=config)
    # One estimate for the one memo, not one per article.
    assert re.findall(r"^calls: +(\d+)$", out, re.M) == [str(expected.calls)]
    assert expected.calls > 1


def test_one_article_with_combine_is_the_usual_memo(
    dossier_server: ScriptedServer, abc: list[Path], tmp_path: Path
) -> None:
    memos = []
    for extra in ([], ["--combine"]):
        out = tmp_path / f"memo{len(extra)}.md"
        fixed = ["--date", "March 5, 2026", "--no-cache", "-q"]
        assert _cli(dossier_server, abc[0], "-o", out, *fixed, *extra) == EXIT_OK
        memos.append(out.read_text(encoding="utf-8"))
    assert memos[0] == memos[1]
    assert "A1:S" not in memos[1]
    first, second = (r.body for r in dossier_server.requests)
    assert first == second


def test_on_article_failure_without_combine_is_a_usage_error(
    dossier_server: ScriptedServer, abc: list[Path]
) -> None:
    assert _cli(dossier_server, abc[0], "--on-article-failure", "raise") == EXIT_USAGE
    assert dossier_server.requests == []


def test_without_combine_each_article_still_gets_its_memo(
    dossier_server: ScriptedServer, abc: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "memos"
    assert _cli(dossier_server, abc[0], abc[1], "-d", out, "-q") == EXIT_OK
    assert sorted(p.name for p in out.iterdir()) == ["A.md", "B.md"]
    for memo in out.iterdir():
        assert not re.search(r"A\d+:S\d", memo.read_text(encoding="utf-8"))  # ids S<n>


def test_several_articles_without_combine_or_d_are_refused(
    dossier_server: ScriptedServer, abc: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(dossier_server, *abc) == EXIT_USAGE
    assert "--combine" in capsys.readouterr().err  # the refusal names the way out


def test_sigterm_while_the_model_answers_exits_143_and_writes_nothing(
    abc: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "memo.md"
    slow = [Step(body=completion({}).body, delay=20)]
    with ScriptedServer(slow, responder=dossier_responder) as server:
        env = {**os.environ, "PYTHONPATH": str(Path(briefgen.__file__).resolve().parent.parent)}
        # faulthandler: a process that does not stop dumps its threads on SIGABRT below.
        command = [sys.executable, "-X", "faulthandler", "-m", "briefgen.cli"]
        command += [*map(str, abc), "--combine"]
        process = subprocess.Popen(
            [*command, "-o", str(out), "--base-url", server.base_url, "-q"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 30
            while not server.requests:
                assert process.poll() is None, process.communicate()[1]
                assert time.monotonic() < deadline, "no request came"
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            try:
                _, err = process.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGABRT)
                _, err = process.communicate(timeout=10)
                raise AssertionError(err[-8000:]) from None
        finally:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A.txt", "B.txt", "C.txt"]
