"""Word output: the memo's Markdown survives as headings, lists, tables and a banner."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from repo_paths import EXAMPLES

from briefgen.errors import ConfigError
from briefgen.render import docx as docx_writer
from briefgen.render.docx import markdown_to_docx, write_docx

EXAMPLE = EXAMPLES / "pakistan_us_joint_ops.embedded.md"

MEMO = """<!-- a comment that must not show -->
**SECRET//NOFORN**

# INFORMATION MEMO

**TO:** The Ambassador\\
**FROM:** Political Section\\
**DATE:** 5 March 2024\\
**SUBJECT:** Border talks resume in Geneva

## Summary

(S) Talks *resumed* on Tuesday; see `annex A` and the [ministry](https://example.org/statement).

## Key developments

1. (S) First session held.
2. (S) Second session planned.

## Issues on the agenda

1. (U) Prisoner exchange.
2. (U) Border crossings.
   - (U) Northern crossing first.

## Positions of the parties

| Party | Position |
| --- | --- |
| Country A | (S) Wants a phased \\| staged deal |
| **Country B** | (S) Rejects Q4\\_1 terms \\*now\\* |

---

Escaped \\*stars\\*, \\_underscores\\_, \\[brackets\\] and \\# hashes stay plain.

**SECRET//NOFORN**
"""


def _open(markdown: str) -> Any:
    return docx.Document(io.BytesIO(markdown_to_docx(markdown)))


def _headings(document: Any) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]


def _num_id(paragraph: Any) -> int | None:
    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    return None if num_pr is None or num_pr.numId is None else int(num_pr.numId.val)


def _is_banner(paragraph: Any, text: str) -> bool:
    return (
        paragraph.text == text
        and paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        and all(run.bold for run in paragraph.runs if run.text)
    )


def _banner_in_header_and_footer_only(document: Any, text: str) -> bool:
    section = document.sections[0]
    in_page = [section.header.paragraphs[0], section.footer.paragraphs[0]]
    return all(_is_banner(p, text) for p in in_page) and not any(
        p.text.strip() == text for p in document.paragraphs
    )


# --- the example memo --------------------------------------------------------------------


def test_example_memo_headings_table_and_banner() -> None:
    markdown = EXAMPLE.read_text("utf-8")
    document = _open(markdown)
    # Every heading of the Markdown, at its level, and nothing else.
    expected = [
        (f"Heading {len(marks)}", title)
        for marks, title in re.findall(r"^(#{1,2}) (.+)$", markdown, re.MULTILINE)
    ]
    assert expected[:2] == [
        ("Heading 1", "INFORMATION MEMO FOR The Principal"),
        ("Heading 2", "Summary"),
    ]
    assert _headings(document) == expected
    paragraphs = document.paragraphs
    assert _banner_in_header_and_footer_only(document, "UNCLASSIFIED")

    positions, table = document.tables
    assert [cell.text for cell in positions.rows[0].cells] == ["Party", "Position"]
    shown = re.findall(r"^\| [^|]+ \| \(U\) ", markdown, re.MULTILINE)
    assert len(positions.rows) - 1 == len(shown) >= 1
    assert all(row.cells[1].text[:4] == "(U) " for row in positions.rows[1:])
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    annex = markdown[markdown.index("| Memo item |") :].split("\n\n")[0].splitlines()
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in annex]
    assert cells == [rows[0], *rows[2:]]  # the Markdown table less its rule line
    assert cells[1] == ["Subject", "S1"]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in table.rows[1].cells for run in cell.paragraphs[0].runs)

    text = "\n".join(p.text for p in paragraphs)
    assert "Written by briefgen" not in text  # the HTML comment is not rendered
    assert "SmolLM2-135M-Instruct.Q4_1 (embedded, extractive" in text  # "Q4\_1" unescaped
    assert "FROM: Analyst (drafted with briefgen)\nDATE: " in text  # hard breaks kept
    assert "Drafted: Analyst (drafted with briefgen), " in text
    assert "\nCleared: Not cleared\nAttachments: Tab 1: Source annex\n" in text
    styles = {p.style.name for p in paragraphs}
    assert {"List Number", "List Bullet"} <= styles
    # The title is the SUBJECT line, portion mark included.
    assert (
        document.core_properties.title
        == "(U) Pakistan not ready' for joint anti-terror ops with US"
    )
    assert document.core_properties.author == "briefgen"


# --- a hand-written memo -----------------------------------------------------------------


def test_hand_written_memo_table_and_inline_formatting() -> None:
    document = _open(MEMO)
    assert _headings(document)[:2] == [
        ("Heading 1", "INFORMATION MEMO"),
        ("Heading 2", "Summary"),
    ]
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Party", "Position"],
        ["Country A", "(S) Wants a phased | staged deal"],
        ["Country B", "(S) Rejects Q4_1 terms *now*"],
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.style.name == "Table Grid"
    assert table.cell(2, 0).paragraphs[0].runs[0].bold

    summary = next(p for p in document.paragraphs if p.text.startswith("(S) Talks"))
    runs = {run.text: run for run in summary.runs}
    assert runs["resumed"].italic
    assert runs["annex A"].font.name == "Courier New"
    link = summary._p.find(qn("w:hyperlink"))
    assert link is not None
    rel = document.part.rels[link.get(qn("r:id"))]
    assert rel.target_ref == "https://example.org/statement"
    assert summary.text.endswith("and the ministry.")

    escaped = next(p for p in document.paragraphs if p.text.startswith("Escaped"))
    assert escaped.text == "Escaped *stars*, _underscores_, [brackets] and # hashes stay plain."
    assert not any(run.italic or run.bold for run in escaped.runs)

    assert _banner_in_header_and_footer_only(document, "SECRET//NOFORN")
    assert "a comment" not in "\n".join(p.text for p in document.paragraphs)
    assert document.core_properties.title == "Border talks resume in Geneva"


def test_banner_shows_once_at_the_top_and_once_at_the_bottom_of_a_page() -> None:
    # The page header and footer carry the banner; the memo's first and last lines only
    # repeated it, so page 1 showed it twice at the top (and the last page at the bottom).
    document = _open(MEMO)
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["SECRET//NOFORN"]
    assert [p.text for p in section.footer.paragraphs] == ["SECRET//NOFORN"]
    body = [p.text for p in document.paragraphs if p.text.strip()]
    assert "SECRET//NOFORN" not in body
    assert body[0] == "INFORMATION MEMO"
    assert body[-1].startswith("Escaped")
    # A banner line inside the memo is not a repeat of the page's: it stays.
    middle = MEMO.replace("## Summary", "**SECRET//NOFORN**\n\n## Summary")
    body = [p.text for p in _open(middle).paragraphs]
    assert body.count("SECRET//NOFORN") == 1


def test_each_numbered_list_starts_again() -> None:
    document = _open(MEMO)
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == [
        "(S) First session held.",
        "(S) Second session planned.",
        "(U) Prisoner exchange.",
        "(U) Border crossings.",
    ]
    first, second = _num_id(numbered[0]), _num_id(numbered[2])
    assert first is not None and second is not None and first != second
    assert _num_id(numbered[1]) == first and _num_id(numbered[3]) == second
    nested = next(p for p in document.paragraphs if p.text == "(U) Northern crossing first.")
    assert nested.style.name == "List Bullet 2"


def test_ordered_list_keeps_its_start_number() -> None:
    document = _open("Intro.\n\n3. third\n4. fourth\n")
    paragraph = next(p for p in document.paragraphs if p.text == "third")
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(_num_id(paragraph))
    override = num.find(qn("w:lvlOverride")).find(qn("w:startOverride"))
    assert override.get(qn("w:val")) == "3"


def test_horizontal_rule_is_a_bordered_paragraph() -> None:
    document = _open("Above.\n\n---\n\nBelow.\n")
    rule = document.paragraphs[1]
    assert rule.text == ""
    assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")) is not None


def test_prose_first_line_is_not_a_banner() -> None:
    document = _open("**Note:** this memo is a draft for discussion.\n\n# Heading\n")
    assert document.paragraphs[0].alignment is None
    assert document.sections[0].header.paragraphs[0].text == ""


def test_control_characters_do_not_break_the_document() -> None:
    document = _open("Text with a bell\x07 and a form feed\x0c inside.\n")
    assert document.paragraphs[0].text == "Text with a bell and a form feed inside."


# --- writing files -----------------------------------------------------------------------


def test_write_docx_writes_a_document_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out" / "memo.docx"
    write_docx(MEMO, target)
    assert _headings(docx.Document(str(target)))[0] == ("Heading 1", "INFORMATION MEMO")
    assert [p.name for p in target.parent.iterdir()] == ["memo.docx"]


def test_write_docx_failure_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "memo.docx"
    target.write_bytes(b"old")

    def broken(markdown: str) -> bytes:
        raise RuntimeError("render failed")

    monkeypatch.setattr(docx_writer, "markdown_to_docx", broken)
    with pytest.raises(RuntimeError):
        write_docx(MEMO, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.docx"]


def test_write_docx_refuses_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\.docx"):
        write_docx(MEMO, tmp_path / "memo.md")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("module", ["docx", "markdown_it"])
def test_missing_extra_is_a_config_error(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ConfigError, match=r'pip install "briefgen\[docx\]"'):
        markdown_to_docx(MEMO)


def test_a_right_to_left_paragraph_is_laid_out_right_to_left_and_others_are_not() -> None:
    memo = (
        "# INFORMATION MEMO\n\n## Quotes\n\n"
        "- «ما نمی\u200cخواهیم جنگ ادامه یابد.» — وزیر خارجه [S1]\n"
        "- “We do not want the war to go on,” the minister said [S2]\n\n"
        "## خلاصه\n\nThe talks resumed in Geneva.\n"
    )
    document = docx.Document(io.BytesIO(markdown_to_docx(memo)))
    by_text = {p.text: p for p in document.paragraphs}

    def right_to_left(paragraph: Any) -> bool:
        ppr = paragraph._p.pPr
        return ppr is not None and ppr.find(qn("w:bidi")) is not None

    persian = next(p for t, p in by_text.items() if t.startswith("«"))
    assert right_to_left(persian)
    assert all(r._r.rPr.find(qn("w:rtl")) is not None for r in persian.runs)
    assert "\u200c" in persian.text  # the joiner reaches Word as the article has it
    assert right_to_left(by_text["خلاصه"])
    assert not right_to_left(next(p for t, p in by_text.items() if t.startswith("“We")))
    assert not right_to_left(by_text["The talks resumed in Geneva."])
