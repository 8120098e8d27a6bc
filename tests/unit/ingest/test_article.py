from __future__ import annotations

import pytest

from briefgen import Article, InputError


def _texts(text: str) -> list[str]:
    return [s.text for s in Article.from_text(text).sentences]


@pytest.mark.parametrize(
    "text",
    [
        "Mr Tillerson met Dr. Khan in Kabul. They talked.",
        "Mr. Tillerson met Gen. Bajwa in Rawalpindi. They talked.",
        "The U.S. delegation and the U.N. envoy met Amb. Rice on Jan. 5 in Geneva. They talked.",
        "Sen. Graham and Prof. J. Smith spoke at St. Paul's. They talked.",
        "Resolution No. 2334 passed on Dec. 23 after Lt. Col. Dray spoke. They talked.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    sentences = _texts(text)
    assert sentences[-1] == "They talked."
    assert len(sentences) == 2


def test_sentence_offsets_round_trip(seed_text: str) -> None:
    article = Article.from_text(seed_text)
    assert [s.id for s in article.sentences] == [f"S{i}" for i in range(1, 18)]
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
    assert article.title == "Pakistan not ready' for joint anti-terror ops with US"


def test_quotes_and_question_marks_split() -> None:
    sentences = _texts("“Will they come?” he asked. “No,” she said! Then silence.")
    assert sentences == ["“Will they come?” he asked.", "“No,” she said!", "Then silence."]


def test_number_abbreviation_needs_a_number() -> None:
    assert _texts("He said no. The talks ended.") == ["He said no.", "The talks ended."]


def test_acronym_at_sentence_end_splits_before_a_sentence_starter() -> None:
    assert _texts("He flew to the U.S. The talks began.") == [
        "He flew to the U.S.",
        "The talks began.",
    ]


def test_normalisation_keeps_quote_marks_and_collapses_space() -> None:
    article = Article.from_text("A  “quoted”\u00a0word\r\nand\u200b more.\n\n\n\nEnd.")
    assert article.text == "A “quoted” word\nand more.\n\nEnd."


@pytest.mark.parametrize("raw", ["", "   \n\t  ", b"", b"  \n "])
def test_empty_input_is_an_input_error(raw: str | bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        Article.from_text(raw)


def test_binary_input_is_an_input_error() -> None:
    with pytest.raises(InputError, match="binary"):
        Article.from_text(b"%PDF-1.7\x00\x00\x01\x02binary stuff")


def test_non_utf8_bytes_are_an_input_error_naming_the_byte() -> None:
    with pytest.raises(InputError, match=r"not valid UTF-8.*0xe9"):
        Article.from_text("Café society met in Paris.".encode("latin-1"))


def test_utf16_with_bom_is_decoded() -> None:
    article = Article.from_text("Talks resumed in Doha.".encode("utf-16"))
    assert article.text == "Talks resumed in Doha."


def test_html_page_is_an_input_error() -> None:
    page = "<!DOCTYPE html><html><head></head><body>" + "<p>text</p>" * 20 + "</body></html>"
    with pytest.raises(InputError, match="HTML"):
        Article.from_text(page)


def test_oversize_input_is_an_input_error() -> None:
    with pytest.raises(InputError, match="over the limit"):
        Article.from_text("Words and more words. " * 100, max_chars=500)


def _count_normalise(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import briefgen.ingest.article as article_module

    calls: list[int] = []
    real = article_module.normalise

    def counting(text: str) -> str:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(article_module, "normalise", counting)
    return calls


def test_far_oversize_text_is_refused_before_any_normalising(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_normalise(monkeypatch)
    huge = "Words and more words, " * 2_300_000  # about 50 MB
    assert len(huge) > 50_000_000
    with pytest.raises(InputError, match="over the limit"):
        Article.from_text(huge)
    assert calls == []  # refused on its length alone
    with pytest.raises(InputError, match="over the limit"):
        Article.from_text(huge.encode("utf-8"))
    assert calls == []


def test_text_near_the_limit_is_still_normalised_and_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Runs of spaces shrink when normalised: a text over the limit before normalising
    # may fit after it, so the early refusal only takes what cannot fit.
    calls = _count_normalise(monkeypatch)
    raw = "Talks" + " " * 20 + "resumed in Doha."
    article = Article.from_text(raw, max_chars=30)
    assert len(raw) > 30 and article.text == "Talks resumed in Doha."
    assert calls == [len(raw)]


def test_a_bidi_override_or_control_character_never_reaches_the_title() -> None:
    from briefgen import Article

    article = Article.from_text(
        "Talks\u202e resume\x07 in Doha\n\nThe talks resumed on Monday.", source="Wire\u2066"
    )
    assert article.title is not None and "\u202e" not in article.title
    assert "\x07" not in article.title and article.source == "Wire"
    given = Article.from_text("The talks resumed on Monday.", title="\u202egpj.exe")
    assert given.title == "gpj.exe"
