"""The dossier engine driven through FunctionBackend (no socket): what it sends for many
articles, how it renumbers, merges, reduces in rounds, skips a failed article and grounds
what the model says about disagreements. tests/integration/test_dossier.py covers the
same through a real loopback server.
"""

from __future__ import annotations

import json
import random
import re
import socket
from collections.abc import Callable
from typing import Any

import pytest
from dossier_articles import BOMBING_A, BOMBING_B, PUBLISHED_A, PUBLISHED_B, UNRELATED
from seed_answers import empty_extraction

import briefgen
from briefgen.ingest.article import Article
from briefgen.llm.backend import BackendError, CompletionRequest
from briefgen.llm.function import FunctionBackend
from briefgen.run.estimate import estimate_dossier

MODEL = "gpt-4o-mini"
SETTINGS: dict[str, Any] = {"cache": False, "max_retry_wait": 0.01}
_NUMBERED = re.compile(r"^\[(S\d+)\] (.*)$", re.MULTILINE)
_FACTS = re.compile(r"<facts>\s*(.*?)\s*</facts>", re.DOTALL)
_EMPTY = empty_extraction()


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a FunctionBackend test tried to open a connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _user(request: CompletionRequest) -> str:
    return [m["content"] for m in request.messages if m["role"] == "user"][-1]


def _facts(request: CompletionRequest) -> dict[str, Any]:
    match = _FACTS.search(_user(request))
    assert match is not None
    return dict(json.loads(match.group(1)))


def _rows(facts: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for rows in facts.values() for row in rows]


def _row_text(row: dict[str, Any]) -> str:
    return str(row.get("what") or row.get("fact") or row.get("text") or row.get("stance"))


def _model(
    contradictions: Callable[[dict[str, Any]], list[Any]] = lambda _facts: [],
) -> Callable[[CompletionRequest], Any]:
    """Extraction: every body sentence an event. Synthesis: the first facts as summary,
    and the disagreements ``contradictions`` makes of the facts."""

    def answer(request: CompletionRequest) -> Any:
        if request.name == "briefgen_extraction":
            lines = _NUMBERED.findall(_user(request))[1:]
            events = [
                {"what": text, "when": None, "where": None, "who": [], "sentence_ids": [sid]}
                for sid, text in lines
            ]
            return {**_EMPTY, "events": events}
        assert request.name == "briefgen_dossier", request.name
        facts = _facts(request)
        rows = _rows(facts)
        lines = [{"text": _row_text(r), "sentence_ids": r["ids"]} for r in rows[:3]]
        return {
            "subject": lines[0],
            "bluf": lines[:2],
            "background": [],
            "outlook": [],
            "information_gaps": ["Who planned the attack?"],
            "contradictions": contradictions(facts),
        }

    return answer


def _dossier(answer: Callable[[CompletionRequest], Any], articles: list[Any], **extra: Any):
    backend = FunctionBackend(answer, model=MODEL)
    brief = briefgen.generate_dossier(articles, client=backend, **{**SETTINGS, **extra})
    return brief, backend


def _reports() -> list[Article]:
    return [
        Article.from_text(BOMBING_A, published=PUBLISHED_A),
        Article.from_text(BOMBING_B, published=PUBLISHED_B),
        Article.from_text(UNRELATED),
    ]


def test_each_article_is_asked_once_with_its_own_ids_and_the_memo_cites_dossier_ids() -> None:
    brief, backend = _dossier(_model(), _reports())
    names = [r.name for r in backend.requests]
    assert names.count("briefgen_extraction") == 3
    assert names.count("briefgen_dossier") == 1
    extraction_users = [_user(r) for r in backend.requests if r.name == "briefgen_extraction"]
    # The article's own request: local ids, nothing of the other articles.
    assert all("A1:" not in text and "[S2]" in text for text in extraction_users)
    assert sum("Karvana" in text for text in extraction_users) == 2
    synthesis = next(r for r in backend.requests if r.name == "briefgen_dossier")
    assert "A1:S2" in _user(synthesis) and "A3:S2" in _user(synthesis)
    cited = brief.data.cited_ids()
    assert {sid.split(":")[0] for sid in cited} == {"A1", "A2", "A3"}
    assert all(brief.article.sentence(sid) is not None for sid in cited)
    assert [a.text for a in brief.articles] == [a.text for a in _reports()]
    assert [s.status for s in brief.data.sources] == ["used", "used", "used"]


