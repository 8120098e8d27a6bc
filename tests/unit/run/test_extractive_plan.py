"""The extractive plan: the model picks sentence ids, briefgen writes nothing; what the
model leaves empty or gets wrong, rules fill; everything still goes through grounding."""

from __future__ import annotations

import json
from typing import Any

import pytest
from repo_paths import EXAMPLES
from seed_answers import SEED_TEXT, good_single_pass

import briefgen
from briefgen.extract.extractive import actors, trimmed
from briefgen.ingest.article import Article
from briefgen.llm.backend import CompletionRequest
from briefgen.llm.function import FunctionBackend

SETTINGS: dict[str, Any] = {"cache": False, "max_retry_wait": 0.01, "plan": "extractive"}
EXAMPLE = EXAMPLES / "articles" / "pakistan_us_joint_ops.txt"


def _picks(**parts: list[str]) -> Any:
    def answer(request: CompletionRequest) -> str:
        assert request.name == "briefgen_selection"
        return json.dumps(parts)

    return answer


def _statements(brief: briefgen.Brief) -> list[str]:
    data = brief.data
    return [
        *(s.text for s in data.bluf),
        *(s.text for s in data.background),
        *(e.what for e in data.developments),
        *(p.stance for p in data.positions),
        *(a.item for a in data.agenda),
        *(o.text for o in data.outlook),
    ]


def test_the_models_picks_become_the_articles_own_sentences() -> None:
    backend = FunctionBackend(_picks(summary=["S3"], developments=["S4", "S8"], outlook=["S4"]))
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, **SETTINGS)
    [request] = backend.requests
    assert request.name == "briefgen_selection"
    # The schema admits sentence ids only: every string is pattern-bound.
    schema = json.dumps(request.schema)
    assert '"pattern": "^S[0-9]+$"' in schema
    assert brief.report.plan == "extractive"
    doc = brief.article
    assert brief.data.bluf[0].text == trimmed(doc, "S3")
    assert brief.data.bluf[0].text.startswith("Pakistan plans")  # "Islamabad:" trimmed
    assert [e.sentence_ids for e in brief.data.developments][:2] == [["S4"], ["S8"]]
    for text in _statements(brief):
        assert text in SEED_TEXT, text
    assert "extractive" in brief.markdown


def test_rules_fill_what_the_model_leaves_empty() -> None:
    brief = briefgen.generate_brief(SEED_TEXT, client=FunctionBackend(_picks()), **SETTINGS)
    data = brief.data
    kept = brief.report.summary.kept + brief.report.summary.amended
    assert kept >= 10
    assert data.bluf and data.positions and data.outlook and data.developments
    for outlook in data.outlook:
        assert outlook.basis == "reported" and outlook.likelihood is None
    assert "The article reports:" in brief.markdown
    texts = _statements(brief)
    assert len(texts) == len(set(texts)), "each sentence once"


def test_quotes_are_found_and_attributed_as_the_article_does() -> None:
    brief = briefgen.generate_brief(SEED_TEXT, client=FunctionBackend(_picks()), **SETTINGS)
    quotes = brief.data.quotes
    assert len(quotes) >= 2
    speakers = {q.text[:12]: q.speaker for q in quotes}
    assert speakers["He (Mr Tille"] == "an official"
    assert speakers["It would als"] == "one official"
    for quote in quotes:
        assert SEED_TEXT[quote.start : quote.end] == quote.text


def test_an_unusable_selection_falls_back_to_rules_and_says_so() -> None:
    backend = FunctionBackend(lambda _request: '{"summary": "not a list"}')
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, **SETTINGS, max_reasks=1)
    assert len(backend.requests) == 2  # asked, re-asked, then the rules
    assert brief.data.bluf
    assert any("rules chose" in w for w in brief.report.warnings)


def test_ids_the_article_lacks_are_ignored() -> None:
    backend = FunctionBackend(_picks(summary=["S99", "S3"], positions=["S1234"]))
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, **SETTINGS)
    assert brief.data.bluf[0].sentence_ids == ["S3"]


