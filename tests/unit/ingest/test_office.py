"""Word (.docx) and OpenDocument (.odt) files read into an Article.

Real files made by real tools (LibreOffice from one flat-ODT source, python-docx), files
built by hand for what a tool will not make on request (a deletion next to a field code,
a hidden run, a hostile archive), and every way a file can be unusable: each refusal is an
InputError that says what is wrong."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from datetime import datetime

import pytest

from briefgen.errors import InputError
from briefgen.ingest import office
from briefgen.ingest.article import Article
from briefgen.ingest.office import article_from_docx, article_from_odt

Reader = Callable[..., Article]
logger = logging.getLogger(__name__)

TITLE = "Border talks resume in Geneva"
QUOTE = 'The foreign minister said: "We will not give up a single village."'
LIBREOFFICE_LINES = [
    "Background",
    "The two governments agreed on Monday to withdraw 50 troops from the border post. "
    "Observers welcomed the step.",
    QUOTE,
    "A | B",
    "Troops | 50",
    "Officials said the next round would open in Vienna on 20 October.",
    "1 The ministry's figures were published on 4 March.",
    "i The talks were first announced in January.",
]

# One source for both conversions: metadata, a heading, a footnote and an endnote, a
# quotation, a table, a tracked deletion and insertion, and a comment.
FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta>
  <dc:title>Border talks resume in Geneva</dc:title>
  <meta:initial-creator>Ministry of Foreign Affairs</meta:initial-creator>
  <meta:creation-date>2024-03-05T09:30:00</meta:creation-date>
 </office:meta>
 <office:body><office:text>
  <text:tracked-changes text:track-changes="true">
   <text:changed-region text:id="ct1"><text:deletion><office:change-info>
    <dc:creator>Editor</dc:creator><dc:date>2024-03-05T10:00:00</dc:date>
   </office:change-info><text:p>SECRET DRAFT WORDING </text:p></text:deletion></text:changed-region>
   <text:changed-region text:id="ct2"><text:insertion><office:change-info>
    <dc:creator>Editor</dc:creator><dc:date>2024-03-05T10:00:00</dc:date>
   </office:change-info></text:insertion></text:changed-region>
  </text:tracked-changes>
  <text:h text:outline-level="1">Background</text:h>
  <text:p>The two governments agreed on Monday to withdraw 50 troops from the border post.<text:note
   text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation
   ><text:note-body><text:p>The ministry's figures were published on 4 March.</text:p
   ></text:note-body></text:note> Observers welcomed the step.<text:note text:id="edn1"
   text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p
   >The talks were first announced in January.</text:p></text:note-body></text:note></text:p>
  <text:p>The foreign minister said: "We will not give up a single village."</text:p>
  <table:table table:name="Figures">
   <table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell><text:p>A</text:p></table:table-cell><table:table-cell
    ><text:p>B</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>Troops</text:p></table:table-cell><table:table-cell
    ><text:p>50</text:p></table:table-cell></table:table-row>
  </table:table>
  <text:p>Officials said <text:change text:change-id="ct1"
   />the next round would open <text:change-start
   text:change-id="ct2"/>in Vienna <text:change-end
   text:change-id="ct2"/>on 20 October.<office:annotation
   ><dc:creator>Reviewer</dc:creator><text:p>CHECK THIS DATE WITH THE DESK</text:p
   ></office:annotation></text:p>
 </office:text></office:body>
</office:document>
"""


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The source converted by LibreOffice to .docx and .odt, one soffice call a format
    (about a second each; the time of each is logged)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("libreoffice")
    source = work / "talks.fodt"
    source.write_text(FODT, encoding="utf-8")
    profile = (work / "profile").as_uri()  # a private profile: parallel runs do not collide
    files: dict[str, bytes] = {}
    for suffix in ("docx", "odt"):
        started = time.monotonic()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
        command += ["--convert-to", suffix, "--outdir", str(work / "out"), str(source)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        converted = work / "out" / f"talks.{suffix}"
        if not converted.is_file():
            pytest.fail(f"soffice made no .{suffix} ({done.returncode}): {done.stderr}")
        files[suffix] = converted.read_bytes()
        logger.info("soffice --convert-to %s: %.2f s", suffix, time.monotonic() - started)
    return files


# --- real files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "read"), [("docx", article_from_docx), ("odt", article_from_odt)]
)
def test_a_libreoffice_document_is_read_in_order_with_its_notes_last(
    libreoffice: dict[str, bytes], suffix: str, read: Reader
) -> None:
    article = read(libreoffice[suffix])
    assert article.text.split("\n") == LIBREOFFICE_LINES
    assert QUOTE in article.text
    assert QUOTE in [s.text for s in article.sentences]
    assert (article.title, article.source, article.published) == (
        TITLE,
        "Ministry of Foreign Affairs",
        "2024-03-05",
    )


