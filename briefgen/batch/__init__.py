"""Memos through a Batch API or request files: the jobs (``jobs``), starting them and
reading their JSONL files (``files``), the ledger that keeps them (``ledger``), and the
same files sent through Ray Data (``on_ray``, with the ``ray`` extra)."""

from __future__ import annotations

from briefgen.batch.files import (
    ImportOutcome,
    export_batch,
    first_requests,
    import_results,
    resume_batch,
    submit_batch,
)
from briefgen.batch.jobs import BatchJob, JobStatus, MemoWritten
from briefgen.batch.ledger import Ledger
from briefgen.batch.on_ray import RayOptions, run_ray_batch

__all__ = [
    "BatchJob",
    "ImportOutcome",
    "JobStatus",
    "Ledger",
    "MemoWritten",
    "RayOptions",
    "export_batch",
    "first_requests",
    "import_results",
    "resume_batch",
    "run_ray_batch",
    "submit_batch",
]
