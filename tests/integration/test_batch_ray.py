"""``briefgen batch ray``: request lines sent through Ray Data (a real local Ray) to the
scripted server on loopback, and the memos made in Ray tasks. Skipped without the
``ray`` extra; CI runs them in a venv of their own (``.ci/run``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_files import private_ledger  # noqa: F401 - a fixture, used by every test here
from scripted_server import ScriptedServer, Step, echo_responder, error

from briefgen.batch.http_lines import read_request_line
from briefgen.batch.ledger import Ledger
from briefgen.cli import EXIT_OK, main
from briefgen.llm.batch_results import Answer, parse_result_line

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    """One local Ray for the module: starting it takes seconds, and every job here
    finds it running and uses it as it is."""
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    yield
    ray.shutdown()


@pytest.fixture
def four(tmp_path: Path, seed_text: str) -> list[Path]:
    """Three short articles and one long enough for two rounds (chunks, then synthesis)."""
    paths = []
    for name, size in (("a", 3000), ("b", 2500), ("c", 2000)):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"Dispatch {name.upper()} of the day.\n\n" + seed_text[:size])
        paths.append(path)
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join([seed_text] * (40_000 // len(seed_text) + 1))[:40_000])
    return [*paths, long]


def _ray(server: ScriptedServer, paths: list[Path], out: Path, *more: str) -> int:
    args = ["batch", "ray", *map(str, paths), "-d", str(out), "--base-url", server.base_url]
    return main([*args, "--model", "m", "-q", *more])


def _exported_bodies(out: Path) -> dict[str, str]:
    """Each request's body text as the request files of every round hold it."""
    bodies = {}
    for path in sorted(out.glob("batch-*.jsonl")):
        if path.name.endswith(".results.jsonl"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            request = read_request_line(line)
            bodies[request.custom_id] = request.body
    return bodies


def _memos(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.md"))


def test_four_articles_make_four_memos_and_every_body_sent_is_the_exported_text(
    server: ScriptedServer, four: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert _ray(server, four, out) == EXIT_OK
    assert _memos(out) == ["a.md", "b.md", "c.md", "long.md"]
    rounds = sorted(
        (p.name for p in out.glob("batch-*.jsonl") if ".results" not in p.name), key=len
    )
    assert len(rounds) == 2, rounds  # the long article's synthesis went in round 2
    exported = _exported_bodies(out)
    received = [r.raw.decode("utf-8") for r in server.chat_requests]
    # Byte for byte: no Arrow round trip filled in keys, no JSON library re-spaced them.
    assert sorted(received) == sorted(exported.values())
    assert not any('"enum":null' in body for body in received)
    second = (out / rounds[1]).read_text(encoding="utf-8").splitlines()
    assert len(second) == 1  # one synthesis, of the long article
    assert "Summary" in (out / "long.md").read_text(encoding="utf-8")


def test_a_request_the_server_refuses_is_recorded_with_its_message_and_not_asked_again(
    server: ScriptedServer, four: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refused_text = "Dispatch C of the day."

    def responder(body: dict[str, Any]) -> Step:
        if refused_text in json.dumps(body):
            return error(400, "vLLM says: this prompt is too long", code="400")
        return echo_responder(body)

    server.responder = responder
    out = tmp_path / "out"
    code = _ray(server, four[:3], out)
    assert code != EXIT_OK
    assert _memos(out) == ["a.md", "b.md"]
    said = capsys.readouterr().err
    assert "HTTP 400" in said and "vLLM says: this prompt is too long" in said
    refused = [r for r in server.chat_requests if refused_text in r.raw.decode("utf-8")]
    assert len(refused) == 1  # neither retried as transient nor re-asked as invalid
    [row] = [r for r in Ledger().articles(Ledger().jobs()[-1]) if r.state == "failed"]
    assert row.source.endswith("c.txt") and "HTTP 400" in (row.error or "")


def test_a_server_error_is_retried_and_the_memo_is_made(
    server: ScriptedServer, four: list[Path], tmp_path: Path
) -> None:
    server.push(error(500, "overloaded"), error(503, "overloaded"))
    out = tmp_path / "out"
    assert _ray(server, four[:1], out) == EXIT_OK
    assert _memos(out) == ["a.md"]
    bodies = [r.raw for r in server.chat_requests]
    assert len(bodies) == 3 and len(set(bodies)) == 1  # the same bytes, three times


def test_requests_go_out_at_once_within_the_concurrency_given(
    tmp_path: Path, seed_text: str
) -> None:
    def slow(body: dict[str, Any]) -> Step:
        step = echo_responder(body)
        step.delay = 0.3
        return step

    paths = []
    for n in range(12):
        path = tmp_path / f"n{n}.txt"
        path.write_text(f"Report {n}.\n\n" + seed_text[: 1500 + 50 * n], encoding="utf-8")
        paths.append(path)
    with ScriptedServer(responder=slow) as server:
        out = tmp_path / "out"
        assert _ray(server, paths, out, "--max-concurrency", "4", "--workers", "2") == EXIT_OK
        assert len(_memos(out)) == 12
        assert 2 <= server.max_in_flight <= 4, server.max_in_flight


def test_the_results_files_are_batch_output_that_import_reads_again_without_change(
    server: ScriptedServer, four: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert _ray(server, four[:2], out) == EXIT_OK
    [requests] = [p for p in out.glob("batch-*.jsonl") if ".results" not in p.name]
    results = requests.with_name(requests.stem + ".results.jsonl")
    lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    assert {line["response"]["status_code"] for line in lines} == {200}
    assert {line["custom_id"] for line in lines} == set(_exported_bodies(out))
    outcomes = [parse_result_line(line) for line in results.read_text().splitlines()]
    assert all(isinstance(o, Answer) for o in outcomes), outcomes
    # Imported again (as 'batch import' would), the finished job changes nothing.
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.md")}
    assert main(["batch", "import", str(requests), str(results), "-d", str(out), "-q"]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.md")} == before
