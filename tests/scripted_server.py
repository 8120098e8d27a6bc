"""A real OpenAI-compatible HTTP server on 127.0.0.1 that plays a script.

Tests (and benchmarks) talk to it with the real openai client. Each request takes the
next step of the script; when the script runs out, a responder builds the answer from the
request itself. Every request is recorded with its body, headers and arrival time, so
tests can assert on the traffic as well as on the outcome.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

Responder = Callable[[dict[str, Any]], "Step"]


@dataclass
class Step:
    """One scripted answer."""

    status: int = 200
    body: Any = None  # dict -> JSON, str -> raw text
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False  # close the connection without answering


def completion(
    content: str | dict[str, Any] | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    usage: dict[str, int] | bool | None = True,
    model: str = "scripted-model",
) -> Step:
    """A 200 chat completion; ``content`` dicts are sent as JSON text."""
    text = json.dumps(content) if isinstance(content, dict) else content
    body: dict[str, Any] = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": text, "refusal": refusal},
            }
        ],
    }
    if usage is True:
        body["usage"] = {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}
    elif isinstance(usage, dict):
        body["usage"] = usage
    return Step(body=body)


def error(
    status: int,
    message: str = "scripted error",
    *,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Step:
    body = {"error": {"message": message, "type": "scripted", "code": code}}
    return Step(status=status, body=body, headers=headers or {})


@dataclass
class Recorded:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float
    raw: bytes = b""
    """The body's bytes as they came."""

    @property
    def schema_name(self) -> str | None:
        fmt = self.body.get("response_format") or {}
        name = (fmt.get("json_schema") or {}).get("name")
        return str(name) if name else None

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def last_user_text(self) -> str:
        users = [m for m in self.messages if m.get("role") == "user"]
        return str(users[-1]["content"]) if users else ""


class _QuietServer(ThreadingHTTPServer):
    # Benchmarks open 16+ connections at once; the default backlog of 5 drops some,
    # and the client then retries them a second later.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that time out or give up close their end; that is part of the tests.
        pass


