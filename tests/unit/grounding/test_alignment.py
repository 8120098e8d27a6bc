"""Staged alignment: exact, normalised, fuzzy; offsets always into the original text."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefgen.errors import InputError
from briefgen.grounding import alignment
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


# -- near-quotes: the fuzzy stage, and its gates ------------------------------------------

# Article words: distinct, lower-case, from letters a-w; noise words use x, y and z only,
# so they are never in the article.
_WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvw", min_size=3, max_size=9),
    min_size=8,
    max_size=80,
    unique=True,
)
_NOISE = st.text(alphabet="xyz", min_size=3, max_size=7)


@st.composite
def _article_and_span(draw: st.DrawFn) -> tuple[Article, list[str], int, int]:
    """An article of one sentence per line, and a span of >= 6 words of one sentence:
    (article, the span's words, start and end offset of the span)."""
    words = draw(_WORDS)
    cuts = sorted(draw(st.sets(st.integers(1, len(words) - 1), max_size=len(words) // 6)))
    lines = [words[a:b] for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)]
    long_lines = [i for i, line in enumerate(lines) if len(line) >= 6]
    assume(long_lines)
    which = draw(st.sampled_from(long_lines))
    line = lines[which]
    first = draw(st.integers(0, len(line) - 6))
    last = draw(st.integers(first + 6, len(line)))
    article = Article.from_text("Title line\n" + "\n".join(" ".join(x) for x in lines))
    sentence = article.sentences[which + 1]  # S1 is the title
    start = sentence.start + len(" ".join(line[:first])) + (1 if first else 0)
    span = line[first:last]
    end = start + len(" ".join(span))
    assert article.text[start:end] == " ".join(span)
    return article, span, start, end


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(case=_article_and_span(), data=st.data())
def test_near_quote_with_a_word_dropped_or_swapped_is_found_fuzzily(
    case: tuple[Article, list[str], int, int], data: st.DataObject
) -> None:
    article, span, start, end = case
    # An inner word: dropping the first or last would leave an exact substring.
    k = data.draw(st.integers(1, len(span) - 2))
    if data.draw(st.booleans()):
        near = span[:k] + span[k + 1 :]
    else:
        near = [*span[:k], span[k + 1], span[k], *span[k + 2 :]]
    needle = " ".join(near)
    aligner = Aligner(article)
    assert aligner.align(needle, fuzzy=False) is None  # only the fuzzy stage can find it
    found = aligner.align(needle)
    assert found is not None and found.stage == "fuzzy"
    assert found.coverage >= MIN_FUZZY_COVERAGE and found.density >= MIN_FUZZY_DENSITY
    assert start <= found.start < found.end <= end  # inside the span it was made from


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(case=_article_and_span(), data=st.data())
def test_near_quote_with_foreign_words_passes_both_gates_or_is_rejected(
    case: tuple[Article, list[str], int, int], data: st.DataObject
) -> None:
    article, span, _start, _end = case
    replaced = data.draw(st.sets(st.integers(0, len(span) - 1), min_size=1, max_size=4))
    needle = " ".join(data.draw(_NOISE) if i in replaced else w for i, w in enumerate(span))
    found = Aligner(article).align(needle)
    kept = (len(span) - len(replaced)) / len(span)
    if kept < MIN_FUZZY_COVERAGE:
        assert found is None, f"coverage {kept:.2f} accepted: {found}"
        return
    # Every word that is left is in the article, in order, in one line: a dense match.
    assert found is not None and found.stage == "fuzzy"
    assert found.coverage >= MIN_FUZZY_COVERAGE and found.density >= MIN_FUZZY_DENSITY


# Six words, all in one sentence and in order, but with two other words between each:
# coverage 1.0 passes, density 6/16 does not.
SPREAD = Article.from_text(
    "Spread words\n"
    "alpha one two bravo three four charlie five six delta seven eight echo nine ten "
    "foxtrot"
)
SPREAD_QUOTE = "alpha bravo charlie delta echo foxtrot"


def test_spread_out_words_fail_on_density_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    wanted = SPREAD_QUOTE.split()
    words = [(w, 0, 0) for w in SPREAD.sentences[1].text.split()]
    best = alignment._best_span(wanted, words)
    assert best is not None
    coverage, density = best[0], best[1]
    assert coverage >= MIN_FUZZY_COVERAGE  # the coverage gate is passed ...
    assert density < MIN_FUZZY_DENSITY  # ... the density gate is not
    assert Aligner(SPREAD).align(SPREAD_QUOTE) is None
    # The density gate, and only it, decides: lowered under 6/16, the match is taken.
    monkeypatch.setattr(alignment, "MIN_FUZZY_DENSITY", 0.3)
    found = Aligner(SPREAD).align(SPREAD_QUOTE)
    assert found is not None and found.stage == "fuzzy"
    assert found.coverage == 1.0 and found.density == pytest.approx(6 / 16, abs=0.01)
    assert SPREAD.text[found.start : found.end].startswith("alpha one two bravo")


# -- the cost of a fuzzy search is bounded ----------------------------------------------------


def _count_best_span(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Window lengths of every ``_best_span`` call from now on."""
    calls: list[int] = []
    real = alignment._best_span

    def counting(wanted: list[str], window: list[Any]) -> Any:
        calls.append(len(window))
        return real(wanted, window)

    monkeypatch.setattr(alignment, "_best_span", counting)
    return calls


_FILLER = [f"w{n}q" for n in range(50)]


# Over 100,000 characters and no full stop: one sentence of some 22,000 words, with a
# near-quote of ten words in the middle.
_HUGE = Article.from_text(
    "Huge sentence\n"
    + " ".join(
        [
            *(_FILLER[(n * 7) % 50] for n in range(11_000)),
            "the delegation would never accept new checkpoints on the border",
            *(_FILLER[(n * 7) % 50] for n in range(11_000)),
        ]
    )
)
_HUGE_NEEDLE = "the delegation would not accept any new checkpoints on the border"


def test_fuzzy_search_in_one_huge_sentence_matches_short_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert len(_HUGE.text) > 100_000 and "." not in _HUGE.text
    assert len(_HUGE.sentences) == 2
    calls = _count_best_span(monkeypatch)
    found = Aligner(_HUGE).align(_HUGE_NEEDLE)
    if found is not None:  # found or rejected, but never by an unbounded search
        assert found.coverage >= MIN_FUZZY_COVERAGE and found.density >= MIN_FUZZY_DENSITY
    longest = math.ceil(len(_HUGE_NEEDLE.split()) / MIN_FUZZY_DENSITY)
    assert calls and max(calls) <= 2 * longest  # each call matches a short piece ...
    words = len(_HUGE.text.split())
    assert sum(calls) <= 2 * (words + longest)  # ... and together they read it about twice


def test_fuzzy_search_in_one_huge_sentence_is_bounded_by_max_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_best_span(monkeypatch)
    Aligner(_HUGE).align(_HUGE_NEEDLE)
    assert 0 < len(calls) <= alignment._MAX_FUZZY_PIECES


def test_fuzzy_search_over_many_candidate_sentences_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every sentence holds all the quote's words (so each passes the word count), but
    # spread out: thousands of windows could be matched; only a bounded number are.
    words = "alpha bravo charlie delta echo foxtrot".split()
    lines = [
        " ".join(w for word in words for w in (word, _FILLER[n % 50], _FILLER[(n + 1) % 50]))
        for n in range(3000)
    ]
    article = Article.from_text("Many sentences\n" + "\n".join(lines))
    calls = _count_best_span(monkeypatch)
    assert Aligner(article).align("alpha bravo charlie delta echo golf") is None
    assert 0 < len(calls) <= alignment._MAX_FUZZY_PIECES
