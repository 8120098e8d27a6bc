"""What a results file does to a job, whatever is in it: a line of any shape fails its own
request only and a corrected file repairs it; reading the same file again changes
nothing; a line too big, a duplicate, a line of another round or job are told apart; an
article that fails exits with its error's code; a finished job keeps only what replaying
it needs."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from batch_files import answered, failed, private_ledger, set_field, with_body, write_results
from scripted_server import ScriptedServer, Step, echo_responder

import briefgen
from briefgen.batch.files import export_batch, import_results
from briefgen.batch.ledger import Ledger, ledger_path
from briefgen.cli import EXIT_LLM, EXIT_OK, main
from briefgen.errors import BatchError
from briefgen.llm.batch_results import MAX_RESULT_LINE_BYTES

__all__ = ["private_ledger"]


@pytest.fixture
def two(tmp_path: Path, seed_text: str) -> list[Path]:
    paths = []
    for name, size in (("a", 2200), ("b", 1800)):
        path = tmp_path / f"{name}.txt"
        path.write_text(seed_text[:size], encoding="utf-8")
        paths.append(path)
    return paths


def _export(paths: list[Path], requests: Path, **settings: Any) -> briefgen.BatchJob:
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return export_batch(texts, requests, sources=[str(p) for p in paths], **settings)


def _memos(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("*.md"))


def _state(job: str) -> tuple[dict[str, int], list[tuple[int, str]], list[int]]:
    """Articles by state, the rounds, and how often each request was sent."""
    ledger = Ledger()
    try:
        rounds = [(r.round, r.state) for r in ledger.rounds(job)]
        sent = [
            ledger.times_sent(job, custom_id)
            for number, _ in rounds
            for custom_id, _ in ledger.round_requests(job, number)
        ]
        return ledger.counts(job), rounds, sorted(sent)
    finally:
        ledger.close()


def _mistyped(line: dict[str, Any], shape: str) -> dict[str, Any]:
    if shape == "response is a list":
        return {**line, "response": [1]}
    changes = {
        "choices is a number": set_field("choices", 5),
        "choices is an object": set_field("choices", {}),
        "usage tokens are words": set_field("usage.prompt_tokens", "abc"),
        "content is a number": set_field("choices.0.message.content", 123),
        "message is a list": set_field("choices.0.message", ["x"]),
    }
    if shape == "body is a string":
        return {**line, "response": {"status_code": 200, "body": "<html>oops</html>"}}
    return with_body(line, changes[shape])


SHAPES = [
    "response is a list",
    "choices is a number",
    "choices is an object",
    "usage tokens are words",
    "content is a number",
    "message is a list",
    "body is a string",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_mistyped_results_line_fails_its_request_and_a_corrected_file_repairs_it(
    shape: str, two: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    requests, out = tmp_path / "req.jsonl", tmp_path / "out"
    job = _export(two, requests)
    good = answered(requests)
    bad = write_results(tmp_path / "bad.jsonl", [_mistyped(good[0], shape), good[1]])
    argv = ["batch", "import", str(requests), str(bad), "-d", str(out)]
    assert main(argv) == EXIT_OK
    assert _memos(out) == ["b.md"]
    err = capsys.readouterr().err
    assert "Traceback" not in err and "one more round" in err
    ledger = Ledger()
    [failure] = ledger.failures(job.id, 0).values()
    assert failure.startswith("not a ") and len(failure) < 300, failure
    ledger.close()
    # The engine's corrected file replaces the failure it stored.
    fixed = write_results(tmp_path / "fixed.jsonl", good)
    assert main(["batch", "import", str(requests), str(fixed), "-d", str(out)]) == EXIT_OK
    assert _memos(out) == ["a.md", "b.md"]
    assert _state(job.id)[0] == {"written": 2}


def test_a_managed_batch_with_a_mistyped_answer_sends_that_request_again(
    server: ScriptedServer, two: list[Path], tmp_path: Path
) -> None:
    spoiled: list[bool] = []

    def responder(body: dict[str, Any]) -> Step:
        step = echo_responder(body)
        if not spoiled:
            spoiled.append(True)
            step.body["choices"][0]["message"]["content"] = {"not": "a string"}
        return step

    server.responder = responder
    job = briefgen.submit_batch(
        [p.read_text() for p in two], sources=[str(p) for p in two], base_url=server.base_url
    )
    results = job.wait(poll_interval=0.01, output_dir=tmp_path / "out")
    assert all(isinstance(r, briefgen.Brief) for r in results), results
    assert len(server.batch_api.batches) == 2  # the spoiled answer's request, again
    assert _memos(tmp_path / "out") == ["a.md", "b.md"]


@pytest.mark.parametrize(
    "error",
    [
        "vLLM says: the prompt is too long",
        {"message": "vLLM says: the prompt is too long", "code": 400},
        {"error": {"message": "vLLM says: the prompt is too long", "code": 400}},
    ],
    ids=["string", "error.message", "error.error.message"],
)
def test_an_error_line_keeps_the_servers_message(
    error: Any, two: list[Path], tmp_path: Path
) -> None:
    requests = tmp_path / "req.jsonl"
    job = _export(two, requests, max_reasks=0)
    good = answered(requests)
    line = {**good[0], "response": {"status_code": 400, "body": None}, "error": error}
    results = write_results(tmp_path / "res.jsonl", [line, good[1]])
    outcome = import_results(requests, results, tmp_path / "out")
    assert outcome.next_requests is None
    first, second = job.results()
    assert isinstance(first, BatchError), first
    assert "vLLM says: the prompt is too long" in str(first)
    assert isinstance(second, briefgen.Brief)


def test_importing_the_same_results_again_changes_nothing(two: list[Path], tmp_path: Path) -> None:
    requests, out = tmp_path / "req.jsonl", tmp_path / "out"
    job = _export(two, requests)
    good = answered(requests)
    results = write_results(tmp_path / "res.jsonl", [failed(good[0]), good[1]])
    first = import_results(requests, results, out)
    assert first.next_requests is not None
    after_one = _state(job.id)
    for _ in range(3):
        again = import_results(requests, results, out)
        assert again.next_requests == first.next_requests
        assert _state(job.id) == after_one
    counts, rounds, sent = after_one
    assert counts == {"pending": 1, "written": 1}
    assert [state for _, state in rounds] == ["completed", "submitted"]
    assert max(sent) == 2  # in round 1, then once more in round 2
    # The next round's answer is still taken.
    round2 = write_results(tmp_path / "res2.jsonl", answered(first.next_requests))
    done = import_results(first.next_requests, round2, out)
    assert done.next_requests is None
    assert _memos(out) == ["a.md", "b.md"]


def test_a_line_over_the_size_cap_fails_its_request_and_is_never_held_whole(
    two: list[Path], tmp_path: Path
) -> None:
    requests, out = tmp_path / "req.jsonl", tmp_path / "out"
    job = _export(two, requests)
    good = answered(requests)
    size = 6 * MAX_RESULT_LINE_BYTES
    huge = with_body(good[0], set_field("choices.0.message.content", "x" * size))
    results = write_results(tmp_path / "res.jsonl", [huge, good[1]])
    tracemalloc.start()
    try:
        outcome = import_results(requests, results, out)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2.5 * MAX_RESULT_LINE_BYTES, peak
    assert _memos(out) == ["b.md"]
    ledger = Ledger()
    [failure] = ledger.failures(job.id, 0).values()
    ledger.close()
    assert "over the cap" in failure
    assert ledger_path().stat().st_size < MAX_RESULT_LINE_BYTES
    assert outcome.next_requests is not None
    assert outcome.next_requests.stat().st_size < 100_000  # the request, not the answer


def test_duplicate_custom_ids_with_different_answers_are_refused(
    two: list[Path], tmp_path: Path
) -> None:
    requests, out = tmp_path / "req.jsonl", tmp_path / "out"
    job = _export(two, requests)
    good = answered(requests)
    other = with_body(good[0], set_field("choices.0.message.content", '{"other": 1}'))
    results = write_results(tmp_path / "res.jsonl", [good[0], good[1], other])
    with pytest.raises(BatchError, match="custom_id " + good[0]["custom_id"]) as caught:
        import_results(requests, results, out)
    assert "more than one answer" in str(caught.value)
    assert not out.exists()
    ledger = Ledger()
    assert ledger.answers(job.id, 0) == {} and ledger.answers(job.id, 1) == {}
    ledger.close()
    # The same line twice is one answer.
    twice = write_results(tmp_path / "twice.jsonl", [good[0], good[1], good[0]])
    assert import_results(requests, twice, out).next_requests is None
    assert _memos(out) == ["a.md", "b.md"]


def test_a_line_for_a_request_of_another_round_of_the_job_is_refused(
    seed_text: str, tmp_path: Path
) -> None:
    text = "\n\n".join([seed_text] * 8)
    requests, out = tmp_path / "req.jsonl", tmp_path / "out"
    export_batch([text], requests, chunk_tokens=1500)
    round1 = answered(requests)
    first = import_results(requests, write_results(tmp_path / "res.jsonl", round1), out)
    assert first.next_requests is not None
    round2 = answered(first.next_requests)
    mixed = write_results(tmp_path / "mixed.jsonl", [*round2, round1[0]])
    with pytest.raises(BatchError, match="another file or job"):
        import_results(first.next_requests, mixed, out)
    assert _memos(out) == []


def test_a_request_file_holding_a_request_of_another_job_is_refused(
    two: list[Path], tmp_path: Path
) -> None:
    mine, theirs = tmp_path / "mine.jsonl", tmp_path / "theirs.jsonl"
    _export(two[:1], mine)
    _export(two[1:], theirs)
    # A request file put together by hand from the two jobs' files.
    joined = tmp_path / "joined.jsonl"
    joined.write_text(mine.read_text() + theirs.read_text(), encoding="utf-8")
    results = write_results(tmp_path / "res.jsonl", answered(joined))
    with pytest.raises(BatchError, match="another file or job"):
        import_results(joined, results, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_managed_batch_output_with_an_unknown_custom_id_is_refused(
    server: ScriptedServer, two: list[Path], tmp_path: Path
) -> None:
    server.batch_api.immediate = True
    job = briefgen.submit_batch([two[0].read_text()], base_url=server.base_url)
    [batch] = server.batch_api.batches.values()
    file_id = batch["output_file_id"]
    [line] = [json.loads(x) for x in server.batch_api.files[file_id].splitlines()]
    alien = {**line, "custom_id": "bgffffffffff-a1-c1-0123456789abcdef"}
    server.batch_api.files[file_id] += (json.dumps(alien) + "\n").encode()
    with pytest.raises(BatchError, match="another file or job"):
        job.collect(tmp_path / "out")
    assert _memos(tmp_path / "out") == []
    ledger = Ledger()
    assert ledger.answers(job.id, 0) == {}
    ledger.close()


def test_an_article_whose_requests_keep_failing_exits_with_the_llm_code(
    server: ScriptedServer, two: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.batch_api.fail_line = lambda line: "-a1-" in str(line["custom_id"])
    job = briefgen.submit_batch(
        [p.read_text() for p in two],
        sources=[str(p) for p in two],
        base_url=server.base_url,
        max_reasks=1,
    )
    argv = ["batch", "collect", job.id, "-d", str(tmp_path / "out"), "--wait"]
    assert main([*argv, "--poll-interval", "0.01"]) == EXIT_LLM
    assert "a.txt" in capsys.readouterr().err
    assert _memos(tmp_path / "out") == ["b.md"]
    # And through import: the article of a line that failed is an LLM failure too.
    requests = tmp_path / "req.jsonl"
    _export(two[:1], requests, max_reasks=0)
    results = write_results(tmp_path / "res.jsonl", [failed(answered(requests)[0])])
    argv = ["batch", "import", str(requests), str(results), "-d", str(tmp_path / "out2")]
    assert main(argv) == EXIT_LLM
    assert "engine failed" in capsys.readouterr().err


def test_a_finished_job_drops_its_request_bodies_and_keeps_what_results_replays(
    server: ScriptedServer, two: list[Path], tmp_path: Path
) -> None:
    seen: set[str] = set()

    def fail_once(line: dict[str, Any]) -> bool:
        first = line["custom_id"] not in seen
        seen.add(str(line["custom_id"]))
        return first and "-a2-" in str(line["custom_id"])

    server.batch_api.fail_line = fail_once
    job = briefgen.submit_batch([p.read_text() for p in two], base_url=server.base_url)
    job.wait(poll_interval=0.01, output_dir=tmp_path / "out")
    with sqlite3.connect(ledger_path()) as db:
        bodies = db.execute(
            "SELECT COUNT(*) FROM requests WHERE job = ? AND body IS NOT NULL", (job.id,)
        ).fetchone()[0]
        failures = db.execute("SELECT COUNT(*) FROM failures WHERE job = ?", (job.id,)).fetchone()
    assert bodies == 0 and failures[0] == 0
    replayed = briefgen.resume_batch(job.id).results()
    assert all(isinstance(r, briefgen.Brief) for r in replayed), replayed


class _Writes(io.StringIO):
    """A stderr that keeps each write apart."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def write(self, text: str) -> int:
        self.chunks.append(text)
        return super().write(text)


