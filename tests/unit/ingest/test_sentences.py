"""Sentence splitting on the cases real text brings (issue: splitting breaks on real text)."""

from __future__ import annotations

import pytest

from briefgen import Article

CASES = [
    (
        "Thousands attended the service.Anzac Day commemorates the battle.A service was also held.",
        [
            "Thousands attended the service.",
            "Anzac Day commemorates the battle.",
            "A service was also held.",
        ],
    ),
    (
        "natalia moon learned tagalog . the darwin woman moved in 2012 . she landed a role "
        "on a show .",
        [
            "natalia moon learned tagalog .",
            "the darwin woman moved in 2012 .",
            "she landed a role on a show .",
        ],
    ),
    (
        "Am 3. Dezember trafen sich die Minister in Berlin. Sie sprachen über die Ukraine.",
        ["Am 3. Dezember trafen sich die Minister in Berlin.", "Sie sprachen über die Ukraine."],
    ),
    (
        "Le 14 juillet, le président a parlé. Il a annoncé des mesures.",
        ["Le 14 juillet, le président a parlé.", "Il a annoncé des mesures."],
    ),
    (
        "Mr. Smith met Dr. Jones at 10 a.m. on Jan. 5. They discussed the U.S. position.",
        ["Mr. Smith met Dr. Jones at 10 a.m. on Jan. 5.", "They discussed the U.S. position."],
    ),
    (
        "He said: “We will not go. Never.” Officials disagreed.",
        ["He said: “We will not go. Never.”", "Officials disagreed."],
    ),
    (
        "The deal is worth $4.5 billion. Shares rose 3.2 per cent.",
        ["The deal is worth $4.5 billion.", "Shares rose 3.2 per cent."],
    ),
    (
        "El Sr. García llegó a las 5. Después habló con la Sra. López.",
        ["El Sr. García llegó a las 5.", "Después habló con la Sra. López."],
    ),
    (
        "Die Regierung, z.B. das Innenministerium, widersprach. Der Minister schwieg.",
        ["Die Regierung, z.B. das Innenministerium, widersprach.", "Der Minister schwieg."],
    ),
    (
        'the report was "very disappointing". "thailand is now known for it," he said.',
        ['the report was "very disappointing".', '"thailand is now known for it," he said.'],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][0][:24] for c in CASES])
def test_sentences_of_real_text(text: str, expected: list[str]) -> None:
    doc = Article.from_text(text)
    assert [s.text for s in doc.sentences] == expected
    for sentence in doc.sentences:  # offsets still name the sentence exactly
        assert doc.text[sentence.start : sentence.end] == sentence.text


def test_a_quotation_is_split_only_where_it_closes() -> None:
    text = "“We will not go. Never. Not now,” the minister said. Aides agreed."
    sentences = [s.text for s in Article.from_text(text).sentences]
    assert sentences == ["“We will not go. Never. Not now,” the minister said.", "Aides agreed."]


def test_an_unclosed_quotation_does_not_swallow_the_paragraph() -> None:
    text = "He said: “We will not go. Officials disagreed. The talks ended."
    assert len(Article.from_text(text).sentences) == 3


# briefgen's own rules, as the golden suites of pySBD and sentencex showed them missing
# (issue 23); our own sentences.
OWN_RULES = [
    (
        "The treaty was signed in 1648.[2] It ended the war.",
        ["The treaty was signed in 1648.[2]", "It ended the war."],
    ),
    (
        "The talks moved to the U.S. How long they last is unclear.",
        ["The talks moved to the U.S.", "How long they last is unclear."],
    ),
    (
        "The choice was between you and I. Did anyone object to John F. Kennedy then?",
        ["The choice was between you and I.", "Did anyone object to John F. Kennedy then?"],
    ),
    (
        "Doyne travels to the U. S. A few times a year.",
        ["Doyne travels to the U. S. A few times a year."],
    ),
    (
        "Contact Anna.Berg@example.org today. She answers daily.",
        ["Contact Anna.Berg@example.org today.", "She answers daily."],
    ),
    (
        "He paused ... then he went on. The hall was silent.",
        ["He paused ... then he went on.", "The hall was silent."],
    ),
    (
        "The contract went to Briggs & Co. It was signed on Friday by Briggs & Co. Chairman Lee.",
        [
            "The contract went to Briggs & Co.",
            "It was signed on Friday by Briggs & Co. Chairman Lee.",
        ],
    ),
    (
        "The decree N°. 12 was published on Monday. It takes effect today.",
        ["The decree N°. 12 was published on Monday.", "It takes effect today."],
    ),
    (
        "The vote was set for the first week of Nov.. The date held after all.",
        ["The vote was set for the first week of Nov..", "The date held after all."],
    ),
    (
        "1. The budget is approved. 2. The vote is postponed.",
        ["1. The budget is approved.", "2. The vote is postponed."],
    ),
    (
        "È arrivato l'Avv. Rossi con il sindaco della città. La seduta del consiglio è iniziata.",
        [
            "È arrivato l'Avv. Rossi con il sindaco della città.",
            "La seduta del consiglio è iniziata.",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OWN_RULES, ids=[c[1][0][:24] for c in OWN_RULES])
def test_briefgens_rules_on_what_the_golden_suites_showed(text: str, expected: list[str]) -> None:
    doc = Article.from_text(text)
    assert doc.splitter == "briefgen"
    assert [s.text for s in doc.sentences] == expected
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
