"""The offline token counter."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

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


_MIXED = "Pakistan is not ready. Die Regierung sagte 1,5 Milliarden. 钟南山院士说：“不”。"


@pytest.fixture
def fresh_counters(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A cache directory of the test's own, and counters built again from it."""
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    _counter_for_encoding.cache_clear()
    yield tmp_path / "tokenizers"
    _counter_for_encoding.cache_clear()


def _kept(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.marshal"))


def test_a_decoded_encoding_is_kept_once_and_counts_the_same_when_read_back(
    fresh_counters: Path,
) -> None:
    first = token_counter("gpt-4o-mini")
    expected = first.count(_MIXED)
    [kept] = _kept(fresh_counters)
    written = kept.stat().st_mtime_ns
    _counter_for_encoding.cache_clear()
    again = token_counter("gpt-4o-mini")
    assert again.exact
    assert again.count(_MIXED) == expected
    assert kept.stat().st_mtime_ns == written  # read, not written again
    assert not list(fresh_counters.glob("*.tmp"))


def test_a_damaged_kept_encoding_is_never_used_and_is_written_again(
    fresh_counters: Path,
) -> None:
    expected = token_counter("gpt-4o-mini").count(_MIXED)
    [kept] = _kept(fresh_counters)
    blob = bytearray(kept.read_bytes())
    blob[len(blob) // 2] ^= 0xFF  # one rank's bytes changed: counts would differ
    kept.write_bytes(bytes(blob))
    _counter_for_encoding.cache_clear()
    assert token_counter("gpt-4o-mini").count(_MIXED) == expected
    assert kept.read_bytes() != bytes(blob)  # replaced by a sound copy


def test_a_truncated_kept_encoding_is_read_afresh(fresh_counters: Path) -> None:
    expected = token_counter("gpt-4o-mini").count(_MIXED)
    [kept] = _kept(fresh_counters)
    kept.write_bytes(kept.read_bytes()[:1000])  # as a crash mid-write would leave it
    _counter_for_encoding.cache_clear()
    assert token_counter("gpt-4o-mini").count(_MIXED) == expected


def test_an_unwritable_cache_directory_still_counts_exactly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would be")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(blocker))
    _counter_for_encoding.cache_clear()
    try:
        counter = token_counter("gpt-4o-mini")
        assert counter.exact
        assert counter.count("Pakistan is not ready.") == 5
    finally:
        _counter_for_encoding.cache_clear()