def test_actors_come_with_the_titles_the_article_gives() -> None:
    found = {a.name: a.title for a in actors(Article.from_text(SEED_TEXT))}
    assert found["Rex Tillerson"] == "US secretary of state"
    assert found["Khawaja Mohammed Asif"] == "foreign minister"
    assert "United States" not in found and "The Pakistani" not in found


@pytest.mark.parametrize(
    ("plan", "name"), [("auto", "briefgen_memo"), ("abstractive", "briefgen_memo")]
)
def test_a_capable_model_keeps_the_abstractive_plan(plan: str, name: str) -> None:
    backend = FunctionBackend(lambda _r: json.dumps(good_single_pass()))
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, cache=False, plan=plan)
    assert [r.name for r in backend.requests] == [name]
    assert brief.report.plan == "abstractive"


def test_a_model_marked_small_gets_the_extractive_plan() -> None:
    backend = FunctionBackend(_picks(summary=["S3"]))
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, cache=False, small_model=True)
    assert brief.report.plan == "extractive"


def test_estimate_counts_the_selection_call() -> None:
    estimate = briefgen.estimate(SEED_TEXT, plan="extractive", base_url="http://127.0.0.1:9/v1")
    assert [c.name for c in estimate.detail] == ["briefgen_selection"]


def _thirty_sentences() -> str:
    lines = ["Border talks resume in Geneva"]
    for day in range(1, 30):
        lines.append(
            f"On day {day} of the talks, delegates from the two countries discussed item "
            f"{day} of the border agenda, and officials said progress on point {day} was slow."
        )
    return "\n\n".join(lines)


@pytest.mark.parametrize(
    ("text", "most"),
    [(EXAMPLE.read_text(encoding="utf-8"), 10), (_thirty_sentences(), 15)],
    ids=["example-17", "invented-30"],
)
def test_the_extractive_memo_condenses_its_article(text: str, most: int) -> None:
    """At most half of the article's sentences, fewer as it grows; the lead is kept."""
    brief = briefgen.generate_brief(text, client=FunctionBackend(_picks()), **SETTINGS)
    cited = brief.data.cited_ids()
    assert len(cited) <= most, cited
    assert len(cited) <= len(brief.article.sentences) // 2
    body = [s.id for s in brief.article.sentences if s.text != brief.article.title]
    assert body[0] in cited or body[1] in cited


def test_a_model_that_picks_every_sentence_is_held_to_the_budget() -> None:
    every = [s.id for s in Article.from_text(SEED_TEXT).sentences]
    backend = FunctionBackend(_picks(summary=every[:3], developments=every[3:]))
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, **SETTINGS)
    assert len(brief.data.cited_ids()) <= len(every) // 2


_ASKING_LEAD = (
    "The reporter forged dozens of articles over seven years, the magazine said on "
    "Wednesday. How could this happen? And who knew about it? The editors found the "
    "forgeries after a colleague raised doubts in November. “Did we fail our readers?” "
    "the editor asked. The magazine will publish a full account of the affair next week. "
    "Two senior editors have stepped down since the affair came to light. The reporter "
    "had won several prizes for his work. The magazine has asked other outlets to check "
    "his articles."
)


@pytest.mark.parametrize("picks", [{}, {"summary": ["S2"], "developments": ["S3", "S4"]}])
def test_a_question_is_no_statement_of_the_memo(picks: dict[str, list[str]]) -> None:
    brief = briefgen.generate_brief(
        _ASKING_LEAD, client=FunctionBackend(_picks(**picks)), **SETTINGS
    )
    texts = _statements(brief)
    assert texts, "the memo has statements"
    assert not [t for t in texts if t.rstrip().endswith("?")], texts
    # The quotation that asks is still a quote.
    assert any(q.text.startswith("Did we fail") for q in brief.data.quotes)
