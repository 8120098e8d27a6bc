from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The shared helpers live at the top of tests/ (benchmarks/ imports scripted_server from
# there too); tests in unit/, integration/ and system/ import them by module name.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from scripted_server import ScriptedServer
from seed_answers import SEED_TEXT

# The asserts of a helper report like a test's own (registered before a test imports it).
pytest.register_assert_rewrite("evidence_page")


@pytest.fixture(autouse=True)
def _no_ambient_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real key or server from the environment."""
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "BRIEFGEN_MODEL",
        "AZURE_OPENAI_API_KEY",
        "AZURE_OPENAI_ENDPOINT",
        "OPENAI_ORG_ID",
        "OPENAI_PROJECT_ID",
        "OPENAI_API_VERSION",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def seed_text() -> str:
    return SEED_TEXT


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


@pytest.fixture(autouse=True)
def _private_response_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each test starts with an empty response cache of its own (outside its tmp_path)."""
    cache = tmp_path_factory.mktemp("cache") / "responses.sqlite3"
    monkeypatch.setenv("BRIEFGEN_RESPONSE_CACHE", str(cache))


@pytest.fixture(autouse=True)
def _private_story_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each test keeps its stories in a data directory of its own (outside its tmp_path)."""
    monkeypatch.setenv("BRIEFGEN_DATA_DIR", str(tmp_path_factory.mktemp("data")))
