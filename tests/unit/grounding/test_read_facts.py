"""The figures of a sentence are read once per text and kept: the same sentence met again
(in another article of the story, at another place) gives the same facts, each bound to
the sentence it was met in."""

from __future__ import annotations

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
