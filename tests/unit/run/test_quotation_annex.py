"""The memo's annex of quotations: every quotation of the article long enough to print,
in its order, with the speaker the article gives it, beside the body's few key quotes;
the body's sentence budget and the memo's citations are the body's alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from seed_answers import INVENTED_SPEAKER, REAL_QUOTE, SEED_TEXT, inventive_single_pass

import briefgen
from briefgen.cli.options import config_from, memo_parser
from briefgen.extract.extractive import MAX_QUOTES
from briefgen.llm.backend import CompletionRequest
from briefgen.llm.function import FunctionBackend
from briefgen.memo.report import ANNEX_QUOTE
from briefgen.memo.styles import SHIPPED_STYLES
from briefgen.render.evidence import evidence_context
from briefgen.render.markdown import TEMPLATE_DIR
from briefgen.text.quotations import long_enough

SETTINGS: dict[str, Any] = {"cache": False, "max_retry_wait": 0.01}
_SPEAKERS = [
    "Mayor Ann Lee",
    "Governor Tom Reyes",
    "Senator Mia Holt",
    "Minister Omar Diaz",
    "Councillor Ruth Byrne",
    "Judge Alan Price",
    "Colonel Dev Patel",
    "Bishop Clare Dunn",
]


def _eight_speakers() -> str:
    paragraphs = ["Ferry talks end in Westport"]
    for number, speaker in enumerate(_SPEAKERS, start=1):
        paragraphs.append(
            f"“The ferry question number {number} needs an answer this winter,” {speaker} "
            f"said on Monday. Talks on point {number} went on into the night."
        )
    return "\n\n".join(paragraphs)


def _selects_nothing(request: CompletionRequest) -> str:
    return "{}"


def _extractive(text: str, **settings: Any) -> briefgen.Brief:
    backend = FunctionBackend(_selects_nothing)
    return briefgen.generate_brief(text, client=backend, plan="extractive", **SETTINGS, **settings)


def test_every_quotation_is_in_the_annex_with_its_speaker_beside_the_key_quotes() -> None:
    brief = _extractive(_eight_speakers())
    assert len(brief.data.quotes) <= MAX_QUOTES < len(_SPEAKERS)
    annex = brief.data.annex_quotes
    assert [q.speaker for q in annex] == _SPEAKERS
    assert [q.start for q in annex] == sorted(q.start for q in annex)
    for quote in annex:
        assert brief.article.text[quote.start : quote.end] == quote.text
    tail = brief.markdown[brief.markdown.index("## Source annex") :]
    assert "### Quotations in the article" in tail
    for speaker in _SPEAKERS:
        assert f"winter” — {speaker} [" in tail
    # The annex's records are its own kind, apart from the memo's quotes.
    assert ANNEX_QUOTE in {r.kind for r in brief.report.grounding}


def test_the_annex_adds_no_citation_to_the_memo_body() -> None:
    text = _eight_speakers()
    with_annex = _extractive(text)
    without = _extractive(text, quotation_annex=False)
    assert without.data.annex_quotes == []
    assert "Quotations in the article" not in without.markdown
    assert with_annex.data.cited_ids() == without.data.cited_ids()
    assert with_annex.report.summary == without.report.summary  # not extracted items
    assert len(with_annex.data.cited_ids()) <= len(with_annex.article.sentences) // 2


def test_a_memo_whose_key_quotes_are_all_its_quotations_prints_no_annex() -> None:
    text = "“The ferry will run again before the winter,” Mayor Ann Lee said on Monday."
    brief = _extractive(text)
    assert len(brief.data.annex_quotes) == len(brief.data.quotes) == 1
    assert "Quotations in the article" not in brief.markdown


def test_an_unsure_reading_is_printed_as_not_stated() -> None:
    # Two people in the paragraph and a pronoun: the reading leaves the speaker out.
    text = (
        "Ferry talks end in Westport\n\n"
        "Ann Lee met Tom Reyes on Monday. “We will keep the ferry running all winter,” she "
        "said. “The money for it is already in the budget,” he said.\n\n"
        "“Nobody in this town will be left without a crossing,” Ruth Byrne said later.\n\n"
        "“The council has found the money for the harbour wall,” an official said."
    )
    brief = _extractive(text)
    printed = {q.text[:20]: q.speaker for q in brief.data.annex_quotes}
    assert printed["Nobody in this town "] == "Ruth Byrne"
    assert printed["The council has foun"] == "an official"
    tail = brief.markdown[brief.markdown.index("### Quotations in the article") :]
    for quote in brief.data.annex_quotes:
        if quote.speaker is None:
            assert f"{quote.text}” — speaker not stated" in tail


def test_the_models_speaker_never_reaches_the_annex() -> None:
    answer = inventive_single_pass()  # the article's quote given to an invented speaker
    backend = FunctionBackend(lambda request: json.dumps(answer))
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, **SETTINGS)
    speakers = {q.speaker for q in brief.data.annex_quotes}
    assert INVENTED_SPEAKER not in speakers
    [real] = [q for q in brief.data.annex_quotes if q.text.startswith(REAL_QUOTE[:30])]
    assert real.speaker == "an official"


def test_the_evidence_view_lists_the_annex_and_counts_only_the_memos_citations() -> None:
    with_annex = _extractive(_eight_speakers())
    html = with_annex.to_html()
    assert "Annex: quotations in the article" in html
    assert "Bishop Clare Dunn" in html
    # Quotations by roles, no actor citing their sentences: only the annex holds them.
    paragraphs = ["Ferry talks end in Westport"] + [
        f"“The ferry question number {n} needs an answer this winter,” an official said. "
        f"Talks on point {n} went on into the night."
        for n in range(1, 9)
    ]
    text = "\n\n".join(paragraphs)
    annexed, plain = _extractive(text), _extractive(text, quotation_annex=False)
    assert len(annexed.data.annex_quotes) == 8
    assert evidence_context(annexed)["cited_count"] == evidence_context(plain)["cited_count"]


def test_the_command_line_leaves_the_annex_out_on_request() -> None:
    parser = memo_parser("")
    assert config_from(parser.parse_args(["a.txt"])).quotation_annex is True
    off = parser.parse_args(["a.txt", "--no-quotation-annex"])
    assert config_from(off).quotation_annex is False


def test_a_quotation_is_long_enough_by_words_or_in_unspaced_writing_by_characters() -> None:
    assert long_enough("we will reopen it")
    assert not long_enough("reopen it now")
    assert long_enough("我们将在冬天之前重新开通")
    assert not long_enough("渡轮问题")


@pytest.mark.parametrize("style", sorted(SHIPPED_STYLES))
def test_every_shipped_style_ends_with_the_annex(style: str) -> None:
    brief = _extractive(_eight_speakers(), style=style)
    annex = brief.markdown[brief.markdown.index("### Quotations in the article") :]
    assert all(speaker in annex for speaker in _SPEAKERS)


def test_templates_exported_before_the_annex_still_render_it(tmp_path: Path) -> None:
    # An export of the templates from before the annex has no _quotations.md.j2: the
    # shipped one is found beside the user's own.
    for source in TEMPLATE_DIR.glob("*.md.j2"):
        if source.name != "_quotations.md.j2":
            (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"))
    brief = _extractive(_eight_speakers(), template_dir=tmp_path)
    assert "### Quotations in the article" in brief.markdown
