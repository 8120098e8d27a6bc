"""Loading articles from files, stdin and HTML (no network; URLs are in
tests/integration/test_sources.py)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from html_pages import FRENCH, PAGE, bare_page, news_page
from repo_paths import CORPUS_HTML

from briefgen.errors import BriefgenError, ConfigError, InputError
from briefgen.ingest.html import article_from_html, extract_html
from briefgen.ingest.sources import load_article

# --- plain text files --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["article.txt", "ARTICLE.TXT", "article.md", "article"])
def test_text_files_load_as_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Ministers meet\nThe ministers met on Monday. They agreed.\n", "utf-8")
    article = load_article(path)
    assert article.title == "Ministers meet"
    assert [s.text for s in article.sentences] == [
        "Ministers meet",
        "The ministers met on Monday.",
        "They agreed.",
    ]


def test_markdown_heading_gives_the_title(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Border talks resume\n\nThe talks resumed on Monday.\n", "utf-8")
    assert load_article(str(path)).title == "Border talks resume"


def test_utf16_text_file_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Die Gespräche wurden fortgesetzt.".encode("utf-16"))
    assert load_article(path).text == "Die Gespräche wurden fortgesetzt."


def test_file_without_suffix_that_is_html_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "saved-page"
    path.write_text(PAGE, "utf-8")
    article = load_article(path)
    assert article.title == "Talks resume in Geneva"
    assert "<p>" not in article.text


# --- file errors -------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file"):
        load_article(tmp_path / "nope.txt")


def test_missing_file_that_looks_like_a_url_gets_a_hint() -> None:
    with pytest.raises(InputError, match=r"https://www\.example\.org/a"):
        load_article("www.example.org/a")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        load_article(tmp_path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Some text.", "utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="Cannot read"):
            load_article(path)
    finally:
        path.chmod(0o600)


def test_read_failure_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text.", "utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match=r"Cannot read .*Permission denied"):
        load_article(path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
@pytest.mark.parametrize("name", ["a.txt", "a.html", "a"])
def test_empty_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty") as caught:
        load_article(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_binary_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89\x01\x00\x00binary\x00stuff" * 20)
    with pytest.raises(InputError, match="binary"):
        load_article(path)


def test_pdf_renamed_to_txt_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(InputError, match="PDF"):
        load_article(path)


def test_wrong_encoding_text_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Les négociations ont repris à Genève.".encode("cp1252"))
    with pytest.raises(InputError, match="not valid UTF-8") as caught:
        load_article(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("name", ["a.json", "a.xlsx", "a.rtf"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Some text.", "utf-8")
    with pytest.raises(InputError, match=r"\.txt, \.md, \.html/\.htm, \.pdf, \.docx, \.odt"):
        load_article(path)


@pytest.mark.parametrize(("name", "said"), [("a.pdf", "PDF is damaged"), ("a.docx", "docx")])
def test_a_document_suffix_on_text_is_read_as_that_document_and_refused(
    tmp_path: Path, name: str, said: str
) -> None:
    path = tmp_path / name
    path.write_text("Some text.", "utf-8")
    with pytest.raises(InputError, match=said) as caught:
        load_article(path)
    assert str(path) in str(caught.value)


def test_too_large_text_file_is_refused_before_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("word " * 1000, "utf-8")
    with pytest.raises(InputError, match="too large"):
        load_article(path, max_chars=100)


def test_non_http_url_scheme() -> None:
    with pytest.raises(InputError, match="only http:// and https://"):
        load_article("ftp://example.org/article.txt")


# --- HTML --------------------------------------------------------------------------------


def test_html_file_gives_text_title_date_and_source(tmp_path: Path) -> None:
    path = tmp_path / "page.HTM"
    path.write_text(PAGE, "utf-8")
    article = load_article(path)
    assert article.title == "Talks resume in Geneva"
    assert article.published == "2024-03-05"
    assert article.source == "Example Herald"
    lines = article.text.split("\n")
    # Paragraphs stay on their own lines; the headline does not run into the first one.
    assert any(line.startswith("Delegations from both countries") for line in lines)
    assert "Home" not in article.text and "Copyright" not in article.text
    texts = [s.text for s in article.sentences]
    assert "A second session is planned for Thursday." in texts
    assert not any("Geneva Delegations" in t for t in texts)


def test_title_loses_the_site_suffix_from_the_page_title() -> None:
    html = news_page(
        "Berlin renames streets | Example Daily | 19.01.2020",
        ["Berlin is renaming three streets named after colonial officials this month."],
    ).replace("<article>", "<article><h1>Berlin renames streets</h1>")
    assert extract_html(html).title == "Berlin renames streets"


def test_hostname_is_the_source_when_the_page_names_no_site() -> None:
    html = news_page(
        "Rates held", ["The central bank held its key rate at four percent on Friday."]
    )
    article = article_from_html(html, url="https://www.example.org/news/rates")
    assert article.source == "example.org"
    assert article.published is None
    assert extract_html(html, url="https://www.example.org/news/rates").url == (
        "https://www.example.org/news/rates"
    )


# Short single-byte texts that charset guessing gets wrong ("ŕ Genčve"): only the
# declared charset decodes them right.
# ’ and œ are where windows-1252 differs from ISO-8859-1, which browsers read as 1252.
FRENCH_1252 = "C’est l’œuvre du ministère, a dit l’ambassadeur à Genève."
POLISH = "Rozmowy wznowiono we wtorek w Genewie. Zażółć gęślą jaźń."


@pytest.mark.parametrize(
    ("text", "encoding", "meta"),
    [
        (FRENCH, "cp1252", "<meta charset='windows-1252'>"),
        (
            FRENCH,
            "cp1252",
            '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
        ),
        (POLISH, "iso-8859-2", '<meta charset="iso-8859-2">'),
    ],
)
def test_declared_charset_is_honoured_for_bytes(text: str, encoding: str, meta: str) -> None:
    article = article_from_html(bare_page(text, meta).encode(encoding))
    assert text in article.text


@pytest.mark.parametrize(
    ("meta", "charset"),
    [
        ('<meta charset="ISO-8859-1">', None),
        ("", "iso-8859-1"),
        ('<meta charset="bogus">', "cp1252"),
    ],
)
def test_declared_charset_is_used_without_guessing(
    monkeypatch: pytest.MonkeyPatch, meta: str, charset: str | None
) -> None:
    import trafilatura.utils

    def no_guessing(data: bytes | str, max_size: int | None = None) -> str:
        if isinstance(data, str):  # trafilatura passes decoded text through here too
            return data
        raise AssertionError("guessed although the charset was declared")

    monkeypatch.setattr(trafilatura.utils, "decode_file", no_guessing)
    page = extract_html(bare_page(FRENCH_1252, meta).encode("cp1252"), charset=charset)
    assert page.text == FRENCH_1252


def test_http_charset_is_honoured_for_bytes() -> None:
    page = extract_html(bare_page(FRENCH).encode("cp1252"), charset="windows-1252")
    assert FRENCH in page.text


def test_utf8_wins_over_a_wrong_declaration() -> None:
    html = bare_page(FRENCH, "<meta charset='iso-8859-1'>").encode("utf-8")
    assert FRENCH in article_from_html(html).text


def test_json_ld_body_is_used_when_the_html_body_is_nearly_empty() -> None:
    body = " ".join(
        f"Paragraph {n} of the story says the delegations met again." for n in range(30)
    )
    script = (
        '<script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "headline": "Scripted story", "articleBody": "{body}"}}'
        "</script>"
    )
    html = news_page("Scripted story", ["Photo: AP"], head=script)
    article = article_from_html(html)
    assert "Paragraph 29 of the story" in article.text
    assert article.title == "Scripted story"


def test_html_without_main_text() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Home</title></head><body><nav>Home</nav></body></html>"
    )
    with pytest.raises(InputError, match="no main text"):
        article_from_html(html)


def test_html_error_is_a_briefgen_error_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "cover.html"
    path.write_text("<html><body><div><a href='/'>Home</a></div></body></html>", "utf-8")
    with pytest.raises(BriefgenError, match=r"cover.html"):
        load_article(path)


def test_missing_trafilatura_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    path = tmp_path / "page.html"
    path.write_text(PAGE, "utf-8")
    with pytest.raises(ConfigError, match=r'pip install "briefgen\[html\]"'):
        load_article(path)
    with pytest.raises(ConfigError, match="trafilatura"):
        article_from_html(PAGE)
    text = tmp_path / "a.txt"
    text.write_text("Text input needs no extra.", "utf-8")
    assert load_article(text).text == "Text input needs no extra."


# --- stdin -------------------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"Talks resumed on Monday. Both sides attended.\n")
    article = load_article("-")
    assert [s.text for s in article.sentences] == [
        "Talks resumed on Monday.",
        "Both sides attended.",
    ]


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, PAGE.encode("utf-8"))
    article = load_article("-")
    assert article.title == "Talks resume in Geneva"
    assert article.source == "Example Herald"


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"")
    with pytest.raises(InputError, match=r"standard input: .*empty"):
        load_article("-")


# --- the real pages in the shared development corpus (never copied here) ----------------

CORPUS_PAGES = [
    (
        "dw.com.colonial.html",
        "Berlin confronts Germany's colonial past with new initiative",
        "2020-01-19",
        "DW.COM",
        "The German capital has launched a five-year project",
    ),
    (
        "reuters.com.parasite.html",
        "'Parasite' scores historic upset at SAG awards, boosting Oscar chances",
        "2020-01-20",
        "Reuters",
        "LOS ANGELES (Reuters) - South Korean thriller",
    ),
    (
        "salon.com.emissions.html",
        "Despite everything, U.S. emissions dipped in 2019",
        "2020-01-10",
        "Salon.com",
        "Just a week into the new year",
    ),
    (
        "scmp.com.playbook.html",
        "Carrie Lam should study Tsai Ing-wen’s playbook",
        "2020-01-20",
        "South China Morning Post",
        "Taiwanese President Tsai Ing-wen’s spectacular re-election",
    ),
]


@pytest.mark.skipif(not CORPUS_HTML.is_dir(), reason="the shared development corpus is absent")
@pytest.mark.parametrize(("name", "title", "date", "source", "opening"), CORPUS_PAGES)
def test_real_pages(name: str, title: str, date: str, source: str, opening: str) -> None:
    article = load_article(CORPUS_HTML / name)
    assert article.title == title
    assert article.published == date
    assert article.source == source
    assert article.text.startswith(opening)
    assert len(article.sentences) >= 20
