"""Rendering of issue 13's memo conventions: outlook wording, ranges, sourcing, budgets."""

from __future__ import annotations

import re

from briefgen.config import BriefConfig
from briefgen.ingest.article import Article
from briefgen.memo.data import BriefData
from briefgen.memo.header import MemoHeader
from briefgen.memo.items import LIKELIHOOD_RANGES, KeyFact, OutlookStatement, Statement
from briefgen.memo.report import Report
from briefgen.memo.styles import SHIPPED_STYLES, WORDS_PER_PAGE
from briefgen.render.markdown import (
    body_words,
    clause,
    render_context,
    render_markdown,
    sourcing,
)
from briefgen.usage import Usage

ARTICLE = Article.from_text(
    "Talks resume\nThe talks will resume in Geneva next week. Officials said both sides agreed.",
    source="Example News",
)


def _render(style: str, data: BriefData, **settings: object) -> tuple[str, Report]:
    report = Report(
        model="m", backend="openai", style=style, chunks=1, elapsed_s=0.1, usage=Usage()
    )
    chosen = SHIPPED_STYLES[style]
    header = MemoHeader.from_config(
        BriefConfig.model_validate(settings),
        chosen.memo_kind,
        date_format=chosen.date_format,
        banner=chosen.banner,
    )
    context = render_context(ARTICLE, data, report, header, chosen)
    return render_markdown(style, context), report


def test_outlook_says_whose_forecast_it_is_with_the_range() -> None:
    data = BriefData(
        subject="Talks resume",
        outlook=[
            OutlookStatement(
                text="The talks will resume in Geneva.",
                likelihood="likely",
                basis="assessed",
                confidence="high",
                confidence_basis="Both sides said so.",
                sentence_ids=["S2"],
            ),
            OutlookStatement(
                text="The talks will resume next week.",
                likelihood=None,
                basis="reported",
                sentence_ids=["S2"],
            ),
            OutlookStatement(
                text="Both sides agree.",
                likelihood="very likely",
                basis="reported",
                sentence_ids=["S3"],
            ),
        ],
    )
    md, _ = _render("info-memo", data)
    outlook = md.split("## Outlook")[1].split("## ")[0]
    assert "(U) We assess it is likely (55–80%) that the talks will resume in Geneva.\\\n" in md
    assert "\nConfidence: high. Basis: Both sides said so.\n" in outlook
    # One paragraph per item.
    assert "\n\n(U) The article reports: The talks will resume next week.\n\n" in outlook
    assert "The article reports: Both sides agree. (the article's forecast: very likely " in md
    assert "(80–95%)" in outlook
    # The confidence is never in the likelihood sentence.
    for line in outlook.splitlines():
        assert not ("Confidence" in line and "%" in line), line


def test_every_term_renders_its_range() -> None:
    for term, span in LIKELIHOOD_RANGES.items():
        data = BriefData(
            subject="s",
            outlook=[
                OutlookStatement(
                    text="Talks resume.",
                    likelihood=term,
                    sentence_ids=["S2"],
                )
            ],
        )
        md, _ = _render("one-pager", data)
        assert f"We assess it is {term} ({span}) that talks resume." in md


def test_sourcing_line_names_the_outlet_and_the_kind_of_source() -> None:
    md, _ = _render("info-memo", BriefData(subject="s"))
    closing = md.rsplit("\n---\n", 1)[1]
    assert "Sources: Example News: Talks resume; this memo rests on a single press report." in (
        closing
    )
    assert sourcing("Ministry of Foreign Affairs") == "an official statement"
    assert sourcing("state.gov press release") == "an official statement"
    assert sourcing("Reuters") == "a single press report"
    assert sourcing(None, articles=3) == "several independent reports"


def test_every_style_has_the_closing_block_and_banners() -> None:
    for style in SHIPPED_STYLES:
        md, _ = _render(style, BriefData(subject="s"), classification="CONFIDENTIAL")
        assert md.startswith("**CONFIDENTIAL**\n") and md.rstrip().endswith("**CONFIDENTIAL**")
        closing = md.rsplit("\n---\n", 1)[1]
        lines = closing.strip().splitlines()
        assert lines[0].startswith("Drafted: "), style
        assert lines[1] == "Cleared: Not cleared\\", style
        assert lines[2] == "Attachments: Tab 1: Source annex\\", style
        assert lines[3].startswith("Sources: "), style
        assert lines[5].startswith("Drafted by briefgen with m "), style
        assert "**SUBJECT:** (C) s" in md, style


def test_extractive_note_stays_on_its_own_line() -> None:
    report = Report(
        model="m",
        backend="embedded",
        style="info-memo",
        plan="extractive",
        chunks=1,
        elapsed_s=0.1,
        usage=Usage(),
    )
    header = MemoHeader.from_config(BriefConfig(), "INFORMATION MEMO")
    md = render_markdown(
        "info-memo", render_context(ARTICLE, BriefData(subject="s"), report, header)
    )
    [note] = [x for x in md.splitlines() if x.startswith("Drafted by briefgen")]
    assert "extractive" in note
    [drafted] = [x for x in md.splitlines() if x.startswith("Drafted:")]
    assert "extractive" not in drafted and "briefgen with" not in drafted


def test_a_memo_over_its_budget_keeps_the_most_important_items_and_says_what_it_cut() -> None:
    filler = "The talks will resume in Geneva next week and officials said both sides agreed"
    data = BriefData(
        subject="Talks resume",
        bluf=[Statement(text="The talks will resume in Geneva.", sentence_ids=["S2"])],
        key_facts=[KeyFact(fact=f"{filler} {n}.", sentence_ids=["S2"]) for n in range(60)],
        outlook=[
            OutlookStatement(text="The talks resume.", likelihood="likely", sentence_ids=["S2"])
        ],
    )
    md, report = _render("one-pager", data)
    assert body_words(md) <= WORDS_PER_PAGE
    assert "(U) The talks will resume in Geneva." in md  # the summary stays
    assert "We assess it is likely (55–80%)" in md  # the outlook outranks key facts
    assert 0 < md.count("both sides agreed") < 60
    [warning] = report.warnings
    assert "one-pager" in warning and "Key facts" in warning and "500 words" in warning
    # Within budget: nothing cut, nothing said.
    small = data.model_copy(update={"key_facts": data.key_facts[:2]})
    _, quiet = _render("one-pager", small)
    assert quiet.warnings == []


def test_info_memo_budget_is_two_pages() -> None:
    assert SHIPPED_STYLES["info-memo"].page_words == 2 * WORDS_PER_PAGE
    assert SHIPPED_STYLES["one-pager"].page_words == WORDS_PER_PAGE


def test_clause_lowers_plain_openers_only() -> None:
    assert clause("The talks resume.") == "the talks resume."
    assert clause("Pakistan will refuse.") == "Pakistan will refuse."
    assert re.match(r"^it ", clause("It rains."))
