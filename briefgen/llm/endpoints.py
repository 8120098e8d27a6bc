"""Choose the backend for a run: the caller's client or backend, OpenAI or a compatible
server, Azure OpenAI, or the embedded model. Every choice ends in a ``Backend``.
"""

from __future__ import annotations

import logging
from typing import Any

import openai

from briefgen.config import BriefConfig, Environment, environment
from briefgen.errors import ConfigError
from briefgen.llm.backend import Backend, BackendProfile
from briefgen.llm.embedded.grammar import compact_grammar_output
from briefgen.llm.openai_backend import Client, OpenAIBackend, http_client

logger = logging.getLogger(__name__)

# Placeholder key for servers that do not check one; the openai SDK insists on a value.
_NO_KEY = "not-needed"
# The embedded model writes about 40 tokens a second on 2 idle cores, far less on a busy
# machine; an answer of a few thousand tokens may take minutes.
EMBEDDED_MIN_TIMEOUT = 900.0
# Sampling settings that keep a small local model from repeating itself.
_LOCAL_SAMPLING = {"repeat_penalty": 1.1, "top_k": 40}
_OPENAI_URL = "https://api.openai.com/v1"


def _api_key(config: BriefConfig, env: Environment) -> str | None:
    if config.api_key is not None:
        return config.api_key.get_secret_value()
    return env.openai_api_key


def _is_official_openai(base_url: str | None) -> bool:
    return base_url is None or "api.openai.com" in base_url


def _choose(config: BriefConfig, env: Environment) -> str:
    """'embedded', 'azure' or 'openai' (which covers compatible servers) for this config."""
    if config.backend != "auto":
        return config.backend
    if config.base_url or env.openai_base_url or _api_key(config, env):
        return "openai"
    if env.azure_endpoint and env.azure_api_key:
        return "azure"
    return "embedded"


def planned_backend(config: BriefConfig) -> tuple[str, str]:
    """(backend, model) that ``open_backend`` would pick, without starting anything."""
    env = environment()
    backend = _choose(config, env)
    if backend == "embedded":
        path = config.resolved_local_model_path()
        from briefgen.llm.embedded.model_files import DEFAULT_MODEL_NAME

        return "embedded", (path.stem if path is not None else DEFAULT_MODEL_NAME)
    if backend == "openai" and not _is_official_openai(config.base_url or env.openai_base_url):
        backend = "openai-compatible"
    return backend, config.resolved_model()


def open_backend(config: BriefConfig, client: Client | None = None) -> Backend:
    """The backend this config points at, starting the embedded model if it must.

    ``client`` may be a ready ``openai.OpenAI``/``openai.AsyncOpenAI`` (Azure included),
    which briefgen uses but does not close, or any object that implements ``Backend``.
    """
    if client is not None:
        if isinstance(client, (openai.OpenAI, openai.AsyncOpenAI)):
            return _client_backend(config, client)
        if isinstance(client, Backend):
            return client
        raise ConfigError(
            "client must be an openai.OpenAI or openai.AsyncOpenAI (or a briefgen Backend), "
            f"not {type(client).__name__}."
        )
    env = environment()
    builders = {"embedded": _embedded, "azure": _azure, "openai": _openai}
    return builders[_choose(config, env)](config, env)


def _client_backend(config: BriefConfig, client: openai.OpenAI | openai.AsyncOpenAI) -> Backend:
    azure = isinstance(client, (openai.AzureOpenAI, openai.AsyncAzureOpenAI))
    official = azure or _is_official_openai(str(client.base_url))
    return OpenAIBackend(
        client=client,
        backend_profile=BackendProfile(
            name="azure" if azure else ("openai" if official else "openai-compatible"),
            model=config.resolved_model(),
            identity=str(client.base_url),
        ),
        token_param="max_completion_tokens" if official else "max_tokens",
        secrets=(str(client.api_key),) if client.api_key else (),
    )


def _openai(config: BriefConfig, env: Environment) -> Backend:
    base_url = config.base_url or env.openai_base_url
    key = _api_key(config, env)
    if base_url is None and key is None:
        raise ConfigError(
            "backend='openai' but no API key: set OPENAI_API_KEY or pass api_key=, or "
            "pass base_url= for a server that needs no key."
        )
    official = _is_official_openai(base_url)
    kwargs: dict[str, Any] = {
        "api_key": key or _NO_KEY,
        "max_retries": 0,
        "http_client": http_client(base_url),
    }
    if base_url is not None:
        kwargs["base_url"] = base_url
    return OpenAIBackend(
        client=openai.AsyncOpenAI(**kwargs),
        backend_profile=BackendProfile(
            name="openai" if official else "openai-compatible",
            model=config.resolved_model(),
            identity=base_url or _OPENAI_URL,
        ),
        token_param="max_completion_tokens" if official else "max_tokens",
        owned=True,
        secrets=(key,) if key else (),
    )


def _azure(config: BriefConfig, env: Environment) -> Backend:
    """Azure OpenAI from its usual environment: AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY
    (or api_key=) and OPENAI_API_VERSION; ``model`` is the deployment name."""
    key = config.api_key.get_secret_value() if config.api_key is not None else env.azure_api_key
    try:
        if env.azure_endpoint:
            client = openai.AsyncAzureOpenAI(
                azure_endpoint=env.azure_endpoint,
                api_key=key,
                api_version=env.api_version,
                max_retries=0,
                http_client=http_client(env.azure_endpoint),
            )
        else:  # the SDK says what is missing
            client = openai.AsyncAzureOpenAI(
                api_key=key,
                api_version=env.api_version,
                max_retries=0,
                http_client=http_client(None),
            )
    except (ValueError, openai.OpenAIError) as exc:
        raise ConfigError(
            f"Azure OpenAI is not fully configured: {exc}. Set AZURE_OPENAI_ENDPOINT, "
            "AZURE_OPENAI_API_KEY and OPENAI_API_VERSION, or pass client=AsyncAzureOpenAI(...)."
        ) from None
    return OpenAIBackend(
        client=client,
        backend_profile=BackendProfile(
            name="azure", model=config.resolved_model(), identity=str(client.base_url)
        ),
        owned=True,
        secrets=(key,) if key else (),
    )


def _embedded(config: BriefConfig, env: Environment) -> Backend:
    from briefgen.llm.embedded import default_model_path, ensure_server, require_local_extra

    require_local_extra()  # before the 98 MB model is fetched for nothing
    model_path = config.resolved_local_model_path() or default_model_path()
    server = ensure_server(
        model_path, verbose=env.local_verbose, threads=config.resolved_local_threads()
    )
    return OpenAIBackend(
        client=openai.AsyncOpenAI(
            base_url=server.base_url,
            api_key=_NO_KEY,
            max_retries=0,
            http_client=http_client(server.base_url),
        ),
        backend_profile=BackendProfile(
            name="embedded",
            model=server.model_name,
            # The port changes every run; the model file is what decides the answers.
            identity=f"embedded:{model_path.name}:{model_path.stat().st_size}",
            bounded_schema=True,
            schema_in_prompt=False,
            max_parallel=server.parallel,
            min_timeout=EMBEDDED_MIN_TIMEOUT,
            small_model=True,
        ),
        token_param="max_tokens",
        extra_body=dict(_LOCAL_SAMPLING),
        structured_output=compact_grammar_output,
        owned=True,
    )
