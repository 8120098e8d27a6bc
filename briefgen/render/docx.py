"""Word output: the memo's Markdown as a .docx document.

The Markdown is parsed with markdown-it-py (CommonMark plus tables and strikethrough) and
rebuilt with python-docx: headings as Word headings, real lists and tables, and the
classification banner centred and bold in the page header and footer (the memo's own
first and last lines that repeat it are left out of the body, so that each page shows it
once at the top and once at the bottom). Both libraries are the optional extra
``pip install "briefgen[docx]"``.
"""

from __future__ import annotations

import io
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from briefgen.errors import ConfigError
from briefgen.render.docx_bidi import set_direction
from briefgen.render.files import write_atomic

logger = logging.getLogger(__name__)

DOCX_INSTALL_HINT = 'pip install "briefgen[docx]"'
MONOSPACE_FONT = "Courier New"
HYPERLINK_COLOUR = "0563C1"
# A classification line is short; anything longer is prose, not a banner.
MAX_BANNER_CHARS = 80

_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BR_TAG = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_ALIGN = re.compile(r"text-align:\s*(left|center|right)", re.IGNORECASE)
_SUBJECT = re.compile(r"^\s*SUBJECT:\s*(.+)$", re.IGNORECASE)


def markdown_to_docx(markdown: str, *, banner: str | None = None) -> bytes:
    """The memo's Markdown rendered as the bytes of a .docx file.

    ``banner`` is the classification for the page header; without it, the memo's first
    line is taken when it reads as one (Markdown written by hand or by another tool).
    """
    docx, markdown_it = _require()
    parser = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens = parser.parse(markdown)
    document = docx.Document()
    builder = _Builder(document, banner)
    builder.render(tokens)
    _set_properties(document, builder.title)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_docx(markdown: str, target: str | os.PathLike[str]) -> None:
    """Render ``markdown`` and write it to ``target`` (a .docx path), atomically.

    The document goes to a temporary file in the target's directory, which then replaces
    the target in one step: a crash leaves the old file or the new one, never half.
    """
    path = Path(target)
    if path.suffix.lower() != ".docx":
        raise ConfigError(f"Cannot write a Word document to {path}: use a .docx file name.")
    content = markdown_to_docx(markdown)  # render first: a failure leaves no temp file
    write_atomic(path, content)
    logger.info("Wrote %s (%d bytes)", path, len(content))


def _require() -> tuple[Any, Any]:
    try:
        import docx
        import markdown_it
    except ImportError as exc:
        raise ConfigError(
            f"Word output needs python-docx and markdown-it-py ({exc.name} is not "
            f"installed). Install them with: {DOCX_INSTALL_HINT}"
        ) from exc
    return docx, markdown_it


def _set_properties(document: Any, title: str | None) -> None:
    # python-docx's template says it was written by "python-docx" in 2013; say who did.
    now = datetime.now(timezone.utc).replace(microsecond=0)
    props = document.core_properties
    props.author = "briefgen"
    props.last_modified_by = "briefgen"
    props.comments = ""
    props.created = now
    props.modified = now
    props.revision = 1
    if title:
        props.title = title[:255]


@dataclass
class _ListLevel:
    ordered: bool
    num_id: int | None = None
    first_paragraph: bool = True


@dataclass
class _Format:
    bold: int = 0
    italic: int = 0
    strike: int = 0
    links: list[str] = field(default_factory=list)


