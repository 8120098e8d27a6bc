"""Who said a quotation when the article puts it in a document's mouth ("the statement
said"), and the other forms of real news read since: a complementiser before the
subject, a surname that is also a verb of speech, a demonstrative before a role. Every
article here is made up for the test."""

from __future__ import annotations

import pytest
from attribution_reading import speaker_of


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            "Ottawa news.\n\n“We stand with our oldest ally,” the statement said.",
            "We stand with our oldest ally",
            "the statement",
        ),
        (  # "report" is a verb of speech too; before "said" it is the document
            "Ottawa news.\n\n“The computers had been hacked by a foreign government,” the "
            "congressional report said.",
            "The computers had been hacked",
            "the congressional report",
        ),
        (  # whom it was sent to is part of the phrase, never the speaker
            "The letter to Ann Lee said: “Your request for a permit has been denied.”",
            "Your request for a permit",
            "The letter to Ann Lee",
        ),
        (  # "read" is how a document says it
            "Ottawa news.\n\n“The mayor should come and see the damage,” the editorial read.",
            "The mayor should come",
            "the editorial",
        ),
        (
            "Ottawa news.\n\n“The firing was improper,” the suit says.",
            "The firing was improper",
            "the suit",
        ),
        (  # a document with no determiner is no phrase of its own
            "Ottawa news.\n\n“The firing was improper,” report said.",
            "The firing was improper",
            None,
        ),
        (  # the document is described further by what follows it: unsure
            "“The evidence cannot support a prosecution,” according to a court document "
            "filed by the state attorney.",
            "The evidence cannot support",
            None,
        ),
    ],
)
def test_a_document_speaks_as_the_article_writes_it(
    text: str, quote: str, expected: str | None
) -> None:
    assert speaker_of(text, quote) == expected


def test_the_subject_after_a_complementiser_is_thespeaker_of() -> None:
    text = (
        "Ottawa news.\n\nThe debate grew so heated that Gov. Chris Christie said, “I feel "
        "like I need a converter.”"
    )
    assert speaker_of(text, "I feel like I need a converter.") == "Gov. Chris Christie"


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (  # "Read" follows a given name elsewhere: a surname, not the verb
            "Pfizer's chief executive, Ian Read, spoke on Monday.\n\n“We have assessed the "
            "risk,” Read said.",
            "We have assessed the risk",
            "Read",
        ),
        (  # after no given name, a capitalised "Reads" is the verb still, not a name
            "Ottawa news.\n\nThe Sign Above The Door Reads: “We will rebuild the bridge.”",
            "We will rebuild the bridge",
            None,
        ),
    ],
)
def test_a_surname_that_is_also_a_verb_of_speech(
    text: str, quote: str, expected: str | None
) -> None:
    assert speaker_of(text, quote) == expected


def test_a_demonstrative_opens_a_describedspeaker_of() -> None:
    text = "Ottawa news.\n\n“The staff do not like him,” this source told the Post."
    assert speaker_of(text, "The staff do not like him") == "this source"


def test_a_mistyped_closing_mark_leaves_the_said_clause_outside() -> None:
    text = (
        "Ottawa news.\n\n“Apparently not,“ Ben Carson said. “A leopard does not change its spots.”"
    )
    assert speaker_of(text, "Apparently not,") == "Ben Carson"
    assert speaker_of(text, "A leopard does not change") == "Ben Carson"


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (  # a role, then where it is
            "Ottawa news.\n\n“Will he be the next attorney general?” a Democratic staffer in "
            "the room wondered.",
            "Will he be the next",
            "a Democratic staffer in the room",
        ),
        (  # "put it" is how a source says it
            "Ottawa news.\n\nBut at the time, as prosecutor Marc Trevidic put it, “there was "
            "not much to complain about.”",
            "there was not much",
            "prosecutor Marc Trevidic",
        ),
        (  # a year after a determiner describes the role
            "Ottawa news.\n\n“She did not like that,” said a 2008 Clinton veteran.",
            "She did not like that",
            "a 2008 Clinton veteran",
        ),
        (  # "reacted" is a verb of speech, put before its subject too
            "Ottawa news.\n\n“Is the mayor profiling?” reacted Ann Lee.",
            "Is the mayor profiling?",
            "Ann Lee",
        ),
        (  # one of a party, described further: someone described, not named
            "Ottawa news.\n\n“It was not convincing,” said one Democrat familiar with the "
            "discussion.",
            "It was not convincing",
            "one Democrat",
        ),
        (  # a bullet before the sentence: its first word still opens it
            "Ottawa news.\n\n~ As Vulture put it, “Hello, it is the singer.” The chart changed.",
            "Hello, it is the singer.",
            "Vulture",
        ),
    ],
)
def test_a_described_source_of_news_reads_whole(
    text: str, quote: str, expected: str | None
) -> None:
    assert speaker_of(text, quote) == expected
