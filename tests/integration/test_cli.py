from __future__ import annotations

import argparse
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from repo_paths import CORPUS_HTML
from scripted_server import ScriptedServer, Step, completion, error
from seed_answers import good_single_pass, inventive_single_pass

import briefgen
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
    assert (
        "Sources: Example News: Border talks end, 2025-03-04; this memo rests on a single "
        "press report." in page_memo
    )
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
        closing = memo.read_text(encoding="utf-8").rsplit("\n---\n", 1)[-1]
        assert re.search(r"^Sources: .{10,}, 20\d\d-\d\d-\d\d; ", closing, re.MULTILINE), closing


# -- a memo never replaces its article, and a bad destination costs nothing ---------------


def _spoken(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


@pytest.mark.parametrize("way", ["same path", "dot-dot", "symlink", "hard link"])
def test_output_naming_the_input_is_refused_before_any_request(
    seed_text: str,
    server: ScriptedServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    way: str,
) -> None:
    story = tmp_path / "story.md"
    story.write_text(seed_text, encoding="utf-8")
    original = story.read_bytes()
    (tmp_path / "sub").mkdir()
    if way == "same path":
        out = story
    elif way == "dot-dot":
        out = tmp_path / "sub" / ".." / "story.md"
    elif way == "symlink":
        out = tmp_path / "link.md"
        out.symlink_to(story)
    else:
        out = tmp_path / "hard.md"
        os.link(story, out)
    assert _cli(server, str(story), "-o", str(out)) == EXIT_USAGE
    assert story.read_bytes() == original
    assert server.requests == []
    err = capsys.readouterr().err
    assert f"-o {out}" in err and f"article {story}" in err


@pytest.mark.parametrize(
    "case", [("story.md", "md", "story.memo.md"), ("page.html", "html", "page.memo.html")]
)
def test_output_dir_memo_that_would_replace_its_input_is_renamed(
    seed_text: str,
    server: ScriptedServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, str, str],
) -> None:
    name, fmt, memo = case
    source = tmp_path / name
    source.write_text(PAGE if fmt == "html" else seed_text, encoding="utf-8")
    original = source.read_bytes()
    code = _cli(server, str(source), "-d", str(tmp_path), "--format", fmt)
    assert code == EXIT_OK
    assert source.read_bytes() == original
    assert (tmp_path / memo).stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, memo])
    [note] = _spoken(capsys.readouterr().err)  # said even with -q
    assert str(source) in note and str(tmp_path / memo) in note


