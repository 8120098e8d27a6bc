"""The HTML evidence view, read back with the standard library's HTML parser."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import get_origin

import pytest
from pydantic import Field
from scripted_server import ScriptedServer, completion
from seed_answers import INVENTED_QUOTE, good_single_pass, inventive_single_pass

import briefgen
from briefgen.brief import Brief
from briefgen.config import BriefConfig
from briefgen.ingest.article import Article
from briefgen.memo import sections as registry
from briefgen.memo import styles
from briefgen.memo.data import BriefData, GroundedQuote
from briefgen.memo.header import MemoHeader
from briefgen.memo.items import (
    AgendaItem,
    Allegation,
    Event,
    KeyFact,
    OutlookStatement,
    Position,
    Statement,
)
from briefgen.memo.report import GroundingRecord, Report
from briefgen.render.evidence import render_evidence_html
from briefgen.usage import Usage

_VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "wbr", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    pane: str  # "memo", "source" or "" (outside both panes)
    parent: Element | None = None
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def inside(self, cls: str) -> bool:
        parent = self.parent
        while parent is not None:
            if cls in parent.classes:
                return True
            parent = parent.parent
        return False


class Page(HTMLParser):
    """Every element with its attributes, pane and text (entities already decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text_nodes: list[str] = []
        self.style = ""
        self.raw_attrs: list[tuple[str, str | None]] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.raw_attrs.extend(attrs)
        values = {name: value or "" for name, value in attrs}
        pane = next((e.pane for e in reversed(self._open) if e.pane), "")
        classes = values.get("class", "").split()
        if tag == "section" and "pane" in classes:
            pane = "memo" if "memo" in classes else "source"
        element = Element(tag, values, pane, self._open[-1] if self._open else None)
        self.elements.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1].tag == "style":
            self.style += data
            return
        self.text_nodes.append(data)
        for element in self._open:
            element.text += data

    def find(self, tag: str, cls: str | None = None, pane: str | None = None) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag
            and (cls is None or cls in e.classes)
            and (pane is None or e.pane == pane)
        ]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def _brief(text: str, server: ScriptedServer, **overrides: object) -> Brief:
    settings: dict[str, object] = {"base_url": server.base_url, "model": "scripted-model"}
    settings.update(overrides)
    return briefgen.generate_brief(text, **settings)


def _sentence_spans(page: Page) -> dict[str, Element]:
    return {e.attrs["id"]: e for e in page.find("span", "sentence", pane="source")}


