"""The HTML evidence view of hand-made briefs (no model, no server), read back with the
standard library's HTML parser."""

from __future__ import annotations

import dataclasses
from typing import get_origin

import pytest
from evidence_page import EVIL, EVIL_ARTICLE, assert_self_contained, parse, sentence_spans
from pydantic import Field

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
        spans = sentence_spans(page)
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
    # annex_quotes: a section of its own at the end (tests/unit/run/test_quotation_annex.py).
    assert lists - {"subject_sentence_ids", "uncovered", "sources", "annex_quotes"} <= shown


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
