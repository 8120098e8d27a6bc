from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from briefgen.config import BriefConfig
from briefgen.errors import ConfigError
from briefgen.ingest.article import Article
from briefgen.memo.data import BriefData, GroundedQuote
from briefgen.memo.header import MemoHeader
from briefgen.memo.items import Position, Statement
from briefgen.memo.report import Report
from briefgen.render.files import write_atomic
from briefgen.render.markdown import escape_markdown, render_context, render_markdown
from briefgen.usage import Usage

EVIL = (
    "[click](http://evil.example) ![img](http://evil.example/x.png) <script>alert(1)</script> "
    "<b>bold</b> https://evil.example www.evil.example &lt;i&gt; | cell | \n# Fake heading\n"
    "- fake item `code` *em* _u_"
)


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_escaped_text_renders_as_the_same_literal_text() -> None:
    html = _html(escape_markdown(EVIL))
    assert "<a " not in html and "<img" not in html and "<script" not in html
    assert "<b>" not in html and "<h1" not in html and "<li" not in html
    assert "<code>" not in html and "<em>" not in html
    text = re.sub(r"<[^>]+>", "", html).strip()
    assert "[click](http://evil.example)" in text.replace("&quot;", '"')


def _memo(text: str) -> str:
    article = Article.from_text("Headline here\n“Quoted words here,” he said. Second one.")
    data = BriefData(
        subject=text,
        bluf=[Statement(text=text, sentence_ids=["S2"])],
        positions=[Position(party=text, stance=text, sentence_ids=["S2"])],
        quotes=[
            GroundedQuote(
                text=text,
                speaker=text,
                source="named",
                start=15,
                end=27,
                match="exact",
                sentence_ids=["S2"],
            )
        ],
        information_gaps=[text],
    )
    report = Report(
        model=text, backend="openai", style="info-memo", chunks=1, elapsed_s=0.1, usage=Usage()
    )
    config = BriefConfig(memo_to=text)
    return render_markdown("info-memo", render_context(article, data, report, _header(config)))


def test_malicious_values_cannot_change_memo_structure() -> None:
    plain = _memo("ordinary words")
    evil = _memo(EVIL)
    heading = re.compile(r"^#{1,6} .*$", re.MULTILINE)
    # The first heading names the addressee (memo_to): the value stays inside it, escaped.
    plain_headings, evil_headings = heading.findall(plain), heading.findall(evil)
    assert plain_headings[1:] == evil_headings[1:]
    assert plain_headings[0] == "# INFORMATION MEMO FOR ordinary words"
    assert evil_headings[0] == "# INFORMATION MEMO FOR " + escape_markdown(EVIL)
    html_plain, html_evil = _html(plain), _html(evil)
    for tag in ("<a ", "<img", "<script", "<h1", "<h2", "<tr", "<li", "<em>"):
        assert html_evil.count(tag) == html_plain.count(tag), tag
    assert evil.startswith("**UNCLASSIFIED**") and evil.rstrip().endswith("**UNCLASSIFIED**")


def test_every_section_is_present_even_when_empty() -> None:
    memo = _memo("x")
    for section in (
        "Summary",
        "Background",
        "Key developments",
        "Positions of the parties",
        "Key quotes",
        "Outlook",
        "Information gaps",
        "Source annex",
    ):
        assert f"## {section}" in memo
    assert "No outlook supported by the article" in memo


def test_user_template_overrides_and_broken_template_names_file_and_line(
    tmp_path: Path,
) -> None:
    article = Article.from_text("Headline\nBody sentence here.")
    data = BriefData(subject="Subject words")
    report = Report(
        model="m", backend="openai", style="info-memo", chunks=1, elapsed_s=0.1, usage=Usage()
    )
    context = render_context(article, data, report, _header(BriefConfig()))
    (tmp_path / "info-memo.md.j2").write_text("CUSTOM {{ data.subject }}\n", encoding="utf-8")
    assert render_markdown("info-memo", context, tmp_path) == "CUSTOM Subject words\n"
    (tmp_path / "info-memo.md.j2").write_text("ok\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"info-memo\.md\.j2 line 2"):
        render_markdown("info-memo", context, tmp_path)


def _header(config: BriefConfig) -> MemoHeader:
    return MemoHeader.from_config(config, "INFORMATION MEMO")


# -- bare URLs under a renderer that links them ------------------------------------------

BARE_URLS = (
    "see https://evil.com/leak and HTTPS://EVIL.COM/X, http:evil.com, "
    "ftp://files.evil.com/x or www.evil.com and Www.Evil.Com/path now"
)


def _linkify_html(markdown: str) -> str:
    # GitHub, GitLab and many viewers link bare URLs: render the way they do.
    return MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"]).render(markdown)


def test_bare_urls_do_not_become_links_under_linkify() -> None:
    assert "<a " in _linkify_html(BARE_URLS)  # the renderer does link them unescaped
    html = _linkify_html(_memo(BARE_URLS))
    assert "<a " not in html
    text = re.sub(r"<[^>]+>", "", html)
    assert "https://evil.com/leak" in text and "www.evil.com" in text  # shown as text


# -- an interrupted write leaves the old file ------------------------------------------------


class _DiskFullHalfway:
    """A file object that writes half of what it is given, then fails as a full disk."""

    def __init__(self, real: Any):
        self._real = real

    def write(self, data: bytes) -> int:
        self._real.write(data[: len(data) // 2])
        self._real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __enter__(self) -> _DiskFullHalfway:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def _old_memo(tmp_path: Path) -> Path:
    target = tmp_path / "memo.md"
    target.write_text("the old memo, whole\n" * 50, encoding="utf-8")
    return target


def test_write_cut_off_halfway_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _old_memo(tmp_path)
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _DiskFullHalfway(real_fdopen(*a, **k)))
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "the new memo\n" * 500)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "the old memo, whole\n" * 50
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


def test_failed_move_into_place_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _old_memo(tmp_path)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomic(target, "the new memo\n" * 500)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "the old memo, whole\n" * 50
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]
