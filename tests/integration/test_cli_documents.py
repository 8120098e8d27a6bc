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
from documents import chromium_pdf, damaged_pdf, encrypted_pdf, image_only_pdf
from repo_paths import CORPUS_HTML
from dossier_answers import dossier_responder
from scripted_server import ScriptedServer, echo_responder

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
