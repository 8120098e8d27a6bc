"""Taking a results file into the ledger, and reading the custom_ids of a request file.

Every line comes through ``llm.batch_results`` (one reader for ``import`` and for the
files a Batch API serves), and the whole file is one transaction: a file with lines for
requests of another file or job, or with two different answers under one custom_id, is
refused with nothing kept. Answers and failures are kept apart, so that a corrected file
replaces a failure, and a failure never replaces an answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from briefgen.batch.ledger import Ledger
from briefgen.errors import BatchError, InputError
from briefgen.llm.batch_results import MAX_CUSTOM_ID_CHARS, Answer, ResultOutcome


@dataclass
class Intake:
    """What a results file held."""

    lines: set[str] = field(default_factory=set)
    """The custom_ids it has a line for (answered or failed)."""
    damaged: list[str] = field(default_factory=list)
    """Why each line that names no request could not be read."""
    answers: int = 0
    failures: int = 0


@contextlib.contextmanager
def open_file(path: Path, what: str) -> Iterator[BinaryIO]:
    """``path`` opened to read, or InputError naming it (missing, a directory, unreadable)."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InputError(f"Cannot read the {what} {path}: {exc.strerror or exc}.") from None
    with stream:
        yield stream


def store_results(
    ledger: Ledger,
    job: str,
    outcomes: Iterable[ResultOutcome],
    *,
    expected: set[str] | None,
    name: str,
) -> Intake:
    """Keep what ``outcomes`` (the lines of results file ``name``) say of the requests of
    ``job``. BatchError, keeping nothing, for a line whose custom_id the job did not send
    or ``expected`` (this round's requests) does not hold, or for one custom_id with two
    different outcomes; InputError when no line of a non-empty file names a request."""
    intake, unknown, clashes = Intake(), [], []
    said: dict[str, bytes] = {}
    with ledger.transaction():
        for outcome in outcomes:
            custom_id = outcome.custom_id
            if custom_id is None:
                intake.damaged.append(str(outcome))
                continue
            where = ledger.request_of(job, custom_id)
            if where is None or (expected is not None and custom_id not in expected):
                unknown.append(custom_id)
                continue
            text = outcome.body if isinstance(outcome, Answer) else f"failed: {outcome}"
            digest = hashlib.sha256(text.encode()).digest()
            if said.setdefault(custom_id, digest) != digest:
                clashes.append(custom_id)
            if unknown or clashes:
                continue  # the file is refused: only counted from here on
            _keep(ledger, job, where[:2], outcome, intake)
        intake.lines = set(said)
        _refuse(name, unknown, clashes, intake)
    return intake


def _keep(
    ledger: Ledger, job: str, where: tuple[int, str], outcome: ResultOutcome, intake: Intake
) -> None:
    idx, digest = where
    if isinstance(outcome, Answer):
        intake.answers += 1
        if ledger.put_answer(job, idx, digest, outcome.body):
            ledger.revive(job, idx)  # an article failed for want of it is tried again
    else:
        intake.failures += 1
        ledger.put_failure(job, idx, digest, str(outcome))


def _refuse(name: str, unknown: list[str], clashes: list[str], intake: Intake) -> None:
    if unknown:
        raise BatchError(
            f"{name} holds {len(unknown)} line(s) for requests of another file or job "
            f"(custom_id {', '.join(unknown[:3])}); nothing was read from it."
        )
    if clashes:
        ids = ", ".join(sorted(set(clashes))[:3])
        raise BatchError(
            f"{name} holds more than one answer for custom_id {ids}, and they differ; "
            "nothing was read from it. Keep one line per request.",
            custom_id=clashes[0],
        )
    if intake.damaged and not intake.lines:
        raise InputError(
            f"{name} is not a batch results file (JSON lines in the OpenAI batch output "
            f"format; uncompressed): {intake.damaged[0]}."
        )


def request_ids(path: Path) -> list[str]:
    """The custom_ids of a request file, in order; InputError when it cannot be read, is
    not a Batch API input file, or holds no request."""
    ids: list[str] = []
    with open_file(path, "request file") as stream:
        for number, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            try:
                custom_id = json.loads(raw.decode("utf-8"))["custom_id"]
            except (ValueError, KeyError, TypeError, RecursionError):
                custom_id = None
            if not isinstance(custom_id, str) or not 0 < len(custom_id) <= MAX_CUSTOM_ID_CHARS:
                raise InputError(
                    f"{path} is not a batch request file: line {number} is not a request "
                    "with a custom_id."
                )
            ids.append(custom_id)
    if not ids:
        raise InputError(f"{path} holds no request.")
    return ids
