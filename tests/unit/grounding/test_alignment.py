"""Staged alignment: exact, normalised, fuzzy; offsets always into the original text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefgen.errors import InputError
from briefgen.grounding.alignment import MIN_FUZZY_COVERAGE, MIN_FUZZY_DENSITY, Aligner
from briefgen.ingest.article import Article
from briefgen.text.normalise import fold_text

# Text with the characters alignment has to fold: curly and straight quotes, dashes,
# odd spaces, accents, and plenty of ordinary letters.
_ALPHABET = st.sampled_from(
    list("abcdefghij klmnop ABCDEF  ,.;") + list("“”‘’\"'—–-\u00a0\t\néüçÉ") + ["ß", "ﬁ"]
)
_TEXT = st.text(alphabet=_ALPHABET, min_size=20, max_size=300)
_SWAPS = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'", "—": "-", "–": "-"})


def _article(raw: str) -> Article:
    try:
        return Article.from_text("Title line\n" + raw)
    except InputError:
        assume(False)
        raise  # unreachable: assume() stops the example


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(raw=_TEXT, data=st.data())
def test_any_slice_aligns_back_to_offsets_that_hold_it(raw: str, data: st.DataObject) -> None:
    article = _article(raw)
    text = article.text
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    needle = text[start:end]
    assume(needle.strip())
    found = Aligner(article).align(needle, fuzzy=False)
    assert found is not None
    assert 0 <= found.start < found.end <= len(text)
    if found.stage == "exact":
        assert text[found.start : found.end] == needle
    else:
        assert fold_text(text[found.start : found.end]) == fold_text(needle)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(raw=_TEXT, data=st.data())
def test_changed_quote_marks_case_and_spaces_still_align_exactly_back(
    raw: str, data: st.DataObject
) -> None:
    article = _article(raw)
    text = article.text
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    needle = " ".join(text[start:end].translate(_SWAPS).upper().split())
    assume(fold_text(needle))
    found = Aligner(article).align(needle, fuzzy=False)
    assert found is not None
    # The span holds the article's own characters, and they fold to the needle.
    assert fold_text(text[found.start : found.end]) == fold_text(needle)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(raw=_TEXT, needle=st.text(alphabet=_ALPHABET, min_size=1, max_size=60))
def test_any_successful_alignment_has_valid_offsets_and_passes_its_gates(
    raw: str, needle: str
) -> None:
    article = _article(raw)
    found = Aligner(article).align(needle)
    if found is None:
        return
    assert 0 <= found.start < found.end <= len(article.text)
    if found.stage == "fuzzy":
        assert found.coverage >= MIN_FUZZY_COVERAGE
        assert found.density >= MIN_FUZZY_DENSITY
    else:
        assert fold_text(article.text[found.start : found.end]) == fold_text(needle)


ARTICLE = Article.from_text(
    "Talks on the border\n"
    "The minister said the “talks were constructive and frank” after the meeting.\n"
    "Officials later said the talks were constructive and frank.\n"
    "“We will not accept new checkpoints,” said Foreign Minister Amal Rahimi.\n"
    "“We will not accept new checkpoints,” an aide repeated later."
)


def test_exact_then_normalised_then_fuzzy() -> None:
    aligner = Aligner(ARTICLE)
    exact = aligner.align("talks were constructive and frank")
    assert exact is not None and exact.stage == "exact"
    normalised = aligner.align('"We will NOT accept  new checkpoints,"')
    assert normalised is not None and normalised.stage == "normalised"
    assert ARTICLE.text[normalised.start : normalised.end].startswith("“We will not")
    fuzzy = aligner.align("We will never accept new checkpoints")
    assert fuzzy is not None and fuzzy.stage == "fuzzy"
    assert fuzzy.coverage == pytest.approx(5 / 6, abs=0.01)


def test_fuzzy_needs_dense_coverage_not_scattered_words() -> None:
    aligner = Aligner(ARTICLE)
    # Every word is in the article, but spread over a long sentence: no match.
    assert aligner.align("minister meeting talks officials frank border") is None
    assert aligner.align("entirely different words about weather and sport") is None


def test_repeated_mentions_map_to_successive_occurrences() -> None:
    aligner = Aligner(ARTICLE)
    used: set[tuple[int, int]] = set()
    spans = []
    for _ in range(2):
        found = aligner.align(
            "We will not accept new checkpoints", accept=lambda a, b: (a, b) not in used
        )
        assert found is not None
        used.add((found.start, found.end))
        spans.append(found.start)
    assert spans[0] < spans[1]
    assert ARTICLE.sentence_at(spans[0]) != ARTICLE.sentence_at(spans[1])