def test_no_article_sentence_is_sent_twice() -> None:
    _, backend = _dossier(_model(), _reports())
    prompts = [_user(r) for r in backend.requests if r.name == "briefgen_extraction"]
    for doc in _reports():
        for sentence in doc.sentences[1:]:
            assert sum(sentence.text in p for p in prompts) == 1, sentence.text


_WORDS = (
    "harbour council budget river bridge school farmers drought vaccine railway border "
    "election court mayor festival museum factory strike wages tariff ferry airport clinic "
    "rainfall harvest senate treaty pipeline mine forest"
).split()


def _distinct_report(seed: int) -> str:
    """A short report whose sentences share no run of five words with another seed's."""
    rng = random.Random(seed)
    lines = [f"Report number {seed}"]
    for n in range(5):
        words = rng.sample(_WORDS, 7)
        lines.append(
            f"The {words[0]} and {words[1]} of {words[2]} met {seed * 10 + n} {words[3]} "
            f"near the {words[4]} {words[5]} {words[6]}."
        )
    return "\n".join(lines)


def test_merged_facts_over_the_budget_are_reduced_in_rounds() -> None:
    articles = [_distinct_report(seed) for seed in range(1, 13)]
    brief, backend = _dossier(_model(), articles, synthesis_tokens=500)
    rounds = [_user(r) for r in backend.requests if r.name == "briefgen_dossier"]
    assert len(rounds) >= 3  # at least two parts, then the final call
    assert any(re.search(r"part 1 of [2-9]", u) for u in rounds)
    assert "part " not in rounds[-1].split("<facts>")[0]  # the last reads everything left
    final = _facts(backend.requests[-1])
    assert all(set(row) <= {"text", "n", "ids"} for row in _rows(final))
    assert len(brief.data.sources) == 12 and brief.data.independent_sources == 12
    assert brief.data.bluf and all(brief.article.sentence(s) for s in brief.data.cited_ids())


def test_a_failed_article_is_left_out_and_named_or_raises() -> None:
    def refusing(request: CompletionRequest) -> Any:
        if request.name == "briefgen_extraction" and "Velmar" in _user(request):
            return briefgen.Completion(text="", refusal="I cannot help with that.")
        return _model()(request)

    brief, _ = _dossier(refusing, _reports())
    assert [s.status for s in brief.data.sources] == ["used", "used", "failed"]
    assert any("A3" in w for w in brief.report.warnings)
    assert not any(sid.startswith("A3:") for sid in brief.data.cited_ids())
    with pytest.raises(briefgen.RefusalError, match="A3"):
        _dossier(refusing, _reports(), on_article_failure="raise")


def test_a_bad_key_stops_the_dossier_even_when_failures_are_skipped() -> None:
    def unauthorised(request: CompletionRequest) -> Any:
        raise BackendError("Incorrect API key provided", retryable=False, status=401)

    with pytest.raises(briefgen.LLMError):
        _dossier(unauthorised, _reports())


def test_the_same_text_twice_counts_once_and_a_wire_copy_is_not_sent() -> None:
    copy = BOMBING_A.replace("Market bombing kills 12 in Karvana", "Twelve dead in Karvana")
    copy = copy.replace("Northwire", "Daily Courier")
    brief, backend = _dossier(_model(), [*_reports(), BOMBING_B, copy])
    assert [r.name for r in backend.requests].count("briefgen_extraction") == 3
    statuses = [(s.status, s.same_as) for s in brief.data.sources]
    assert statuses[3] == ("duplicate", 2)
    assert statuses[4] == ("copy", 1)
    assert brief.data.independent_sources == 3


