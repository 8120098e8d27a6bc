"""Memos through the Batch API and through request files, with the real openai client
against the scripted server's /v1/files and /v1/batches on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from scripted_server import ScriptedServer, answer_requests_file

import briefgen
from briefgen.batch.files import export_batch, import_results
from briefgen.cli import EXIT_CONFIG, EXIT_LLM, EXIT_OK, main
from briefgen.errors import BatchError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _private_ledger(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    cache = tmp_path_factory.mktemp("briefgen-cache")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def articles(tmp_path: Path, seed_text: str) -> Iterator[list[Path]]:
    paths = []
    for name, size in (("a", 3000), ("b", 2500), ("c", 2000)):
        path = tmp_path / f"{name}.txt"
        path.write_text(seed_text[:size], encoding="utf-8")
        paths.append(path)
    yield paths


def _memos(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("*.md"))


def test_batch_run_writes_every_memo_and_sends_no_direct_chat_request(
    server: ScriptedServer, articles: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    argv = ["batch", "run", *map(str, articles), "-d", str(out), "--poll-interval", "0.01"]
    assert main([*argv, "--base-url", server.base_url, "--model", "m"]) == EXIT_OK
    assert _memos(out) == ["a.md", "b.md", "c.md"]
    assert (out / "a.md").read_text(encoding="utf-8").startswith("**UNCLASSIFIED**")
    assert server.chat_requests == []
    assert len(server.batch_api.batches) == 1
    [batch] = server.batch_api.batches.values()
    assert batch["request_counts"]["completed"] == 3


def test_submit_then_collect_in_another_process(
    server: ScriptedServer,
    articles: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, _, c = articles
    code = main(["batch", "submit", str(a), str(c), "--base-url", server.base_url, "--model", "m"])
    assert code == EXIT_OK
    job = capsys.readouterr().out.strip()
    assert job.startswith("bg") and "\n" not in job
    out = tmp_path / "out2"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("OPENAI_API_KEY", None)
    command = [sys.executable, "-m", "briefgen.cli", "batch", "collect", job, "-d", str(out)]
    done = subprocess.run(
        [*command, "--wait", "--poll-interval", "0.05"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert _memos(out) == ["a.md", "c.md"]
    assert server.chat_requests == []
    # Collecting again writes nothing again.
    before = (out / "a.md").stat().st_mtime_ns
    assert main(["batch", "collect", job, "-d", str(out)]) == EXIT_OK
    assert (out / "a.md").stat().st_mtime_ns == before


def test_long_article_takes_a_second_batch_for_its_synthesis(
    server: ScriptedServer, seed_text: str, tmp_path: Path
) -> None:
    text = "\n\n".join([seed_text] * (40_000 // len(seed_text) + 1))[:40_000]
    job = briefgen.submit_batch([text], base_url=server.base_url, model="m", chunk_tokens=6000)
    [brief] = job.wait(poll_interval=0.01, output_dir=tmp_path / "long")
    assert isinstance(brief, briefgen.Brief), brief
    assert brief.report.chunks >= 2
    assert len(server.batch_api.batches) == 2  # the chunks, then the synthesis
    first, second = server.batch_api.batches.values()
    assert first["request_counts"]["total"] == brief.report.chunks
    assert second["request_counts"]["total"] == 1
    assert server.chat_requests == []
    assert _memos(tmp_path / "long") == ["article-1.md"]
    again = briefgen.resume_batch(job.id)
    assert again.status().state == "done"
    assert isinstance(again.results()[0], briefgen.Brief)


def test_export_then_import_results_made_elsewhere(
    articles: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, _ = articles
    requests = tmp_path / "req.jsonl"
    assert main(["batch", "export", str(a), str(b), "-o", str(requests)]) == EXIT_OK
    lines = [json.loads(x) for x in requests.read_text().splitlines()]
    assert len(lines) == 2
    assert {x["url"] for x in lines} == {"/v1/chat/completions"}
    assert lines[0]["body"]["response_format"]["json_schema"]["strict"] is True
    results = tmp_path / "res.jsonl"
    results.write_text(answer_requests_file(requests.read_text()))
    out = tmp_path / "out4"
    assert main(["batch", "import", str(requests), str(results), "-d", str(out)]) == EXIT_OK
    assert _memos(out) == ["a.md", "b.md"]


def test_import_of_a_long_article_writes_the_next_request_file(
    seed_text: str, tmp_path: Path
) -> None:
    text = "\n\n".join([seed_text] * 8)
    requests = tmp_path / "req.jsonl"
    export_batch([text], requests, chunk_tokens=1500)
    results = tmp_path / "res.jsonl"
    results.write_text(answer_requests_file(requests.read_text()))
    first = import_results(requests, results, tmp_path / "out")
    assert first.next_requests == tmp_path / "req.round2.jsonl"
    assert _memos(tmp_path / "out") == []
    second = tmp_path / "res2.jsonl"
    second.write_text(answer_requests_file(first.next_requests.read_text()))
    done = import_results(first.next_requests, second, tmp_path / "out")
    assert done.next_requests is None
    assert _memos(tmp_path / "out") == ["article-1.md"]


# -- the bad cases ----------------------------------------------------------------------


def test_an_expired_batch_is_an_error_naming_the_articles_without_memo(
    server: ScriptedServer, articles: list[Path], tmp_path: Path
) -> None:
    server.batch_api.outcome = "expired"
    server.batch_api.answer_fraction = 0.5  # a's line only
    a, b, _ = articles
    job = briefgen.submit_batch(
        [a.read_text(), b.read_text()], sources=[str(a), str(b)], base_url=server.base_url
    )
    with pytest.raises(BatchError, match=r"expired.*No memo for: .*b\.txt"):
        job.wait(poll_interval=0.01, output_dir=tmp_path / "out")
    assert _memos(tmp_path / "out") == ["a.md"]
    code = main(["batch", "collect", job.id, "-d", str(tmp_path / "out")])
    assert code == EXIT_LLM
    # The rest can still be finished live.
    assert job.collect(tmp_path / "out", finish_live=True)
    assert _memos(tmp_path / "out") == ["a.md", "b.md"]
    assert len(server.chat_requests) == 1


def test_a_cancelled_batch_is_an_error(
    server: ScriptedServer, articles: list[Path], tmp_path: Path
) -> None:
    job = briefgen.submit_batch([p.read_text() for p in articles], base_url=server.base_url)
    job.cancel()
    with pytest.raises(BatchError, match="cancelled"):
        job.wait(poll_interval=0.01, output_dir=tmp_path / "out")
    assert _memos(tmp_path / "out") == []
    assert server.chat_requests == []


def test_failed_lines_are_sent_again(
    server: ScriptedServer, articles: list[Path], tmp_path: Path
) -> None:
    seen: set[str] = set()

    def fail_once(line: dict[str, object]) -> bool:
        first = line["custom_id"] not in seen
        seen.add(str(line["custom_id"]))
        return first and "-a2-" in str(line["custom_id"])

    server.batch_api.fail_line = fail_once
    job = briefgen.submit_batch([p.read_text() for p in articles], base_url=server.base_url)
    results = job.wait(poll_interval=0.01, output_dir=tmp_path / "out")
    assert all(isinstance(r, briefgen.Brief) for r in results)
    assert len(server.batch_api.batches) == 2
    assert _memos(tmp_path / "out") == ["article-1.md", "article-2.md", "article-3.md"]


def test_lines_that_keep_failing_fail_their_article_only(
    server: ScriptedServer, articles: list[Path], tmp_path: Path
) -> None:
    server.batch_api.fail_line = lambda line: "-a1-" in str(line["custom_id"])
    job = briefgen.submit_batch(
        [p.read_text() for p in articles], base_url=server.base_url, max_reasks=1
    )
    first, *rest = job.wait(poll_interval=0.01)
    assert isinstance(first, BatchError) and "failed" in str(first)
    assert all(isinstance(r, briefgen.Brief) for r in rest)


def test_results_missing_lines_or_for_other_requests(articles: list[Path], tmp_path: Path) -> None:
    a, b, _ = articles
    requests = tmp_path / "req.jsonl"
    export_batch([a.read_text(), b.read_text()], requests, sources=[str(a), str(b)])
    answered = answer_requests_file(requests.read_text()).splitlines()
    other = tmp_path / "other.jsonl"
    alien = json.loads(answered[0]) | {"custom_id": "bgffffffffff-a1-c1-0000"}
    other.write_text("\n".join([answered[0], json.dumps(alien)]) + "\n")
    with pytest.raises(BatchError, match="another file or job"):
        import_results(requests, other, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    partial = tmp_path / "partial.jsonl"
    partial.write_text(answered[1] + "\n")
    with pytest.raises(BatchError, match=r"no line for 1 of the 2 requests"):
        import_results(requests, partial, tmp_path / "out")
    assert _memos(tmp_path / "out") == ["b.md"]


def test_an_upload_the_server_refuses(
    server: ScriptedServer, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server.batch_api.refuse_upload = True
    code = main(["batch", "submit", str(articles[0]), "--base-url", server.base_url])
    assert code == EXIT_LLM
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "refused the batch input file" in captured.err
    assert "Invalid file format" in captured.err


def test_a_job_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", "collect", "bg0000000000", "-d", str(tmp_path)]) == EXIT_LLM
    assert "No batch job 'bg0000000000'" in capsys.readouterr().err
    with pytest.raises(BatchError):
        briefgen.resume_batch("nope")


def test_status_lists_jobs(
    server: ScriptedServer, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    job = briefgen.submit_batch([articles[0].read_text()], base_url=server.base_url)
    assert main(["batch", "status"]) == EXIT_OK
    out = capsys.readouterr().out
    assert job.id in out and "batch_1" in out


def test_estimate_shows_the_batch_price(seed_text: str) -> None:
    forecast = briefgen.estimate(seed_text, model="gpt-4o-mini", base_url="http://x/v1")
    assert forecast.cost_usd is not None and forecast.batch_cost_usd is not None
    # Both are rounded to a millionth of a dollar.
    assert forecast.batch_cost_usd == pytest.approx(forecast.cost_usd / 2, abs=1e-6)


def test_submit_without_an_endpoint_is_a_config_error(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", "submit", str(articles[0])]) == EXIT_CONFIG
    assert "needs an endpoint with a Batch API" in capsys.readouterr().err
