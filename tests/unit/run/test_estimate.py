"""estimate(): prices from the config, and no server needed."""

from __future__ import annotations

import pytest

import briefgen


def test_estimate_uses_overridden_prices_and_needs_no_server(seed_text: str) -> None:
    forecast = briefgen.estimate(
        seed_text,
        base_url="http://127.0.0.1:9/v1",
        model="house-model",
        prices={"house-model": (1.0, 2.0)},
    )
    expected = (forecast.prompt_tokens * 1.0 + forecast.completion_tokens * 2.0) / 1e6
    assert forecast.cost_usd == pytest.approx(expected, rel=1e-3)
    unknown = briefgen.estimate(seed_text, base_url="http://127.0.0.1:9/v1", model="other")
    assert unknown.cost_usd is None


def test_estimate_prices_the_model_it_is_asked_about_with_no_endpoint_set(
    seed_text: str,
) -> None:
    """No key and no server: a run would use the embedded model, but an estimate calls
    nothing, so a named model is what it counts and prices."""
    forecast = briefgen.estimate(seed_text, model="gpt-4o-mini")
    assert forecast.model == "gpt-4o-mini" and forecast.backend == "openai"
    assert forecast.cost_usd is not None and forecast.cost_usd > 0
    unnamed = briefgen.estimate(seed_text)
    assert unnamed.backend == "embedded" and unnamed.cost_usd in (None, 0.0)