def test_the_model_cannot_put_one_source_on_both_sides_or_invent_a_side() -> None:
    def sides(facts: dict[str, Any]) -> list[Any]:
        rows = _rows(facts)
        first = next(r for r in rows if r["ids"][0].startswith("A1:"))
        other = next(r for r in rows if r["ids"][0].startswith("A2:"))
        same = next(r for r in rows if r["ids"][0].startswith("A1:") and r is not first)
        return [
            {  # one source against itself: not a disagreement between sources
                "topic": "the blast",
                "sides": [
                    {"claim": _row_text(first), "sentence_ids": first["ids"]},
                    {"claim": _row_text(same), "sentence_ids": same["ids"]},
                ],
            },
            {  # a side its source does not say
                "topic": "the drone",
                "sides": [
                    {"claim": _row_text(first), "sentence_ids": first["ids"]},
                    {"claim": "Forty people were killed by a drone.", "sentence_ids": other["ids"]},
                ],
            },
        ]

    brief, _ = _dossier(_model(sides), _reports())
    assert not [c for c in brief.data.contradictions if c.found_by != "rules"]
    decided = {r.text: r for r in brief.report.grounding if r.kind == "contradiction"}
    assert decided["the blast"].status == "dropped"
    assert decided["the drone"].status == "dropped"
    assert "fewer than two sources" in str(decided["the drone"].reason)
    assert any("Forty" in r.text for r in brief.report.grounding if r.status == "dropped")


def test_a_disagreement_the_model_reports_is_kept_with_each_side_cited() -> None:
    def toll(facts: dict[str, Any]) -> list[Any]:
        rows = _rows(facts)
        a = next(r for r in rows if "12 people" in _row_text(r))
        b = next(r for r in rows if "19 people" in _row_text(r))
        return [
            {
                "topic": "death toll",
                "sides": [
                    {"claim": _row_text(a), "sentence_ids": a["ids"]},
                    {"claim": _row_text(b), "sentence_ids": b["ids"]},
                ],
            }
        ]

    brief, _ = _dossier(_model(toll), _reports())
    [toll_dispute] = [c for c in brief.data.contradictions if "12" in c.sides[0].claim]
    assert toll_dispute.found_by in ("model", "model and rules")
    assert [s.sentence_ids[0].split(":")[0] for s in toll_dispute.sides] == ["A1", "A2"]
    assert "Contradictions between sources" in brief.markdown


def test_progress_is_told_per_article() -> None:
    events: list[briefgen.Progress] = []
    backend = FunctionBackend(_model(), model=MODEL)
    briefgen.generate_dossier(_reports(), client=backend, progress=events.append, **SETTINGS)
    done = sorted(e.article for e in events if e.stage == "done")
    assert done == [0, 1, 2]
    assert all(e.articles == 3 for e in events)


def test_the_extractive_plan_makes_a_dossier_without_a_synthesis_call() -> None:
    def select(request: CompletionRequest) -> Any:
        assert request.name == "briefgen_selection", request.name
        ids = [sid for sid, _ in _NUMBERED.findall(_user(request))]
        return {"summary": ids[1:2], "developments": ids[2:4]}

    brief, backend = _dossier(select, _reports(), plan="extractive")
    assert [r.name for r in backend.requests] == ["briefgen_selection"] * 3
    assert brief.report.plan == "extractive"
    summary_sources = {s.sentence_ids[0].split(":")[0] for s in brief.data.bluf}
    assert len(summary_sources) >= 2  # the summary takes the sources in turn
    assert all(brief.article.sentence(sid) for sid in brief.data.cited_ids())


def test_one_article_is_the_memo_generate_brief_makes() -> None:
    one = [Article.from_text(BOMBING_A)]

    def single(request: CompletionRequest) -> Any:
        assert request.name == "briefgen_memo"
        lines = _NUMBERED.findall(_user(request))
        statement = {"text": lines[1][1], "sentence_ids": [lines[1][0]]}
        memo = {
            "subject": statement,
            "bluf": [statement],
            "background": [],
            "outlook": [],
            "information_gaps": [],
        }
        return {"extraction": _EMPTY, "memo": memo}

    dossier, _ = _dossier(single, one)
    brief = briefgen.generate_brief(one[0], client=FunctionBackend(single, model=MODEL), **SETTINGS)
    assert dossier.markdown == brief.markdown
    assert dossier.data.sources == [] and dossier.data.cited_ids() == ["S2"]


