"""The embedded llama.cpp server: started lazily once per process and model, shared, stopped
at exit.

xllamacpp runs llama.cpp's own HTTP server in-process on 127.0.0.1; briefgen reaches it
through the same openai client code path as any hosted endpoint.
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.errors import ConfigError

logger = logging.getLogger(__name__)

# A 135M model left unconstrained can loop for minutes; this cap ends any one answer in
# seconds on two cores. briefgen's own max_output_tokens is normally lower still.
SERVER_MAX_OUTPUT_TOKENS = 2048
CONTEXT_TOKENS = 8192


@dataclass(frozen=True)
class RunningServer:
    """An embedded llama.cpp server that is up: where to reach it and what it serves."""

    base_url: str
    model_path: Path
    model_name: str
    parallel: int = 1
    """Requests the server decodes at once; more wait in its queue."""


_lock = threading.Lock()
_servers: dict[Path, tuple[Any, RunningServer]] = {}


_NO_LOCAL_EXTRA = (
    "No OpenAI key or server is configured, and the embedded model needs the "
    "'local' extra: pip install 'briefgen[local]'. Or set OPENAI_API_KEY, or "
    "pass base_url= for an OpenAI-compatible server."
)


def require_local_extra() -> None:
    """ConfigError now, before the model file is fetched, when llama.cpp is missing."""
    if importlib.util.find_spec("xllamacpp") is None:
        raise ConfigError(_NO_LOCAL_EXTRA)


def _import_xllamacpp() -> Any:
    try:
        import xllamacpp
    except ImportError as exc:
        raise ConfigError(_NO_LOCAL_EXTRA) from exc
    return xllamacpp


# One slot: on a few CPU cores, parallel decoding is no faster than one after another,
# and each slot would get only a share of the context.
PARALLEL_SLOTS = 1


def ensure_server(
    model_path: Path, *, verbose: bool = False, threads: int | None = None
) -> RunningServer:
    """Start (once) and return the embedded server for ``model_path``.

    ``threads`` is how many cores llama.cpp uses; by default the cores free to this
    process now (its CPU affinity, less what the load average says is busy).
    """
    model_path = model_path.expanduser().resolve()
    with _lock:
        if model_path in _servers:
            return _servers[model_path][1]
        if not model_path.is_file():
            raise ConfigError(f"The local model file {model_path} does not exist.")
        xllamacpp = _import_xllamacpp()
        params = xllamacpp.CommonParams()
        params.model.path = str(model_path)
        params.hostnames = ["127.0.0.1"]
        params.port = 0  # a free port, chosen by the OS
        params.n_ctx = CONTEXT_TOKENS
        params.n_parallel = PARALLEL_SLOTS
        params.n_predict = SERVER_MAX_OUTPUT_TOKENS
        threads = threads or free_cores()
        logger.info("Embedded model uses %d thread(s)", threads)
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.verbosity = 3 if verbose else -1
        params.endpoint_props = False
        params.endpoint_slots = False
        try:
            server = xllamacpp.Server(params)
        except Exception as exc:
            raise ConfigError(f"The embedded llama.cpp server failed to start: {exc}") from exc
        base = str(server.listening_address).rstrip("/")
        running = RunningServer(
            base_url=f"{base}/v1",
            model_path=model_path,
            model_name=model_path.stem,
            parallel=PARALLEL_SLOTS,
        )
        _servers[model_path] = (server, running)
        logger.info("Embedded llama.cpp server for %s on %s", model_path.name, base)
        return running


def free_cores() -> int:
    """Cores this process may run on, less those the 1-minute load average keeps busy;
    at least one. More threads than free cores make llama.cpp wait on each other."""
    try:
        allowed = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        allowed = os.cpu_count() or 1
    try:
        busy = round(os.getloadavg()[0])
    except (AttributeError, OSError):
        busy = 0
    return max(1, allowed - busy)


def stop_servers() -> None:
    """Stop every embedded server (also runs at interpreter exit)."""
    with _lock:
        while _servers:
            _path, (server, running) = _servers.popitem()
            logger.debug("Stopping embedded server %s", running.base_url)
            # xllamacpp stops the server when its last reference goes away.
            del server


atexit.register(stop_servers)
