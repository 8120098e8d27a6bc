"""The embedded backend: a llama.cpp server in-process, for runs with no key and no network."""

from briefgen.config import cache_dir
from briefgen.llm.embedded.model_files import default_model_path
from briefgen.llm.embedded.server import (
    RunningServer,
    ensure_server,
    require_local_extra,
    stop_servers,
)

__all__ = [
    "RunningServer",
    "cache_dir",
    "default_model_path",
    "ensure_server",
    "require_local_extra",
    "stop_servers",
]