def test_each_line_import_prints_reaches_the_terminal_whole_with_its_newline(
    two: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    requests = tmp_path / "req.jsonl"
    assert main(["batch", "export", *map(str, two), "-o", str(requests)]) == EXIT_OK
    results = write_results(tmp_path / "res.jsonl", answered(requests))
    stderr = _Writes()
    monkeypatch.setattr(sys, "stderr", stderr)
    argv = ["batch", "import", str(requests), str(results), "-d", str(tmp_path / "out")]
    assert main(argv) == EXIT_OK
    lines = [chunk for chunk in stderr.chunks if chunk]
    assert len(lines) == 2
    # One write per line: another thread's line can never land in the middle of it.
    assert all(chunk.startswith("briefgen: ") and chunk.endswith("\n") for chunk in lines)


def test_a_stored_answer_of_a_bad_shape_replays_as_a_typed_failure_until_replaced(
    two: list[Path], tmp_path: Path
) -> None:
    requests, results = tmp_path / "req.jsonl", tmp_path / "res.jsonl"
    job = _export(two[:1], requests)
    write_results(results, answered(requests))
    import_results(requests, results, tmp_path / "out")
    # An answer of the wrong shape in the ledger (an older briefgen, a damaged file).
    with sqlite3.connect(ledger_path()) as db:
        db.execute("UPDATE answers SET body = ? WHERE job = ?", ('{"choices": 5}', job.id))
    [outcome] = job.results()
    assert isinstance(outcome, BatchError), outcome
    # The engine's file read again puts the good answer in its place.
    import_results(requests, results, tmp_path / "out")
    [outcome] = job.results()
    assert isinstance(outcome, briefgen.Brief), outcome


def test_a_ledger_of_the_previous_format_opens_with_answers_and_failures_apart() -> None:
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.executescript(
            """
            CREATE TABLE jobs (id TEXT PRIMARY KEY, created REAL, settings TEXT, style TEXT,
                kind TEXT, state TEXT);
            CREATE TABLE articles (job TEXT, idx INTEGER, source TEXT, article TEXT,
                state TEXT, memo_path TEXT, error TEXT, PRIMARY KEY (job, idx));
            CREATE TABLE results (job TEXT, idx INTEGER, hash TEXT, body TEXT, error TEXT,
                PRIMARY KEY (job, idx, hash));
            INSERT INTO jobs VALUES ('bg0000000001', 0, '{}', 'info-memo', 'file', 'submitted');
            INSERT INTO articles VALUES ('bg0000000001', 0, 'a', '{}', 'pending', NULL, NULL);
            INSERT INTO results VALUES ('bg0000000001', 0, 'h1', '{"choices": []}', NULL);
            INSERT INTO results VALUES ('bg0000000001', 0, 'h2', NULL, 'HTTP 500: down');
            """
        )
    ledger = Ledger()
    assert ledger.answers("bg0000000001", 0) == {"h1": '{"choices": []}'}
    assert ledger.failures("bg0000000001", 0) == {"h2": "HTTP 500: down"}
    [row] = ledger.articles("bg0000000001")
    assert row.error_kind is None
    ledger.close()