@pytest.mark.parametrize(
    ("suffix", "read"), [("docx", article_from_docx), ("odt", article_from_odt)]
)
def test_tracked_deletions_and_comments_of_a_libreoffice_document_are_not_content(
    libreoffice: dict[str, bytes], suffix: str, read: Reader
) -> None:
    with zipfile.ZipFile(io.BytesIO(libreoffice[suffix])) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist())
    assert b"SECRET DRAFT WORDING" in xml  # the converter kept them, as changes and comments
    assert b"CHECK THIS DATE" in xml
    article = read(libreoffice[suffix])
    assert "SECRET" not in article.text
    assert "CHECK THIS DATE" not in article.text
    assert "in Vienna" in article.text  # the insertion is


def test_python_docx_headings_tables_and_properties() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Embargoed until Monday.")
    document.add_heading("Ceasefire holds in the north", level=1)
    document.add_paragraph("The ceasefire held for a third day, the mission said.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("A", "B"), ("Villages", "12")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("Both sides have agreed to meet again.")
    document.core_properties.author = "Embassy in Nicosia"
    document.core_properties.created = datetime(2024, 5, 6, 8, 0)
    buffer = io.BytesIO()
    document.save(buffer)
    article = article_from_docx(buffer.getvalue())
    assert article.text.split("\n") == [
        "Embargoed until Monday.",
        "Ceasefire holds in the north",
        "The ceasefire held for a third day, the mission said.",
        "A | B",
        "Villages | 12",
        "Both sides have agreed to meet again.",
    ]
    # No dc:title: the first heading is the title (not the first line, which ends in ".").
    assert article.title == "Ceasefire holds in the north"
    assert (article.source, article.published) == ("Embassy in Nicosia", "2024-05-06")


def test_an_empty_python_docx_document_has_no_text() -> None:
    docx = pytest.importorskip("docx")
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(InputError, match="no text"):
        article_from_docx(buffer.getvalue())


# --- hand-built files ----------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _zip(parts: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _docx(body: str, parts: dict[str, str | bytes] | None = None) -> bytes:
    document = f'<?xml version="1.0"?><w:document {W} {MC}><w:body>{body}</w:body></w:document>'
    return _zip({"word/document.xml": document, **(parts or {})})


def _r(text: str) -> str:
    """One run of text."""
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


FIELD = (  # a field: its code (instrText) is not shown, its result is
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE \\* MERGEFORMAT'
    '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    f'{_r(" was brief.")}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)
TEXT_BOX = (  # drawn twice: the DrawingML box, and the VML copy for old readers
    f"<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p>{_r('A box.')}</w:p>"
    "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
    f"<w:p>{_r('A box.')}</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)
QUIET = '"The line is quiet."'
EDITED_BODY = "".join(
    [
        f'<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>{_r("Draft for the desk.")}</w:p>',
        f'<w:p><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr>{_r("Troops leave the border")}</w:p>',
        f"<w:p>{_r('The army withdrew ')}",
        '<w:del w:id="1" w:author="Ed"><w:r><w:delText>SECRET WORDING </w:delText></w:r></w:del>',
        f'<w:ins w:id="2" w:author="Ed">{_r("its last 50 troops ")}</w:ins>',
        f'<w:commentRangeStart w:id="0"/>{_r("on Monday.")}<w:commentRangeEnd w:id="0"/>',
        '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="3"/></w:r>',
        f"{_r(' Its')}<w:r><w:tab/></w:r>{_r('statement')}{FIELD}",
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN RUN</w:t></w:r>",
        '<w:r><w:footnoteReference w:id="2"/></w:r></w:p>',
        '<w:sdt><w:sdtPr><w:alias w:val="Quote"/></w:sdtPr><w:sdtContent><w:p>',
        f'<w:hyperlink w:history="1">{_r("The mission said: ")}</w:hyperlink>',
        f"<w:smartTag w:element='place'>{_r(QUIET)}</w:smartTag>",
        f"{TEXT_BOX}</w:p></w:sdtContent></w:sdt>",
        f"<w:tbl><w:tr><w:tc><w:p>{_r('Unit')}</w:p></w:tc>",
        f"<w:tc><w:p>{_r('Men')}</w:p><w:p>{_r('(approx.)')}</w:p></w:tc></w:tr>",
        '<w:tr><w:trPr><w:del w:id="9" w:author="Ed"/></w:trPr>',
        f"<w:tc><w:p>{_r('DELETED ROW')}</w:p></w:tc></w:tr></w:tbl>",
        # A move's old place is not content; nor is a deletion a sloppy tool wrote with w:t.
        '<w:p><w:moveFrom w:id="5" w:author="Ed"><w:r><w:t>MOVED AWAY </w:t></w:r></w:moveFrom>',
        f'<w:moveTo w:id="6" w:author="Ed">{_r("Talks resume in June.")}</w:moveTo>',
        '<w:del w:id="7" w:author="Ed"><w:r><w:t> SLOPPY DELETION</w:t></w:r></w:del></w:p>',
    ]
)
STYLES = (
    f'<w:styles {W}><w:style w:type="paragraph" w:styleId="berschrift1">'
    '<w:name w:val="heading 1"/></w:style></w:styles>'
)
FOOTNOTES = (
    f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
    '</w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
    "<w:continuationSeparator/></w:r></w:p></w:footnote>"
    f'<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>{_r("Second note.")}</w:p></w:footnote>'
    f'<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r>{_r("Figures from the ministry.")}'
    "</w:p></w:footnote></w:footnotes>"
)
COMMENTS = (
    f'<w:comments {W}><w:comment w:id="0"><w:p>{_r("A COMMENT")}</w:p></w:comment></w:comments>'
)


def test_a_hand_built_docx_leaves_out_what_the_page_does_not_show() -> None:
    parts = {"word/styles.xml": STYLES, "word/footnotes.xml": FOOTNOTES}
    data = _docx(EDITED_BODY, {**parts, "word/comments.xml": COMMENTS})
    article = article_from_docx(data)
    assert article.text.split("\n") == [
        "Draft for the desk.",
        "Troops leave the border",
        "The army withdrew its last 50 troops on Monday. Its statement was brief.",
        'The mission said: "The line is quiet."',
        "A box.",
        "Unit | Men (approx.)",
        "Talks resume in June.",
        "1 Figures from the ministry.",  # numbered as the body refers to them, not by id
        "2 Second note.",
    ]
    for absent in ("SECRET", "A COMMENT", "PAGE", "HIDDEN", "DELETED ROW", "MOVED", "SLOPPY"):
        assert absent not in article.text
    # The heading's style id is localised; styles.xml names it "heading 1".
    assert article.title == "Troops leave the border"
    assert "The army withdrew its last 50 troops on Monday." in [s.text for s in article.sentences]


ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
ODT_META = (
    f"<office:document-meta {ODF}><office:meta><dc:title>Mission report</dc:title>"
    "<dc:creator>Head of Mission</dc:creator><dc:date>2024-06-01T12:00:00</dc:date>"
    "</office:meta></office:document-meta>"
)
ODT_TEXT = (
    "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion>"
    "<text:p>REMOVED CLAIM</text:p></text:deletion></text:changed-region></text:tracked-changes>"
    '<text:p text:style-name="P1">Mission report</text:p>'
    "<text:p>The patrol<text:s text:c='3'/>reached<text:tab/>the village"
    "<text:note text:note-class='footnote'><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>According to the patrol log.</text:p></text:note-body></text:note>"
    "<text:change text:change-id='c1'/> on <text:span>Tuesday</text:span>.<text:line-break/>"
    "<office:annotation><dc:creator>Desk</dc:creator><text:p>A COMMENT</text:p></office:annotation>"
    "It found <text:a xlink:href='http://example.org' xmlns:xlink='http://www.w3.org/1999/xlink'>"
    "no damage</text:a>.</text:p>"
    "<text:list><text:list-item><text:p>First point.</text:p><text:list><text:list-item>"
    "<text:p>Nested point.</text:p></text:list-item></text:list></text:list-item></text:list>"
    "<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>A</text:p>"
    "</table:table-cell><table:table-cell><text:p>B</text:p></table:table-cell><table:table-cell/>"
    "</table:table-row></table:table-header-rows><table:table-row><table:table-cell><text:p>1"
    "</text:p></table:table-cell><table:covered-table-cell/><table:table-cell/><table:table-cell>"
    "<text:p>2</text:p></table:table-cell></table:table-row></table:table>"
)


def _odt(text: str, *, meta: str | None = ODT_META, body: str | None = None) -> bytes:
    styles = (
        '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" '
        'style:parent-style-name="Title"/></office:automatic-styles>'
    )
    inside = body if body is not None else f"<office:text>{text}</office:text>"
    content = f"<office:body>{inside}</office:body>"
    parts: dict[str, str | bytes] = {"mimetype": "application/vnd.oasis.opendocument.text"}
    parts["content.xml"] = (
        f"<office:document-content {ODF}>{styles}{content}</office:document-content>"
    )
    if meta is not None:
        parts["meta.xml"] = meta
    return _zip(parts)


def test_a_hand_built_odt_takes_its_notes_out_of_the_paragraphs() -> None:
    article = article_from_odt(_odt(ODT_TEXT))
    assert article.text.split("\n") == [
        "Mission report",
        "The patrol reached the village on Tuesday. It found no damage.",
        "First point.",
        "Nested point.",
        "A | B",  # an empty last cell is left out, an empty cell between kept
        "1 | | 2",
        "1 According to the patrol log.",
    ]
    assert "REMOVED" not in article.text and "A COMMENT" not in article.text
    assert (article.title, article.source, article.published) == (
        "Mission report",
        "Head of Mission",
        "2024-06-01",
    )


def test_an_odt_without_metadata_takes_its_title_from_the_title_paragraph() -> None:
    text = "<text:p>Not for publication.</text:p>" + ODT_TEXT
    article = article_from_odt(_odt(text, meta=None))
    assert article.text.startswith("Not for publication.\nMission report\n")
    assert (article.title, article.source, article.published) == ("Mission report", None, None)


# --- refusals ------------------------------------------------------------------------------

READERS = pytest.mark.parametrize("read", [article_from_docx, article_from_odt])
MAIN = {article_from_docx: "word/document.xml", article_from_odt: "content.xml"}


def _with_main(read: Reader, content: str | bytes) -> bytes:
    return _zip({MAIN[read]: content})


@READERS
@pytest.mark.parametrize("data", [b"", b"The ministry said on Monday that talks would resume."])
def test_bytes_that_are_no_zip_archive_are_refused(read: Reader, data: bytes) -> None:
    with pytest.raises(InputError, match="not a ZIP archive"):
        read(data)


@READERS
def test_an_archive_without_the_main_part_is_refused(read: Reader) -> None:
    with pytest.raises(InputError, match=f"has no {MAIN[read]}"):
        read(_zip({"notes.txt": "hello"}))


def test_an_odt_passed_as_a_docx_is_named() -> None:
    with pytest.raises(InputError, match="looks like an OpenDocument"):
        article_from_docx(_odt(ODT_TEXT))


@READERS
def test_broken_xml_is_refused(read: Reader) -> None:
    with pytest.raises(InputError, match=r"damaged: .* is broken XML"):
        read(_with_main(read, "<w:document><w:body><w:p>"))


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    "<lolz>&lol3;</lolz>"
)


@READERS
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_entity_bomb_is_refused(read: Reader, encoding: str) -> None:
    data = _with_main(read, BOMB.replace("1.0", f'1.0" encoding="{encoding}', 1).encode(encoding))
    with pytest.raises(InputError, match="DOCTYPE"):
        read(data)


@READERS
def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    read: Reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _with_main(read, b"\0" * 8_000_000)
    assert len(data) < 20_000  # about a thousand times smaller unpacked

    def no_unpacking(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_unpacking)
    with pytest.raises(InputError, match="ZIP bomb"):
        read(data)


def test_xml_of_millions_of_tags_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(office, "MAX_XML_TAGS", 100)
    data = _docx(("<w:p>" + _r("Talks resumed.") + "</w:p>") * 30)  # some 190 tags

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the XML was parsed")

    monkeypatch.setattr(office.ET, "fromstring", no_parsing)
    with pytest.raises(InputError, match="over 100 tags"):
        article_from_docx(data)


def test_parts_over_the_size_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office, "MAX_UNPACKED_BYTES", 1000)
    data = _docx("<w:p>" + _r("The talks resumed on Monday.") * 40 + "</w:p>")
    with pytest.raises(InputError, match="over the limit of 1,000"):
        article_from_docx(data)


