"""The facts of a sentence the number rules compare: each number bound to a measure
(killed, injured ..., a count of troops or votes, an amount of money, a percentage), with
its bound ("at least"), whose count it is and the words that say what it counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefgen.grounding.claims import (
    read_claim,
    read_quantities,
    words_for,
)
from briefgen.grounding.conflicts._words import (
    AFTER_MEASURE,
    APPROXIMATE,
    BACKGROUND,
    BEFORE_MEASURE,
    CASUALTY_WORDS,
    CHANGE,
    CLAUSE_BREAK,
    COUNT_NOUNS,
    COUNT_WORDS,
    FRESH,
    GENERIC_SUBJECTS,
    INEQUALITY,
    LOWER_BOUND,
    MONEY_UNITS,
    NO_OBJECT,
    PART_OF,
    RATE,
    SUBJECTS,
    UNIT_WORDS,
)
from briefgen.grounding.quantity_words import CURRENCY_SIGNS, WORD_SCALES
from briefgen.grounding.stories import GENERIC
from briefgen.ingest.article import Sentence, source_of
from briefgen.text.lexicon import MONTHS, STOPWORDS
from briefgen.text.words import stem

# Compiled once: every number of every sentence of a story's memos is read by them.
_AGE = re.compile(r"(?:^|,)\s*(\d{1,3})\s*,")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|s)")
_THOUSANDS = re.compile(r"\d{3}")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")

# What a fact needs besides a number: a casualty word or a counted noun (a unit is read
# with the number).
_MEASURE_WORDS = frozenset(CASUALTY_WORDS) | COUNT_NOUNS

# Number index -> (measure, the token of its casualty word, whose count it is).
_Bindings = dict[int, tuple[str, int, str]]


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    values: frozenset[str]
    value: float
    unit: str | None


@dataclass(frozen=True)
class Fact:
    """A number one source binds to a measure in one sentence."""

    sentence: Sentence
    measure: str
    number: _Number
    bound: str  # "", "at least", "more than", "over", "about"
    subject: str
    measure_token: int
    tokens: tuple[str, ...]
    local: frozenset[str]

    @property
    def source(self) -> int:
        return source_of(self.sentence.id)

    @property
    def number_text(self) -> str:
        return " ".join(self.tokens[self.number.start : self.number.end])

    @property
    def changed(self) -> bool:
        """Whether the sentence says its number changed ("has risen to", "the new toll")."""
        tokens = self.tokens
        return any(
            t in CHANGE
            or (t in ("has", "have") and "now" in tokens[i + 1 : i + 3])
            or (t in FRESH and COUNT_WORDS & set(tokens[i + 1 : i + 4]))
            for i, t in enumerate(tokens)
        )


def read_facts(sentence: Sentence, next_text: str) -> list[Fact]:
    """The numbers of a sentence bound to a measure; ``next_text`` is what follows it in
    the article (a next sentence opening with a digit means the split cut a number)."""
    return [Fact(sentence, *read) for read in _facts_of(sentence.text, next_text)]


# What a fact holds besides its sentence: (measure, number, bound, subject, measure's
# token, tokens, local stems).
_Read = tuple[str, _Number, str, str, int, tuple[str, ...], frozenset[str]]


@lru_cache(maxsize=4096)
def _facts_of(text: str, next_text: str) -> tuple[_Read, ...]:
    """``read_facts`` of a sentence's text, cached: a story's memos give its background
    sentences again, and a memo's cited sentences are read again when it is stored."""
    claim = read_claim(text)
    if not claim.quantities:
        return ()  # most sentences: nothing to read
    tokens = claim.tokens
    if _MEASURE_WORDS.isdisjoint(tokens) and all(q.unit is None for q in claim.quantities):
        return ()  # a date, an age, "day 12": no casualty word, count noun or unit to bind
    numbers = _candidates(text, tokens, next_text)
    if not numbers:
        return ()
    bound = _bind_casualty_words(tokens, numbers)
    facts: list[_Read] = []
    for index, number in enumerate(numbers):
        # A casualty word binds a number first; else its unit or noun says what it measures.
        measure, measure_token, subject = bound.get(index) or (_measure_of(tokens, number), -1, "")
        if measure is None:
            continue
        facts.append(
            (
                measure,
                number,
                _bound(tokens, number),
                subject if subject not in GENERIC_SUBJECTS else "",
                measure_token,
                tokens,
                _local(tokens, number),
            )
        )
    return tuple(facts)


def _candidates(text: str, tokens: tuple[str, ...], next_text: str) -> list[_Number]:
    """The numbers of a sentence that may be an event's figure: not a year or date, an age,
    a number of the past, a part of a larger count, a threshold or a rate."""
    found = _numbers(tokens)
    if (
        found
        and next_text.lstrip()[:1].isdigit()
        and all(t == "." for t in tokens[found[-1].end :])
    ):
        found.pop()  # "$ 1." + "5 million": a decimal the sentence split broke
    # "Ahmed Khan, 25, died": an age between commas, not a count.
    ages = set(_AGE.findall(text))
    return [
        n
        for n in found
        if not _is_year_or_date(tokens, n)
        and not _in_background(tokens, n)
        and not (n.start > 0 and tokens[n.start - 1] in PART_OF | INEQUALITY)
        and not (n.start > 1 and tokens[n.start - 2] in {"including", "among"})
        and not (n.end == n.start + 1 and tokens[n.start] in ages)
        and not (n.end < len(tokens) and tokens[n.end] in RATE)
        and tokens[n.end : n.end + 2] not in (("of", "them"), ("of", "the"), ("of", "those"))
    ]


