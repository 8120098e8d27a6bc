"""The offline token counter."""

from __future__ import annotations

import logging

import pytest

from briefgen.llm.tokens import _counter_for_encoding, token_counter


def test_offline_counter_is_exact() -> None:
    counter = token_counter("gpt-4o-mini")
    assert counter.exact
    assert counter.count("Pakistan is not ready.") == 5


def test_missing_encoding_falls_back_to_an_estimate_with_a_warning(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a machine with neither tiktoken's cache nor an offline package.
    monkeypatch.setattr("briefgen.llm.tokens._candidates", lambda name: [name, f"{name}_offline"])
    with caplog.at_level(logging.WARNING, logger="briefgen.llm.tokens"):
        counter = _counter_for_encoding("no_such_encoding")
    assert not counter.exact
    assert counter.count("x" * 300) >= 100  # over-counts: at most 3 chars a token
    assert "estimating tokens" in caplog.text
