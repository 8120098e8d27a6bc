"""Right-to-left paragraphs in Word: a paragraph whose text starts in Arabic, Persian,
Urdu or Hebrew is laid out right to left, its runs too, as Word's own bidi setting does."""

from __future__ import annotations

from typing import Any

from briefgen.text.language import text_direction


def set_direction(paragraph: Any, text: str) -> None:
    """Mark ``paragraph`` (a python-docx paragraph, its runs added) right to left when
    ``text``, its plain text, is; a left-to-right one is left as Word's default."""
    if text_direction(text) != "rtl":
        return
    from docx.oxml import OxmlElement

    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))
