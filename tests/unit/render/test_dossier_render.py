"""A dossier (several articles, one memo) in every format, built by hand: no model, no
server. Two reports of one bombing disagree on the toll, a third story is unrelated, a
syndicated copy of the first is counted with it and one entry could not be read."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from evidence_page import parse, sentence_spans

from briefgen.brief import Brief
from briefgen.config import BriefConfig
from briefgen.ingest.article import Article
from briefgen.ingest.dossier import Dossier, Entry, build_dossier
from briefgen.memo.data import BriefData, GroundedQuote
from briefgen.memo.header import MemoHeader
from briefgen.memo.items import (
    Allegation,
    Contradiction,
    Event,
    KeyFact,
    Position,
    Side,
    Statement,
)
from briefgen.memo.report import Report
from briefgen.memo.styles import SHIPPED_STYLES
from briefgen.render.markdown import render_context, render_markdown
from briefgen.usage import Usage

STYLES = tuple(SHIPPED_STYLES)
CONTRADICTIONS = "## Contradictions between sources"

BLAST_A = "\n".join(
    [
        "Market blast kills 12 in Dorvan",
        "DORVAN, May 2 (Northwire) - A bomb went off in the main market of Dorvan on Friday, "
        "killing 12 people, police said.",
        "The blast hit as traders opened their stalls.",
        '"We will find those responsible," Interior Minister Ada Kell said.',
        "Police closed the roads into the old town.",
    ]
)

BLAST_B = "\n".join(
    [
        "Dorvan market attack: toll rises",
        "DORVAN, May 2 (Eastern Press) - At least 19 people were killed in the bombing of the "
        "Dorvan market on Friday, hospital officials said.",
        "Dozens more were wounded near the clock tower.",
        "Interior Minister Ada Kell said the attackers would be found.",
        "Doctors appealed for blood donations.",
    ]
)

UNRELATED = "\n".join(
    [
        "Fisheries talks resume in Marrow Bay",
        "MARROW BAY, May 3 (Coastline News) - Negotiators from Velm and Ostra resumed talks on "
        "a fisheries pact on Saturday.",
        "The two sides are split over cod quotas in the shared bay.",
        "The talks are expected to last two weeks.",
    ]
)

# The wire story of BLAST_A as a second outlet ran it: retitled, one line added.
COPY = BLAST_A.replace("Market blast kills 12 in Dorvan", "Twelve dead in Dorvan bombing") + (
    "\nMore to follow."
)

TITLES = {
    1: "Market blast kills 12 in Dorvan",
    2: "Dorvan market attack: toll rises",
    3: "Fisheries talks resume in Marrow Bay",
    4: "Twelve dead in Dorvan bombing",
}
UNREADABLE = "scan-0412.pdf"


def _dossier() -> Dossier:
    return build_dossier(
        [
            Entry(
                Article.from_text(BLAST_A, source="Northwire", published="2026-05-02"),
                "https://northwire.example/dorvan",
            ),
            Entry(
                Article.from_text(BLAST_B, source="Eastern Press", published="2026-05-02 18:00"),
                "eastern.txt",
            ),
            Entry(
                Article.from_text(UNRELATED, source="Coastline News", published="2026-05-03"),
                "coastline.txt",
            ),
            Entry(
                Article.from_text(COPY, source="Daily Star", published="2026-05-02"),
                "star.html",
            ),
            Entry(None, UNREADABLE, "the PDF holds no text layer"),
        ]
    )


def _data(dossier: Dossier) -> BriefData:
    joined = dossier.article
    quote = "We will find those responsible"
    start = joined.text.index(quote)
    return BriefData(
        subject="Market bombing in Dorvan; fisheries talks",
        subject_sentence_ids=["A1:S1"],
        bluf=[
            Statement(
                text="A bomb killed at least 12 people in the Dorvan market.",
                sentence_ids=["A1:S2", "A2:S2"],
            ),
            Statement(text="Fisheries talks resumed in Marrow Bay.", sentence_ids=["A3:S2"]),
        ],
        developments=[
            Event(
                what="A bomb went off in the Dorvan market",
                when="Friday",
                where="Dorvan",
                who=[],
                sentence_ids=["A1:S2", "A2:S2"],
            ),
            Event(
                what="Talks on a fisheries pact resumed",
                when="Saturday",
                where=None,
                who=["Velm", "Ostra"],
                sentence_ids=["A3:S2"],
            ),
        ],
        positions=[
            Position(
                party="Ada Kell",
                stance="The attackers will be found.",
                sentence_ids=["A1:S4", "A2:S4"],
            )
        ],
        allegations=[
            Allegation(
                alleged_by="Velm",
                against="Ostra",
                claim="The sides are split over cod quotas.",
                denial=None,
                sentence_ids=["A3:S3"],
            )
        ],
        key_facts=[KeyFact(fact="19 killed, hospital officials said.", sentence_ids=["A2:S2"])],
        quotes=[
            GroundedQuote(
                text=quote,
                speaker="Ada Kell",
                source="named",
                start=start,
                end=start + len(quote),
                match="exact",
                sentence_ids=["A1:S4"],
            )
        ],
        talking_points=[Statement(text="We condemn the attack.", sentence_ids=["A1:S2"])],
        contradictions=[
            Contradiction(
                topic="Number killed",
                sides=[
                    Side(claim="12 people were killed in the blast.", sentence_ids=["A1:S2"]),
                    Side(claim="At least 19 people died.", sentence_ids=["A2:S2"]),
                ],
                sentence_ids=["A1:S2", "A2:S2"],
            ),
            Contradiction(
                topic="Toll over the day",
                kind="update",
                note="Northwire in the morning, Eastern Press at 18:00",
                sides=[
                    Side(claim="Police gave 12 dead.", sentence_ids=["A1:S2"]),
                    Side(claim="Hospital officials gave 19 dead.", sentence_ids=["A2:S2"]),
                ],
                # Left empty on purpose: the annex still lists the sides' sentences.
                sentence_ids=[],
            ),
        ],
        sources=list(dossier.sources),
    )


def _report(style: str) -> Report:
    return Report(model="m", backend="openai", style=style, chunks=3, elapsed_s=0.1, usage=Usage())


def _brief(style: str = "info-memo", data: BriefData | None = None) -> Brief:
    dossier = _dossier()
    data = data if data is not None else _data(dossier)
    chosen = SHIPPED_STYLES[style]
    report = _report(style)
    header = MemoHeader.from_config(
        BriefConfig(), chosen.memo_kind, date_format=chosen.date_format, banner=chosen.banner
    )
    context = render_context(dossier.article, data, report, header, chosen)
    markdown = render_markdown(style, context)
    return Brief(
        markdown=markdown,
        data=data,
        article=dossier.article,
        articles=list(dossier.members.values()),
        report=report,
        header=header,
    )


def _section(markdown: str, heading: str) -> str:
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert found is not None, f"no section {heading!r}"
    return found.group(1)


def _annex(markdown: str) -> str:
    return _section(markdown, "Sources" if "## Sources" in markdown else "Source annex")


# -- the dossier itself ---------------------------------------------------------------------


def test_the_hand_built_dossier_has_the_statuses_the_memo_explains() -> None:
    sources = _dossier().sources
    assert [s.status for s in sources] == ["used", "used", "used", "copy", "unreadable"]
    assert sources[3].same_as == 1


# -- Markdown -------------------------------------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_every_style_shows_each_contradiction_with_its_sources_inline(style: str) -> None:
    md = _brief(style).markdown
    assert md.count(CONTRADICTIONS) == 1
    section = _section(md, "Contradictions between sources")
    conflict = next(line for line in section.splitlines() if "Number killed" in line)
    assert "**Number killed.**" in conflict
    assert "A1 (Northwire, 2026-05-02): 12 people were killed in the blast [A1:S2]." in conflict
    assert "A2 (Eastern Press, 2026-05-02 18:00): At least 19 people died [A2:S2]." in conflict
    update = next(line for line in section.splitlines() if "Toll over the day" in line)
    assert "A later report updates an earlier one" in update
    assert "Northwire in the morning, Eastern Press at 18:00" in update
    assert update.index("Earlier, A1") < update.index("Later, A2")
    assert "[A1:S2]" in update and "[A2:S2]" in update
    # The only inline citations of the memo body are the contradictions'.
    body = md.split("## Source", 1)[0]
    outside = body.replace(section, "")
    assert not re.search(r"\[A\d+:S\d+\]", outside)


@pytest.mark.parametrize("style", STYLES)
def test_key_points_say_how_many_independent_sources_carry_them(style: str) -> None:
    md = _brief(style).markdown
    body = md.split("## Source", 1)[0]
    # The summary line on the bombing rests on A1 and A2 of three independent sources.
    assert "A bomb killed at least 12 people in the Dorvan market. (2 of 3 sources)" in body
    assert "Fisheries talks resumed in Marrow Bay. (single source: A3)" in body
    assert "of 5 sources" not in body  # the copy and the unreadable entry do not count


def test_each_kind_of_key_point_carries_its_count() -> None:
    info = _brief("info-memo").markdown
    assert "A bomb went off in the Dorvan market (Friday) (2 of 3 sources)" in info
    assert "The attackers will be found. (2 of 3 sources) |" in info
    assert "The sides are split over cod quotas. (single source: A3)" in info
    assert "— Ada Kell (single source: A1)" in info
    page = _brief("one-pager").markdown
    # The fact stands on one side of the toll dispute: the other side's source is named.
    assert "19 killed, hospital officials said. (single source: A2; disputed by A1)" in page
    assert "The sides are split over cod quotas. (single source: A3)" in info


@pytest.mark.parametrize("style", STYLES)
def test_the_annex_lists_every_source_and_groups_cited_sentences_by_source(style: str) -> None:
    md = _brief(style).markdown
    annex = _annex(md)
    assert "Tab 1. Sources:" in annex
    for title in TITLES.values():
        assert title in annex
    assert "https\\://northwire.example/dorvan" in annex  # escaped: no autolink
    copy = next(line for line in annex.splitlines() if TITLES[4] in line)
    assert copy.startswith("- **A4:**")
    assert "a copy of the wire story in A1" in copy and "% the same text" in copy
    assert "counted with it as one source" in copy
    unreadable = next(line for line in annex.splitlines() if UNREADABLE in line)
    assert unreadable.startswith("- **A5:**")
    assert "not covered: the PDF holds no text layer" in unreadable
    # Cited sentences stand under their own source, ids as in the data.
    a1 = annex.index(f"**A1: {TITLES[1]}")
    a2 = annex.index(f"**A2: {TITLES[2]}")
    assert a1 < annex.index("- **A1:S2** ") < a2
    assert annex.index("- **A2:S2** ") > a2
    assert "**A4: " not in annex.split("Tab 1. Sources:", 1)[1].split("\n\n", 2)[-1]
    # The closing says what the memo rests on.
    assert "5 article(s), 3 independent, listed in Tab 1" in md
    assert "this memo rests on several independent reports" in md


@pytest.mark.parametrize("style", [s for s in STYLES if s != "one-pager"])
def test_the_items_table_lists_every_side_of_a_contradiction(style: str) -> None:
    annex = _annex(_brief(style).markdown)
    rows = [line for line in annex.splitlines() if line.startswith("| Contradiction")]
    assert rows == ["| Contradiction 1 | A1:S2, A2:S2 |", "| Contradiction 2 | A1:S2, A2:S2 |"]


def test_only_the_info_memo_says_when_no_contradiction_was_found() -> None:
    data = _data(_dossier()).model_copy(update={"contradictions": []})
    for style in STYLES:
        md = _brief(style, data).markdown
        said = "No contradiction between the sources was found." in md
        assert said == (style == "info-memo"), style
        assert (CONTRADICTIONS in md) == (style == "info-memo"), style


def test_a_dossier_of_one_independent_source_has_no_counts() -> None:
    dossier = _dossier()
    sources = [
        s if s.number == 1 else s.model_copy(update={"status": "failed", "problem": "timeout"})
        for s in dossier.sources
    ]
    data = _data(dossier).model_copy(update={"sources": sources, "contradictions": []})
    md = _brief("info-memo", data).markdown
    assert "sources)" not in md and "single source" not in md
    assert CONTRADICTIONS not in md
    assert "this memo rests on a single press report" in md
    assert "not covered: timeout" in md


def test_values_in_the_contradiction_line_are_escaped() -> None:
    data = _data(_dossier())
    evil = Contradiction(
        topic="[x](http://evil.example) # *",
        sides=[Side(claim="<b>12</b> | cell", sentence_ids=["A1:S2"])],
        sentence_ids=["A1:S2"],
    )
    md = _brief("info-memo", data.model_copy(update={"contradictions": [evil]})).markdown
    line = next(line for line in md.splitlines() if "evil" in line)
    assert "\\[x\\](http\\://evil.example) \\# \\*." in line
    assert "\\<b\\>12\\</b\\> \\| cell [A1:S2]." in line


def test_a_topic_and_claim_are_tidied_for_the_line() -> None:
    data = _data(_dossier())
    raw = Contradiction(
        topic="who claimed the attack",
        sides=[
            Side(claim="- At least 19 were killed.", sentence_ids=["A2:S2"]),
            Side(claim="12 were killed", sentence_ids=["A1:S2"]),
        ],
        sentence_ids=["A1:S2", "A2:S2"],
    )
    md = _brief("info-memo", data.model_copy(update={"contradictions": [raw]})).markdown
    line = next(line for line in md.splitlines() if "claimed the attack" in line)
    assert "**Who claimed the attack.**" in line
    assert "18:00): At least 19 were killed [A2:S2]. A1 (Northwire, 2026-05-02): 12 were " in line


def test_contradictions_are_kept_longest_when_a_memo_is_cut_to_its_budget() -> None:
    data = _data(_dossier())
    long = [Statement(text=" ".join(["word"] * 60), sentence_ids=["A1:S3"])] * 20
    data = data.model_copy(update={"background": long})
    brief = _brief("info-memo", data)
    assert brief.report.warnings and "Background" in brief.report.warnings[0]
    assert "Number killed" in brief.markdown and "Toll over the day" in brief.markdown


# -- HTML -----------------------------------------------------------------------------------


def test_the_evidence_view_shows_each_source_and_links_every_side() -> None:
    brief = _brief()
    html = brief.to_html()
    page = parse(html)
    headings = page.find("h2", "source-heading", pane="source")
    assert [h.attrs["id"] for h in headings] == ["A1", "A2", "A3", "A4", "A5"]
    for heading, title in zip(headings, [*TITLES.values(), UNREADABLE], strict=True):
        assert title in heading.text
    metas = [p.text for p in page.find("p", "article-meta", pane="source")]
    assert "Northwire · 2026-05-02 · https://northwire.example/dorvan" in metas
    notes = [p.text for p in page.find("p", "source-note", pane="source")]
    assert any("copy of the wire story in A1" in n for n in notes), notes
    assert any("the PDF holds no text layer" in n for n in notes), notes
    # Every sentence of the joined text is an anchor under its own source.
    spans = sentence_spans(page)
    assert set(spans) == {s.id for s in brief.article.sentences}
    assert 'id="A1:S2"' in html and 'href="#A1:S2"' in html
    assert spans["A2:S2"].inside("source-article")
    assert all(re.fullmatch(r"A\d+:S\d+", sid) for sid in spans)
    for a in page.find("a"):
        assert re.fullmatch(r"#A\d+:S\d+", a.attrs["href"]) and a.attrs["href"][1:] in spans
    # The contradiction's sides, each with its source and its own link.
    sides = [li.text for li in page.find("li", pane="memo") if li.inside("sides")]
    assert any(s.startswith("A1 (Northwire, 2026-05-02):") and "[A1:S2]" in s for s in sides)
    assert any(s.startswith("A2 (Eastern Press") and "[A2:S2]" in s for s in sides)
    assert any(s.startswith("Earlier, A1 (Northwire") for s in sides), sides
    assert any(s.startswith("Later, A2 (Eastern Press") for s in sides), sides
    leads = [e.text for e in page.find("strong", "lead", pane="memo")]
    assert "Number killed." in leads and "Toll over the day." in leads
    titles = [h.text for h in page.find("h2", pane="memo")]
    assert "Contradictions between sources" in titles
    text = "".join(page.text_nodes)
    cited = len({sid for sid in brief.data.cited_ids() if sid in spans})
    assert f"{cited} of {len(brief.article.sentences)} sentences cited" in text
    assert "(2 of 3 sources)" in text


def test_a_copy_and_an_unreadable_source_have_no_text_in_the_evidence_view() -> None:
    page = parse(_brief().to_html())
    sections = [s for s in page.find("section", "source-article", pane="source")]
    assert [("copy" in s.classes, "unreadable" in s.classes) for s in sections] == [
        (False, False),
        (False, False),
        (False, False),
        (True, False),
        (False, True),
    ]
    assert not [span for span in page.find("span", "sentence") if span.inside("copy")]


def test_a_source_that_failed_keeps_its_text_with_a_note() -> None:
    dossier = _dossier().without({3: "extraction timed out"})
    data = _data(dossier)
    page = parse(_brief(data=data).to_html())
    [failed] = [s for s in page.find("section", "source-article") if "failed" in s.classes]
    assert "Not covered: extraction timed out." in failed.text
    assert [e.attrs["id"] for e in page.find("span", "sentence") if e.inside("failed")] == [
        "A3:S1",
        "A3:S2",
        "A3:S3",
        "A3:S4",
    ]
    md = _brief(data=data).markdown
    assert "- **A3:** Fisheries talks resume in Marrow Bay" in md
    assert "— not covered: extraction timed out." in md


# -- DOCX and JSON --------------------------------------------------------------------------


def test_the_word_document_carries_every_source_and_the_contradictions() -> None:
    document = docx.Document(io.BytesIO(_brief().to_docx()))
    text = "\n".join(p.text for p in document.paragraphs)
    for title in TITLES.values():
        assert title in text
    assert UNREADABLE in text
    headings = [p.text for p in document.paragraphs if p.style and p.style.name.startswith("Head")]
    assert "Contradictions between sources" in headings
    assert "A1 (Northwire, 2026-05-02): 12 people were killed in the blast [A1:S2]." in text
    assert "https://northwire.example/dorvan" in text


def test_the_json_holds_the_sources_contradictions_and_articles() -> None:
    brief = _brief()
    payload = json.loads(brief.to_json())
    assert [s["status"] for s in payload["data"]["sources"]] == [
        "used",
        "used",
        "used",
        "copy",
        "unreadable",
    ]
    assert [s["title"] for s in payload["data"]["sources"][:4]] == list(TITLES.values())
    assert [c["kind"] for c in payload["data"]["contradictions"]] == ["conflict", "update"]
    assert [a["title"] for a in payload["articles"]] == [TITLES[1], TITLES[2], TITLES[3]]
    assert payload["article"]["sentences"][0]["id"] == "A1:S1"


# -- one article: nothing of the dossier ------------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_a_one_article_memo_has_no_dossier_wording(style: str) -> None:
    article = Article.from_text(BLAST_A, source="Northwire", published="2026-05-02")
    data = BriefData(
        subject="Market bombing in Dorvan",
        bluf=[Statement(text="A bomb killed 12.", sentence_ids=["S2"])],
        developments=[
            Event(what="A bomb went off", when="Friday", where=None, who=[], sentence_ids=["S2"])
        ],
        positions=[Position(party="Ada Kell", stance="Will find them.", sentence_ids=["S4"])],
        key_facts=[KeyFact(fact="12 killed.", sentence_ids=["S2"])],
    )
    chosen = SHIPPED_STYLES[style]
    header = MemoHeader.from_config(BriefConfig(), chosen.memo_kind, banner=chosen.banner)
    report = _report(style)
    md = render_markdown(style, render_context(article, data, report, header, chosen))
    assert "sources)" not in md and "single source" not in md
    assert "Contradiction" not in md and "Tab 1. Sources" not in md
    assert f"Tab 1. Source: {TITLES[1]}, Northwire, 2026-05-02" in md
    assert "this memo rests on a single press report" in md
    brief = Brief(markdown=md, data=data, article=article, report=report, header=header)
    page = parse(brief.to_html())
    assert not page.find("h2", "source-heading") and not page.find("ul", "sides")
    assert not [h for h in page.find("h2") if "Contradictions" in h.text]
    assert "Source article: " in "".join(page.text_nodes)
    assert not [e for e in page.find("span", "carried")]
    assert json.loads(brief.to_json())["articles"] == []
