"""Word (.docx) and OpenDocument (.odt) files read into an Article, with the standard library.

Both formats are ZIP archives of XML. A reader walks the body in document order and hands
``ingest.document`` one Block a paragraph, heading or table row; footnotes and endnotes
become notes after the body, each led by its number. What the page does not show is left
out: tracked deletions, comments, field codes, hidden text. Sizes, compression ratio and
encryption are checked before anything is unpacked, and XML with a DOCTYPE or millions of
tags is refused, so a hostile file costs neither memory nor time."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import replace
from datetime import date
from io import BytesIO

from briefgen.errors import InputError
from briefgen.ingest.article import DEFAULT_MAX_CHARS, Article
from briefgen.ingest.document import Block, BlockKind, DocumentInfo, article_from_blocks

logger = logging.getLogger(__name__)

# The XML parts read from one document may unpack to this much at most: far beyond the
# text of any article, far below what would hurt the machine.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Office XML packs 5-30 times; a part over _RATIO_FLOOR that unpacks this many times its
# packed size is a ZIP bomb, not a document (deflate's own limit is about 1000).
MAX_COMPRESSION_RATIO = 200
_RATIO_FLOOR = 1024 * 1024
# A parsed element takes some 300 bytes. Articles' documents have under one tag a character
# of text, so this is room for far more than DEFAULT_MAX_CHARS, and 3 GB of tree is not.
MAX_XML_TAGS = 8_000_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # a stream name in the OLE file
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_PROTECTED = "is password-protected (encrypted). Remove the password and save it again."
_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")

_ODF = "urn:oasis:names:tc:opendocument:xmlns:"
_NAMESPACES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
    "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",  # Strict Open XML
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    **{f"{_ODF}{name}:1.0": name for name in ("office", "text", "table", "style", "meta")},
    f"{_ODF}drawing:1.0": "draw",
    f"{_ODF}svg-compatible:1.0": "svg",
}
# The other format's main part, named when its file is passed as this one.
_PACKAGES = {"word/document.xml": "a Word .docx", "content.xml": "an OpenDocument .odt"}

# Word: what is never content (deletions, field codes, comment marks, properties, the
# fallback copy of a drawing), what reads as a space, and the marks of notes.
_W_SKIP = frozenset(
    "w:pPr w:rPr w:del w:moveFrom w:delText w:delInstrText w:instrText w:sdtPr w:sdtEndPr "
    "w:commentReference w:annotationRef w:footnoteRef w:endnoteRef w:rt mc:Fallback "
    "w:sectPr w:tblPr w:tblGrid w:trPr w:tcPr w:fldData".split()
)
_W_SPACE = frozenset({"w:tab", "w:ptab", "w:br", "w:cr"})
_W_WRAPPERS = frozenset({"w:sdt", "w:sdtContent", "w:customXml"})
_W_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_OUTLINE_LEVELS = frozenset("012345678")  # 9 is body text
_DOCX_PARTS = ("word/styles.xml", "word/footnotes.xml", "word/endnotes.xml", "docProps/core.xml")

# OpenDocument: comments, the store of deleted text, change marks, ruby and alt text.
_ODT_SKIP = frozenset(
    "office:annotation office:annotation-end text:tracked-changes text:change "
    "text:change-start text:change-end text:ruby-text svg:title svg:desc office:forms "
    "office:binary-data text:note text:sequence-decls text:variable-decls".split()
)
_ODT_SPACE = frozenset({"text:s", "text:tab", "text:line-break"})
_ODT_ROWS = frozenset({"table:table-rows", "table:table-header-rows", "table:table-row-group"})
_ROMAN_VALUES = (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1)
_ROMAN_DIGITS = "m cm d cd c xc l xl x ix v iv i".split()

_PARENT = "style:parent-style-name"
_Tags = tuple[str, ...]
_Reader = Callable[[bytes], tuple[list[Block], DocumentInfo]]


def article_from_docx(data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """The Article of a Word .docx file: paragraphs, headings and table rows ("A | B") in
    document order, then its footnotes and endnotes, each led by its number. Tracked
    deletions, comments, field codes and hidden text are left out; insertions are kept.
    Title, author and date come from the document's properties (the title else from its
    first heading). InputError when the file is damaged, encrypted, hostile or empty."""
    return _read(data, ".docx", _docx_document, max_chars)


def article_from_odt(data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """The Article of an OpenDocument .odt file: paragraphs, headings, lists and table rows
    ("A | B") in document order, then its notes, each led by its citation. Comments and
    tracked deletions are left out. Title, author and date come from meta.xml (the title
    else from the first heading). InputError when damaged, encrypted, hostile or empty."""
    return _read(data, ".odt", _odt_document, max_chars)


def _read(data: bytes, label: str, reader: _Reader, max_chars: int) -> Article:
    try:
        blocks, info = reader(data)
    except RecursionError:
        raise InputError(
            f"This {label} is nested too deeply to read (elements thousands of levels "
            "down): it is damaged, or made to break readers."
        ) from None
    if not any(block.text for block in blocks):
        raise InputError(
            f"This {label} has no text: no paragraph, table or note in it holds words "
            "(a scan, or images only?). Pass a document with the article's text."
        )
    if info.title is None:
        heading = next((b.text for b in blocks if b.kind == "heading" and b.text), None)
        info = replace(info, title=heading)
    logger.debug("%s: %d blocks, title %r", label, len(blocks), info.title)
    return article_from_blocks(blocks, info, max_chars=max_chars)


def _unpack(data: bytes, label: str, main: str, optional: Collection[str]) -> dict[str, bytes]:
    """The bytes of ``main`` and the ``optional`` parts there are, sizes checked first."""
    what = "Word document" if label == ".docx" else "OpenDocument text"
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise InputError(f"This {label} {_PROTECTED}")
        raise InputError(
            f"This {label} is an old binary Office file (.doc), not a {what}. Open it and "
            f"save it as {label}."
        )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError(
            f"This {label} is not a {what}: it is not a ZIP archive, as every {label} file "
            f"is ({exc}). It is damaged, or another kind of file under a {label} name."
        ) from None
    with archive:
        names = set(archive.namelist())
        if main not in names:
            other = next((kind for part, kind in _PACKAGES.items() if part in names), None)
            hint = f" It looks like {other}." if other else ""
            raise InputError(f"This {label} is damaged: it has no {main}.{hint}")
        infos = [archive.getinfo(name) for name in (main, *optional) if name in names]
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED_BYTES:
            raise InputError(
                f"This {label} is refused: its text parts would unpack to {total:,} bytes, "
                f"over the limit of {MAX_UNPACKED_BYTES:,}. No article is that large."
            )
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError(f"This {label} {_PROTECTED}")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > _RATIO_FLOOR and ratio > MAX_COMPRESSION_RATIO:
                raise InputError(
                    f"This {label} is refused: {info.filename} would unpack to {ratio:,.0f} "
                    f"times its packed size ({info.file_size:,} bytes), as no document does: "
                    "it is a ZIP bomb, or damaged."
                )
        parts: dict[str, bytes] = {}
        try:
            for info in infos:  # zipfile stops at the declared size and checks the CRC
                with archive.open(info) as member:
                    parts[info.filename] = member.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise InputError(f"This {label} is damaged: a part will not unpack ({exc}).") from None
        return parts


def _parse(data: bytes, label: str, name: str) -> ET.Element:
    """The XML of a part, its names shortened to prefixes ("w:p", "text:p")."""
    # UTF-16 hides the ASCII of "<!DOCTYPE" between zero bytes.
    plain = data.replace(b"\x00", b"") if b"\x00" in data[:4] else data
    if _DTD.search(plain):
        raise InputError(
            f"This {label} is refused: {name} declares a DOCTYPE or entities, which no "
            "office program writes and which can expand into gigabytes (an XML bomb)."
        )
    if plain.count(b"<") > MAX_XML_TAGS:  # counted in C, before the tree takes the memory
        raise InputError(
            f"This {label} is refused: {name} has over {MAX_XML_TAGS:,} tags, far more than "
            "the text of any article needs (an XML bomb?)."
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"This {label} is damaged: {name} is broken XML ({exc}).") from None
    for element in root.iter():
        element.tag = _short(element.tag)
        if element.attrib:
            element.attrib = {_short(key): value for key, value in element.attrib.items()}
    return root


def _short(name: str) -> str:
    uri, brace, local = name[1:].partition("}")
    prefix = _NAMESPACES.get(uri) if brace and name.startswith("{") else None
    return f"{prefix}:{local}" if prefix else name


def _child(element: ET.Element | None, tag: str) -> ET.Element | None:
    # ElementPath would read "w:p" as a prefix to look up, so children are found by hand.
    return None if element is None else next((c for c in element if c.tag == tag), None)


def _value(element: ET.Element | None, attribute: str) -> str | None:
    return None if element is None else element.get(attribute)


def _within(element: ET.Element, tag: str, wrappers: frozenset[str]) -> Iterator[ET.Element]:
    """The children named ``tag``, looked for through wrappers (content controls, groups)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in wrappers:
            yield from _within(child, tag, wrappers)


