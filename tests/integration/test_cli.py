from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from repo_paths import CORPUS_HTML
from scripted_server import ScriptedServer, completion, error
from seed_answers import good_single_pass

from briefgen.cli import (
    EXIT_CONFIG,
    EXIT_INPUT,
    EXIT_LLM,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    main,
)


def test_file_to_markdown(seed_text: str, server: ScriptedServer, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "memo.md"
    server.push(completion(good_single_pass()))
    code = main([str(article), "-o", str(out), "--base-url", server.base_url, "--model", "m"])
    assert code == EXIT_OK
    assert out.read_text(encoding="utf-8").startswith("**UNCLASSIFIED**")
    assert server.requests[0].body["model"] == "m"


def test_stdin_to_stdout(
    seed_text: str,
    server: ScriptedServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_text.encode())))
    server.push(completion(good_single_pass()))
    assert main(["-", "--base-url", server.base_url]) == EXIT_OK
    assert "# INFORMATION MEMO" in capsys.readouterr().out


def test_exit_codes(
    tmp_path: Path, server: ScriptedServer, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.txt")]) == EXIT_INPUT
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main([str(empty), "--base-url", server.base_url]) == EXIT_INPUT
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    server.push(error(401))
    assert main([str(article), "--base-url", server.base_url]) == EXIT_LLM
    assert main(
        [str(article), "-o", str(tmp_path / "memo.pdf"), "--base-url", server.base_url]
    ) in (EXIT_CONFIG, EXIT_LLM)
    assert "error:" in capsys.readouterr().err
    assert not (tmp_path / "memo.pdf").exists()


# -- issue 6: many articles, formats, styles, templates -----------------------------------

PAGE = """<!doctype html><html><head><title>Border talks end | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-03-04T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Border talks end</h1>
<p>The two governments agreed on Monday to withdraw 50 troops from the border post at
Kesh, officials said after two days of talks in the capital.</p>
<p>“We will not accept any new checkpoints,” Foreign Minister Amal Rahimi said after the
talks, which were held behind closed doors.</p>
<p>Officials said the next round of talks would open on 20 October in Geneva, where both
delegations are expected to discuss reconstruction aid for the border villages.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def _cli(server: ScriptedServer, *args: str) -> int:
    return main([*args, "--base-url", server.base_url, "--model", "m", "-q"])


def test_several_articles_to_a_directory_in_every_format(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    first = tmp_path / "first.txt"
    first.write_text(seed_text, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "memos"
    for fmt in ("md", "json", "html", "docx"):
        assert _cli(server, str(first), str(page), "-d", str(out), "--format", fmt) == EXIT_OK
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        f"{stem}.{fmt}" for stem in ("first", "page") for fmt in ("md", "json", "html", "docx")
    )
    page_memo = (out / "page.md").read_text(encoding="utf-8")
    assert "**SOURCE:** Border talks end (Example News), 2025-03-04" in page_memo
    assert "<script" not in (out / "page.html").read_text(encoding="utf-8")
    import docx

    document = docx.Document(str(out / "first.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Summary" in headings and "Source annex" in headings
    assert document.tables and document.tables[-1].rows[0].cells[0].text == "Memo item"
    payload = json.loads((out / "first.json").read_text(encoding="utf-8"))
    assert payload["report"]["style"] == "info-memo"


def test_one_bad_article_does_not_stop_the_others(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "out"
    code = _cli(server, str(tmp_path / "missing.txt"), str(good), "-d", str(out))
    assert code == EXIT_INPUT
    assert [p.name for p in out.iterdir()] == ["good.md"]


def test_usage_errors_spend_nothing(
    seed_text: str, server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    assert _cli(server, str(article), str(article)) == EXIT_USAGE  # two inputs, no -d
    assert _cli(server, str(article), "--format", "docx") == EXIT_USAGE  # docx to a terminal
    assert _cli(server, str(article), "-o", str(tmp_path / "m.md"), "--format", "json") == (
        EXIT_USAGE
    )
    assert _cli(server, str(article), "--style", "haiku") == EXIT_CONFIG
    assert server.requests == []
    assert "haiku" in capsys.readouterr().err


def test_estimate_calls_nothing(
    seed_text: str, server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    assert _cli(server, str(article), str(article), "--estimate") == EXIT_OK
    assert server.requests == []
    out = capsys.readouterr().out
    assert out.count("calls:       1") == 2 and "prompt:" in out


def test_styles_and_template_export_then_override(
    seed_text: str, server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["styles"]) == EXIT_OK
    listed = capsys.readouterr().out
    for style in ("info-memo", "action-memo", "scene-setter", "talking-points", "one-pager"):
        assert style in listed
    kit = tmp_path / "kit"
    assert main(["templates", "export", str(kit)]) == EXIT_OK
    assert main(["templates", "export", str(kit)]) == EXIT_OUTPUT  # never overwrites silently
    assert (kit / "prompts" / "extract.system.j2").is_file()
    # A new style is a new template file; an edited prompt reaches the model.
    (kit / "templates" / "cable.md.j2").write_text(
        "CABLE {{ data.subject }}\n{% for s in data.bluf %}- {{ s.text }}\n{% endfor %}",
        encoding="utf-8",
    )
    system = kit / "prompts" / "extract.system.j2"
    system.write_text("HOUSE RULES.\n" + system.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["styles", "--templates", str(kit / "templates")]) == EXIT_OK
    assert "cable" in capsys.readouterr().out
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "cable.md"
    code = _cli(
        server,
        str(article),
        "-o",
        str(out),
        "--style",
        "cable",
        "--templates",
        str(kit / "templates"),
        "--prompts",
        str(kit / "prompts"),
    )
    assert code == EXIT_OK
    assert out.read_text(encoding="utf-8").startswith("CABLE ")
    assert server.requests[0].messages[0]["content"].startswith("HOUSE RULES.")


def test_broken_template_names_file_and_line(
    seed_text: str, server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = tmp_path / "t"
    templates.mkdir()
    (templates / "info-memo.md.j2").write_text("ok\n{{ data.subject }\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    assert _cli(server, str(article), "--templates", str(templates)) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert "info-memo.md.j2" in err and "line 2" in err


@pytest.mark.skipif(not CORPUS_HTML.is_dir(), reason="../shared/corpus is not here")
def test_corpus_pages_become_memos_with_title_and_date(
    server: ScriptedServer, tmp_path: Path
) -> None:
    pages = sorted(CORPUS_HTML.glob("*.html"))
    out = tmp_path / "memos"
    assert _cli(server, *map(str, pages), "-d", str(out)) == EXIT_OK
    memos = sorted(out.glob("*.md"))
    assert len(memos) == len(pages) == 4
    for memo in memos:
        header = memo.read_text(encoding="utf-8").split("## ", 1)[0]
        assert re.search(r"\*\*SOURCE:\*\* .{10,}, 20\d\d-\d\d-\d\d", header), header