class _Builder:
    """Walks markdown-it's token stream and adds the matching Word elements."""

    def __init__(self, document: Any, banner: str | None = None) -> None:
        self.doc = document
        self.lists: list[_ListLevel] = []
        self.quote_depth = 0
        self.banner: str | None = banner
        self.title: str | None = None

    def render(self, tokens: list[Any]) -> None:
        blocks = _top_level_blocks(tokens)
        self.banner = self.banner or _banner(tokens, blocks)
        self.title = _subject(tokens)
        skip: set[int] = set()
        if self.banner:
            # The page header and footer carry the banner on every page; the memo's own
            # first and last lines that only repeat it would show it twice on a page.
            self._page_banner(self.banner)
            skip = {i for i in blocks[:1] + blocks[-1:] if _is_line(tokens, i, self.banner)}
        index = 0
        while index < len(tokens):
            if index in skip:
                index += 3  # paragraph_open, inline, paragraph_close
                continue
            index = self._block(tokens, index)

    # --- blocks ------------------------------------------------------------------------

    def _block(self, tokens: list[Any], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = min(int(token.tag[1:]), 9)
            paragraph = self.doc.add_heading(level=level)
            self._inline(paragraph, tokens[index + 1])
            set_direction(paragraph, _plain(tokens[index + 1]))
            if self.title is None:
                self.title = _plain(tokens[index + 1])
            return index + 3
        if kind == "paragraph_open":
            self._paragraph(tokens[index + 1])
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            new_list = _ListLevel(ordered=ordered)
            if ordered:
                new_list.num_id = self._restart_numbering(
                    len(self.lists) + 1, int(token.attrGet("start") or 1)
                )
            self.lists.append(new_list)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.lists[-1].first_paragraph = True
        elif kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        elif kind == "table_open":
            return self._table(tokens, index)
        elif kind == "hr":
            self._rule()
        elif kind in ("fence", "code_block"):
            self._code(token.content)
        elif kind == "html_block":
            logger.debug("Skipping an HTML block in the memo's Markdown")
        return index + 1

    def _paragraph(self, inline: Any) -> None:
        text = _plain(inline)
        numbered = bool(self.lists) and self.lists[-1].first_paragraph
        paragraph = self.doc.add_paragraph(style=self._paragraph_style())
        if numbered and self.lists[-1].num_id is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = self.lists[-1].num_id
        if self.banner and not self.lists and text.strip() == self.banner:
            paragraph.alignment = _align("center")
            self._inline(paragraph, inline, bold=True)
            return
        self._inline(paragraph, inline)
        set_direction(paragraph, text)

    def _paragraph_style(self) -> str | None:
        if self.lists:
            level = self.lists[-1]
            depth = min(len(self.lists), 3)
            suffix = "" if depth == 1 else f" {depth}"
            if level.first_paragraph:
                level.first_paragraph = False
                return ("List Number" if level.ordered else "List Bullet") + suffix
            return "List Continue" + suffix
        if self.quote_depth:
            return "Quote"
        return None

    def _restart_numbering(self, depth: int, start: int) -> int | None:
        """A fresh numbering instance, so each Markdown list counts from its own start.

        Word's "List Number" style shares one counter across the document; without a new
        instance the second list of the memo would go on from where the first stopped.
        """
        style_name = "List Number" if depth == 1 else f"List Number {min(depth, 3)}"
        try:
            style = self.doc.styles[style_name]
            num_pr = style.element.pPr.numPr
            style_num = num_pr.numId.val
            numbering = self.doc.part.numbering_part.element
            abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
        except (AttributeError, KeyError) as exc:
            logger.debug("No numbering to restart for %s: %s", style_name, exc)
            return None
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return int(num.numId)

    def _table(self, tokens: list[Any], index: int) -> int:
        rows: list[list[Any]] = []
        header_rows = 0
        aligns: list[str | None] = []
        in_head = False
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                rows.append([])
                header_rows += in_head
            elif token.type in ("th_open", "td_open"):
                rows[-1].append(tokens[index + 1])
                if len(rows) == 1:
                    match = _ALIGN.search(token.attrGet("style") or "")
                    aligns.append(match.group(1).lower() if match else None)
            index += 1
        columns = max((len(row) for row in rows), default=0)
        if not rows or not columns:
            return index + 1
        table = self.doc.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, inline in enumerate(row):
                paragraph = table.cell(r, c).paragraphs[0]
                if c < len(aligns) and aligns[c]:
                    paragraph.alignment = _align(aligns[c])
                self._inline(paragraph, inline, bold=r < header_rows)
            if r < header_rows:
                _repeat_as_header(table.rows[r])
        self.doc.add_paragraph()  # Word glues consecutive tables and text otherwise
        return index + 1

    def _rule(self) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph = self.doc.add_paragraph()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    def _code(self, content: str) -> None:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(_xml_safe(content.rstrip("\n")))
        run.font.name = MONOSPACE_FONT

    def _page_banner(self, banner: str) -> None:
        for section in self.doc.sections:
            for part in (section.header, section.footer):
                paragraph = part.paragraphs[0]
                paragraph.alignment = _align("center")
                paragraph.add_run(_xml_safe(banner)).bold = True

    # --- inline ------------------------------------------------------------------------

    def _inline(self, paragraph: Any, inline: Any, *, bold: bool = False) -> None:
        fmt = _Format(bold=int(bold))
        hyperlink: Any = None
        for child in inline.children or []:
            kind = child.type
            if kind == "text":
                self._run(paragraph, child.content, fmt, hyperlink)
            elif kind == "code_inline":
                self._run(paragraph, child.content, fmt, hyperlink, monospace=True)
            elif kind == "softbreak":
                self._run(paragraph, " ", fmt, hyperlink)
            elif kind == "hardbreak" or (kind == "html_inline" and _BR_TAG.match(child.content)):
                paragraph.add_run().add_break()
            elif kind == "image":
                self._run(paragraph, child.content or "", fmt, hyperlink)
            elif kind == "strong_open":
                fmt.bold += 1
            elif kind == "strong_close":
                fmt.bold -= 1
            elif kind == "em_open":
                fmt.italic += 1
            elif kind == "em_close":
                fmt.italic -= 1
            elif kind == "s_open":
                fmt.strike += 1
            elif kind == "s_close":
                fmt.strike -= 1
            elif kind == "link_open":
                hyperlink = self._hyperlink(paragraph, str(child.attrGet("href") or ""))
            elif kind == "link_close":
                hyperlink = None

    def _run(
        self,
        paragraph: Any,
        text: str,
        fmt: _Format,
        hyperlink: Any,
        *,
        monospace: bool = False,
    ) -> None:
        if not text:
            return
        run = paragraph.add_run(_xml_safe(text))
        run.bold = fmt.bold > 0 or None
        run.italic = fmt.italic > 0 or None
        if fmt.strike > 0:
            run.font.strike = True
        if monospace:
            run.font.name = MONOSPACE_FONT
        if hyperlink is not None:
            from docx.shared import RGBColor

            run.font.underline = True
            run.font.color.rgb = RGBColor.from_string(HYPERLINK_COLOUR)
            hyperlink.append(run._r)  # move the run inside the link element

    def _hyperlink(self, paragraph: Any, href: str) -> Any:
        if not href:
            return None
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        if href.startswith("#"):
            return None  # in-page anchors have no target in the Word document
        rel_id = self.doc.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        element = OxmlElement("w:hyperlink")
        element.set(qn("r:id"), rel_id)
        paragraph._p.append(element)
        return element


def _top_level_blocks(tokens: list[Any]) -> list[int]:
    """Indexes of the top-level blocks' opening tokens, HTML comments left out."""
    starts: list[int] = []
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting in (0, 1) and token.type != "html_block":
            starts.append(index)
    return starts


def _banner(tokens: list[Any], blocks: list[int]) -> str | None:
    """The classification line: a short, all-bold first paragraph.

    It counts when it has no lower-case letters (UNCLASSIFIED, SECRET//NOFORN) or when the
    memo ends with the same line, as briefgen's templates write it.
    """
    if not blocks or tokens[blocks[0]].type != "paragraph_open":
        return None
    first = tokens[blocks[0] + 1]
    text = _plain(first).strip()
    if not text or len(text) > MAX_BANNER_CHARS or "\n" in text:
        return None
    kinds = [c.type for c in first.children or [] if not (c.type == "text" and not c.content)]
    all_bold = kinds[:1] == ["strong_open"] and kinds[-1:] == ["strong_close"]
    last = tokens[blocks[-1]]
    same_at_end = (
        len(blocks) > 1
        and last.type == "paragraph_open"
        and _plain(tokens[blocks[-1] + 1]).strip() == text
    )
    if (all_bold or text.isupper()) and (text.upper() == text or same_at_end):
        return text
    return None


def _is_line(tokens: list[Any], index: int, text: str) -> bool:
    """Whether the block at ``index`` is a paragraph of just ``text``."""
    return tokens[index].type == "paragraph_open" and _plain(tokens[index + 1]).strip() == text


def _subject(tokens: list[Any]) -> str | None:
    """The memo's SUBJECT line, used as the document title."""
    for token in tokens:
        if token.type != "inline":
            continue
        for line in _plain(token).split("\n"):
            match = _SUBJECT.match(line)
            if match:
                return match.group(1).strip()
    return None


def _plain(inline: Any) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def _align(name: str | None) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }.get(name or "")


def _repeat_as_header(row: Any) -> None:
    from docx.oxml import OxmlElement

    # Word repeats header rows at the top of each page a table runs onto.
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _xml_safe(text: str) -> str:
    # XML 1.0 cannot hold most control characters; lxml refuses them outright.
    return _XML_INVALID.sub("", text)
