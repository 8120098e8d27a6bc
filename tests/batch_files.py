"""What the batch tests share: a private ledger per test, and results files written as an
engine would write them, with a line made wrong on purpose where a test needs one."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from scripted_server import answer_requests_file


@pytest.fixture(autouse=True)
def private_ledger(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Each test's batch ledger (and response cache directory) of its own."""
    cache = tmp_path_factory.mktemp("briefgen-cache")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(cache))
    return cache


def answered(requests: Path) -> list[dict[str, Any]]:
    """The results lines an engine would write for a request file: every one answered."""
    return [json.loads(line) for line in answer_requests_file(requests.read_text()).splitlines()]


def write_results(path: Path, lines: Iterable[dict[str, Any] | str]) -> Path:
    """A results file of ``lines`` (dicts as JSON, strings as they are)."""
    text = "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines)
    path.write_text(text, encoding="utf-8")
    return path


def with_body(line: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """A copy of a results line whose response body ``change`` has altered."""
    copy = json.loads(json.dumps(line))
    change(copy["response"]["body"])
    return dict(copy)


def failed(
    line: dict[str, Any], status: int = 500, message: str = "engine failed"
) -> dict[str, Any]:
    """A copy of a results line turned into the failure of its request."""
    body = {"error": {"message": message, "type": "server_error"}}
    return {**line, "response": {"status_code": status, "body": body}}


def set_field(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets the dotted ``path`` of a body ("choices.0.message.content")."""

    def change(body: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = body
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change
