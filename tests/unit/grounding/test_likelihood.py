"""The estimative-language lint (issue 7): likelihood words, confidence, hedges."""

from __future__ import annotations

import pytest

from briefgen.grounding.likelihood import lint_sentence


@pytest.mark.parametrize(
    ("text", "likelihood", "problem"),
    [
        ("Talks will resume in Geneva.", "likely", None),
        ("Talks will possibly resume.", "likely", "not on the likelihood scale"),
        # ICD 203's second term set is on the scale (issue 13): "probably" is "likely" ...
        ("Talks will probably resume.", None, None),
        ("Talks will probably resume, a highly probable outcome.", None, "two likelihood"),
        # ... but beside the item's own likelihood it still says it twice.
        ("Talks will probably resume.", "likely", "says 'probably' in its text"),
        ("Talks will very likely resume.", "likely", "beside the likelihood"),
        ("We assess with high confidence that talks resume.", "likely", "confidence"),
        ("We have high confidence that talks are likely to resume.", None, "confidence"),
        ("It is likely, even almost certain, that talks resume.", None, "two likelihood"),
    ],
)
def test_estimative_lint(text: str, likelihood: str | None, problem: str | None) -> None:
    problems = lint_sentence(text, likelihood)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems
