"""PDF, Word and e-mail sources through the command line, against the scripted server:
page-true citations, nothing of the page furniture cited, bad files refused with exit 3
and nothing written, an e-mail's attachments read as further sources."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from document_files import chromium_pdf, damaged_pdf, encrypted_pdf, image_only_pdf
from dossier_answers import dossier_responder
from repo_paths import CORPUS_HTML
from scripted_server import ScriptedServer, answer_requests_file, echo_responder

from briefgen.brief import Brief
from briefgen.cli import EXIT_INPUT, EXIT_OK, main

pytest.importorskip("pypdfium2")


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(responder=echo_responder) as running:
        yield running


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("documents")


@pytest.fixture(scope="module")
def statement(made: Path) -> Path:
    page = CORPUS_HTML / "salon.com.emissions.html"
    if not page.is_file():
        pytest.skip("the shared corpus is not beside the checkout")
    return chromium_pdf(page, made)


def _cli(server: ScriptedServer, *args: str | Path) -> int:
    return main(
        [*map(str, args), "--base-url", server.base_url, "--model", "scripted", "--no-cache"]
    )


def test_a_pdf_makes_a_memo_whose_annex_cites_pages(
    server: ScriptedServer, statement: Path, tmp_path: Path
) -> None:
    memo_path = tmp_path / "memo.md"
    json_path = tmp_path / "memo.json"
    assert _cli(server, statement, "-o", memo_path) == EXIT_OK
    assert _cli(server, statement, "-o", json_path) == EXIT_OK
    memo = memo_path.read_text(encoding="utf-8")
    annex = memo[memo.index("## Source annex") :]
    cited = re.findall(r"^- \*\*(S\d+) \(pp?\. (\d+)(?:\u2013(\d+))?\)\*\*", annex, re.M)
    assert cited, annex
    brief = Brief.load(json_path)
    by_id = {s.id: s for s in brief.article.sentences}
    for sentence_id, first, last in cited:
        pages = by_id[sentence_id].pages
        assert pages[0] == int(first) and pages[-1] == int(last or first)
    # Nothing the browser printed round the page is in the article, so nothing cites it.
    assert "file://" not in memo and "file://" not in brief.article.text
    for quote in brief.data.quotes:
        assert brief.article.text[quote.start : quote.end] == quote.text
    saved = json.loads(json_path.read_text(encoding="utf-8"))
    assert saved["article"]["page_count"] == brief.article.page_count >= 4


@pytest.mark.parametrize("kind", ["image-only", "encrypted", "damaged"])
def test_a_bad_pdf_exits_3_and_writes_nothing(
    server: ScriptedServer,
    statement: Path,
    made: Path,
    tmp_path: Path,
    *,
    kind: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = {
        "image-only": lambda: image_only_pdf(made),
        "encrypted": lambda: encrypted_pdf(statement, made, "s3cret"),
        "damaged": lambda: damaged_pdf(statement, made),
    }[kind]()
    out = tmp_path / "memo.md"
    calls = len(server.requests)
    assert _cli(server, source, "-o", out) == EXIT_INPUT
    assert not out.exists()
    assert len(server.requests) == calls  # refused before any call
    said = capsys.readouterr().err
    assert {"image-only": "OCR", "encrypted": "--pdf-password", "damaged": "damaged"}[kind] in said


def test_an_encrypted_pdf_opens_with_its_password(
    server: ScriptedServer, statement: Path, made: Path, tmp_path: Path
) -> None:
    locked = encrypted_pdf(statement, made, "s3cret")
    out = tmp_path / "memo.md"
    assert _cli(server, locked, "--pdf-password", "s3cret", "-o", out) == EXIT_OK
    assert "(p. " in out.read_text(encoding="utf-8")
    assert "s3cret" not in out.read_text(encoding="utf-8")


def _mail(attachment: Path, tmp_path: Path) -> Path:
    message = EmailMessage()
    message["From"] = "Press Office <press@ministry.example>"
    message["To"] = "desk@example.org"
    message["Subject"] = "Statement on emissions"
    message["Date"] = "Tue, 14 Jan 2020 09:30:00 +0000"
    message.set_content(
        "Dear colleagues,\n\nThe ministry said on Monday that national emissions fell by "
        "two percent last year. The full statement is attached.\n"
    )
    message.add_attachment(
        attachment.read_bytes(), maintype="application", subtype="pdf", filename="statement.pdf"
    )
    message.add_attachment(b"\x89PNG....", maintype="image", subtype="png", filename="logo.png")
    path = tmp_path / "forwarded.eml"
    path.write_bytes(bytes(message))
    return path


def test_an_email_makes_a_memo_of_its_body_and_of_each_attachment(
    server: ScriptedServer, statement: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mail = _mail(statement, tmp_path)
    out = tmp_path / "out"
    assert _cli(server, mail, "-d", out) == EXIT_OK
    memos = sorted(p.name for p in out.iterdir())
    assert len(memos) == 2, memos
    body = (out / "forwarded.md").read_text(encoding="utf-8")
    assert "Press Office" in body and "2020-01-14" in body
    attached = next(out / name for name in memos if name != "forwarded.md")
    assert "(p. " in attached.read_text(encoding="utf-8")
    assert "logo.png is not a kind briefgen reads" in capsys.readouterr().err


def test_an_email_with_combine_is_one_dossier_of_body_and_attachment(
    statement: Path, tmp_path: Path
) -> None:
    mail = _mail(statement, tmp_path)
    out = tmp_path / "dossier.json"
    with ScriptedServer(responder=dossier_responder) as server:
        assert _cli(server, mail, "--combine", "-o", out) == EXIT_OK
    brief = Brief.load(out)
    ids = {s.id.split(":")[0] for s in brief.article.sentences}
    assert ids == {"A1", "A2"}
    assert any(s.pages for s in brief.article.sentences if s.id.startswith("A2:"))


def test_a_batch_export_and_import_of_a_pdf_keeps_its_pages(
    statement: Path, tmp_path: Path
) -> None:
    requests = tmp_path / "req.jsonl"
    assert main(["batch", "export", str(statement), "-o", str(requests)]) == EXIT_OK
    results = tmp_path / "res.jsonl"
    results.write_text(answer_requests_file(requests.read_text()))
    out = tmp_path / "memos"
    assert (
        main(["batch", "import", str(requests), str(results), "-d", str(out), "--format", "json"])
        == EXIT_OK
    )
    (memo,) = out.iterdir()
    brief = Brief.load(memo)
    assert brief.article.page_count is not None and brief.article.page_count >= 4
    assert all(s.pages for s in brief.article.sentences)


def test_the_evidence_view_shows_where_each_page_starts(
    server: ScriptedServer, statement: Path, tmp_path: Path
) -> None:
    out = tmp_path / "memo.html"
    assert _cli(server, statement, "-o", out) == EXIT_OK
    page = out.read_text(encoding="utf-8")
    shown = [int(n) for n in re.findall(r'class="page-break"[^>]*aria-label="page (\d+)"', page)]
    json_out = tmp_path / "memo.json"
    assert _cli(server, statement, "-o", json_out) == EXIT_OK
    article = Brief.load(json_out).article
    starts = sorted(
        {s.pages[0] for s in article.sentences} | {p for s in article.sentences for p in s.pages}
    )
    assert shown == starts


def test_a_dossier_mixes_a_pdf_a_word_file_and_text(statement: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.title = "Press review: emissions"
    document.core_properties.author = "Embassy press section"
    document.add_heading("Press review: emissions", level=1)
    document.add_paragraph(
        "Total emissions fell 2 percent compared with the year before, according to the "
        "Rhodium Group, the papers reported on Friday."
    )
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Coal generation"
    table.rows[0].cells[1].text = "down 18 percent"
    review = tmp_path / "review.docx"
    document.save(str(review))
    note = tmp_path / "note.txt"
    note.write_text(
        "Coal generation slid 18 percent last year, the desk noted.\n", encoding="utf-8"
    )
    out = tmp_path / "dossier.json"
    with ScriptedServer(responder=dossier_responder) as server:
        assert _cli(server, statement, review, note, "--combine", "-o", out) == EXIT_OK
    brief = Brief.load(out)
    by_source: dict[str, list[tuple[int, ...]]] = {}
    for sentence in brief.article.sentences:
        by_source.setdefault(sentence.id.split(":")[0], []).append(sentence.pages)
    assert all(by_source["A1"]) and not any(by_source["A2"]) and not any(by_source["A3"])
    assert "Coal generation | down 18 percent" in brief.article.text
    assert "Embassy press section" in brief.markdown


def test_an_emails_sources_can_be_kept_under_a_story(
    server: ScriptedServer,
    statement: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BRIEFGEN_DATA_DIR", str(tmp_path / "data"))
    mail = _mail(statement, tmp_path)
    out = tmp_path / "story"
    assert _cli(server, mail, "--story", "Emissions", "-d", out) == EXIT_OK
    assert len(list(out.iterdir())) == 2


def test_two_attachments_of_one_name_make_two_memos(server: ScriptedServer, tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Press Office <press@ministry.example>"
    message["Date"] = "Tue, 14 Jan 2020 09:30:00 +0000"
    message["Subject"] = "Two statements"
    message.set_content("Two statements are attached, one on the port and one on the rail link.\n")
    for text in ("The port will open in May, the ministry said.", "The rail link is delayed."):
        message.add_attachment(
            f"Statement\n{text} Officials confirmed it on Monday.\n".encode(),
            maintype="text",
            subtype="plain",
            filename="statement.txt",
        )
    mail = tmp_path / "two.eml"
    mail.write_bytes(bytes(message))
    out = tmp_path / "out"
    assert _cli(server, mail, "-d", out) == EXIT_OK
    memos = [p.read_text(encoding="utf-8") for p in sorted(out.iterdir())]
    assert len(memos) == 3
    assert sum("port will open" in m for m in memos) == 1
    assert sum("rail link is delayed" in m for m in memos) == 1


def _odt(paragraphs: list[str]) -> bytes:
    """A minimal OpenDocument text: its mimetype first and stored, as the format asks."""
    import io
    import zipfile

    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.mark.parametrize("suffix", [".odt", ""])
def test_an_opendocument_file_makes_a_memo_by_suffix_or_by_its_bytes(
    server: ScriptedServer, tmp_path: Path, suffix: str
) -> None:
    source = tmp_path / f"review{suffix}"
    source.write_bytes(
        _odt(
            [
                "Press review",
                "The ministry said on Monday that the new berth at Saltmere would open in May.",
                "“We are ready,” the harbour master, Elena Marsh, told reporters on Tuesday.",
            ]
        )
    )
    out = tmp_path / "memo.md"
    assert _cli(server, source, "-o", out) == EXIT_OK
    memo = out.read_text(encoding="utf-8")
    assert "the new berth at Saltmere would open in May" in memo
    assert "(p. " not in memo  # an OpenDocument file has no fixed pages