class ScriptedServer:
    """Start with ``with ScriptedServer(script, responder) as server: server.base_url``."""

    def __init__(self, script: Iterable[Step] = (), responder: Responder | None = None):
        self._script = list(script)
        self.responder = responder or echo_responder
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._in_flight_changed = threading.Condition(self._lock)
        self.in_flight = 0
        self.max_in_flight = 0
        self.batch_api = BatchAPI(self)
        """The Files and Batches endpoints; set its fields to act out bad cases."""
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def chat_requests(self) -> list[Recorded]:
        """The chat completions asked for directly (not through a batch)."""
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def push(self, *steps: Step) -> None:
        with self._lock:
            self._script.extend(steps)

    def wait_for_in_flight(self, count: int, patience: float = 5.0, grace: float = 0.2) -> bool:
        """Block (a responder's thread) until ``count`` requests have been in flight at
        once; False when ``patience`` seconds pass first. Then hold on for up to ``grace``
        seconds more, or until one request too many arrives, so that a client that sends
        more than ``count`` at once is seen doing it.

        Lets a test hold answers back until the client has sent all it means to send, so
        that concurrency is asserted by counts (``max_in_flight``), not by how long
        anything took: a slow machine can only hide an excess, never invent one."""
        deadline = time.monotonic() + patience
        with self._in_flight_changed:
            # The peak, not the current count: once one held request is answered the
            # others must go too.
            while self.max_in_flight < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._in_flight_changed.wait(left)
            extra = time.monotonic() + grace
            while self.max_in_flight <= count and (left := extra - time.monotonic()) > 0:
                self._in_flight_changed.wait(left)
        return True

    def _next(self, body: dict[str, Any]) -> Step:
        with self._lock:
            if self._script:
                return self._script.pop(0)
        return self.responder(body)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out as two writes; with Nagle on, the body waits for
            # the client's delayed ACK of the headers (40 ms on Linux) on a kept-alive
            # connection, which timings would charge to the client. Real servers set it.
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _send_bytes(self, status: int, data: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                status, payload = server.batch_api.get(self.path)
                if isinstance(payload, bytes):
                    self._send_bytes(status, payload, "application/octet-stream")
                else:
                    self._send_bytes(status, json.dumps(payload).encode(), "application/json")

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                handled = server.batch_api.post(self.path, raw, self.headers.get("content-type"))
                if handled is not None:
                    self._send_bytes(
                        handled[0], json.dumps(handled[1]).encode(), "application/json"
                    )
                    return
                body = json.loads(raw or b"{}")
                with server._lock:
                    server.requests.append(
                        Recorded(self.path, body, dict(self.headers.items()), time.monotonic(), raw)
                    )
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                    server._in_flight_changed.notify_all()
                answered = False

                def leave_flight() -> None:
                    # Before the answer goes out: a client that sends its next request
                    # as soon as it has this answer never finds this one still counted.
                    nonlocal answered
                    if not answered:
                        answered = True
                        with server._lock:
                            server.in_flight -= 1
                            server._in_flight_changed.notify_all()

                try:
                    step = server._next(body)
                    if step.delay:
                        time.sleep(step.delay)
                    leave_flight()
                    if step.drop:
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                        return
                    payload = step.body if step.body is not None else {}
                    data = (payload if isinstance(payload, str) else json.dumps(payload)).encode()
                    self.send_response(step.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for key, value in step.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                finally:
                    leave_flight()

        return Handler


# -- the Files and Batches API ----------------------------------------------------------


@dataclass
class BatchAPI:
    """``/v1/files`` and ``/v1/batches`` as OpenAI serves them, answering each line of an
    input file with the server's responder. A batch goes validating -> in_progress ->
    completed on successive retrieves (``immediate``: completed at once)."""

    server: ScriptedServer
    immediate: bool = False
    outcome: str = "completed"
    """The status a batch ends in: completed, expired, cancelled or failed."""
    answer_fraction: float = 1.0
    """Of a batch that expires or is cancelled, the share of lines answered first."""
    fail_line: Callable[[dict[str, Any]], bool] | None = None
    """Lines for which this is true go to the error file (HTTP 500)."""
    drop_line: Callable[[dict[str, Any]], bool] | None = None
    """Lines for which this is true are left out of both files."""
    refuse_upload: bool = False
    files: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    uploads: int = 0

    def _file(self, data: bytes, purpose: str, name: str) -> dict[str, Any]:
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = data
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": int(time.time()),
            "filename": name,
            "purpose": purpose,
            "status": "processed",
        }

    def post(self, path: str, raw: bytes, ctype: str | None) -> tuple[int, Any] | None:
        path = path.split("?", maxsplit=1)[0]
        if path.endswith("/files"):
            if self.refuse_upload:
                return 400, {"error": {"message": "Invalid file format for Batch API."}}
            self.uploads += 1
            message = email.message_from_bytes(
                f"content-type: {ctype}\r\n\r\n".encode() + raw, policy=email.policy.HTTP
            )
            parts = {
                p.get_param("name", header="content-disposition"): p for p in message.iter_parts()
            }
            data = parts["file"].get_payload(decode=True)
            purpose = str(parts["purpose"].get_payload(decode=True).decode())
            return 200, self._file(data, purpose, "requests.jsonl")
        if path.endswith("/batches"):
            body = json.loads(raw or b"{}")
            if body.get("input_file_id") not in self.files:
                return 404, {"error": {"message": "No such file."}}
            batch_id = f"batch_{len(self.batches) + 1}"
            self.batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": body["endpoint"],
                "input_file_id": body["input_file_id"],
                "completion_window": body["completion_window"],
                "created_at": int(time.time()),
                "status": "validating",
                "request_counts": {"total": 0, "completed": 0, "failed": 0},
            }
            if self.immediate:
                self._finish(self.batches[batch_id])
            return 200, self.batches[batch_id]
        match = re.search(r"/batches/([^/]+)/cancel$", path)
        if match:
            batch = self.batches.get(match.group(1))
            if batch is None:
                return 404, {"error": {"message": "No such batch."}}
            batch["status"] = "cancelled"
            return 200, batch
        return None

    def get(self, path: str) -> tuple[int, Any]:
        path = path.split("?", maxsplit=1)[0]
        match = re.search(r"/files/([^/]+)/content$", path)
        if match:
            data = self.files.get(match.group(1))
            return (200, data) if data is not None else (404, {"error": {"message": "No file."}})
        match = re.search(r"/batches/([^/]+)$", path)
        batch = self.batches.get(match.group(1)) if match else None
        if batch is None:
            return 404, {"error": {"message": "No such batch.", "code": "not_found"}}
        if batch["status"] == "validating":
            batch["status"] = "in_progress"
        elif batch["status"] == "in_progress":
            self._finish(batch)
        return 200, batch

    def _finish(self, batch: dict[str, Any]) -> None:
        lines = [json.loads(x) for x in self.files[batch["input_file_id"]].splitlines() if x]
        if self.outcome != "completed":
            lines = lines[: int(len(lines) * self.answer_fraction)]
        out, errors = [], []
        for n, line in enumerate(lines):
            if self.drop_line is not None and self.drop_line(line):
                continue
            if self.fail_line is not None and self.fail_line(line):
                errors.append(_result(n, line, error(500, "scripted")))
            else:
                out.append(_result(n, line, self.server.responder(line["body"])))
        batch["status"] = self.outcome
        batch["request_counts"] = {"total": len(lines), "completed": len(out)}
        batch["request_counts"]["failed"] = len(errors)
        for key, rows in (("output_file_id", out), ("error_file_id", errors)):
            if rows:
                data = "".join(r + "\n" for r in rows).encode()
                batch[key] = self._file(data, "batch_output", "output.jsonl")["id"]