def test_estimate_counts_one_call_per_distinct_article_and_the_synthesis() -> None:
    server = {"model": MODEL, "base_url": "http://127.0.0.1:9/v1", "api_key": "sk-test"}
    forecast = estimate_dossier([*_reports(), BOMBING_A], **server)
    names = [c.name for c in forecast.detail]
    assert names == ["briefgen_extraction"] * 3 + ["briefgen_dossier"]
    many = [_distinct_report(seed) for seed in range(1, 40)]
    small = estimate_dossier(many, synthesis_tokens=500, **server)
    assert [c.name for c in small.detail].count("briefgen_dossier") > 1


def test_a_memo_cut_to_its_length_budget_returns_and_lists_only_what_it_shows() -> None:
    articles = [_distinct_report(seed) for seed in range(1, 25)]
    brief, _ = _dossier(_model(), articles, style="info-memo")
    assert any("length budget" in w for w in brief.report.warnings)
    annex = brief.markdown.split("Tab 1. Sources:")[1]
    rows = re.findall(r"^\| Key development (\d+) \|", annex, re.MULTILINE)
    assert len(rows) == len(brief.data.developments) > 0
    body = brief.markdown.split("## Source annex")[0]
    assert len(re.findall(r"^\d+\. ", body, re.MULTILINE)) >= len(brief.data.developments)
    for sid in brief.data.cited_ids():
        assert f"**{sid}**" in annex  # every id the data cites is a sentence in the annex


def test_the_model_verifier_reads_the_dossier_once() -> None:
    def answer(request: CompletionRequest) -> Any:
        if request.name == "briefgen_verification":
            ids = re.findall(r'"id": ?"(V\d+)"', _user(request)) or re.findall(
                r"\b(V\d+)\b", _user(request)
            )
            verdicts = [{"id": i, "verdict": "supported", "evidence": []} for i in ids]
            return {"verdicts": verdicts}
        return _model()(request)

    brief, backend = _dossier(answer, _reports(), verify="model")
    assert [r.name for r in backend.requests].count("briefgen_verification") == 1
    verification = next(r for r in backend.requests if r.name == "briefgen_verification")
    assert "A1:S" in _user(verification) and "A2:S" in _user(verification)
    assert any(r.verdict == "supported" for r in brief.report.grounding)


def test_items_are_ordered_most_carried_first_then_each_source_in_turn() -> None:
    articles = [_distinct_report(seed) for seed in range(1, 4)]
    brief, _ = _dossier(_model(), articles, style="one-pager")
    firsts = [e.sentence_ids[0].split(":")[0] for e in brief.data.developments[:3]]
    # Each source's first event before any second one (a repeat of the summary may go).
    assert sorted(firsts) == ["A1", "A2", "A3"]


def test_a_memo_over_budget_keeps_as_much_as_fits() -> None:
    from briefgen.render.markdown import body_words

    articles = [_distinct_report(seed) for seed in range(1, 25)]
    brief, _ = _dossier(_model(), articles, style="info-memo")
    words = body_words(brief.markdown)
    longest = max(len(e.what.split()) for e in brief.data.developments)
    assert 1000 - 3 * longest <= words <= 1000  # cut to the budget, not far below it


def test_nothing_cites_the_text_of_an_article_whose_extraction_failed() -> None:
    quoted = '"We will rebuild the market within a year," said Mayor Ida Brun.'
    failing = BOMBING_B + "\n" + quoted  # A2: refused below
    quoting = UNRELATED + "\n" + quoted  # A3: its quote is also in A2's text, which comes first

    def answer(request: CompletionRequest) -> Any:
        if request.name == "briefgen_extraction" and "Eastern Press" in _user(request):
            return briefgen.Completion(text="", refusal="no")
        if request.name == "briefgen_extraction" and "Velmar" in _user(request):
            sid = next(s for s, t in _NUMBERED.findall(_user(request)) if "rebuild" in t)
            quote = {
                "speaker": "Mayor Ida Brun",
                "text": "We will rebuild the market within a year",
                "source": "named",
                "sentence_ids": [sid],
            }
            return {**_EMPTY, "quotes": [quote]}
        return _model()(request)

    brief, _ = _dossier(answer, [Article.from_text(BOMBING_A), failing, quoting])
    assert brief.data.sources[1].status == "failed"
    assert not any(sid.startswith("A2:") for sid in brief.data.cited_ids())
