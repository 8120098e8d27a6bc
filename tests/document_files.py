"""Real PDF files made by real tools, for the PDF reader's tests and benchmarks/documents.py.

A PDF written by hand (or by a PDF library) is laid out the way its author thought PDFs
are; these are laid out by the tools users print with: headless Chromium ("Save as PDF",
headers and footers on), LibreOffice, and pypdf for encryption. Each function writes into
``out_dir`` and returns the file's path, or raises ``pytest.skip`` when its tool is absent.

Chromium takes a second or more a print, so share the files: make ``out_dir`` once per
session and call the generators from session-scoped fixtures in the test file, e.g.::

    @pytest.fixture(scope="session")
    def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
        return tmp_path_factory.mktemp("pdfs")

    @pytest.fixture(scope="session")
    def two_columns(pdfs: Path) -> Path:
        return two_column_pdf(pdfs)

The generators of this module's own documents (``two_column_pdf``, ``image_only_pdf``,
``long_pdf`` ...) also return a file they made before in the same ``out_dir`` instead of
printing it again, so calling one from several fixtures costs one print.
"""

from __future__ import annotations

import html
import itertools
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_TIMEOUT = 60.0
LIBREOFFICE_TIMEOUT = 120.0

# Offline-safe: without these, headless Chromium tries the network and may hang.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian package {package})")
    return found


def _pdfium() -> Any:
    """pypdfium2, which checks each made file (its text layer, its layout)."""
    return pytest.importorskip("pypdfium2", reason="pypdfium2 checks the PDFs made here")


def run_tool(command: Sequence[str], *, timeout: float, what: str) -> str:
    """Run a tool in a session of its own, so a hung run ends with all its helpers; its
    standard output. RuntimeError when it hangs or fails."""
    process = subprocess.Popen(
        list(command),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise RuntimeError(f"{what} did not finish within {timeout:.0f} s") from None
    if process.returncode != 0:
        raise RuntimeError(f"{what} exited with {process.returncode}: {err[-2000:]}")
    return out


def _made_once(out: Path, make: Callable[[Path], None]) -> Path:
    """``out`` as made before, or made now by ``make(partial)`` and renamed into place (an
    interrupted run leaves no half file to be taken for a finished one)."""
    if out.is_file():
        return out
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    make(partial)
    os.replace(partial, out)
    return out


def chromium_pdf(html_path: Path, out_dir: Path, *, header_footer: bool = True) -> Path:
    """Print ``html_path`` with headless Chromium as "Save as PDF" does: with headers and
    footers, the date and ``<title>`` at the top of each page and the file's URL and
    "n/N" at the bottom. Written to ``out_dir/<stem>.pdf`` (``<stem>-bare.pdf`` without
    headers and footers), replacing an older print."""
    chromium = _tool("chromium", "chromium")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{html_path.stem}{'' if header_footer else '-bare'}.pdf"
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            *([] if header_footer else ["--no-pdf-header-footer"]),
            f"--print-to-pdf={partial}",
            html_path.resolve().as_uri(),
        ]
        run_tool(command, timeout=CHROMIUM_TIMEOUT, what=f"Chromium printing {html_path.name}")
    if not partial.is_file() or partial.stat().st_size == 0:
        raise RuntimeError(f"Chromium wrote no PDF for {html_path}")
    os.replace(partial, out)
    return out


def libreoffice_pdf(source: Path, out_dir: Path) -> Path:
    """Convert a document LibreOffice opens (.odt, .fodt, .docx ...) to
    ``out_dir/<stem>.pdf`` with headless LibreOffice and a fresh profile (a shared one
    would hand the job to any LibreOffice already running)."""
    soffice = _tool("soffice", "libreoffice-writer-nogui")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{source.stem}.pdf"
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="soffice-profile-") as profile:
        command = [
            soffice,
            "--headless",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
        ]
        run_tool(command, timeout=LIBREOFFICE_TIMEOUT, what=f"LibreOffice converting {source.name}")
    # soffice exits 0 even when it could not convert: the file is the only evidence.
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(f"LibreOffice wrote no PDF for {source}")
    return out


