"""Memos through a Batch API or request files: the jobs (``jobs``), starting them and
reading their JSONL files (``files``), and the ledger that keeps them (``ledger``)."""

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

__all__ = [
    "BatchJob",
    "ImportOutcome",
    "JobStatus",
    "Ledger",
    "MemoWritten",
    "export_batch",
    "first_requests",
    "import_results",
    "resume_batch",
    "submit_batch",
]
