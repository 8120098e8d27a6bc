"""generate_dossier end to end: several articles, one memo, against the scripted server
through the real openai client. The server answers like a model (tests/dossier_answers.py)
from the requests alone, so these tests check briefgen's traffic and its memo, not a
script written to match briefgen's internals."""

from __future__ import annotations

import importlib.util
import io
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dossier_answers import (
    DOSSIER,
    EXTRACTION,
    dossier_responder,
    planting_responder,
    sentence_lines,
)
from dossier_articles import (
    BOMBING_A,
    BOMBING_B,
    FAKE_QUOTE,
    PUBLISHED_A,
    PUBLISHED_B,
    PUBLISHED_C,
    UNRELATED,
)
from scripted_server import Recorded, ScriptedServer

import briefgen
from briefgen import Article, Brief, InputError
from briefgen.extract.prompts import extraction_messages
from briefgen.ingest.article import source_of

TITLES = (
    "Market bombing kills 12 in Karvana",
    "Karvana market attack: death toll disputed",
    "Trade talks resume in Velmar",
)
CONTRADICTIONS = "Contradictions between sources"


# -- helpers ----------------------------------------------------------------------------


@pytest.fixture
def honest() -> Iterator[ScriptedServer]:
    with ScriptedServer(responder=dossier_responder) as running:
        yield running


@pytest.fixture
def lying() -> Iterator[ScriptedServer]:
    with ScriptedServer(responder=planting_responder(FAKE_QUOTE)) as running:
        yield running


def _articles() -> list[Article]:
    return [
        Article.from_text(BOMBING_A, published=PUBLISHED_A),
        Article.from_text(BOMBING_B, published=PUBLISHED_B),
        Article.from_text(UNRELATED, published=PUBLISHED_C),
    ]


def _dossier(articles: list[Any], server: ScriptedServer, **overrides: Any) -> Brief:
    settings: dict[str, Any] = {"base_url": server.base_url, "model": "scripted-model"}
    settings.update(overrides)
    brief = briefgen.generate_dossier(articles, **settings)
    assert isinstance(brief, Brief)
    return brief


def _named(requests: list[Recorded], name: str) -> list[Recorded]:
    return [r for r in requests if r.schema_name == name]