def _result(n: int, line: dict[str, Any], step: Step) -> str:
    """One line of the OpenAI batch output format."""
    response = {"status_code": step.status, "request_id": f"req{n}", "body": step.body}
    item = {"id": f"r{n}", "custom_id": line["custom_id"], "response": response, "error": None}
    return json.dumps(item)


def answer_requests_file(requests: str, responder: Responder | None = None) -> str:
    """A results file for a request file, as a batch engine would write it (no server)."""
    answer = responder or echo_responder
    lines = [json.loads(text) for text in requests.splitlines() if text.strip()]
    return "".join(_result(n, line, answer(line["body"])) + "\n" for n, line in enumerate(lines))


# -- a deterministic "model" that answers from the request ------------------------------

_SENTENCE_LINE = re.compile(r"^\[(S\d+)\] (.*)$", re.MULTILINE)
_QUOTED = re.compile(r"“([^”]+)”")
_FACTS = re.compile(r"<facts>\s*(.*?)\s*</facts>", re.DOTALL)


def _extraction_from(user_text: str) -> dict[str, Any]:
    sentences = _SENTENCE_LINE.findall(user_text)
    events = [
        {"what": text, "when": None, "where": None, "who": [], "sentence_ids": [sid]}
        for sid, text in sentences[1:4]
    ]
    quotes = [
        {"speaker": "an official", "text": quote, "source": "anonymous", "sentence_ids": [sid]}
        for sid, text in sentences
        for quote in _QUOTED.findall(text)
        if len(quote.split()) > 3
    ]
    return {
        "actors": [],
        "positions": [],
        "events": events,
        "quotes": quotes,
        "allegations": [],
        "key_facts": [],
        "agenda_items": [],
    }


def _memo_from_events(events: list[tuple[str, list[str]]]) -> dict[str, Any]:
    first = events[0] if events else ("Nothing to report.", [])
    return {
        "subject": {"text": first[0], "sentence_ids": first[1]},
        "bluf": [{"text": what, "sentence_ids": ids} for what, ids in events[:2]],
        "background": [],
        "outlook": [],
        "information_gaps": ["What happens after the talks end?"],
    }


def echo_responder(body: dict[str, Any]) -> Step:
    """Answers any briefgen request with items copied from the request's own text."""
    record = Recorded("", body, {}, 0.0)
    name = record.schema_name or ""
    text = record.last_user_text
    if "synthesis" in name:
        match = _FACTS.search(text)
        facts = json.loads(match.group(1).replace("<\\/", "</")) if match else {}
        events = [(e["what"], e["ids"]) for e in facts.get("events", [])]
        return completion(_memo_from_events(events))
    extraction = _extraction_from(text)
    if "extraction" in name:
        return completion(extraction)
    events = [(e["what"], e["sentence_ids"]) for e in extraction["events"]]
    return completion({"extraction": extraction, "memo": _memo_from_events(events)})


# A ScriptedServer in a child python; it stops when its standard input closes.
_CHILD = """
import importlib, sys
sys.path.insert(0, sys.argv[1])
from scripted_server import ScriptedServer
module, _, name = sys.argv[2].partition(":")
responder = getattr(importlib.import_module(module), name) if module else None
with ScriptedServer(responder=responder) as server:
    print(server.base_url, flush=True)
    sys.stdin.read()
"""


@contextmanager
def served_in_child(responder: str = "") -> Iterator[tuple[str, int]]:
    """The base URL and process id of a ScriptedServer in a child python, answering with
    ``responder`` ("module:function", a module of ``tests/``; empty: its own echo), so
    that a benchmark's CPU time and memory are not the server's."""
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(Path(__file__).resolve().parent), responder],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip(), child.pid
    finally:
        if child.stdin is not None:
            child.stdin.close()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
