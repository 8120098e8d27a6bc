"""The sentence splitter chosen by the article's language (issue 23): sentencex for the
languages it splits better, briefgen's own rules for English and the rest, exact offsets
either way, and briefgen's rules, said so, when sentencex is not installed."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen import Article
from briefgen.ingest import splitters
from briefgen.ingest.article import split_sentences
from briefgen.run.memo import language_warnings
from briefgen.text.quotations import quotation_pattern

# Our own sentences, each a case where briefgen's rules alone and sentencex differ.
GERMAN = (
    "Der Vertrag wurde von Dr. med. Anna Keller unterzeichnet. Sie sprach danach mit der "
    "Presse über die nächsten Schritte der Regierung in Berlin."
)
GERMAN_SENTENCES = [
    "Der Vertrag wurde von Dr. med. Anna Keller unterzeichnet.",
    "Sie sprach danach mit der Presse über die nächsten Schritte der Regierung in Berlin.",
]
ARMENIAN = (
    "Նախարարը այսօր այցելեց Երևան։ Նա հանդիպեց դեսպանին և քննարկեց երկու երկրների "
    "համագործակցությունը։"
)


def _texts(doc: Article) -> list[str]:
    return [s.text for s in doc.sentences]


def _offsets_exact(doc: Article) -> None:
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


@pytest.fixture
def library() -> None:
    pytest.importorskip("sentencex")


@pytest.fixture
def without_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(splitters, "_sentencex", lambda: None)
    splitters._warn_missing.cache_clear()


def _at_every_full_stop(language: str, text: str) -> list[str]:
    """A splitter that knows nothing: a sentence ends at every full stop and space."""
    return re.split(r"(?<=\. )|(?<=\.“ )", text)


def _fake(segment: Callable[[str, str], Iterable[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(splitters, "_sentencex", lambda: segment)


@pytest.mark.usefixtures("library")
def test_a_german_article_is_split_by_sentencex_past_an_abbreviation_briefgen_lacks() -> None:
    doc = Article.from_text(GERMAN)
    assert (doc.language, doc.splitter) == ("de", "sentencex")
    assert _texts(doc) == GERMAN_SENTENCES
    assert len(list(split_sentences(doc.text, None))) == 3  # briefgen's rules cut at "med."
    _offsets_exact(doc)


@pytest.mark.usefixtures("library")
def test_armenian_full_stops_end_sentences_through_sentencex() -> None:
    doc = Article.from_text(ARMENIAN)
    assert doc.splitter == "sentencex"
    assert [s.text[-1] for s in doc.sentences] == ["։", "։"]
    _offsets_exact(doc)


@pytest.mark.usefixtures("library")
def test_no_chinese_sentence_runs_past_its_full_width_stop() -> None:
    text = (
        "外交部发言人今天表示，双方将继续对话。会谈将于下周在北京举行！"
        "记者问：会谈的议程是什么？发言人没有回答。\n第二段也有两句话。这是第二句。"
    )
    doc = Article.from_text(text)
    assert doc.splitter == "sentencex"
    assert len(doc.sentences) == 6
    for sentence in doc.sentences:
        assert sentence.text[-1] in "。！？"
        assert not any(stop in sentence.text[:-1] for stop in "。！？")
    _offsets_exact(doc)


@pytest.mark.usefixtures("library")
def test_a_japanese_quotation_stays_with_the_verb_that_reports_it() -> None:
    doc = Article.from_text(
        "外相は記者会見で「交渉は続ける。合意は近い。」と述べた。次の会合は来月だ。"
    )
    assert _texts(doc) == [
        "外相は記者会見で「交渉は続ける。合意は近い。」と述べた。",
        "次の会合は来月だ。",
    ]


@pytest.mark.usefixtures("library")
def test_english_and_arabic_stay_on_briefgens_rules_with_sentencex_installed() -> None:
    english = Article.from_text("Thousands attended the service.Anzac Day commemorates it.")
    assert english.splitter == "briefgen"
    assert len(english.sentences) == 2  # the glued full stop only briefgen's rules see
    arabic = Article.from_text(
        "قال وزير الخارجية إن المحادثات ستستمر. هل سيتم التوقيع على الاتفاق قريبا؟ "
        "لم يرد المتحدث على السؤال."
    )
    assert arabic.splitter == "briefgen"
    assert [s.text[-1] for s in arabic.sentences] == [".", "؟", "."]


def test_offsets_stay_exact_when_the_library_trims_spaces_and_lines_still_break(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A library that strips every sentence and ignores line breaks.
    _fake(
        lambda language, text: [p.strip() + " " for p in text.replace("\n", " ").split(". ")],
        monkeypatch,
    )
    text = "Erster Satz hier. Zweiter Satz\nDritter Satz.   Vierter Satz."
    quotes = quotation_pattern(text, singles=False)
    pieces = [text[a:b] for a, b in splitters.sentence_spans(text, "sentencex", "de", quotes)]
    assert pieces == ["Erster Satz hier.", "Zweiter Satz", "Dritter Satz.", "Vierter Satz."]


def test_a_cut_inside_a_quotation_is_joined_again(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake(_at_every_full_stop, monkeypatch)
    text = "Er sagte: „Wir gehen nicht. Niemals.“ Die Beamten widersprachen."
    sentences = [s.text for s in split_sentences(text, "de")]
    assert sentences == ["Er sagte: „Wir gehen nicht. Niemals.“", "Die Beamten widersprachen."]


def test_numbers_and_short_abbreviations_do_not_end_sentences_on_the_library_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A library that ends a sentence after every full stop, space or not.
    _fake(lambda language, text: re.split(r"(?<=\.)", text), monkeypatch)
    text = (
        "1. Auf der Liste stehen 1.Wasser und 2.Brot. Die Verordnung N°. 12 gilt. "
        "Danach ca. zwei Stunden Pause."
    )
    assert [s.text for s in split_sentences(text, "de")] == [
        "1. Auf der Liste stehen 1.Wasser und 2.Brot.",
        "Die Verordnung N°. 12 gilt.",
        "Danach ca. zwei Stunden Pause.",
    ]


def test_a_library_that_rewrites_the_text_is_not_trusted_with_offsets(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _fake(lambda language, text: [text.upper()], monkeypatch)
    with caplog.at_level(logging.WARNING, logger="briefgen.ingest.splitters"):
        doc = Article.from_text(GERMAN)
    assert _texts(doc) == [s.text for s in split_sentences(doc.text, None)]
    assert "do not match" in caplog.text
    _offsets_exact(doc)


@pytest.mark.usefixtures("without_library")
def test_without_sentencex_briefgens_rules_split_and_the_report_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="briefgen.ingest.splitters"):
        doc = Article.from_text(GERMAN)
    assert (doc.language, doc.splitter) == ("de", "briefgen")
    assert len(doc.sentences) == 3  # briefgen's rules, as they are
    assert "sentencex" in caplog.text and "not installed" in caplog.text
    warnings = language_warnings(doc, None, extractive=False)
    assert any("sentencex" in w and "briefgen[languages]" in w for w in warnings)
    _offsets_exact(doc)


@pytest.mark.usefixtures("without_library")
def test_an_english_article_needs_no_library_and_gets_no_warning() -> None:
    doc = Article.from_text("The minister spoke. The talks ended on Friday in Geneva.")
    assert doc.splitter == "briefgen"
    assert not any("split" in w for w in language_warnings(doc, None, extractive=False))


_PIECES = st.sampled_from(
    ["Dr. ", "z. B. ", "Satz. ", "Frage? ", "„Zitat. Ende.“ ", "1. ", "…", "。", "？", "\n", " ",
     "Ende", "a", "«Non.» ", "ca. ", "N°. 5", "...", "」と", "'", "\u00a0"]
)  # fmt: skip


@pytest.mark.usefixtures("library")
@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PIECES, max_size=30).map("".join),
    st.sampled_from(["de", "ja", "ru", "zh", "en", "ar"]),
)
def test_every_sentence_is_an_exact_trimmed_span_of_one_line(text: str, language: str) -> None:
    sentences = list(split_sentences(text, language))
    end = 0
    for sentence in sentences:
        assert end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and "\n" not in sentence.text
        end = sentence.end
    # Nothing but spaces is left out between the sentences.
    covered = "".join(s.text for s in sentences)
    assert "".join(text.split()) == "".join(covered.split())