def _section(markdown: str, heading: str) -> str:
    """The text under ``## heading`` up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert match is not None, f"no section {heading!r} in the memo"
    return match.group(1)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# -- the memo -----------------------------------------------------------------------------


def test_three_reports_make_one_memo_that_cites_all_shows_the_dispute_and_drops_the_lie(
    lying: ScriptedServer,
) -> None:
    brief = _dossier(_articles(), lying)
    md = brief.markdown

    # Every source is cited as A<n>:S<m>, in the data and in the annex.
    cited = brief.data.cited_ids()
    assert all(re.fullmatch(r"A\d+:S\d+", sid) for sid in cited), cited
    assert {source_of(sid) for sid in cited} == {1, 2, 3}
    annex = _section(md, "Source annex")
    for number, title in enumerate(TITLES, start=1):
        assert f"A{number}:S" in annex
        assert title in annex
    assert [s.title for s in brief.data.sources] == list(TITLES)
    assert [s.status for s in brief.data.sources] == ["used"] * 3

    # The two tolls are shown side by side, each resting on its own report.
    disputed = _section(md, CONTRADICTIONS)
    assert re.search(r"\b12\b", disputed) and re.search(r"\b19\b", disputed), disputed
    assert "A1:S" in disputed and "A2:S" in disputed, disputed
    tolls = [c for c in brief.data.contradictions if "12" in str(c) and "19" in str(c)]
    assert len(tolls) == 1, brief.data.contradictions
    by_side = [{source_of(sid) for sid in side.sentence_ids} for side in tolls[0].sides]
    assert {1} in by_side and {2} in by_side
    rows = [line for line in annex.splitlines() if line.startswith("| Contradiction")]
    assert any("A1:S" in row and "A2:S" in row for row in rows), rows

    # The planted quotation (in every extraction answer and the bottom line) reached no
    # memo. The grounding report keeps it among the dropped items, as an audit: in the
    # JSON's "report" and in the evidence view's grounding section ("not part of the
    # memo"), so those parts are left out of the check.
    assert any(FAKE_QUOTE in record.text for record in brief.report.dropped)
    payload = json.loads(brief.to_json())
    page, _, audit = brief.to_html().partition('<section class="sheet grounding"')
    assert FAKE_QUOTE in audit and "dropped" in audit
    for output in (md, page, json.dumps(payload["data"]), payload["markdown"]):
        assert FAKE_QUOTE not in output
        assert FAKE_QUOTE.lower() not in output.lower()


def test_each_article_is_sent_once_in_its_own_extraction_request(
    honest: ScriptedServer,
) -> None:
    articles = _articles()
    _dossier(articles, honest)
    requests = honest.chat_requests

    extraction = _named(requests, EXTRACTION)
    synthesis = _named(requests, DOSSIER)
    assert len(extraction) == len(articles)
    assert 1 <= len(synthesis) <= 3
    assert len(requests) == len(extraction) + len(synthesis)  # nothing else was asked

    # Each request is the one the article would make on its own (so it caches alone).
    expected = sorted(
        extraction_messages(a.sentences, title=a.title, with_memo=False)[-1]["content"]
        for a in articles
    )
    assert sorted(r.last_user_text for r in extraction) == expected

    # Every article sentence went out exactly once, in an extraction request's lines;
    # synthesis reads facts, never sentences.
    sent = Counter(text for r in requests for _, text in sentence_lines(r.last_user_text))
    every = Counter(s.text for a in articles for s in a.sentences)
    assert sent == every
    for request in synthesis:
        user = request.last_user_text
        assert not sentence_lines(user)
        assert "<sources>" in user and "<facts>" in user
        for number, title in enumerate(TITLES, start=1):
            assert f"A{number}: {title}" in user
        whole = [s.text for a in articles for s in a.sentences if len(s.text.split()) > 8]
        assert not [text for text in whole if text in user]


def test_the_same_article_twice_counts_once(honest: ScriptedServer) -> None:
    first, second, _ = _articles()
    brief = _dossier([first, first, second], honest)

    assert len(_named(honest.chat_requests, EXTRACTION)) == 2
    assert len(honest.chat_requests) == 3  # two articles and one synthesis
    sources = brief.data.sources
    assert [s.status for s in sources] == ["used", "duplicate", "used"]
    assert sources[1].same_as == 1
    assert brief.data.independent_sources == 2


def test_a_syndicated_copy_is_listed_as_a_copy_and_not_extracted(
    honest: ScriptedServer,
) -> None:
    first, second, _ = _articles()
    # The wire story under another paper's headline, with a line of its own added.
    headline = "Twelve dead in Karvana market blast"
    body = BOMBING_A.split("\n", 1)[1]
    copy = Article.from_text(
        f"{headline}\n{body}\nThe Daily Post will update this story.", published=PUBLISHED_A
    )
    brief = _dossier([first, copy, second], honest)

    extraction = _named(honest.chat_requests, EXTRACTION)
    assert len(extraction) == 2
    assert not [r for r in extraction if headline in r.last_user_text]
    sources = brief.data.sources
    assert [s.status for s in sources] == ["used", "copy", "used"]
    assert sources[1].same_as == 1 and (sources[1].similarity or 0) >= 0.8
    listed = [line for line in brief.markdown.splitlines() if headline in line]
    assert any("cop" in line.lower() for line in listed), listed
    assert not [sid for sid in brief.data.cited_ids() if source_of(sid) == 2]


def test_an_unreadable_input_is_skipped_with_a_warning_and_listed(
    honest: ScriptedServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first, second, _ = _articles()
    missing = tmp_path / "missing-report.txt"
    with caplog.at_level(logging.WARNING):
        brief = _dossier([first, missing, b"\x00binary", second], honest)

    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("missing-report.txt" in w for w in warnings), warnings
    assert any("A3" in w and "binary" in w for w in warnings), warnings
    assert len(_named(honest.chat_requests, EXTRACTION)) == 2
    statuses = [s.status for s in brief.data.sources]
    assert statuses == ["used", "unreadable", "unreadable", "used"]
    assert "missing-report.txt" in brief.markdown  # the memo says what it did not cover
    assert {source_of(sid) for sid in brief.data.cited_ids()} == {1, 4}


@pytest.mark.parametrize("bad", ["missing", "binary"])
def test_an_unreadable_input_raises_when_asked_to(
    honest: ScriptedServer, tmp_path: Path, bad: str
) -> None:
    first, second, _ = _articles()
    item: Path | bytes = tmp_path / "missing-report.txt" if bad == "missing" else b"\x00bin"
    with pytest.raises(InputError, match="A2"):
        _dossier([first, item, second], honest, on_article_failure="raise")
    assert honest.requests == []  # nothing is spent on a dossier that cannot be made


def test_a_cached_dossier_sends_only_the_new_article(honest: ScriptedServer) -> None:
    first, second, third = _articles()
    _dossier([first, second], honest)
    before = len(honest.chat_requests)
    assert len(_named(honest.chat_requests, EXTRACTION)) == 2

    brief = _dossier([first, second, third], honest)
    again = honest.chat_requests[before:]
    [extraction] = _named(again, EXTRACTION)
    assert "Trade talks resume in Velmar" in extraction.last_user_text
    assert _named(again, DOSSIER)
    assert len(again) == 1 + len(_named(again, DOSSIER))
    assert {source_of(sid) for sid in brief.data.cited_ids()} == {1, 2, 3}


def test_one_article_gives_the_same_memo_as_generate_brief(honest: ScriptedServer) -> None:
    article = _articles()[0]
    single = briefgen.generate_brief(
        article, base_url=honest.base_url, model="scripted-model", cache=False
    )
    dossier = _dossier([article], honest, cache=False)
    assert dossier.markdown == single.markdown
    names = [r.schema_name for r in honest.chat_requests]
    assert names[: len(names) // 2] == names[len(names) // 2 :]  # the same traffic too


def test_every_format_carries_every_source(honest: ScriptedServer) -> None:
    brief = _dossier(_articles(), honest)
    outputs: dict[str, str] = {
        "md": brief.markdown,
        "json": brief.to_json(),
        "html": brief.to_html(),
    }
    if importlib.util.find_spec("docx") is not None:  # the optional docx extra
        outputs["docx"] = _docx_text(brief.to_docx())
    for fmt, text in outputs.items():
        for title in TITLES:
            assert title in text, f"{title!r} missing from the {fmt} output"
    payload = json.loads(outputs["json"])
    assert [s["title"] for s in payload["data"]["sources"]] == list(TITLES)