def test_a_corrupt_part_is_refused() -> None:
    data = bytearray(_zip({"word/document.xml": "<w:body>" + "talks " * 500}))
    start = data.index(b"word/document.xml") + len("word/document.xml")
    data[start + 40 : start + 60] = b"\xff" * 20  # the packed stream, garbled
    with pytest.raises(InputError, match="damaged"):
        article_from_docx(bytes(data))


@READERS
def test_an_encrypted_office_file_is_refused(read: Reader) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(InputError, match="password-protected"):
        read(ole + b"\0" * 500)


def test_an_old_word_file_is_named() -> None:
    with pytest.raises(InputError, match=r"old binary Office file \(\.doc\)"):
        article_from_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)


def test_an_encrypted_odt_is_refused() -> None:
    manifest = "<manifest:manifest><manifest:encryption-data/></manifest:manifest>"
    data = _zip({"content.xml": b"\x8f\x02garbled", "META-INF/manifest.xml": manifest})
    with pytest.raises(InputError, match="password-protected"):
        article_from_odt(data)


def test_a_zip_encrypted_member_is_refused() -> None:
    data = bytearray(_docx("<w:p>" + _r("Talks resumed.") + "</w:p>"))
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # set the "encrypted" flag bit
        at = data.index(header)
        flag = at + (6 if header == b"PK\x03\x04" else 8)
        data[flag] |= 0x1
    with pytest.raises(InputError, match="password-protected"):
        article_from_docx(bytes(data))


