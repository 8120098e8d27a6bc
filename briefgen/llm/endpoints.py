"""Choose the endpoint for a run: the caller's client, OpenAI or a compatible server, or
the embedded model. Every choice ends in the same ``Endpoint`` and the same code path.
"""

from __future__ import annotations

import logging
import os
import ssl
from functools import lru_cache
from typing import Any

import openai

from briefgen.config import BriefConfig
from briefgen.errors import ConfigError
from briefgen.llm.caller import Endpoint
from briefgen.llm.embedded.grammar import compact_grammar_output

logger = logging.getLogger(__name__)

# Placeholder key for servers that do not check one; the openai SDK insists on a value.
_NO_KEY = "not-needed"
# The embedded model writes about 40 tokens a second on 2 idle cores, far less on a busy
# machine; an answer of a few thousand tokens may take minutes.
EMBEDDED_MIN_TIMEOUT = 900.0
# Sampling settings that keep a small local model from repeating itself.
_LOCAL_SAMPLING = {"repeat_penalty": 1.1, "top_k": 40}


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for every client briefgen builds.

    Each new client would otherwise load the CA bundle again (about 25 ms, most of
    briefgen's own time per memo). Built by the SDK's own HTTP library, so the trust is
    exactly what a default openai client gets.
    """
    try:
        import httpx2 as transport  # the openai SDK's HTTP library from 3.x on
    except ImportError:  # pragma: no cover - older SDKs use httpx
        import httpx as transport  # type: ignore[no-redef,import-not-found,unused-ignore]
    context: ssl.SSLContext = transport.create_ssl_context()
    return context


def http_client() -> Any:
    """A fresh async HTTP client for the openai SDK, sharing the TLS context."""
    return openai.DefaultAsyncHttpxClient(verify=_ssl_context())


def _api_key(config: BriefConfig) -> str | None:
    if config.api_key is not None:
        return config.api_key.get_secret_value()
    return os.environ.get("OPENAI_API_KEY") or None


def _is_official_openai(base_url: str | None) -> bool:
    return base_url is None or "api.openai.com" in base_url


def _choose_backend(config: BriefConfig) -> str:
    """'embedded', 'azure' or 'openai' (which covers compatible servers) for this config."""
    if config.backend != "auto":
        return config.backend
    if config.base_url or os.environ.get("OPENAI_BASE_URL") or _api_key(config):
        return "openai"
    if os.environ.get("AZURE_OPENAI_ENDPOINT") and os.environ.get("AZURE_OPENAI_API_KEY"):
        return "azure"
    return "embedded"


def planned_backend(config: BriefConfig) -> tuple[str, str]:
    """(backend, model) that ``resolve_endpoint`` would pick, without starting anything."""
    backend = _choose_backend(config)
    if backend == "embedded":
        path = config.resolved_local_model_path()
        from briefgen.llm.embedded.model_files import DEFAULT_MODEL_NAME

        return "embedded", (path.stem if path is not None else DEFAULT_MODEL_NAME)
    if backend == "openai" and not _is_official_openai(
        config.base_url or os.environ.get("OPENAI_BASE_URL") or None
    ):
        backend = "openai-compatible"
    return backend, config.resolved_model()


def resolve_endpoint(
    config: BriefConfig, client: openai.OpenAI | openai.AsyncOpenAI | None = None
) -> Endpoint:
    """The endpoint this config points at, starting the embedded model if it must."""
    if client is not None:
        return _client_endpoint(config, client)
    builders = {
        "embedded": _embedded_endpoint,
        "azure": _azure_endpoint,
        "openai": _openai_endpoint,
    }
    return builders[_choose_backend(config)](config)


def _client_endpoint(config: BriefConfig, client: openai.OpenAI | openai.AsyncOpenAI) -> Endpoint:
    if not isinstance(client, (openai.OpenAI, openai.AsyncOpenAI)):
        raise ConfigError(
            f"client must be an openai.OpenAI or openai.AsyncOpenAI, not {type(client).__name__}."
        )
    azure = isinstance(client, (openai.AzureOpenAI, openai.AsyncAzureOpenAI))
    official = azure or _is_official_openai(str(client.base_url))
    return Endpoint(
        client=client,
        model=config.resolved_model(),
        backend="azure" if azure else ("openai" if official else "openai-compatible"),
        token_param="max_completion_tokens" if official else "max_tokens",
        identity=str(client.base_url),
    )


def _openai_endpoint(config: BriefConfig) -> Endpoint:
    base_url = config.base_url or os.environ.get("OPENAI_BASE_URL") or None
    key = _api_key(config)
    if base_url is None and key is None:
        raise ConfigError(
            "backend='openai' but no API key: set OPENAI_API_KEY or pass api_key=, or "
            "pass base_url= for a server that needs no key."
        )
    official = _is_official_openai(base_url)
    kwargs: dict[str, Any] = {
        "api_key": key or _NO_KEY,
        "max_retries": 0,
        "http_client": http_client(),
    }
    if base_url is not None:
        kwargs["base_url"] = base_url
    return Endpoint(
        client=openai.AsyncOpenAI(**kwargs),
        model=config.resolved_model(),
        backend="openai" if official else "openai-compatible",
        token_param="max_completion_tokens" if official else "max_tokens",
        owned=True,
        identity=base_url or "https://api.openai.com/v1",
    )


def _azure_endpoint(config: BriefConfig) -> Endpoint:
    """Azure OpenAI from its usual environment: AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY
    (or api_key=) and OPENAI_API_VERSION; ``model`` is the deployment name."""
    key = (
        config.api_key.get_secret_value()
        if config.api_key is not None
        else os.environ.get("AZURE_OPENAI_API_KEY")
    )
    try:
        client = openai.AsyncAzureOpenAI(api_key=key, max_retries=0, http_client=http_client())
    except (ValueError, openai.OpenAIError) as exc:
        raise ConfigError(
            f"Azure OpenAI is not fully configured: {exc}. Set AZURE_OPENAI_ENDPOINT, "
            "AZURE_OPENAI_API_KEY and OPENAI_API_VERSION, or pass client=AsyncAzureOpenAI(...)."
        ) from exc
    return Endpoint(
        client=client,
        model=config.resolved_model(),
        backend="azure",
        owned=True,
        identity=str(client.base_url),
    )


def _embedded_endpoint(config: BriefConfig) -> Endpoint:
    from briefgen.llm.embedded import default_model_path, ensure_server

    model_path = config.resolved_local_model_path() or default_model_path()
    verbose = os.environ.get("BRIEFGEN_LOCAL_VERBOSE", "") not in ("", "0")
    server = ensure_server(model_path, verbose=verbose)
    return Endpoint(
        client=openai.AsyncOpenAI(
            base_url=server.base_url,
            api_key=_NO_KEY,
            max_retries=0,
            http_client=http_client(),
        ),
        model=server.model_name,
        backend="embedded",
        token_param="max_tokens",
        bounded_schema=True,
        extra_body=dict(_LOCAL_SAMPLING),
        structured_output=compact_grammar_output,
        owned=True,
        max_parallel=server.parallel,
        min_timeout=EMBEDDED_MIN_TIMEOUT,
        # The port changes every run; the model file is what decides the answers.
        identity=f"embedded:{model_path.name}:{model_path.stat().st_size}",
    )
