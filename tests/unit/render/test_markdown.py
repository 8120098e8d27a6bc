from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefgen.config import BriefConfig
from briefgen.errors import ConfigError
from briefgen.ingest.article import Article
from briefgen.memo.data import BriefData, GroundedQuote
from briefgen.memo.header import MemoHeader
from briefgen.memo.items import Position, Statement
from briefgen.memo.report import Report
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
    assert heading.findall(plain) == heading.findall(evil)
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