def _info(root: ET.Element | None, titles: _Tags, sources: _Tags, dates: _Tags) -> DocumentInfo:
    """Title, issuer and date from a metadata part, each the first of its tags with text."""

    def first(tags: _Tags) -> str | None:
        for tag in tags:
            for element in root.iter(tag) if root is not None else ():
                if text := " ".join("".join(element.itertext()).split()):
                    return text
        return None

    found = _DATE.match(first(dates) or "")
    try:
        published = date.fromisoformat(found.group(1)).isoformat() if found else None
    except ValueError:  # 2024-02-30
        published = None
    return DocumentInfo(title=first(titles), source=first(sources), published=published)


class _Walk:
    """The walk of a body, Word's or OpenDocument's (their names never clash): its blocks
    in reading order, and its notes. A subclass names the elements of its format."""

    paragraphs: frozenset[str] = frozenset()
    table_tags = ("", "", "")  # table, row, cell
    wrappers: frozenset[str] = frozenset()  # what may hold rows or cells
    skip: frozenset[str] = frozenset()
    spaces: frozenset[str] = frozenset()
    note_tags: frozenset[str] = frozenset()
    box = "-"  # the start of the name of a box whose paragraphs follow the one it is in
    mixed = False

    def __init__(self, headings: frozenset[str]) -> None:
        self.blocks: list[Block] = []
        self.notes: list[Block] = []
        self.refs: list[tuple[str, str]] = []  # the notes referred to, (tag, id) in order
        self.headings = headings

    def body(self, element: ET.Element) -> None:
        for child in element:
            if child.tag in self.paragraphs:
                self.paragraph(child)
            elif child.tag == self.table_tags[0]:
                self.table(child)
            elif child.tag not in self.skip:
                self.body(child)

    def paragraph(self, paragraph: ET.Element) -> None:
        pieces: list[str] = []
        boxes: list[ET.Element] = []
        self.inline(paragraph, pieces, boxes)
        props = _child(paragraph, "w:pPr")
        style = paragraph.get("text:style-name") or _value(_child(props, "w:pStyle"), "w:val")
        level = _value(_child(props, "w:outlineLvl"), "w:val")
        heading = paragraph.tag == "text:h" or level in _OUTLINE_LEVELS or _heading(style or "")
        kind: BlockKind = "heading" if heading or style in self.headings else "text"
        self.blocks.append(Block.of("".join(pieces), 0, kind))
        for box in boxes:
            self.body(box)

    def inline(self, element: ET.Element, out: list[str], boxes: list[ET.Element]) -> None:
        if self.mixed and element.text:
            out.append(element.text)
        for child in element:
            tag = child.tag
            if tag in self.spaces:
                out.append(" ")  # text:c spaces would be one space in the article anyway
            elif tag == "w:t":
                out.append(child.text or "")
            elif tag == "w:noBreakHyphen":
                out.append("-")
            elif tag in self.note_tags:
                self.note(child)
            elif tag.startswith(self.box):
                boxes.append(child)
            elif tag not in self.skip and not _hidden(child):
                self.inline(child, out, boxes)
            if self.mixed and child.tail:  # a parent's text, even after a skipped child
                out.append(child.tail)

    def table(self, table: ET.Element) -> None:
        for row in _within(table, self.table_tags[1], self.wrappers):
            if _child(_child(row, "w:trPr"), "w:del") is not None:
                continue  # a Word row deleted with changes tracked
            cells = [self.flat(cell) for cell in _within(row, self.table_tags[2], self.wrappers)]
            while cells and not cells[-1]:
                cells.pop()  # empty last cells say nothing; empty ones between keep the columns
            if cells:
                self.blocks.append(Block.of(" | ".join(cells), 0, "table"))

    def flat(self, element: ET.Element) -> str:
        """The text of a cell or note: its paragraphs (and tables) on one line."""
        kept, self.blocks = self.blocks, []
        try:
            self.body(element)
            return " ".join(text for block in self.blocks if (text := block.text))
        finally:
            self.blocks = kept

    def note(self, note: ET.Element) -> None:
        self.refs.append((note.tag, note.get("w:id", "")))