# The two-column article. Invented; every sentence differs from every other, so a test can
# find each one and tell whether it came out whole and in order.
TWO_COLUMN_TITLE = "Ministry outlines plan for new container port at Saltmere"
QUOTATION = (
    "“This port will give northern exporters a shorter route to their markets, and it"
    " will be built with the towns along the coast, not around them,”"
)
# Starts near the bottom of column 1 of page 1 and ends at the top of column 2.
COLUMN_CROSSING_SENTENCE = (
    "Talks with the bank are at an advanced stage, according to a ministry statement"
    " issued after the news conference, which said that the first part of the loan could"
    " be approved at the bank’s board meeting in October and that the remaining funds"
    " would follow once the consortium had been chosen."
)
# Starts at the bottom of column 2 of page 1 and ends at the top of column 1 of page 2.
PAGE_CROSSING_SENTENCE = (
    "It would run for 46 kilometres, cross the river Aln on a new bridge and pass close to"
    " three villages whose residents have asked for noise barriers, a lower speed limit for"
    " night trains and a new crossing on the road to the coast."
)
TWO_COLUMN_PARAGRAPHS = (
    "The Ministry of Maritime Affairs on Tuesday announced plans for a new container port"
    " at Saltmere, on the northern coast. The project is expected to take six years to"
    " complete. Officials said the first phase would begin next spring.",
    "The port would have four deep-water berths and a rail link to the inland freight"
    " terminal at Orrin Junction. The ministry put the total cost at 2.4 billion euros.",
    "Deputy Minister Elena Marsh presented the plan at a news conference in the capital. "
    + QUOTATION
    + " she said. She added that the ministry would publish the full environmental"
    " assessment in March.",
    "Funding is to come from the national infrastructure fund, a loan from a regional"
    " development bank and a consortium of private operators. The consortium has not yet"
    " been named. " + COLUMN_CROSSING_SENTENCE,
    "The mayor of Saltmere, Tomas Veld, welcomed the announcement. He said the town"
    " council had asked for guarantees on local hiring and on the protection of the"
    " fishing harbour. A public consultation will open next month and run for twelve weeks.",
    "Environmental groups have raised concerns about the dredging the project will need."
    " The shallow bay is a feeding ground for migrating birds in autumn. The ministry said"
    " that dredging would be limited to the winter months, and that an independent panel"
    " would monitor water quality throughout construction.",
    "According to the ministry’s estimate, construction would employ about 3,000 workers"
    " at its peak. Once in operation, the port is expected to support some 1,200 permanent"
    " jobs. Most of them would be in logistics, maintenance and customs.",
    "The rail link is the most expensive single part of the plan. "
    + PAGE_CROSSING_SENTENCE
    + " Freight trains would take about forty minutes to reach Orrin Junction.",
    "Opposition members of parliament asked for the project’s cost estimates to be"
    " reviewed by the national audit office. The transport committee will hold a hearing on"
    " the plan later this month. No date has been set for a vote on the funding.",
    "The ministry expects to award the main construction contract by the end of next year."
    " Preparatory work on the access road could begin sooner. The first ships would dock"
    " at Saltmere in six years if the schedule holds.",
)
# The paragraph that runs over the page break.
PAGE_CROSSING_PARAGRAPH = TWO_COLUMN_PARAGRAPHS[7]

_TWO_COLUMN_CSS = """
body { font: 14pt/20pt "DejaVu Serif", serif; margin: 0; }
h1 { font-size: 20pt; line-height: 26pt; margin: 0 0 12pt; }
.columns { column-count: 2; column-gap: 18pt; text-align: justify; }
p { margin: 0 0 8pt; }
"""


