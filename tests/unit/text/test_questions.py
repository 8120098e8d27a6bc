"""Questions read apart from what a sentence states: by their marks, in every script."""

from __future__ import annotations

import re

import pytest

from briefgen.text.questions import asked_in, is_question, says_asked


@pytest.mark.parametrize(
    ("text", "questions", "told"),
    [
        ("Will the talks resume?", ("Will the talks resume?",), ""),
        (
            "“Who is responsible?” the minister asked, adding that the army had withdrawn.",
            ("Who is responsible?",),
            "the minister asked, adding that the army had withdrawn.",
        ),
        (
            "Der Minister sagte: „Wird die Armee abziehen?“",
            ("Wird die Armee abziehen?",),
            "Der Minister sagte:",
        ),
        (
            "¿Volverá el gobierno a negociar? Nadie lo sabe.",
            ("Volverá el gobierno a negociar?",),
            "Nadie lo sabe.",
        ),
        ("Le gouvernement va-t-il céder ?", ("Le gouvernement va-t-il céder ?",), ""),
        ("政府会恢复谈判吗？", ("政府会恢复谈判吗？",), ""),
        ("هل ستستأنف الحكومة المفاوضات؟", ("هل ستستأنف الحكومة المفاوضات؟",), ""),
        ("The army withdrew. Why?!", ("Why?!",), "The army withdrew."),
    ],
)
def test_a_question_runs_back_to_a_stop_or_an_opening_mark(
    text: str, questions: tuple[str, ...], told: str
) -> None:
    found = asked_in(text)
    assert found.questions == questions
    # What it tells is compared by its words: the marks of a quotation asked stay.
    assert re.findall(r"\w+", found.told) == re.findall(r"\w+", told)


def test_a_sentence_that_asks_nothing_is_all_told() -> None:
    assert asked_in("The army withdrew from Kessala on Monday.").questions == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will the talks resume?", True),
        ("“Will the talks resume?”", True),
        ("Will the talks resume? (Analysis)", False),
        ("政府会恢复谈判吗？」", True),
        ("“Will the talks resume?” he asked.", False),
        ("The talks resumed.", False),
    ],
)
def test_is_question_reads_the_last_mark(text: str, expected: bool) -> None:
    assert is_question(text) is expected


@pytest.mark.parametrize(
    ("statement", "language", "expected"),
    [
        ("The minister asked whether the army would withdraw.", "en", True),
        ("Der Minister fragte, ob die Armee abzieht.", "de", True),
        ("Le ministre demande si l'armée se retire.", "fr", True),
        ("部长询问军队是否撤离。", "zh", True),
        ("The minister asked whether the army would withdraw.", "de", True),
        ("Die Armee zieht ab.", "de", False),
        ("The army will withdraw.", None, False),
    ],
)
def test_a_statement_that_says_something_was_asked(
    statement: str, language: str | None, expected: bool
) -> None:
    assert says_asked(statement, language) is expected
