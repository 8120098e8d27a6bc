"""Files that are not what their name or first bytes say: each is refused with a message
that says what it is and how to make it usable, and real articles still pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from html_pages import PAGE

from briefgen.errors import InputError
from briefgen.ingest.article import Article, decode_input
from briefgen.ingest.sources import load_article

ENGLISH = (
    "Talks resume in Geneva\n"
    "The two governments agreed on Monday to withdraw 50 troops from the border post.\n"
    "Officials said the next round would open on 20 October.\n"
)
CHINESE = (
    "日内瓦会谈恢复\n"
    "两国政府周一同意从边境哨所撤出50名士兵。\n"
    "官员说，下一轮会谈将于10月20日开始，双方代表团预计将讨论边境村庄的重建援助。\n"
)


# --- a UTF-16 byte order mark in front of one-byte text ------------------------------------


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
@pytest.mark.parametrize(
    "text",
    [
        "plain ascii text ...",
        "The two governments agreed on Monday to withdraw troops from the border post.\n",
        "Le café était très chaud. Les ministres se sont réunis lundi à Genève.\n",
    ],
)
def test_a_stray_utf16_mark_before_single_byte_text_is_refused(bom: bytes, text: str) -> None:
    # Decoded as UTF-16 these bytes become CJK characters, and the memo nonsense.
    with pytest.raises(InputError, match=r"UTF-16.*not UTF-16.*UTF-8") as caught:
        decode_input(bom + text.encode("latin-1"))
    assert bom.hex(" ").upper() in str(caught.value)


def test_a_stray_utf16_mark_in_a_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\xff\xfe" + ENGLISH.encode("latin-1"))
    with pytest.raises(InputError, match=r"notes\.txt: .*UTF-16"):
        load_article(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
@pytest.mark.parametrize("text", [ENGLISH, CHINESE], ids=["english", "chinese"])
def test_real_utf16_articles_are_still_read(tmp_path: Path, text: str, encoding: str) -> None:
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_input(data) == text
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    article = load_article(path)
    assert article.text == Article.from_text(text).text
    assert len(article.sentences) == 3


# --- a web page saved under a text name ---------------------------------------------------


@pytest.mark.parametrize("name", ["page.txt", "page.md"])
def test_html_saved_as_text_says_to_rename_it(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_article(path)
    message = str(caught.value)
    assert "HTML" in message and "page.html" in message
    assert message.count(name) == 1
    # ... and the advice works.
    renamed = path.rename(tmp_path / "page.html")
    assert load_article(renamed).title == "Talks resume in Geneva"
