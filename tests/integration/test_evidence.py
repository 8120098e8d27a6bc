"""The HTML evidence view of memos made end to end through the scripted server, read back
with the standard library's HTML parser."""

from __future__ import annotations

import pytest
from evidence_page import EVIL, EVIL_ARTICLE, assert_self_contained, parse, sentence_spans
from scripted_server import ScriptedServer, completion
from seed_answers import INVENTED_QUOTE, good_single_pass, inventive_single_pass

import briefgen
from briefgen.brief import Brief
from briefgen.config import BriefConfig
from briefgen.render.evidence import render_evidence_html


def _brief(text: str, server: ScriptedServer, **overrides: object) -> Brief:
    settings: dict[str, object] = {"base_url": server.base_url, "model": "scripted-model"}
    settings.update(overrides)
    return briefgen.generate_brief(text, **settings)


# -- a real memo --------------------------------------------------------------------------


@pytest.fixture
def seed_brief(seed_text: str, server: ScriptedServer) -> Brief:
    server.push(completion(inventive_single_pass()))
    return _brief(seed_text, server)


def test_every_citation_links_to_a_sentence_on_the_article_side(seed_brief: Brief) -> None:
    page = parse(render_evidence_html(seed_brief))
    spans = sentence_spans(page)
    links = [a for a in page.find("a", "cite", pane="memo") if a.inside("memo-body")]
    assert len(links) >= 8
    for link in links:
        target = link.attrs["href"].removeprefix("#")
        assert link.text == target
        assert target in spans, target
        assert "cited" in spans[target].classes
    actor_ids = {sid for actor in seed_brief.data.actors for sid in actor.sentence_ids}
    expected = set(seed_brief.data.cited_ids()) | actor_ids
    assert {a.attrs["href"][1:] for a in links} == expected
    # The grounding report links the sentences dropped items cited, too.
    for link in page.find("a", "cite", pane="memo"):
        assert link.attrs["href"][1:] in spans
    # Only cited sentences are shaded, and ids are unique on the page.
    cited = {sid for sid, span in spans.items() if "cited" in span.classes}
    assert cited == expected
    ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))


def test_sentence_spans_hold_the_articles_exact_text(seed_brief: Brief) -> None:
    article = seed_brief.article
    page = parse(render_evidence_html(seed_brief))
    spans = sentence_spans(page)
    assert list(spans) == [s.id for s in article.sentences]  # all of them, in order
    for sentence in article.sentences:
        assert spans[sentence.id].text == article.text[sentence.start : sentence.end]
    # One paragraph per article line: the article's breaks survive.
    [body] = page.find("div", "article-text")
    paragraphs = [p for p in page.find("p", pane="source") if p.text in body.text]
    lines = [line for line in article.text.split("\n") if line.strip()]
    assert [p.text for p in paragraphs[-len(lines) :]] == lines


def test_quotes_are_the_articles_characters_and_marked_in_the_source(seed_brief: Brief) -> None:
    quotes = seed_brief.data.quotes
    assert len(quotes) == 2
    page = parse(render_evidence_html(seed_brief))
    shown = [q.text for q in page.find("q", "verbatim", pane="memo")]
    assert shown == [q.text for q in quotes]
    marks = [m.text for m in page.find("mark", "quoted", pane="source")]
    assert marks == [seed_brief.article.text[q.start : q.end] for q in quotes]
    assert any("Mr Tillerson" in q and "’" not in q for q in shown)
    speakers = [s.text for s in page.find("span", "speaker", pane="memo")]
    assert speakers == [f"— {q.speaker or 'speaker not confirmed'}" for q in quotes]


