"""A question reports nothing: "Will the government resume talks?" is not evidence that
it will, though every word of "The government will resume talks" is in it.

Models turn an article's questions (a headline's, a lede's, a quoted one) into facts,
and a check of words alone passes them. So the parts of a sentence that are questions
are read apart from the rest: the support check (``grounding.support``) takes a
statement that only a question holds for unsupported, and the extractive plan never
takes a question for a statement of the memo. A question is the words before a question
mark back to the sentence's start, the last stop, colon or semicolon, or an opening
quotation mark ("“Who is responsible?” the minister asked, adding that the army had
withdrawn": only the quotation is asked).

Marks, not words: ``?`` and its full-width, Arabic and reversed forms end a question in
every language briefgen reads. A statement that is a question itself, or that says
something was asked (a word of asking: "asked whether", "fragte", "demande"), is
compared with the question as before.

Not read: a question's presupposition ("How did the newsroom find the forgeries?" says
that it found them): such a statement needs a sentence that says it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefgen.text.cjk import has_cjk
from briefgen.text.languages import claim_words
from briefgen.text.normalise import fold_text

QUESTION_MARKS = "?？؟⸮‽"
# What a question runs back to: a sentence end or break, or an opening quotation mark
# (and Spanish ¿, which opens one).
_OPENERS = '“„«»‹›「『"‘¿¡'
_BREAKS = ".!;:。！；：…"
_QUESTION = re.compile(
    rf"[^{re.escape(_BREAKS + _OPENERS + QUESTION_MARKS)}]*[{QUESTION_MARKS}][{QUESTION_MARKS}!]*"
)
_CLOSERS = "”“»«›‹」』\"’')]）】 \u00a0"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Words that say a question was asked, in English (the memo's frame, read in every
# language as claims reads English's own words); each language adds its own
# (``ClaimWords.asking``).
_ASKING_EN = frozenset(
    "ask asks asked asking question questions questioned questioning wonder wonders "
    "wondered wondering whether".split()
)


@dataclass(frozen=True)
class Asked:
    """A sentence read in two: its questions, and what it says besides."""

    questions: tuple[str, ...]
    told: str


@lru_cache(maxsize=4096)
def asked_in(text: str) -> Asked:
    """The questions of ``text`` and the rest of it (the text itself when it asks none)."""
    if not any(mark in text for mark in QUESTION_MARKS):
        return Asked((), text)
    questions = []
    told = []
    at = 0
    for match in _QUESTION.finditer(text):
        if not match.group().strip(" " + QUESTION_MARKS):
            continue  # "?!" after a closing mark: the question is the quotation before it
        questions.append(match.group().strip())
        told.append(text[at : match.start()])
        at = match.end()
    told.append(text[at:])
    return Asked(tuple(questions), " ".join(part.strip() for part in told if part.strip()))


def is_question(text: str) -> bool:
    """Whether ``text`` ends with a question mark (before closing marks and brackets)."""
    return text.rstrip(_CLOSERS)[-1:] in tuple(QUESTION_MARKS)


def says_asked(statement: str, language: str | None) -> bool:
    """Whether ``statement`` says something was asked, with a word of asking of English
    or of ``language`` (in unspaced text, as a run of its characters)."""
    folded = fold_text(statement)
    extra = claim_words(language)
    own = extra.asking if extra is not None else frozenset()
    words = set(_WORD.findall(folded))
    if not words.isdisjoint(_ASKING_EN | own):
        return True
    return has_cjk(folded) and any(word in folded for word in own if has_cjk(word))