def _heading(style: str) -> bool:
    return style == "Title" or style.startswith("Heading")


class _Docx(_Walk):
    """A Word body: notes are referred to (w:footnoteReference), read from their own part."""

    paragraphs = frozenset({"w:p"})
    table_tags = ("w:tbl", "w:tr", "w:tc")
    wrappers = _W_WRAPPERS
    skip = _W_SKIP
    spaces = _W_SPACE
    note_tags = frozenset({"w:footnoteReference", "w:endnoteReference"})
    box = "w:txbxContent"


def _hidden(element: ET.Element) -> bool:
    """A run formatted as hidden text (w:vanish): not on the page, so not in the article."""
    mark = _child(_child(element, "w:rPr"), "w:vanish") if element.tag == "w:r" else None
    return mark is not None and mark.get("w:val", "true").lower() not in ("0", "false", "off")


def _docx_document(data: bytes) -> tuple[list[Block], DocumentInfo]:
    raw = _unpack(data, ".docx", "word/document.xml", _DOCX_PARTS)
    parts = {name: _parse(content, ".docx", name) for name, content in raw.items()}
    body = _child(parts["word/document.xml"], "w:body")
    if body is None:
        raise InputError("This .docx is damaged: word/document.xml has no body (w:body).")
    doc = _Docx(_heading_styles(parts.get("word/styles.xml")))
    doc.body(body)
    for kind in ("footnote", "endnote"):
        doc.notes += _docx_notes(doc, parts.get(f"word/{kind}s.xml"), kind, body)
    core = parts.get("docProps/core.xml")
    info = _info(core, ("dc:title",), ("dc:creator",), ("dcterms:created", "dcterms:modified"))
    return doc.blocks + doc.notes, info