def test_sections_header_and_grounding_are_shown(seed_brief: Brief) -> None:
    page = parse(render_evidence_html(seed_brief))
    titles = [h.text for h in page.find("h2", pane="memo")]
    data = seed_brief.data
    for title, present in [
        ("Summary", data.bluf),
        ("Background", data.background),
        ("Key developments", data.developments),
        ("Issues on the agenda", data.agenda),
        ("Allegations and denials", data.allegations),
        ("Positions of the parties", data.positions),
        ("Key quotes", data.quotes),
        ("Key facts", data.key_facts),
        ("Outlook", data.outlook),
        ("Information gaps", data.information_gaps),
        ("Actors", data.actors),
    ]:
        assert (title in titles) == bool(present), title
    fields = dict(
        zip(
            [d.text for d in page.find("dt", pane="memo")],
            [d.text for d in page.find("dd", pane="memo")],
            strict=False,
        )
    )
    assert [h.text for h in page.find("h1")] == ["INFORMATION MEMO"]
    assert fields["TO:"] == "The Principal"
    assert fields["SUBJECT:"].startswith(data.subject)
    assert [b.text for b in page.find("div", "banner")] == ["UNCLASSIFIED"] * 2

    [grounding] = page.find("section", "grounding")
    summary = seed_brief.report.summary
    counts = [li.text for li in page.find("li") if li.parent and "counts" in li.parent.classes]
    assert counts[:3] == [
        f"{summary.kept}kept",
        f"{summary.amended}amended",
        f"{summary.dropped}dropped",
    ]
    flagged = [li for li in page.find("li") if li.parent and "flagged" in li.parent.classes]
    assert len(flagged) == summary.dropped + summary.amended
    for record in seed_brief.report.grounding:
        if record.status == "kept":
            continue
        line = f"{record.status} {record.kind}: {record.text}"
        listed = [li.text for li in flagged if li.text.startswith(line)]
        assert listed, record
        assert (record.reason or "") in listed[0]
    assert INVENTED_QUOTE in grounding.text
    assert "scripted-model (openai-compatible)" in grounding.text
    assert "100 prompt (0 cached) + 50 completion = 150" in grounding.text
    assert "Cost" in grounding.text


def test_the_seed_memo_is_self_contained(seed_brief: Brief) -> None:
    html = render_evidence_html(seed_brief)
    assert html.startswith("<!DOCTYPE html>")
    # The seed article has no URL, so there is none at all.
    assert "http:" not in html.lower() and "https:" not in html.lower()
    assert_self_contained(html, parse(html))


def test_header_is_the_memos_own_or_taken_from_config(
    seed_text: str, server: ScriptedServer
) -> None:
    server.push(completion(good_single_pass()))
    brief = _brief(
        seed_text,
        server,
        classification="CONFIDENTIAL//REL [X] *",
        portion_mark="C",
        memo_to="Deputy Secretary [Asia] & Pacific_desk",
        memo_date="3 March 2025",
    )
    page = parse(render_evidence_html(brief))
    values = [d.text for d in page.find("dd", pane="memo")][:3]
    assert values == ["Deputy Secretary [Asia] & Pacific_desk", brief_from(), "3 March 2025"]
    assert page.find("div", "banner")[0].text == "CONFIDENTIAL//REL [X] *"
    assert {s.text for s in page.find("span", "pm")} == {"(C)"}

    config = BriefConfig(classification="SECRET", memo_to="The Ambassador", memo_date="1 May")
    page = parse(render_evidence_html(brief, config=config))
    assert [d.text for d in page.find("dd", pane="memo")][:3] == [
        "The Ambassador",
        brief_from(),
        "1 May",
    ]
    assert page.find("div", "banner")[0].text == "SECRET"


def brief_from() -> str:
    return BriefConfig().memo_from


# -- adversarial content ------------------------------------------------------------------


def test_adversarial_article_and_model_output_come_out_inert(server: ScriptedServer) -> None:
    evil_quote = "<script>alert(4)</script> is not a plan for the border"
    answer = good_single_pass()
    extraction = answer["extraction"]
    extraction.update(
        actors=[],
        positions=[],
        allegations=[],
        key_facts=[],
        agenda_items=[],
        events=[
            {
                "what": 'The envoy posted "><img src=x onerror=alert(2)> and '
                "javascript:alert(3) on https://evil.example/x.js on Monday.",
                "when": "Monday",
                "where": "<b onmouseover=alert(5)>",
                "who": [],
                "sentence_ids": ["S2"],
            }
        ],
        quotes=[
            {"speaker": "Jane Doe", "text": evil_quote, "source": "named", "sentence_ids": ["S3"]}
        ],
    )
    answer["memo"] = {
        "subject": {"text": "Envoy row <script>alert(1)</script> deepens", "sentence_ids": ["S1"]},
        "bluf": [{"text": EVIL, "sentence_ids": ["S2", "S99"]}],
        "background": [],
        "outlook": [],
        "information_gaps": [EVIL],
    }
    server.push(completion(answer))
    brief = _brief(EVIL_ARTICLE, server)
    assert [q.text for q in brief.data.quotes] == [evil_quote]

    html = render_evidence_html(brief)
    page = parse(html)
    assert_self_contained(html, page)
    text = "".join(page.text_nodes)
    # The hostile strings are still there for the reader, as text.
    assert "<script>alert(1)</script>" in text and "onerror=alert(2)>" in text
    assert "javascript:alert(3)" in text and "https://evil.example/x.js" in text
    assert [q.text for q in page.find("q", "verbatim")] == [evil_quote]
    spans = sentence_spans(page)
    for sentence in brief.article.sentences:
        assert spans[sentence.id].text == sentence.text