def test_a_spreadsheet_is_no_odt() -> None:
    with pytest.raises(InputError, match="office:spreadsheet"):
        article_from_odt(_odt("", body="<office:spreadsheet/>"))


ONLY_A_COMMENT = "<office:annotation><text:p>Only a comment.</text:p></office:annotation>"


@pytest.mark.parametrize(
    ("read", "data"),
    [
        (article_from_docx, _docx('<w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>')),
        (
            article_from_docx,
            _docx("<w:p><w:del><w:r><w:delText>Gone.</w:delText></w:r></w:del></w:p>"),
        ),
        (article_from_odt, _odt(f"<text:p/><text:p>{ONLY_A_COMMENT}</text:p>")),
    ],
)
def test_a_document_without_text_is_refused(read: Reader, data: bytes) -> None:
    with pytest.raises(InputError, match="has no text"):
        read(data)


def test_a_document_nested_thousands_deep_is_refused() -> None:
    deep = "<w:sdt><w:sdtContent>" * 3000 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 3000
    with pytest.raises(InputError, match="nested too deeply"):
        article_from_docx(_docx(deep))


def test_max_chars_applies_to_the_text_read() -> None:
    data = _docx("<w:p>" + _r("The talks resumed on Monday in Geneva.") * 10 + "</w:p>")
    with pytest.raises(InputError, match="over the limit"):
        article_from_docx(data, max_chars=100)