def _bind_casualty_words(tokens: tuple[str, ...], numbers: list[_Number]) -> _Bindings:
    """The numbers that count what a casualty word names, each bound to its word."""
    bound: _Bindings = {}
    taken: set[int] = set()  # tokens of casualty words already bound
    # A number before its casualty word binds first ("12 killed and 30 injured").
    _bind_numbers_before_words(tokens, numbers, bound, taken)
    # Then a casualty word before its number ("killing at least 12", "the toll rose to 19").
    _bind_words_before_numbers(tokens, numbers, bound, taken)
    return bound


def _bind_numbers_before_words(
    tokens: tuple[str, ...], numbers: list[_Number], bound: _Bindings, taken: set[int]
) -> None:
    for at, token in enumerate(tokens):
        measure = CASUALTY_WORDS.get(token)
        if measure is None or token == "toll":
            continue
        for index, number in enumerate(numbers):
            between = tokens[number.end : at]
            if number.end <= at and len(between) <= 4 and all(t in BEFORE_MEASURE for t in between):
                if index not in bound and number.unit is None:
                    subject = next((t for t in between if t in SUBJECTS), "")
                    bound[index] = (measure, at, subject)
                    taken.add(at)
                break


def _bind_words_before_numbers(
    tokens: tuple[str, ...], numbers: list[_Number], bound: _Bindings, taken: set[int]
) -> None:
    for at, token in enumerate(tokens):
        measure = CASUALTY_WORDS.get(token)
        if measure is None or at in taken or token in NO_OBJECT:
            continue
        width = 8 if token == "toll" else 4
        for index, number in enumerate(numbers):
            if number.start <= at:
                continue
            between = tokens[at + 1 : number.start]
            if len(between) > width or any(t in CLAUSE_BREAK for t in between):
                break
            ok = token == "toll" or all(t in AFTER_MEASURE for t in between)
            if ok and index not in bound and number.unit is None:
                after = tokens[number.end] if number.end < len(tokens) else ""
                bound[index] = (measure, at, after if after in SUBJECTS else "")
            break


def _measure_of(tokens: tuple[str, ...], number: _Number) -> str | None:
    """What a number no casualty word binds measures: a share, an amount of money or a
    count of the noun after it (None: nothing the rules compare)."""
    if number.unit == "percent":
        return "percent"
    if number.unit in MONEY_UNITS:
        return f"money:{number.unit}"
    if number.unit is None and number.end < len(tokens):
        noun = tokens[number.end]
        if noun not in COUNT_NOUNS and number.end + 1 < len(tokens) and _modifier(noun):
            noun = tokens[number.end + 1]  # "5,000 US troops", "300 more police"
        if noun in COUNT_NOUNS:
            return f"count:{stem(noun)}"
    return None


def _numbers(tokens: tuple[str, ...]) -> list[_Number]:
    """Every number of a tokenised sentence with its token span (as claims reads it)."""
    found: list[_Number] = []
    number_words = words_for(None).numbers  # word_number's, looked up once
    i = 0
    while i < len(tokens):
        token = tokens[i]
        starts = (
            token[:1].isdigit()
            or token in number_words
            or (token in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1] in WORD_SCALES)
        )
        if not starts or _ORDINAL.fullmatch(token):
            i += 1
            continue
        if token.isdigit() and i + 1 < len(tokens) and _THOUSANDS.fullmatch(tokens[i + 1]):
            # "5, 000" in tokenised text: one number split in two, read neither half.
            i += 2
            continue
        lead = 1 if i > 0 and tokens[i - 1] in CURRENCY_SIGNS else 0
        parsed = read_quantities(list(tokens[i - lead : i + 6]))
        if not parsed or parsed[0].text.split()[0] != token:
            i += 1
            continue
        quantity = parsed[0]
        end = i + len(quantity.text.split())
        value = max(float(v) for v in quantity.values)
        found.append(_Number(i, end, quantity.values, value, quantity.unit))
        i = end
    return found


def _is_year_or_date(tokens: tuple[str, ...], number: _Number) -> bool:
    text = tokens[number.start]
    if _YEAR.fullmatch(text) and number.end == number.start + 1:
        return True
    near = tokens[max(0, number.start - 1) : number.end + 1]
    return any(t in MONTHS and t != "may" for t in near)


def _bound(tokens: tuple[str, ...], number: _Number) -> str:
    before = tokens[max(0, number.start - 2) : number.start]
    for bound_words, name in LOWER_BOUND.items():
        if tuple(before[-len(bound_words) :]) == bound_words:
            return name
    if tokens[number.end : number.end + 2] == ("or", "more"):
        return "at least"
    if any(t in APPROXIMATE for t in before):
        return "about"
    return ""


def _in_background(tokens: tuple[str, ...], number: _Number) -> bool:
    near = tokens[max(0, number.start - 6) : number.end + 6]
    return any(t in BACKGROUND or _YEAR.fullmatch(t) for t in near)


def _modifier(token: str) -> bool:
    """A word that may stand between a number and what it counts without making it a count
    of something else ("two parliamentary votes" are ballots held, not a tally)."""
    return len(token) <= 3 or token in {"more", "additional", "extra", "foreign"}


def _local(tokens: tuple[str, ...], number: _Number) -> frozenset[str]:
    """Distinctive words next to a number inside its clause: what it is a number of."""
    found: set[str] = set()
    for step, edge in ((-1, number.start - 1), (1, number.end)):
        at, seen = edge, 0
        while 0 <= at < len(tokens) and seen < 3 and tokens[at] not in CLAUSE_BREAK:
            token = tokens[at]
            if (
                token[0].isalpha()
                and token not in STOPWORDS
                and token not in GENERIC
                and token not in CHANGE
                and token not in UNIT_WORDS
            ):
                found.add(stem(token))
                seen += 1
            at += step
    return frozenset(found)
