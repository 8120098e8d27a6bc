"""One collector per job: a second one is refused with the holder's pid while the first
works, and a lock whose holder died or went quiet does not block the job."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_files import answered, private_ledger, write_results
from scripted_server import ScriptedServer

import briefgen
from briefgen.batch.files import export_batch, import_results
from briefgen.batch.ledger import LOCK_STALE_SECONDS, Ledger, ledger_path
from briefgen.cli import EXIT_LLM, EXIT_OK, main
from briefgen.errors import BatchError

__all__ = ["private_ledger"]

ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("OPENAI_API_KEY", None)
    return env


def _collect(job: str, out: Path) -> list[str]:
    command = [sys.executable, "-m", "briefgen.cli", "batch", "collect", job, "-d", str(out)]
    return [*command, "--wait", "--poll-interval", "0.05"]


def _holder(job: str, patience: float = 60.0) -> int:
    """The pid holding ``job``, once one does."""
    deadline = time.monotonic() + patience
    ledger = Ledger()
    try:
        while time.monotonic() < deadline:
            held = ledger.holder(job)
            if held is not None:
                return held.pid
            time.sleep(0.05)
    finally:
        ledger.close()
    raise AssertionError("nobody took the job")


def test_a_second_collector_is_refused_while_one_collects_and_each_round_is_sent_once(
    server: ScriptedServer, seed_text: str, tmp_path: Path
) -> None:
    text = "\n\n".join([seed_text] * (40_000 // len(seed_text) + 1))[:40_000]
    job = briefgen.submit_batch([text], base_url=server.base_url, chunk_tokens=6000)
    [first] = server.batch_api.batches.values()
    first["status"] = "finalizing"  # the server holds the batch until the test lets go
    out = tmp_path / "out"
    holder = subprocess.Popen(_collect(job.id, out), env=_env(), stderr=subprocess.PIPE, text=True)
    try:
        assert _holder(job.id) == holder.pid
        second = subprocess.run(
            _collect(job.id, out),
            env=_env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert second.returncode == EXIT_LLM, second.stderr
        expected = f"job {job.id} is being collected by another process (pid {holder.pid}"
        assert expected in second.stderr
        first["status"] = "in_progress"  # let the first collector finish
        _, err = holder.communicate(timeout=120)
    finally:
        holder.kill()
    assert holder.returncode == EXIT_OK, err
    assert len(server.batch_api.batches) == 2  # the chunks, then one synthesis batch
    ledger = Ledger()
    assert [r.state for r in ledger.rounds(job.id)] == ["completed", "completed"]
    assert ledger.holder(job.id) is None
    ledger.close()
    assert [p.name for p in out.glob("*.md")] == ["article-1.md"]


def test_a_lock_left_by_a_process_that_died_does_not_block_the_job(
    server: ScriptedServer, seed_text: str, tmp_path: Path
) -> None:
    server.batch_api.immediate = True
    job = briefgen.submit_batch([seed_text[:2000]], base_url=server.base_url)
    crash = "import os, sys; from briefgen.batch.ledger import Ledger; "
    crash += "Ledger().claim(sys.argv[1]); os._exit(0)"
    died = subprocess.run([sys.executable, "-c", crash, job.id], env=_env(), check=False)
    assert died.returncode == 0
    with sqlite3.connect(ledger_path()) as db:
        assert db.execute("SELECT pid FROM locks").fetchall() != []
    assert main(["batch", "collect", job.id, "-d", str(tmp_path / "out")]) == EXIT_OK
    assert (tmp_path / "out" / "article-1.md").exists()


def test_a_lock_not_renewed_for_too_long_is_taken_over_and_its_holder_told(
    seed_text: str, tmp_path: Path
) -> None:
    job = export_batch([seed_text[:2000]], tmp_path / "req.jsonl")
    quiet, other = Ledger(), Ledger()
    token = quiet.claim(job.id)
    with pytest.raises(BatchError, match=f"pid {os.getpid()}"):
        other.claim(job.id)
    with sqlite3.connect(ledger_path()) as db:
        db.execute("UPDATE locks SET beat = beat - ?", (2 * LOCK_STALE_SECONDS,))
    taken = other.claim(job.id)
    with pytest.raises(BatchError, match="taken over"):
        quiet.renew(job.id, token)
    other.release(job.id, taken)
    quiet.close()
    other.close()


def test_import_is_refused_while_another_collector_holds_the_job(
    seed_text: str, tmp_path: Path
) -> None:
    requests = tmp_path / "req.jsonl"
    job = export_batch([seed_text[:2000]], requests)
    results = write_results(tmp_path / "res.jsonl", answered(requests))
    holder = Ledger()
    token = holder.claim(job.id)
    with pytest.raises(BatchError, match="being collected by another process"):
        import_results(requests, results, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    holder.release(job.id, token)
    holder.close()
    assert import_results(requests, results, tmp_path / "out").next_requests is None
