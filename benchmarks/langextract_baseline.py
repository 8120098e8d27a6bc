"""Baseline benchmark: google/langextract's plain extraction against a local OpenAI-style server.

Benchmark-only helper, not part of the briefgen package. It runs ``lx.extract`` once over a
news article with a short diplomatic-news prompt and one hand-written few-shot example, using
langextract's built-in OpenAI provider pointed at an OpenAI-compatible server (for example a
llama.cpp server on loopback), and reports wall time, number of extractions and token usage.

langextract builds its own ``openai.OpenAI`` client and does not report token usage, so the
provider is pointed at a small loopback HTTP proxy run in a thread. The proxy forwards every
request unchanged to the real server and adds up the ``usage`` block of each JSON response.
Nothing inside langextract or the openai client is patched.

The proxy also enforces the time limits: each upstream request gets at most
``request_timeout_s`` seconds and no request may run past the overall ``timeout_s`` deadline.
Errors the proxy makes up itself carry ``x-should-retry: false`` so the openai client does not
retry them (its default is two retries with a 600 s timeout each).

Needs ``langextract`` and ``openai`` (stdlib otherwise). ``embedded_vs_langextract.py`` runs
it beside briefgen on the same embedded server.
"""

from __future__ import annotations

import http.server
import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import langextract as lx

PROMPT_DESCRIPTION = (
    "Extract the diplomatic content of the news text in order of appearance. "
    "Classes: actor (a person, government, country or group that acts or speaks), "
    "quote (words a source said, copied exactly), position (a stance an actor takes), "
    "event (a visit, meeting, talk or attack). Use the exact words of the text for each "
    "extraction; never paraphrase and never repeat an extraction. Add short attributes."
)

# One small example written for this benchmark. The place, people and events are invented.
_EXAMPLE_TEXT = (
    "Valdora: Foreign minister Ines Marel said on Monday that Valdora will not join the naval "
    "patrol proposed by Kestland. “We will guard our own waters,” Marel told reporters after "
    "talks with the Kestland envoy."
)

EXAMPLES: list[lx.data.ExampleData] = [
    lx.data.ExampleData(
        text=_EXAMPLE_TEXT,
        extractions=[
            lx.data.Extraction(
                extraction_class="actor",
                extraction_text="Ines Marel",
                attributes={"role": "foreign minister", "side": "Valdora"},
            ),
            lx.data.Extraction(
                extraction_class="position",
                extraction_text="will not join the naval patrol",
                attributes={"holder": "Valdora", "stance": "refuses"},
            ),
            lx.data.Extraction(
                extraction_class="quote",
                extraction_text="We will guard our own waters",
                attributes={"speaker": "Ines Marel"},
            ),
            lx.data.Extraction(
                extraction_class="event",
                extraction_text="talks with the Kestland envoy",
                attributes={"kind": "talks", "parties": "Valdora, Kestland"},
            ),
        ],
    )
]

