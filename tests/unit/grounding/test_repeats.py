"""A section never prints the same line twice: gaps and other unchecked lines included."""

from __future__ import annotations

from seed_answers import SEED_TEXT, good_single_pass

import briefgen
from briefgen import FunctionBackend


def test_the_same_information_gap_is_printed_once() -> None:
    answer = good_single_pass()
    gap = "How many troops would a joint operation need?"
    answer["memo"]["information_gaps"] = [gap, gap, gap.upper(), "Who leads the talks?"]
    backend = FunctionBackend(lambda request: answer, model="m")
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, cache=False)
    gaps = [g.casefold() for g in brief.data.information_gaps]
    assert len(gaps) == len(set(gaps)) and gap.casefold() in gaps
    assert brief.markdown.count(gap) == 1
    dropped = [
        r for r in brief.report.grounding if r.status == "dropped" and "repeats" in (r.reason or "")
    ]
    assert len(dropped) == 2


def test_a_gap_is_not_dropped_for_resembling_a_statement_of_another_section() -> None:
    answer = good_single_pass()
    summary = answer["memo"]["bluf"][0]["text"]
    answer["memo"]["information_gaps"] = [summary]
    backend = FunctionBackend(lambda request: answer, model="m")
    brief = briefgen.generate_brief(SEED_TEXT, client=backend, cache=False)
    assert not any("repeats" in (r.reason or "") for r in brief.report.grounding if r.kind == "gap")