def _heading_styles(styles: ET.Element | None) -> frozenset[str]:
    """The ids of paragraph styles that make headings: Title, Heading n, any with an outline
    level, and those based on one. Ids are localised ("berschrift1"), names are not."""
    found: set[str] = set()
    based: dict[str, str] = {}
    for style in styles.iter("w:style") if styles is not None else ():
        if style.get("w:type") != "paragraph":
            continue
        ident = style.get("w:styleId", "")
        name = (_value(_child(style, "w:name"), "w:val") or "").lower()
        level = _value(_child(_child(style, "w:pPr"), "w:outlineLvl"), "w:val")
        if name == "title" or name.startswith("heading") or level in _OUTLINE_LEVELS:
            found.add(ident)
        based[ident] = _value(_child(style, "w:basedOn"), "w:val") or ""
    for _ in range(5):  # a few levels of "based on" is all real documents use
        found |= {ident for ident, parent in based.items() if parent in found}
    return frozenset(found)


def _docx_notes(doc: _Docx, root: ET.Element | None, kind: str, body: ET.Element) -> list[Block]:
    """The notes of one kind numbered in the order the body refers to them, as it numbers
    them (by default 1, 2 for footnotes, i, ii for endnotes); then any others, by id."""
    if root is None:
        return []
    found = _value(_child(_child(_child(body, "w:sectPr"), f"w:{kind}Pr"), "w:numFmt"), "w:val")
    number_format = found or ("decimal" if kind == "footnote" else "lowerRoman")
    notes = {note.get("w:id", ""): note for note in root.iter(f"w:{kind}")}
    order = dict.fromkeys(ident for tag, ident in doc.refs if tag == f"w:{kind}Reference")
    numbered = [(n, ident) for n, ident in enumerate(order, 1) if ident in notes]
    labelled = [(_numeral(n, number_format), notes.pop(ident)) for n, ident in numbered]
    spare = [(i, note) for i, note in notes.items() if note.get("w:type") not in _W_SEPARATORS]
    labelled += [(ident, note) for ident, note in spare if ident not in ("-1", "0")]
    texts = [(label, doc.flat(note)) for label, note in labelled]
    return [Block.of(f"{label} {text}", 0, "note") for label, text in texts if text]