# Request headers worth passing on. Accept-Encoding is left out on purpose so the upstream
# answers uncompressed and the proxy can read the usage block without decoding.
_FORWARDED_REQUEST_HEADERS = ("content-type", "authorization", "accept")
_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class _UsageTally:
    """Totals gathered by the proxy; shared between its handler threads."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    responses_with_usage: int = 0
    cut_at_max_tokens: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_call(self) -> None:
        with self.lock:
            self.calls += 1

    def add_usage(self, body: bytes) -> None:
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return
        if not isinstance(payload, dict):
            return
        choices = payload.get("choices")
        first = choices[0] if isinstance(choices, list) and choices else None
        if isinstance(first, dict) and first.get("finish_reason") == "length":
            with self.lock:
                self.cut_at_max_tokens += 1
        usage = payload.get("usage")
        if not isinstance(usage, dict):
            return
        with self.lock:
            self.responses_with_usage += 1
            self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
            self.completion_tokens += int(usage.get("completion_tokens") or 0)


class _ProxyServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, upstream_origin: str, tally: _UsageTally, request_timeout_s: float, deadline: float
    ) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream_origin = upstream_origin
        self.tally = tally
        self.request_timeout_s = request_timeout_s
        self.deadline = deadline


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    server: _ProxyServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._forward("GET")

    def do_POST(self) -> None:
        self._forward("POST")

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the benchmark's output quiet."""

    def _forward(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        remaining = self.server.deadline - time.monotonic()
        if remaining <= 0:
            self._send_own_error(504, "benchmark wall-time budget exhausted")
            return
        headers = {
            name: value
            for name, value in self.headers.items()
            if name.lower() in _FORWARDED_REQUEST_HEADERS
        }
        request = urllib.request.Request(
            self.server.upstream_origin + self.path, data=body, headers=headers, method=method
        )
        if method == "POST":
            self.server.tally.add_call()
        timeout = min(self.server.request_timeout_s, remaining)
        try:
            with _NO_PROXY_OPENER.open(request, timeout=timeout) as response:
                status = response.status
                content_type = response.headers.get("Content-Type", "application/json")
                payload = response.read()
        except urllib.error.HTTPError as exc:
            status = exc.code
            content_type = exc.headers.get("Content-Type", "application/json")
            payload = exc.read()
        except TimeoutError:
            self._send_own_error(504, f"upstream gave no answer within {timeout:.0f} s")
            return
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                self._send_own_error(504, f"upstream gave no answer within {timeout:.0f} s")
            else:
                self._send_own_error(502, f"upstream unreachable: {reason}")
            return
        self.server.tally.add_usage(payload)
        self._send(status, content_type, payload, {})

    def _send_own_error(self, status: int, message: str) -> None:
        payload = json.dumps({"error": {"message": message, "type": "proxy_error"}}).encode()
        self._send(status, "application/json", payload, {"x-should-retry": "false"})

    def _send(self, status: int, content_type: str, payload: bytes, extra: dict[str, str]) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in extra.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # The client went away; nothing left to tell it.


@contextmanager
def _usage_proxy(
    base_url: str, tally: _UsageTally, request_timeout_s: float, deadline: float
) -> Iterator[str]:
    """Run the counting proxy for ``base_url``; yield the base URL that goes through it."""
    parts = urllib.parse.urlsplit(base_url.rstrip("/"))
    upstream_origin = f"{parts.scheme}://{parts.netloc}"
    server = _ProxyServer(upstream_origin, tally, request_timeout_s, deadline)
    thread = threading.Thread(target=server.serve_forever, name="usage-proxy", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{parts.path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _OmittedChunkCounter(logging.Handler):
    """Counts the chunks langextract drops with a warning when it cannot parse their output.

    langextract logs these through absl (the ``absl`` logger) and carries on, so without this
    a run whose every chunk failed would look like a clean run with no extractions.
    """

    _MARKER = "Chunk omitted from results"

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(self._MARKER):
            self.messages.append(message.split(". Set resolver_params", 1)[0])


@contextmanager
def _counting_omitted_chunks() -> Iterator[_OmittedChunkCounter]:
    counter = _OmittedChunkCounter()
    absl_logger = logging.getLogger("absl")
    absl_logger.addHandler(counter)
    try:
        yield counter
    finally:
        absl_logger.removeHandler(counter)


def _count_extractions(result: Any) -> int:
    documents = result if isinstance(result, list) else [result]
    return sum(len(getattr(doc, "extractions", None) or []) for doc in documents)


def run_langextract(
    text: str,
    base_url: str,
    model: str,
    max_output_tokens: int,
    *,
    timeout_s: float = 600.0,
    request_timeout_s: float = 180.0,
) -> dict[str, Any]:
    """Run langextract's standard extraction of ``text`` against an OpenAI-compatible server.

    Args:
        text: The article to extract from.
        base_url: The server's OpenAI API root, e.g. ``http://127.0.0.1:18090/v1``.
        model: Model name sent in each request (llama.cpp accepts any name).
        max_output_tokens: Cap on completion tokens per request (sent as ``max_tokens``).
        timeout_s: Overall wall-time budget; requests that would run past it are cut off.
        request_timeout_s: Longest time one upstream request may take.

    Returns:
        ``{"wall_s", "extractions", "prompt_tokens", "completion_tokens", "calls", "error"}``.
        Token counts are ``None`` when no response carried a ``usage`` block; ``calls`` counts
        the chat requests that reached the server, retries included. ``extractions`` is what
        langextract returned, whether or not each one could be aligned to the text. On failure
        ``error`` holds the exception's type and message and ``extractions`` is 0. When
        langextract silently dropped chunks it could not parse (its default), ``error`` says
        how many while ``extractions`` still counts the rest.
    """
    tally = _UsageTally()
    extractions = 0
    error: str | None = None
    start = time.monotonic()
    with (
        _usage_proxy(base_url, tally, request_timeout_s, start + timeout_s) as proxied_url,
        _counting_omitted_chunks() as omitted,
        warnings.catch_warnings(),
    ):
        # Passing ``config`` makes lx.extract warn that constraints still come from the examples,
        # which is what is wanted here.
        warnings.filterwarnings("ignore", message="With 'config', schema constraints")
        config = lx.factory.ModelConfig(
            model_id=model,
            provider="OpenAILanguageModel",
            provider_kwargs={
                "api_key": "not-needed",
                "base_url": proxied_url,
                "max_workers": 1,
                "max_output_tokens": max_output_tokens,
                "temperature": 0.0,
            },
        )
        try:
            result = lx.extract(
                text_or_documents=text,
                prompt_description=PROMPT_DESCRIPTION,
                examples=EXAMPLES,
                config=config,
                # llama.cpp turns the json_schema response_format into a grammar, so the raw
                # JSON needs no code fences.
                use_schema_constraints=True,
                fence_output=False,
                max_workers=1,
                batch_length=1,
                show_progress=False,
            )
            extractions = _count_extractions(result)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
    wall_s = time.monotonic() - start
    if error is None and omitted.messages:
        error = (
            f"langextract omitted {len(omitted.messages)} chunk(s) of {tally.calls} call(s) "
            f"({tally.cut_at_max_tokens} response(s) cut at max_output_tokens); "
            f"first: {omitted.messages[0]}"
        )
    has_usage = tally.responses_with_usage > 0
    return {
        "wall_s": round(wall_s, 3),
        "extractions": extractions,
        "prompt_tokens": tally.prompt_tokens if has_usage else None,
        "completion_tokens": tally.completion_tokens if has_usage else None,
        "calls": tally.calls,
        "error": error,
    }
