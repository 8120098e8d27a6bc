"""With no endpoint and no 'local' extra, the run says so before fetching the model."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from seed_answers import SEED_TEXT

import briefgen


def test_a_missing_local_extra_is_said_before_the_model_is_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFGEN_LOCAL_MODEL", raising=False)
    real_find_spec = importlib.util.find_spec

    def without_llama(name: str, *args: Any) -> Any:
        return None if name == "xllamacpp" else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without_llama)
    with pytest.raises(briefgen.ConfigError, match=r"briefgen\[local\]"):
        briefgen.generate_brief(SEED_TEXT, cache=False)
    assert not (tmp_path / "cache" / "models").exists()  # nothing fetched, nothing begun
