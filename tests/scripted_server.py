"""A real OpenAI-compatible HTTP server on 127.0.0.1 that plays a script.

Tests (and benchmarks) talk to it with the real openai client. Each request takes the
next step of the script; when the script runs out, a responder builds the answer from the
request itself. Every request is recorded with its body, headers and arrival time, so
tests can assert on the traffic as well as on the outcome.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

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

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                body = json.loads(raw or b"{}")
                with server._lock:
                    server.requests.append(
                        Recorded(self.path, body, dict(self.headers.items()), time.monotonic())
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