def two_column_html() -> str:
    """The two-column article as a web page: the headline across the page, the body in
    two CSS columns, filled one after the other and balanced on the last page."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in TWO_COLUMN_PARAGRAPHS)
    title = html.escape(TWO_COLUMN_TITLE)
    return (
        f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{_TWO_COLUMN_CSS}</style></head>\n<body><h1>{title}</h1>\n"
        f"<div class='columns'>\n{body}\n</div></body></html>\n"
    )


def _column_texts(pdf: Path) -> list[str]:
    """The body text of each column in turn (page 1 left, page 1 right, page 2 left ...),
    each on one line; the top and bottom 3.5 % of a page (headers, footers) left out."""
    pdfium = _pdfium()
    texts: list[str] = []
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            width, height = page.get_size()
            textpage = page.get_textpage()
            for left, right in ((0.0, width / 2), (width / 2, width)):
                text = textpage.get_text_bounded(left, height * 0.035, right, height * 0.965)
                texts.append(" ".join(text.split()))
    finally:
        document.close()
    return texts


def _check_crossings(pdf: Path, sentences: Sequence[str], made_by: str) -> None:
    """Each sentence starts in one column and ends in the next. The layout depends on
    the fonts, so a machine whose fonts differ gets a clear error, not a wrong test."""
    columns = _column_texts(pdf)
    for sentence in sentences:
        head, tail = sentence[:20], sentence[-20:]
        if not any(
            head in here and tail not in here and tail in after and head not in after
            for here, after in itertools.pairwise(columns)
        ):
            raise RuntimeError(
                f"{made_by} laid out {pdf.name} differently (other fonts than DejaVu Serif?):"
                f" {sentence[:40]!r}... no longer crosses a column or page boundary"
            )


def two_column_pdf(out_dir: Path) -> Path:
    """The two-column article printed by Chromium, headers and footers on: two pages,
    ``COLUMN_CROSSING_SENTENCE`` from column 1 into column 2 of page 1 and
    ``PAGE_CROSSING_SENTENCE`` from page 1 into page 2."""
    return _two_columns(out_dir / "two-column.html", two_column_html(), chromium_pdf, "Chromium")


def _two_columns(
    source: Path, text: str, printer: Callable[[Path, Path], Path], made_by: str
) -> Path:
    """``source`` (holding ``text``) printed by ``printer`` into its directory, unless it
    was; a print whose two sentences no longer cross their boundaries is removed."""
    out = source.with_suffix(".pdf")
    if out.is_file():
        return out
    source.write_text(text, encoding="utf-8")
    made = printer(source, source.parent)
    try:
        _check_crossings(made, (COLUMN_CROSSING_SENTENCE, PAGE_CROSSING_SENTENCE), made_by)
    except RuntimeError:
        made.unlink()
        raise
    return made


_FODT_NAMESPACES = " ".join(
    f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}:1.0"'
    for prefix, name in (
        ("office", "office"),
        ("style", "style"),
        ("text", "text"),
        ("fo", "xsl-fo-compatible"),
        ("meta", "meta"),
        ("svg", "svg-compatible"),
    )
)

_FODT_STYLES = """<office:font-face-decls>
 <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="DejaVu Serif" fo:font-size="{size}pt"
   fo:language="en" fo:country="GB"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="6pt"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="12pt"/>
  <style:text-properties fo:font-size="20pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Columns" style:family="section">
  <style:section-properties>
   <style:columns fo:column-count="2" fo:column-gap="0.6cm"/>
  </style:section-properties>
 </style:style>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:footer><text:p text:style-name="Footer">Ministry of Maritime Affairs · page
   <text:page-number text:select-page="current"/> of <text:page-count/></text:p></style:footer>
 </style:master-page>
