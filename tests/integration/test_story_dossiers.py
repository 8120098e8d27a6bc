"""Reports of one story at different times in a dossier: a later report that says the
figure was revised is an update, not a contradiction; a dossier can be made since an
earlier memo of its story too. Against the scripted server with the competent stand-in."""

from __future__ import annotations

import pytest
from dossier_answers import dossier_responder
from scripted_server import ScriptedServer
from story_answers import memo
from story_articles import PUBLISHED_1, PUBLISHED_2, REPORT_1, REPORT_2, REPORT_3

import briefgen
from briefgen import Article, Brief


@pytest.fixture
def stand_in() -> ScriptedServer:
    with ScriptedServer(responder=dossier_responder) as server:
        yield server


def _dossier(server: ScriptedServer, published: tuple[str, str], **settings: object) -> Brief:
    articles = [
        Article.from_text(REPORT_1, published=published[0]),
        Article.from_text(REPORT_2, published=published[1]),
    ]
    return briefgen.generate_dossier(
        articles, base_url=server.base_url, model="m", cache=False, **settings
    )


def test_a_later_report_that_revises_the_figure_is_an_update(stand_in: ScriptedServer) -> None:
    brief = _dossier(stand_in, (PUBLISHED_1, PUBLISHED_2))
    [displaced] = [c for c in brief.data.contradictions if c.topic == "number displaced"]
    assert displaced.kind == "update"
    assert [s.sentence_ids for s in displaced.sides] == [["A1:S3"], ["A2:S5"]]
    line = next(x for x in brief.markdown.splitlines() if "Number displaced" in x)
    assert "A later report updates an earlier one" in line
    assert line.index("Earlier, A1") < line.index("Later, A2")
    # An update disputes nothing: no key point says a source disputes it.
    assert "disputed by" not in brief.markdown


def test_two_reports_of_the_same_time_that_disagree_are_a_contradiction(
    stand_in: ScriptedServer,
) -> None:
    brief = _dossier(stand_in, (PUBLISHED_2, PUBLISHED_2))
    [displaced] = [c for c in brief.data.contradictions if c.topic == "number displaced"]
    assert displaced.kind == "conflict"
    assert "disputed by" in brief.markdown


def test_a_dossier_is_made_since_an_earlier_memo(stand_in: ScriptedServer) -> None:
    first = memo(1)
    articles = [
        Article.from_text(REPORT_2, published=PUBLISHED_2),
        Article.from_text(REPORT_3, published="2026-03-17T10:00"),
    ]
    brief = briefgen.generate_dossier(
        articles, base_url=stand_in.base_url, model="m", cache=False, since=first
    )
    assert brief.markdown.index("## Since the last memo (March 3, 2026)") < brief.markdown.index(
        "## Summary"
    )
    changes = {c.topic: c for c in brief.data.since_changed}
    displaced = changes["number displaced"]
    assert displaced.before.sentence_ids == ["S3"] and displaced.kind == "update"
    assert all(sid.startswith("A") for sid in displaced.sentence_ids)
    assert "[memo of March 3, S3] ->" in brief.markdown