def test_output_dir_renames_again_when_the_memo_name_is_an_input_too(
    seed_text: str, server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "story.md"
    story.write_text(seed_text, encoding="utf-8")
    other = tmp_path / "story.memo.md"
    other.write_text(seed_text.replace("Monday", "Tuesday"), encoding="utf-8")
    before = {p: p.read_bytes() for p in (story, other)}
    assert _cli(server, str(story), str(other), "-d", str(tmp_path)) == EXIT_OK
    assert {p: p.read_bytes() for p in (story, other)} == before
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["story.md", "story.memo-2.md", "story.memo.md", "story.memo.memo.md"]
    assert len(_spoken(capsys.readouterr().err)) == 2


@pytest.mark.parametrize("where", ["-o under a file", "-o a directory", "-d under a file"])
def test_unwritable_destination_fails_before_any_request(
    seed_text: str,
    server: ScriptedServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    # Read-only for root too: a path below a regular file, or a directory in the memo's place.
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a directory", encoding="utf-8")
    (tmp_path / "memo.md").mkdir()
    option, destination = {
        "-o under a file": ("-o", blocker / "out.md"),
        "-o a directory": ("-o", tmp_path / "memo.md"),
        "-d under a file": ("-d", blocker / "memos"),
    }[where]
    assert _cli(server, str(article), option, str(destination)) == EXIT_USAGE
    assert server.requests == []
    assert str(destination) in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "file.txt", "memo.md"]


def test_output_through_a_symlink_keeps_the_link_and_a_private_mode(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    real = tmp_path / "vault" / "memo.md"
    real.parent.mkdir()
    real.write_text("old memo", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "memo.md"
    link.symlink_to(real)
    assert _cli(server, str(article), "-o", str(link)) == EXIT_OK
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8").startswith("**UNCLASSIFIED**")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert sorted(p.name for p in real.parent.iterdir()) == ["memo.md"]


# -- signals: SIGTERM unwinds like Ctrl-C ------------------------------------------------------


def _briefgen(args: list[str], *, driver: Path | None = None) -> subprocess.Popen[str]:
    """The CLI in its own process, with this checkout's briefgen."""
    env = {**os.environ, "PYTHONPATH": str(Path(briefgen.__file__).resolve().parent.parent)}
    command = [sys.executable, str(driver)] if driver else [sys.executable, "-m", "briefgen.cli"]
    return subprocess.Popen(
        [*command, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def test_sigterm_while_the_model_answers_exits_143_and_leaves_nothing(
    seed_text: str, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "out"
    with ScriptedServer([Step(body=completion(good_single_pass()).body, delay=20)]) as slow:
        process = _briefgen([str(article), "-d", str(out), "--base-url", slow.base_url, "-q"])
        try:
            _wait_for(lambda: len(slow.requests) == 1, "the request")
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=20)
        finally:
            process.kill()
    assert process.returncode == 143, err
    assert "Traceback" not in err
    assert not out.exists() or list(out.iterdir()) == []


# Holds the memo's write after its bytes are in the temporary file, and says so.
SLOW_WRITE = """
import os, sys, time
from briefgen.cli import main

real_fsync = os.fsync

def fsync(fd):
    real_fsync(fd)
    if ".memo.md." in os.readlink(f"/proc/self/fd/{fd}"):
        print("writing", flush=True)
        time.sleep(60)

os.fsync = fsync
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_sigterm_mid_write_exits_143_and_leaves_no_temporary_file(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    memo = tmp_path / "memo.md"
    memo.write_text("old memo", encoding="utf-8")
    driver = tmp_path / "driver.py"
    driver.write_text(SLOW_WRITE, encoding="utf-8")
    server.push(completion(good_single_pass()))
    process = _briefgen(
        [str(article), "-o", str(memo), "--base-url", server.base_url, "-q"], driver=driver
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "writing\n"
        assert [p.name for p in tmp_path.glob(".memo.md.*.tmp")]  # caught mid-write
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 143, err
    assert "Traceback" not in err
    assert list(tmp_path.glob(".memo.md.*")) == []
    assert memo.read_text(encoding="utf-8") == "old memo"


@pytest.mark.parametrize("argv", [["a.txt"], ["styles"], ["--version"]])
def test_ctrl_c_during_start_up_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", interrupted)
    try:
        code = main(argv)
    except KeyboardInterrupt:
        pytest.fail("KeyboardInterrupt escaped main()")
    assert code == 130
    assert capsys.readouterr().err == ""


# -- papercuts -----------------------------------------------------------------------------


def test_an_error_names_the_file_once(
    server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert _cli(server, str(empty)) == EXIT_INPUT
    missing = tmp_path / "missing.txt"
    assert _cli(server, str(missing)) == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.count("empty.txt") == 1 and "It is empty" in err
    assert err.count("missing.txt") == 1 and "No such file" in err
    # An error that does not name its article (the model's) is still told apart.
    article = tmp_path / "a.txt"
    article.write_text("The talks resumed on Monday. Both sides agreed.\n", encoding="utf-8")
    server.push(error(401))
    assert _cli(server, str(article)) == EXIT_LLM
    assert capsys.readouterr().err.count(f"{article}: HTTP 401") == 1


def test_styles_with_a_missing_templates_directory_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["styles", "--templates", str(tmp_path / "nonexistent")]) == EXIT_CONFIG
    captured = capsys.readouterr()
    assert "nonexistent" in captured.err and captured.out == ""


@pytest.mark.parametrize(
    "case",
    [
        (["--max-concurrency", "0"], "greater than or equal to 1"),
        (["--timeout", "0"], "greater than 0"),
        (["--max-retries", "99"], "less than or equal to 20"),
    ],
)
def test_an_invalid_option_value_is_one_line_naming_the_option(
    seed_text: str,
    server: ScriptedServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[list[str], str],
) -> None:
    option, rule = case
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    assert _cli(server, str(article), *option) == EXIT_CONFIG
    [line] = _spoken(capsys.readouterr().err)
    assert line.startswith(f"briefgen: error: {option[0]} {option[1]}")
    assert rule in line and "validation error" not in line
    assert server.requests == []


def test_timeout_and_max_retries_reach_the_requests(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    again_now = {"retry-after": "0"}
    server.push(*(error(500, headers=again_now) for _ in range(5)))
    assert _cli(server, str(article), "--max-retries", "1", "--no-cache") == EXIT_LLM
    assert len(server.requests) == 2  # one try and one retry (the default is 4 retries)
    server.push(Step(body=completion(good_single_pass()).body, delay=5))
    started = time.monotonic()
    code = _cli(server, str(article), "--timeout", "0.5", "--max-retries", "0", "--no-cache")
    assert code == EXIT_LLM
    assert time.monotonic() - started < 4
    assert len(server.requests) == 3


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"briefgen {briefgen.__version__}\n"


def test_help_suggests_current_classification_markings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "FOUO" not in out and "UNCLASSIFIED//SBU" in out
    assert "--timeout SECONDS" in out and "--max-retries N" in out


def test_summary_counts_kept_amended_and_dropped_apart(
    seed_text: str, server: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "memo.json"
    server.push(completion(inventive_single_pass()))
    code = main([str(article), "-o", str(out), "--base-url", server.base_url, "--model", "m"])
    assert code == EXIT_OK
    summary = json.loads(out.read_text(encoding="utf-8"))["report"]["summary"]
    assert summary["amended"] >= 1 and summary["dropped"] >= 1
    match = re.search(r"(\d+) kept, (\d+) amended, (\d+) dropped", capsys.readouterr().err)
    assert match is not None
    kept, amended, dropped = map(int, match.groups())
    assert (kept, amended, dropped) == (summary["kept"], summary["amended"], summary["dropped"])


def test_plan_and_verify_options_reach_the_pipeline(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "memo.json"
    server.push(completion({"summary": ["S3"]}), completion({"verdicts": []}))
    code = _cli(
        server,
        str(article),
        "--plan",
        "extractive",
        "--verify",
        "model",
        "--no-cache",
        "-o",
        str(out),
    )
    assert code == 0
    assert [r.schema_name for r in server.requests] == [
        "briefgen_selection",
        "briefgen_verification",
    ]
    report = json.loads(out.read_text(encoding="utf-8"))["report"]
    assert report["plan"] == "extractive"
    assert any(r["verdict"] == "none" for r in report["grounding"])