</office:master-styles>"""


def two_column_fodt(size: float = 14.25) -> str:
    """The two-column article as a flat OpenDocument text: headline across the page,
    body in a two-column section (filled in turn, balanced on the last page), and a
    footer "Ministry of Maritime Affairs · page n of N"."""
    paragraphs = "\n".join(
        f'<text:p text:style-name="Standard">{html.escape(p, quote=False)}</text:p>'
        for p in TWO_COLUMN_PARAGRAPHS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {_FODT_NAMESPACES} xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">\n'
        f"<office:meta><dc:title>{html.escape(TWO_COLUMN_TITLE)}</dc:title></office:meta>\n"
        + _FODT_STYLES.replace("{size}", f"{size:g}")
        + "\n<office:body><office:text>\n"
        f'<text:h text:style-name="Heading" text:outline-level="1">'
        f"{html.escape(TWO_COLUMN_TITLE)}</text:h>\n"
        f'<text:section text:name="Body" text:style-name="Columns">\n{paragraphs}\n'
        "</text:section>\n</office:text></office:body></office:document>\n"
    )


def two_column_odt_pdf(out_dir: Path) -> Path:
    """The two-column article as LibreOffice exports it from a flat ODT: A4, a
    two-column section, a footer "… page n of N", and the same two sentences across the
    column and the page boundary as in ``two_column_pdf``."""
    source = out_dir / "two-column-odt.fodt"
    return _two_columns(source, two_column_fodt(), libreoffice_pdf, "LibreOffice")


# Words broken over a line end: by a soft hyphen (Chromium draws it as U+2010 HYPHEN) and
# at the hyphen of a compound. Each printed in a paragraph too narrow to hold it whole.
SOFT_HYPHENATED = ("infrastructure", "environmental", "consultation")
HARD_HYPHENATED = ("deep-water", "state-owned", "long-term")
_SOFT_BREAKS = {"infrastructure": "infra", "environmental": "environ", "consultation": "consul"}
# Full width, first: a page of nothing but a narrow column of text is taken by pdfium for
# vertical writing once headers and footers are on (a line break after every glyph).
HYPHENATION_INTRO = (
    "Each of the short paragraphs below is too narrow to hold its longest word, so the"
    " word is broken over two lines."
)


def hyphenated_html() -> str:
    """``HYPHENATION_INTRO``, then short paragraphs 5.5 em wide, so each word of
    ``SOFT_HYPHENATED`` (with a soft hyphen, ``&shy;``, in it) and of ``HARD_HYPHENATED``
    is broken over two lines."""
    soft = [f"{head}&shy;{word[len(head) :]}" for word, head in _SOFT_BREAKS.items()]
    texts = [
        f"The {soft[0]} fund.",
        f"An {soft[1]} review.",
        f"A public {soft[2]}.",
        f"Four {HARD_HYPHENATED[0]} berths.",
        f"A {HARD_HYPHENATED[1]} operator.",
        f"A {HARD_HYPHENATED[2]} loan.",
    ]
    body = "\n".join(f"<p class='narrow'>{text}</p>" for text in texts)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Hyphens</title>"
        "<style>body { font: 14pt/20pt 'DejaVu Serif', serif } .narrow { width: 5.5em }"
        f"</style></head><body>\n<p>{HYPHENATION_INTRO}</p>\n{body}\n</body></html>\n"
    )


def hyphenated_pdf(out_dir: Path) -> Path:
    """``hyphenated_html`` printed by Chromium, headers and footers on: one page on which
    every word of ``SOFT_HYPHENATED`` and ``HARD_HYPHENATED`` ends one line and starts
    the next."""
    pdfium = _pdfium()
    out = out_dir / "hyphens.pdf"
    if out.is_file():
        return out
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "hyphens.html").write_text(hyphenated_html(), encoding="utf-8")
    made = chromium_pdf(out_dir / "hyphens.html", out_dir)
    document = pdfium.PdfDocument(made)
    try:
        lines = document[0].get_textpage().get_text_bounded().splitlines()
    finally:
        document.close()
    whole = [w for w in (*SOFT_HYPHENATED, *HARD_HYPHENATED) if any(w in line for line in lines)]
    if whole or HYPHENATION_INTRO not in " ".join(lines):
        made.unlink()
        raise RuntimeError(f"{made.name}: intro not whole, or not broken over two lines: {whole}")
    return made


def _png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    """An 8-bit greyscale PNG of ``rows`` (one ``bytes`` of ``width`` pixels each)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def scanned_page_png(width: int = 850, height: int = 1080) -> bytes:
    """A picture of a page of text as a scanner makes it: no letters, only dark word
    shapes in lines on white (what a PDF reader sees of a scan without OCR)."""
    shuffle = random.Random(7)
    white = b"\xff" * width
    rows: list[bytes] = []
    y = 0
    while y < height:
        margin, line_height = 70, 14 if y > 120 else 26  # a headline, then body lines
        if y < 80 or height - y < 90 or shuffle.random() < 0.08:  # margins, paragraph gaps
            rows.extend([white] * 24)
            y += 24
            continue
        line = bytearray(white)
        x = margin
        while x < width - margin - 20:
            word = shuffle.randint(12, 70)
            end = min(x + word, width - margin)
            line[x:end] = b"\x20" * (end - x)
            x = end + shuffle.randint(8, 12)
        rows.extend([bytes(line)] * line_height + [white] * 10)
        y += line_height + 10
    return _png(width, height, rows[:height])