def _numeral(number: int, number_format: str) -> str:
    """A note's number as Word shows it: 3, iii or III (other formats as 3)."""
    if not number_format.endswith("Roman"):
        return str(number)
    digits = ""
    for value, letters in zip(_ROMAN_VALUES, _ROMAN_DIGITS, strict=True):
        count, number = divmod(number, value)
        digits += letters * count
    return digits.upper() if number_format == "upperRoman" else digits


class _Odt(_Walk):
    """An OpenDocument body: its notes are taken out of the paragraphs they are in."""

    paragraphs = frozenset({"text:p", "text:h"})
    table_tags = ("table:table", "table:table-row", "table:table-cell")
    wrappers = _ODT_ROWS
    skip = _ODT_SKIP
    spaces = _ODT_SPACE
    note_tags = frozenset({"text:note"})
    box = "draw:"  # a frame: a text box, a caption
    mixed = True

    def note(self, note: ET.Element) -> None:
        citation = _child(note, "text:note-citation")
        label = ""
        if citation is not None:
            label = citation.get("text:label") or "".join(citation.itertext()).strip()
        body = _child(note, "text:note-body")
        if text := self.flat(body) if body is not None else "":
            self.notes.append(Block.of(f"{label} {text}".strip(), 0, "note"))


def _odt_document(data: bytes) -> tuple[list[Block], DocumentInfo]:
    raw = _unpack(data, ".odt", "content.xml", ("meta.xml", "META-INF/manifest.xml"))
    if b"encryption-data" in raw.get("META-INF/manifest.xml", b""):
        raise InputError(f"This .odt {_PROTECTED}")
    content = _parse(raw["content.xml"], ".odt", "content.xml")
    body = _child(content, "office:body")
    text = _child(body, "office:text")
    if text is None:
        held = ", ".join(child.tag for child in body) if body is not None else ""
        raise InputError(f"This .odt holds {held or 'no body'}, not office:text: it is no text.")
    styles = content.iter("style:style")  # LibreOffice derives P1, P2 ... from Title, Heading n
    derived = [s.get("style:name", "") for s in styles if _heading(_value(s, _PARENT) or "")]
    doc = _Odt(frozenset(derived))
    doc.body(text)
    meta = _parse(raw["meta.xml"], ".odt", "meta.xml") if "meta.xml" in raw else None
    sources = ("meta:initial-creator", "dc:creator")
    info = _info(meta, ("dc:title",), sources, ("meta:creation-date", "dc:date"))
    return doc.blocks + doc.notes, info
