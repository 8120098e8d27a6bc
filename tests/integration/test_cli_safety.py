"""The memo command refuses what it cannot finish before it pays for a call, and what it
prints cannot be made to draw on the terminal by a file name."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from typing import Any

import pytest
from scripted_server import ScriptedServer, completion
from seed_answers import good_single_pass

from briefgen.cli import EXIT_CONFIG, EXIT_INPUT, EXIT_OK, EXIT_USAGE, main


def test_a_word_memo_without_the_docx_extra_fails_before_any_call(
    seed_text: str,
    server: ScriptedServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(seed_text, encoding="utf-8")
    real_find_spec = importlib.util.find_spec

    def without_docx(name: str, *args: Any) -> Any:
        return None if name in {"docx", "markdown_it"} else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without_docx)
    server.push(completion(good_single_pass()))
    out = tmp_path / "memo.docx"
    code = main([str(article), "-o", str(out), "--base-url", server.base_url, "-q"])
    assert code == EXIT_CONFIG
    assert server.requests == []  # nothing was paid for
    assert 'pip install "briefgen[docx]"' in capsys.readouterr().err
    assert not out.exists()


def test_standard_input_named_twice_is_a_usage_error_read_never(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Some text that must not be read."))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["-", "-", "--combine", "--base-url", server.base_url]) == EXIT_USAGE
    assert "Standard input (-) can be read once" in capsys.readouterr().err
    assert stdin.buffer.tell() == 0 and server.requests == []


def test_a_file_name_with_a_newline_or_a_bidi_override_prints_on_one_line(
    server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = tmp_path / "empty\nbriefgen: wrote memo.md \u202etxt.exe"
    forged.write_text("  \n", encoding="utf-8")
    assert main([str(forged), "--base-url", server.base_url]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # one message, one line
    assert "\\n" in err and "\\u202e" in err and "\u202e" not in err


def test_a_plain_name_is_printed_as_it_is(
    seed_text: str, server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "Überblick – Grenze.txt"
    article.write_text(seed_text, encoding="utf-8")
    server.push(completion(good_single_pass()))
    out = tmp_path / "Überblick – memo.md"
    assert main([str(article), "-o", str(out), "--base-url", server.base_url]) == EXIT_OK
    assert str(out) in capsys.readouterr().err


def test_an_output_at_a_symlink_loop_is_refused_before_any_call(
    seed_text: str, server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(seed_text, encoding="utf-8")
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    server.push(completion(good_single_pass()))
    assert main([str(article), "-o", str(loop), "--base-url", server.base_url]) == EXIT_USAGE
    assert "symbolic link loop" in capsys.readouterr().err
    assert server.requests == []


def test_an_output_directory_that_loops_is_refused_before_any_call(
    seed_text: str, server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(seed_text, encoding="utf-8")
    first, second = tmp_path / "a", tmp_path / "b"
    first.symlink_to(second)
    second.symlink_to(first)
    server.push(completion(good_single_pass()))
    code = main([str(article), "-d", str(first / "memos"), "--base-url", server.base_url])
    assert code == EXIT_USAGE
    assert "symbolic link loop" in capsys.readouterr().err
    assert server.requests == []