def image_only_pdf(out_dir: Path) -> Path:
    """A one-page PDF whose page is a single image and no text layer at all: a scan
    without OCR, printed by Chromium with no header or footer (they would be text)."""
    pdfium = _pdfium()
    out = out_dir / "scan-bare.pdf"
    if out.is_file():
        return out
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "scan.png").write_bytes(scanned_page_png())
    (out_dir / "scan.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Scan</title><style>"
        "@page { size: letter; margin: 0 } body { margin: 0 }"
        " img { display: block; width: 100% }</style></head>"
        "<body><img src='scan.png' alt=''></body></html>\n",
        encoding="utf-8",
    )
    made = chromium_pdf(out_dir / "scan.html", out_dir, header_footer=False)
    document = pdfium.PdfDocument(made)
    try:
        chars = [page.get_textpage().count_chars() for page in document]
        images = sum(1 for _ in document[0].get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
    finally:
        document.close()
    if chars != [0] or images != 1:
        made.unlink()
        raise RuntimeError(f"{made.name}: expected 1 page, 0 chars, 1 image: {chars}, {images}")
    return made


def encrypted_pdf(
    source_pdf: Path, out_dir: Path, password: str, *, owner_password: str | None = None
) -> Path:
    """``source_pdf`` encrypted by pypdf with AES-256 and the user password ``password``
    (the one a reader must be given to open it; ``""`` with an ``owner_password`` is the
    common "protected" PDF that opens without one): ``out_dir/<stem>-encrypted.pdf``."""
    try:
        from pypdf import PdfWriter
        from pypdf.errors import DependencyError
    except ImportError:
        pytest.skip("pypdf is not installed (pip install pypdf)")
    writer = PdfWriter(clone_from=source_pdf)
    try:
        writer.encrypt(user_password=password, owner_password=owner_password, algorithm="AES-256")
    except DependencyError as error:
        pytest.skip(f"pypdf cannot encrypt with AES-256 here: {error}")
    out = out_dir / f"{source_pdf.stem}-encrypted.pdf"
    with out.open("wb") as file:
        writer.write(file)
    return out


def damaged_pdf(source_pdf: Path, out_dir: Path, *, keep: float = 1 / 3) -> Path:
    """The first third (``keep``) of ``source_pdf``, as a download cut short leaves it:
    no cross-reference table, no trailer, no ``%%EOF``, objects cut off mid-stream."""
    data = source_pdf.read_bytes()
    out = out_dir / f"{source_pdf.stem}-truncated.pdf"
    out.write_bytes(data[: int(len(data) * keep)])
    return out


def garbled_xref_pdf(source_pdf: Path, out_dir: Path) -> Path:
    """``source_pdf`` with every offset in its cross-reference table wrong by 17 bytes
    (an editor that changed the file and not its table), the objects themselves intact."""
    data = source_pdf.read_bytes()
    start = data.rindex(b"\nxref")
    end = data.index(b"trailer", start)

    def shifted(entry: re.Match[bytes]) -> bytes:
        return b"%010d" % (int(entry.group(1)) + 17) + entry.group(2)

    table = re.sub(rb"(\d{10})( \d{5} n)", shifted, data[start:end])
    out = out_dir / f"{source_pdf.stem}-garbled-xref.pdf"
    out.write_bytes(data[:start] + table + data[end:])
    return out


LONG_TITLE = "Saltmere port programme: progress report"
_WHO = (
    "The ministry",
    "The regional council",
    "A spokesperson for the port authority",
    "Officials in the capital",
    "The national audit office",
    "Representatives of the fishing cooperative",
    "The transport committee",
    "Engineers working on the rail link",
    "The independent environmental panel",
    "Local business owners",
    "The development bank",
    "Union leaders",
)
_SAID = ("said", "reported", "confirmed", "warned", "noted", "estimated", "argued", "announced")
_WHAT = (
    "the first phase would be completed within {n} months",
    "water quality in the bay had remained stable for {n} weeks",
    "costs had risen by about {n} percent since the spring",
    "about {n} workers had been hired from towns along the coast",
    "the access road would open to traffic after {n} more weeks of work",
    "dredging had been paused for {n} days during the storms",
    "the consortium had submitted {n} pages of revised plans",
    "noise barriers had been built along {n} kilometres of the line",
    "the fishing harbour would keep {n} of its moorings during construction",
    "the bridge over the river Aln was {n} percent complete",
    "freight operators had asked for {n} extra train paths a day",
    "the consultation had received {n} written comments",
)
_WHEN = (
    "",
    " on Monday",
    " in a written statement",
    " at a hearing in the capital",
    " after a meeting with residents",
    ", according to the minutes of the meeting",
)
_TOPICS = (
    "Construction",
    "Funding",
    "Environment",
    "Employment",
    "Rail link",
    "Consultation",
    "Fishing harbour",
    "Access road",
)


def _long_sentence(shuffle: random.Random) -> str:
    what = shuffle.choice(_WHAT).format(n=shuffle.randint(2, 96))
    said = f"{shuffle.choice(_WHO)} {shuffle.choice(_SAID)} that {what}{shuffle.choice(_WHEN)}."
    return said if shuffle.random() < 0.8 else f"{said} No further details were given."


def long_html(pages: int) -> str:
    """A report of ``pages`` pages: on each, a numbered heading and four paragraphs of
    five generated sentences (the same every time for the same ``pages``), then a page
    break, so the printed length is exactly ``pages``."""
    shuffle = random.Random(pages)
    sections = []
    for number in range(1, pages + 1):
        heading = f"{number}. {shuffle.choice(_TOPICS)}: week {number}"
        paragraphs = "".join(
            "<p>" + " ".join(_long_sentence(shuffle) for _ in range(5)) + "</p>" for _ in range(4)
        )
        sections.append(f"<section><h2>{heading}</h2>{paragraphs}</section>")
    return (
        f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{LONG_TITLE}"
        "</title><style>body { font: 11pt/15pt 'DejaVu Serif', serif }"
        " section { break-after: page } h2 { font-size: 14pt }</style></head><body>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )


def long_pdf(out_dir: Path, pages: int = 200) -> Path:
    """``long_html(pages)`` printed by Chromium with headers and footers, for the
    benchmark: ``pages`` pages of text, ``out_dir/long-<pages>.pdf``."""

    def make(partial: Path) -> None:
        pdfium = _pdfium()
        source = out_dir / f"long-{pages}.html"
        source.write_text(long_html(pages), encoding="utf-8")
        printed = chromium_pdf(source, out_dir / f".long-{pages}")
        document = pdfium.PdfDocument(printed)
        count = len(document)
        document.close()
        if count != pages:
            raise RuntimeError(f"{printed.name} has {count} pages, not {pages}")
        os.replace(printed, partial)
        printed.parent.rmdir()

    out_dir.mkdir(parents=True, exist_ok=True)
    return _made_once(out_dir / f"long-{pages}.pdf", make)