def assert_self_contained(html: str, page: Page) -> None:
    """No scripts, no event handlers, no remote or javascript: URLs anywhere but as text."""
    assert not re.search(r"<\s*script", html, re.IGNORECASE)
    assert not {e.tag for e in page.elements} & {
        "script",
        "img",
        "iframe",
        "object",
        "embed",
        "link",
        "form",
        "base",
        "svg",
        "frame",
    }
    for name, value in page.raw_attrs:
        assert not name.lower().startswith("on"), name
        assert name.lower() not in {"src", "srcset", "action", "formaction", "style"}, name
        lowered = (value or "").lower()
        assert "javascript:" not in lowered and "http:" not in lowered and "https:" not in lowered
    for a in page.find("a"):
        assert re.fullmatch(r"#S\d+", a.attrs.get("href", "")), a.attrs
    # Every remaining "http" (there is one only when the article or model wrote one) lies in
    # a text node: escaped prose, never a reference.
    for scheme in ("http:", "https:", "javascript:"):
        in_text = sum(t.lower().count(scheme) for t in page.text_nodes)
        assert html.lower().count(scheme) == in_text, scheme
    assert "url(" not in page.style and "@import" not in page.style
    [csp] = [e for e in page.find("meta") if e.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp.attrs["content"]
    assert "script-src" not in csp.attrs["content"]  # scripts fall under default-src 'none'


# -- a real memo --------------------------------------------------------------------------


@pytest.fixture
def seed_brief(seed_text: str, server: ScriptedServer) -> Brief:
    server.push(completion(inventive_single_pass()))
    return _brief(seed_text, server)


def test_every_citation_links_to_a_sentence_on_the_article_side(seed_brief: Brief) -> None:
    page = parse(render_evidence_html(seed_brief))
    spans = _sentence_spans(page)
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
    spans = _sentence_spans(page)
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

EVIL_ARTICLE = (
    "Envoy row <script>alert(1)</script> deepens\n"
    'The envoy posted "><img src=x onerror=alert(2)> and javascript:alert(3) on '
    "https://evil.example/x.js on Monday.\n"
    "“<script>alert(4)</script> is not a plan for the border,” said Jane Doe.\n"
    "Talks between the two ministries resumed in Geneva on Tuesday."
)
EVIL = (
    '<script>alert(9)</script> "><img src=x onerror=alert(9)> javascript:alert(9) http://x.example'
)


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
    spans = _sentence_spans(page)
    for sentence in brief.article.sentences:
        assert spans[sentence.id].text == sentence.text


def _evil_brief() -> Brief:
    article = Article.from_text(EVIL_ARTICLE, source=EVIL, published=EVIL)
    quote_start = article.text.index("<script>alert(4)")
    quote_end = article.text.index(" is not a plan") + len(" is not a plan")
    ids = ["S2", "S99"]  # S99 does not exist: shown, never linked
    data = BriefData(
        subject=EVIL,
        subject_sentence_ids=["S1"],
        bluf=[Statement(text=EVIL, sentence_ids=ids)],
        background=[Statement(text=EVIL, sentence_ids=["S4"])],
        developments=[Event(what=EVIL, when=EVIL, where=EVIL, who=[EVIL], sentence_ids=ids)],
        positions=[Position(party=EVIL, stance=EVIL, sentence_ids=ids)],
        quotes=[
            GroundedQuote(
                text=article.text[quote_start:quote_end],
                speaker=EVIL,
                source="named",
                start=quote_start,
                end=quote_end,
                match="exact",
                sentence_ids=["S3"],
            )
        ],
        allegations=[
            Allegation(alleged_by=EVIL, against=EVIL, claim=EVIL, denial=EVIL, sentence_ids=ids)
        ],
        key_facts=[KeyFact(fact=EVIL, sentence_ids=ids)],
        agenda=[AgendaItem(item=EVIL, sentence_ids=ids)],
        outlook=[OutlookStatement(text=EVIL, likelihood="likely", sentence_ids=ids)],
        information_gaps=[EVIL],
        uncovered=[(article.sentences[3].start, article.sentences[3].end)],
    )
    report = Report(
        model=EVIL,
        backend=EVIL,
        style=EVIL,
        chunks=1,
        elapsed_s=0.1,
        usage=Usage(),
        cost_usd=0.000123,
        grounding=[
            GroundingRecord(kind=EVIL, text=EVIL, status="dropped", reason=EVIL, sentence_ids=ids),
            GroundingRecord(kind="quote", text=EVIL, status="amended", reason=EVIL),
            GroundingRecord(kind="bluf", text="fine", status="kept"),
        ],
        warnings=[EVIL],
    )
    header = MemoHeader(
        classification=EVIL[:80],
        portion_mark=EVIL[:20],
        memo_to=EVIL,
        memo_from=EVIL,
        memo_date=EVIL,
        memo_kind=EVIL,
    )
    return Brief(markdown=f"**{EVIL}**\n", data=data, article=article, report=report, header=header)


def test_every_field_is_escaped() -> None:
    brief = _evil_brief()
    config = BriefConfig(classification=EVIL[:80], memo_to=EVIL, memo_from=EVIL, memo_date=EVIL)
    for html in (render_evidence_html(brief), render_evidence_html(brief, config=config)):
        page = parse(html)
        assert_self_contained(html, page)
        text = "".join(page.text_nodes)
        assert text.count(EVIL) >= 20
        missing = page.find("span", "missing", pane="memo")
        assert missing and {m.text for m in missing} == {"S99"}
        assert {a.attrs["href"] for a in page.find("a", "cite")} == {"#S1", "#S2", "#S3", "#S4"}
        spans = _sentence_spans(page)
        assert "uncovered" in spans["S4"].classes and "uncovered" not in spans["S3"].classes
        assert page.find("p", "uncovered-note")
        [mark] = page.find("mark", "quoted")
        assert mark.text == brief.data.quotes[0].text
        assert "$0.000123" in text
        assert "4 of 4 sentences cited" in text  # S99 is not counted


def test_a_new_list_field_needs_only_a_row_in_the_section_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class WithNextSteps(BriefData):
        next_steps: list[Statement] = Field(default_factory=list)

    brief = _evil_brief()
    data = WithNextSteps(
        **brief.data.model_dump(),
        next_steps=[Statement(text="Press for joint patrols.", sentence_ids=["S4"])],
    )
    brief = brief.model_copy(update={"data": data})
    entry = registry.Section("next_steps", "Next steps", "Next step", "next_step", "memo", "x")
    monkeypatch.setattr(registry, "SECTIONS", (*registry.SECTIONS, entry))
    page = parse(render_evidence_html(brief))
    assert [h.text for h in page.find("h2", pane="memo")][-2] == "Next steps"  # then grounding
    assert "Next step 1" in _annex_labels(brief)
    # A style can lead with its own section.
    leading = dataclasses.replace(styles.SHIPPED_STYLES["talking-points"], leads=("next_steps",))
    monkeypatch.setitem(styles.SHIPPED_STYLES, "talking-points", leading)
    brief = brief.model_copy(
        update={"report": brief.report.model_copy(update={"style": "talking-points"})}
    )
    page = parse(render_evidence_html(brief))
    assert page.find("h2", pane="memo")[0].text == "Next steps"
    [item] = [li for li in page.find("li", pane="memo") if "joint patrols" in li.text]
    assert item.text.endswith("Press for joint patrols. [S4]")


def test_every_list_field_of_brief_data_has_a_section() -> None:
    shown = {spec.field for spec in registry.SECTIONS}
    lists = {
        name for name, info in BriefData.model_fields.items() if get_origin(info.annotation) is list
    }
    assert lists - {"subject_sentence_ids", "uncovered"} <= shown


def test_paragraph_breaks_and_blank_lines_are_kept() -> None:
    article = Article.from_text("Talks resume\n\nFirst one. Second one.\nThird one.\n\nFourth one.")
    report = Report(model="m", backend="b", style="info-memo", chunks=1, elapsed_s=0, usage=Usage())
    header = MemoHeader.from_config(BriefConfig(), "INFORMATION MEMO")
    brief = Brief(
        markdown="", data=BriefData(subject="s"), article=article, report=report, header=header
    )
    page = parse(render_evidence_html(brief))
    [body] = page.find("div", "article-text")
    paragraphs = [p for p in page.find("p", pane="source") if p.parent is body]
    assert [(p.text, p.attrs.get("class", "")) for p in paragraphs] == [
        ("Talks resume", "headline"),
        ("First one. Second one.", "gap"),
        ("Third one.", ""),
        ("Fourth one.", "gap"),
    ]
    assert [s.text for s in page.find("span", "sentence")] == [
        "Talks resume",
        "First one.",
        "Second one.",
        "Third one.",
        "Fourth one.",
    ]
    assert not page.find("a")  # nothing cited, nothing linked


def _annex_labels(brief: Brief) -> list[str]:
    return [label for label, _ in registry.cited_groups(brief.data)]
