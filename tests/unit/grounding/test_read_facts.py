"""The figures of a sentence are read once per text and kept: the same sentence met again
(in another article of the story, at another place) gives the same facts, each bound to
the sentence it was met in."""

from __future__ import annotations

import pytest

from briefgen.grounding.conflicts import _numbers
from briefgen.grounding.conflicts._facts import read_facts
from briefgen.ingest.article import Sentence

_TEXT = "The United Nations says 8.3 million people have been displaced by the fighting."


def test_a_sentence_read_again_gives_its_facts_bound_to_where_it_is() -> None:
    first = read_facts(Sentence(id="S3", start=0, end=len(_TEXT), text=_TEXT), "")
    again = Sentence(id="A2:S7", start=120, end=120 + len(_TEXT), text=_TEXT)
    second = read_facts(again, "")
    assert [f.measure for f in first] == ["displaced"] == [f.measure for f in second]
    assert [f.number_text for f in second] == ["8.3 million"]
    assert [f.sentence for f in second] == [again]
    assert [f.source for f in second] == [2]
    assert first[0].sentence.id == "S3"


def test_what_follows_the_sentence_is_part_of_what_is_read() -> None:
    cut = "Aid worth $ 1."
    sentence = Sentence(id="S1", start=0, end=len(cut), text=cut)
    # A next sentence that opens with a digit: the split broke a number, read neither half.
    assert read_facts(sentence, "5 mi") != read_facts(sentence, " The")
    assert read_facts(sentence, "5 mi") == read_facts(sentence, "5 mi")


def _facts(text: str) -> list[str]:
    return [
        f"{f.measure} {f.number_text}"
        for f in read_facts(Sentence(id="S1", start=0, end=len(text), text=text), "")
    ]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("At least 12 people were killed in the raid.", ["killed 12"]),
        ("He paid $5 million for the land.", ["money:dollar 5 million"]),
        ("Turnout was 62 percent, officials said.", ["percent 62"]),
        ("Turnout was 62%.", ["percent 62"]),
        ("Some 40 soldiers waited at the checkpoint.", ["count:soldier 40"]),
        ("Port Selim talks, day 12: the army in focus", []),
        ("The talks opened on March 1 in Port Selim.", []),
    ],
)
def test_a_number_with_no_word_or_unit_to_bind_it_gives_no_fact(
    text: str, wanted: list[str]
) -> None:
    # Only what a measure can bind is read further: a casualty word, a counted noun, a unit.
    assert _facts(text) == wanted


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The UN says 8.3 Million people fled.", ("8.3", "million")),
        ("A grant of $ 5 million was paid.", ("$", "5", "million")),
        ("It cost 120 dollars, not 20 dollars.", ("20", "dollars")),
        ("id_20 and 20_x, then 20.", ("20",)),
        ("Toll: 20 -- 20,000 -- killed.", ("20,000", "killed")),
        ("Toll: 20 -... killed.", ("20", "killed")),
        ("Toll: 20 -.-. killed.", ("20", "killed")),
        ("Le ſommet a réuni 20 chefs.", ("20", "chefs")),  # a long s: matched as re does
        ("Погибли 20 человек.", ("20", "человек")),
        ("No such number here.", ("42",)),
        ("", ("1",)),
    ],
)
def test_a_number_is_found_in_its_sentence_as_the_pattern_finds_it(
    text: str, tokens: tuple[str, ...]
) -> None:
    assert _numbers._find(text, tokens) == _numbers._find_by_pattern(text, tokens)


def test_the_clause_of_a_figure_is_found_without_a_pattern_made_for_it() -> None:
    text = "Officials said on Monday that at least 20 People were killed, and 30 injured."
    assert _numbers._find(text, ("20", "people")) == (text.index("20"), text.index(" were"))
