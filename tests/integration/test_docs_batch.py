"""Every command of docs/batch.md, run as written against the scripted server: the Batch
API, request files, vLLM ``run-batch`` (its output written in vLLM's own shape, since
vLLM needs a GPU) and, with the ``ray`` extra, ``batch ray`` on a real Ray."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sys
import uuid
from pathlib import Path

import pytest
from batch_files import private_ledger  # noqa: F401 - a fixture, used by every test here
from doc_commands import Shell, blocks, commands, section
from scripted_server import ScriptedServer, answer_requests_file, echo_responder

PAGE = "batch.md"
RAY_HEADING = "### Ray Data: `batch ray`"
DOC_URLS = ("http://vllm.internal:8000/v1", "http://localhost:8000/v1")


@pytest.fixture
def articles(tmp_path: Path, seed_text: str) -> Path:
    """articles/*.txt as the page names them: two short reports and a long one (which
    takes a second round for its synthesis)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Dispatch A.\n\n" + seed_text[:3000], encoding="utf-8")
    (folder / "b.txt").write_text("Dispatch B.\n\n" + seed_text[:2500], encoding="utf-8")
    long = "\n\n".join([seed_text] * (40_000 // len(seed_text) + 1))[:40_000]
    (folder / "long.txt").write_text(long, encoding="utf-8")
    return folder


def _memos(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.md"))


def _vllm_run_batch(words: list[str]) -> int:
    """``vllm run-batch -i IN -o OUT --model M``, its output in the shape vLLM's
    BatchRequestOutput writes (``id``, ``custom_id``, ``response`` with ``status_code``,
    ``request_id`` and ``body``, and ``error``)."""
    assert words[:2] == ["vllm", "run-batch"], words
    flags = dict(zip(words[2::2], words[3::2], strict=True))
    lines = [json.loads(x) for x in Path(flags["-i"]).read_text().splitlines() if x]
    out = []
    for line in lines:
        assert line["body"]["model"] == flags["--model"]  # exported for the model served
        assert "max_tokens" in line["body"]  # which every vLLM version reads
        response = {
            "status_code": 200,
            "request_id": f"vllm-batch-{uuid.uuid4().hex}",
            "body": echo_responder(line["body"]).body,
        }
        item = {"id": f"vllm-{uuid.uuid4().hex}", "custom_id": line["custom_id"]}
        out.append(json.dumps({**item, "response": response, "error": None}))
    Path(flags["-o"]).write_text("".join(x + "\n" for x in out), encoding="utf-8")
    return 0


def test_every_command_on_the_batch_page_runs_as_written(
    server: ScriptedServer, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.batch_api.immediate = True
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-docs-0000")
    text = (Path(__file__).resolve().parents[2] / "docs" / PAGE).read_text(encoding="utf-8")
    text = text.replace(section(PAGE, RAY_HEADING), "")
    replace = {url: server.base_url for url in DOC_URLS}
    replace["--poll-interval 60"] = "--poll-interval 0.01"  # the same command, sooner
    shell = Shell(tmp_path, replace=replace, stand_ins={"vllm": _vllm_run_batch})
    for command in commands(text):
        words = shell._words(command) if not command.startswith("JOB=") else []
        if words[:3] == ["briefgen", "batch", "import"] and not (tmp_path / words[4]).exists():
            # "... answer requests.jsonl with the engine: results.jsonl ...", as the page says
            answers = answer_requests_file((tmp_path / words[3]).read_text())
            (tmp_path / words[4]).write_text(answers, encoding="utf-8")
        assert shell.run(command) == 0, command
    ran = {" ".join(w[:3]) for w in shell.ran}
    assert ran == {
        "briefgen batch run",
        "briefgen batch submit",
        "briefgen batch status",
        "briefgen batch collect",
        "briefgen batch export",
        "briefgen batch import",
        "vllm run-batch -i",
    }, ran
    assert _memos(tmp_path / "memos") == ["a.md", "b.md", "long.md"]
    assert any("round2" in w for words in shell.ran for w in words)  # the long one's round


@pytest.mark.ray
def test_the_ray_commands_and_python_on_the_batch_page_run_as_written(
    server: ScriptedServer, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    if ray.is_initialized():  # pragma: no cover - another module's Ray, still up
        ray.shutdown()
    # `ray start` is the venv's own command, beside its python.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    assert shutil.which("ray"), "the ray command is not beside this python"

    def pip(words: list[str]) -> int:
        assert words == ["pip", "install", "briefgen[ray]"], words
        return 0  # installed already: this test runs in a venv with the extra

    def vllm(words: list[str]) -> int:
        assert words[:2] == ["vllm", "serve"] and "--port" in words, words
        return 0  # the scripted server stands in for the deployment

    text = section(PAGE, RAY_HEADING)
    shell = Shell(
        tmp_path,
        replace={url: server.base_url for url in DOC_URLS},
        stand_ins={"pip": pip, "vllm": vllm},
    )
    try:
        for command in commands(text):
            assert shell.run(command) == 0, command
    finally:
        with contextlib.suppress(OSError):
            shell.run("ray stop --force")
    ran = [" ".join(w[:3]) for w in shell.ran]
    assert ran.count("briefgen batch ray") == 2 and "ray start --head" in ran, ran
    assert any("--address" in words for words in shell.ran)
    assert _memos(tmp_path / "memos") == ["a.md", "b.md", "long.md"]

    [code] = blocks(text, "python")
    for url in DOC_URLS:
        code = code.replace(url, server.base_url)
    printed = io.StringIO()
    monkeypatch.chdir(tmp_path)
    with contextlib.redirect_stdout(printed):
        exec(compile(code, f"docs/{PAGE}", "exec"), {})  # the page's own code
    assert printed.getvalue().strip() == "{'written': 3}"
