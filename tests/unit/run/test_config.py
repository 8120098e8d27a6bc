"""Settings: the key stays hidden, unknown names are refused before any work."""

from __future__ import annotations

import pytest

import briefgen
from briefgen import BriefConfig


def test_api_key_is_hidden_in_config_repr() -> None:
    config = BriefConfig(api_key="sk-secret-test-key-123")
    assert "sk-secret" not in repr(config) and "sk-secret" not in str(config.model_dump())


def test_unknown_override_is_a_config_error(seed_text: str) -> None:
    with pytest.raises(briefgen.ConfigError, match="Unknown setting"):
        briefgen.generate_brief(seed_text, modle="gpt-4o")
