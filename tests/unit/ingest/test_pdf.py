"""PDF input on real files printed by real tools (headless Chromium, LibreOffice, pypdf):
pages kept, layout undone, metadata read, bad PDFs refused with a typed error."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_files import (
    COLUMN_CROSSING_SENTENCE,
    HARD_HYPHENATED,
    PAGE_CROSSING_SENTENCE,
    QUOTATION,
    SOFT_HYPHENATED,
    TWO_COLUMN_TITLE,
    chromium_pdf,
    damaged_pdf,
    encrypted_pdf,
    garbled_xref_pdf,
    hyphenated_pdf,
    image_only_pdf,
    two_column_odt_pdf,
    two_column_pdf,
)
from repo_paths import CORPUS_HTML

from briefgen.errors import InputError
from briefgen.ingest.article import Article
from briefgen.ingest.pdf import article_from_pdf, xmp_metadata
from briefgen.ingest.sources import load_article

pytest.importorskip("pypdfium2")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="module")
def reuters_pdf(made: Path) -> Path:
    if not (CORPUS_HTML / "reuters.com.parasite.html").is_file():
        pytest.skip("the shared corpus is not beside the checkout")
    return chromium_pdf(CORPUS_HTML / "reuters.com.parasite.html", made)


@pytest.fixture(scope="module")
def reuters(reuters_pdf: Path) -> Article:
    return load_article(reuters_pdf)


def _sentence_with(article: Article, words: str) -> str:
    found = [s for s in article.sentences if words in s.text]
    assert found, f"no sentence has {words!r}"
    return found[0].text


def test_a_saved_news_page_keeps_its_quotes_verbatim_and_its_pages(reuters: Article) -> None:
    quote = "“I am standing on the shoulders of my favorite actor - Heath Ledger,” Phoenix said"
    assert quote in reuters.text
    assert reuters.page_count is not None and reuters.page_count >= 3
    pages = {p for s in reuters.sentences for p in s.pages}
    assert pages == set(range(1, reuters.page_count + 1)) or len(pages) >= 3
    assert all(s.pages for s in reuters.sentences)
    # The headline wraps over two lines in the print; it is one line again.
    assert reuters.sentences[0].text.startswith("'Parasite' scores historic upset at SAG awards")


def test_what_the_browser_prints_on_every_page_is_never_text(reuters: Article) -> None:
    text = reuters.text
    assert "file://" not in text and "AM 'Parasite'" not in text
    reasons = {f.reason for f in reuters.furniture}
    assert {"browser print header", "browser print footer"} <= reasons
    # A paragraph wrapped over four printed lines is one paragraph again.
    line = _sentence_with(reuters, "Korean language social satire")
    assert line.endswith("26 year-history of the SAG awards.")


def test_the_title_is_the_documents_without_the_site_name(reuters: Article) -> None:
    assert reuters.title == "'Parasite' scores historic upset at SAG awards, boosting Oscar chances"
    # A browser's "Save as PDF" dates the print, not the story: no date is claimed.
    assert reuters.published is None


def test_two_columns_are_read_in_order_and_sentences_across_breaks_are_whole(made: Path) -> None:
    article = article_from_pdf(two_column_pdf(made).read_bytes())
    assert COLUMN_CROSSING_SENTENCE in article.text
    assert PAGE_CROSSING_SENTENCE in article.text
    crossing = next(s for s in article.sentences if s.text == PAGE_CROSSING_SENTENCE)
    assert crossing.pages == (1, 2)
    assert QUOTATION in article.text
    assert article.text.index(TWO_COLUMN_TITLE) < article.text.index(COLUMN_CROSSING_SENTENCE)


def test_a_libreoffice_two_column_pdf_with_page_footers(made: Path) -> None:
    article = article_from_pdf(two_column_odt_pdf(made).read_bytes())
    assert COLUMN_CROSSING_SENTENCE in article.text
    assert PAGE_CROSSING_SENTENCE in article.text
    assert "page 1 of" not in article.text.lower()
    assert any(f.reason in ("page number", "running header or footer") for f in article.furniture)


def test_broken_words_are_made_whole_and_real_hyphens_kept(made: Path) -> None:
    article = article_from_pdf(hyphenated_pdf(made).read_bytes())
    for word in SOFT_HYPHENATED:
        assert word in article.text, word
    for word in HARD_HYPHENATED:
        assert word in article.text, word
    assert "\x02" not in article.text and "\ufffe" not in article.text


def test_an_image_only_pdf_asks_for_ocr(made: Path) -> None:
    with pytest.raises(InputError, match=r"no text layer.*ocrmypdf"):
        article_from_pdf(image_only_pdf(made).read_bytes())


def test_an_encrypted_pdf_needs_its_password(made: Path, reuters_pdf: Path) -> None:
    locked = encrypted_pdf(reuters_pdf, made, "s3cret")
    with pytest.raises(InputError, match=r"needs a password.*--pdf-password"):
        load_article(locked)
    with pytest.raises(InputError, match="password given is wrong"):
        load_article(locked, pdf_password="guess")
    opened = load_article(locked, pdf_password="s3cret")
    assert "Heath Ledger" in opened.text


@pytest.mark.parametrize("damage", [damaged_pdf, garbled_xref_pdf])
def test_a_damaged_pdf_is_refused(made: Path, reuters_pdf: Path, damage: object) -> None:
    broken = damage(reuters_pdf, made)  # type: ignore[operator]
    try:
        article = article_from_pdf(broken.read_bytes())
    except InputError as exc:
        assert "damaged" in str(exc)
    else:
        # PDFium repairs some damage (it rebuilds a broken cross-reference table); what it
        # reads then is the document's own text, never garbage.
        assert "Heath Ledger" in article.text or "Parasite" in article.text


def test_limits_are_checked_before_the_text_is_all_read(reuters_pdf: Path) -> None:
    data = reuters_pdf.read_bytes()
    with pytest.raises(InputError, match="pages, over the limit of 2"):
        article_from_pdf(data, max_pages=2)
    with pytest.raises(InputError, match="passes the limit of 500 characters by page 1"):
        article_from_pdf(data, max_chars=500)


def test_a_pdf_without_suffix_or_on_stdin_is_told_by_its_bytes(
    reuters_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "statement"
    bare.write_bytes(reuters_pdf.read_bytes())
    assert "Heath Ledger" in load_article(bare).text

    import io
    import sys

    class _Stdin:
        buffer = io.BytesIO(reuters_pdf.read_bytes())

    monkeypatch.setattr(sys, "stdin", _Stdin())
    assert "Heath Ledger" in load_article("-").text


XMP_PACKET = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    b'xmp:CreateDate="2024-03-05T12:00:00+01:00"><dc:title><rdf:Alt>'
    b'<rdf:li xml:lang="x-default">Statement on the Saltmere port</rdf:li></rdf:Alt></dc:title>'
    b"<dc:creator><rdf:Seq><rdf:li>Ministry of Maritime Affairs</rdf:li></rdf:Seq></dc:creator>"
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def test_the_xmp_packet_gives_title_issuer_and_date() -> None:
    found = xmp_metadata(b"%PDF-1.7\n1 0 obj\n<< /Type /Metadata >>\nstream\n" + XMP_PACKET)
    assert found == {
        "Title": "Statement on the Saltmere port",
        "Author": "Ministry of Maritime Affairs",
        "CreationDate": "20240305",
    }
    # An entity declaration is never expanded: the packet is left unread.
    bomb = XMP_PACKET.replace(b"<rdf:RDF", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><rdf:RDF', 1)
    assert xmp_metadata(bomb) == {}


def test_a_pdf_of_thousands_of_pages_is_refused_before_any_is_read(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    for _ in range(2_500):
        writer.add_blank_page(width=200, height=200)
    path = tmp_path / "many.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match="2,500 pages, over the limit of 2,000"):
        load_article(path)


def test_a_libreoffice_pdf_keeps_its_footnote_apart_and_its_sentence_whole(made: Path) -> None:
    from document_files import libreoffice_pdf

    from .test_office import FODT

    source = made / "talks.fodt"
    source.write_text(FODT, encoding="utf-8")
    article = article_from_pdf(libreoffice_pdf(source, made).read_bytes())
    lines = article.text.split("\n")
    assert lines[-1] == "1 The ministry's figures were published on 4 March."
    assert lines[0] == "Background"
    # The footnote's mark, set higher than the line, does not cut the paragraph in two.
    assert "from the border post.1 Observers welcomed the step." in lines[1]
    assert article.title == "Border talks resume in Geneva"
    assert article.source == "Ministry of Foreign Affairs"
