from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from scripted_server import ScriptedServer, completion, error
from seed_answers import good_single_pass

from briefgen.cli import EXIT_CONFIG, EXIT_INPUT, EXIT_LLM, EXIT_OK, main


def test_file_to_markdown(seed_text: str, server: ScriptedServer, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "memo.md"
    server.push(completion(good_single_pass()))
    code = main([str(article), "-o", str(out), "--base-url", server.base_url, "--model", "m"])
    assert code == EXIT_OK
    assert out.read_text(encoding="utf-8").startswith("**UNCLASSIFIED**")
    assert server.requests[0].body["model"] == "m"


def test_stdin_to_stdout(
    seed_text: str,
    server: ScriptedServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_text.encode())))
    server.push(completion(good_single_pass()))
    assert main(["-", "--base-url", server.base_url]) == EXIT_OK
    assert "# INFORMATION MEMO" in capsys.readouterr().out


def test_exit_codes(
    tmp_path: Path, server: ScriptedServer, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.txt")]) == EXIT_INPUT
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main([str(empty), "--base-url", server.base_url]) == EXIT_INPUT
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    server.push(error(401))
    assert main([str(article), "--base-url", server.base_url]) == EXIT_LLM
    assert main(
        [str(article), "-o", str(tmp_path / "memo.pdf"), "--base-url", server.base_url]
    ) in (EXIT_CONFIG, EXIT_LLM)
    assert "error:" in capsys.readouterr().err
    assert not (tmp_path / "memo.pdf").exists()
