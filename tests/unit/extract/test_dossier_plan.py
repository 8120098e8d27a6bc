"""The dossier's call plan: renumbering answers, the synthesis digest, parts of a round."""

from __future__ import annotations

from dossier_articles import BOMBING_A, BOMBING_B

from briefgen.extract.dossier_plan import digest, plan_dossier, renumber, split_facts
from briefgen.extract.plan import PlanOptions
from briefgen.extract.schema import Extraction
from briefgen.ingest.article import Article
from briefgen.ingest.dossier import Entry, build_dossier
from briefgen.llm.tokens import token_counter
from briefgen.memo.fields import dossier_fields_for
from briefgen.memo.items import Event, Quote
from briefgen.memo.styles import get_style

COUNTER = token_counter("gpt-4o-mini")


def test_renumber_reaches_every_cited_item() -> None:
    extraction = Extraction(
        actors=[],
        positions=[],
        events=[Event(what="x", when=None, where=None, who=[], sentence_ids=["S2", "S3"])],
        quotes=[Quote(speaker="a", text="b", source="named", sentence_ids=["S4"])],
        allegations=[],
        key_facts=[],
        agenda_items=[],
    )
    out = renumber(extraction, 7)
    assert out.events[0].sentence_ids == ["A7:S2", "A7:S3"]
    assert out.quotes[0].sentence_ids == ["A7:S4"]
    assert extraction.events[0].sentence_ids == ["S2", "S3"]  # the input is not changed


def _row(text: str, n: int, *ids: str) -> dict[str, object]:
    return {"what": text, "n": n, "ids": list(ids)}


def test_the_digest_keeps_what_several_sources_carry_and_a_few_of_each_source() -> None:
    facts = {
        "events": [
            _row("talks resumed in the capital", 3, "A1:S2", "A2:S2", "A3:S4"),
            _row("the first of source one", 1, "A1:S3"),
            _row("the second of source one", 1, "A1:S4"),
            _row("the third of source one", 1, "A1:S5"),
            _row("the first of source two", 1, "A2:S3"),
        ],
        "facts": [_row("the first of source one again", 1, "A1:S3")],
    }
    out = digest(facts, per_source=2)
    texts = [r["what"] for rows in out.values() for r in rows]
    assert texts == [
        "talks resumed in the capital",
        "the first of source one",
        "the second of source one",
        "the first of source two",
    ]


def test_facts_over_the_budget_split_into_parts_that_each_fit() -> None:
    facts = {"events": [_row(f"event number {i} in the north", 1, f"A{i}:S2") for i in range(60)]}
    parts = split_facts(facts, 200, COUNTER)
    assert len(parts) > 1
    assert sum(len(p["events"]) for p in parts) == 60
    small = split_facts({"events": facts["events"][:2]}, 200, COUNTER)
    assert small == [{"events": facts["events"][:2]}]


def test_articles_keep_their_own_prompts_and_the_synthesis_reads_dossier_ids() -> None:
    dossier = build_dossier(
        [Entry(Article.from_text(BOMBING_A)), Entry(Article.from_text(BOMBING_B))]
    )
    plan = plan_dossier(dossier, get_style("info-memo"), COUNTER, PlanOptions(chunk_tokens=3000))
    [first] = plan.members[1].first_round
    assert first.name == "briefgen_extraction"
    assert "[S2]" in first.messages[-1]["content"] and "A1:" not in first.messages[-1]["content"]
    call = plan.synthesis_call({"events": [_row("a bomb", 2, "A1:S2", "A2:S2")]})
    assert call.name == "briefgen_dossier"
    assert call.output_type is dossier_fields_for(get_style("info-memo").memo_fields)
    assert "A1: Market bombing kills 12 in Karvana" in call.messages[-1]["content"]
    assert '"A2:S2"' in call.messages[-1]["content"]
