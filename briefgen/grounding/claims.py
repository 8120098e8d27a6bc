"""Reading a claim for the support check: words, quantities, dates, names and negation.

Everything here is deterministic and cached per text, so the check can compare a statement
with a few sentences many times without re-reading them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefgen.text.lexicon import MONTH_ABBREVIATIONS, MONTHS, NEGATORS, STOPWORDS, WEEKDAYS
from briefgen.text.normalise import fold_text
from briefgen.text.words import stem

_SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
    )
    if word != "_"
}
_SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12.0,
    "k": 1e3,
    "bn": 1e9,
    "b": 1e9,
    "m": 1e6,
    "mn": 1e6,
    "tn": 1e12,
}
WORD_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})
# Unit words whose change ("5 km" -> "5 miles") changes the claim. Spellings of one unit
# share a canonical name.
UNITS = {
    "dollar": "dollar",
    "dollars": "dollar",
    "usd": "dollar",
    "pound": "pound",
    "pounds": "pound",
    "gbp": "pound",
    "sterling": "pound",
    "euro": "euro",
    "euros": "euro",
    "eur": "euro",
    "yen": "yen",
    "yuan": "yuan",
    "rupee": "rupee",
    "rupees": "rupee",
    "percent": "percent",
    "pc": "percent",
    "percentage": "percent",
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mile": "mile",
    "miles": "mile",
    "metre": "metre",
    "metres": "metre",
    "meter": "metre",
    "meters": "metre",
    "ft": "foot",
    "foot": "foot",
    "feet": "foot",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "tonne": "tonne",
    "tonnes": "tonne",
    "ton": "tonne",
    "tons": "tonne",
    "lb": "lb",
    "lbs": "lb",
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "hour": "hour",
    "hours": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
}
CURRENCY_SIGNS = {"$": "dollar", "£": "pound", "€": "euro", "¥": "yen", "₹": "rupee"}
# Negators that do not negate what follows ("not only X but Y", "no doubt").
_NOT_NEGATING_NEXT = frozenset({"only", "just", "doubt"})

_TOKEN = re.compile(
    r"[$£€¥₹]"
    r"|\d+(?:,\d{3})+(?:\.\d+)?[a-z]*"
    r"|\d+(?:\.\d+)?[a-z]*"
    r"|[^\W\d_]+(?:['’][^\W_]+)*"
    r"|n['’]t"
    r"|%"
    r"|[.;:!?()\"]"
)
_NUMERAL = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)([a-z]*)$")
_CLAUSE_BREAK = frozenset('.;:!?()"') | {"but", "while", "whereas", "although", "though"}


@dataclass(frozen=True)
class Quantity:
    """One number in a text: the values it may stand for and the unit written with it."""

    text: str
    values: frozenset[str]
    unit: str | None


@dataclass(frozen=True)
class Claim:
    """What the support check needs to know about one text."""

    tokens: tuple[str, ...]
    # Stems of content words, in order, with their token index.
    content: tuple[tuple[int, str], ...]
    quantities: tuple[Quantity, ...]
    dates: frozenset[str]
    # Stems of words written with a capital inside a sentence (names, in mixed-case text).
    names: frozenset[str]
    # Whether capitals carry information: False for lower-case (or all-caps) text.
    cased: bool
    # Token index of each negator whose scope is not empty.
    negations: tuple[int, ...]
    # Other readings of numbers a tokeniser split ("3, 800"): extra evidence values.
    split_values: frozenset[str]

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for _, s in self.content)


def _canonical(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def word_number(word: str) -> float | None:
    """The value of a number word ("seven", "forty"); None for any other word."""
    if word in _SMALL_NUMBERS:
        return float(_SMALL_NUMBERS[word])
    if word in _TENS:
        return float(_TENS[word])
    return None


def tokenize(text: str) -> list[str]:
    """Folded tokens; "per cent" becomes "percent" and month abbreviations full names."""
    folded = fold_text(text).replace("per cent", "percent")
    tokens: list[str] = []
    for raw in _TOKEN.findall(folded):
        token = "percent" if raw == "%" else raw.replace("’", "'")
        tokens.append(MONTH_ABBREVIATIONS.get(token.rstrip("."), token))
    return tokens


def read_quantities(tokens: list[str]) -> list[Quantity]:
    """The numbers written in ``tokens`` (numerals, number words, "a million", "5m"), each
    with the values it may stand for and its unit or currency."""
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        start = i
        value: float | None = None
        values: set[str] = set()
        suffix = ""
        numeral = _NUMERAL.match(token)
        if numeral:
            value = float(numeral.group(1).replace(",", ""))
            suffix = numeral.group(2)
            i += 1
        elif (word_value := word_number(token)) is not None:
            # Number words: "twenty five", "three hundred", "two million".
            value = word_value
            i += 1
            if token in _TENS and i < len(tokens) and tokens[i] in _SMALL_NUMBERS:
                value += _SMALL_NUMBERS[tokens[i]]
                i += 1
        elif token in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1] in WORD_SCALES:
            value = 1.0  # "a million"
            i += 1
        if value is None:
            i += 1
            continue
        if suffix in _SCALES:
            # "5m" is mostly five million in news, but may be five metres: keep both.
            values.add(_canonical(value))
            value *= _SCALES[suffix]
        elif suffix in ("st", "nd", "rd", "th", "s"):
            suffix = ""
        while i < len(tokens) and tokens[i] in _SCALES and len(tokens[i]) > 2:
            value *= _SCALES[tokens[i]]
            i += 1
        values.add(_canonical(value))
        if value == 1.0 and token in ("one", "a", "an") and start + 1 == i:
            continue  # "one of them", "an official": rarely a quantity claim
        unit = CURRENCY_SIGNS.get(tokens[start - 1]) if start > 0 else None
        if unit is None and suffix in UNITS:
            unit = UNITS[suffix]
        if unit is None and i < len(tokens):
            unit = UNITS.get(tokens[i])
        found.append(Quantity(" ".join(tokens[start:i]), frozenset(values), unit))
    return found


# Tokenised text writes "3,800" as "3, 800" and "102.5" as "102. 5".
_SPLIT_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3})((?:, \d{3}(?![\d.,]\d))+)|(\d+)\. (\d+)(?![\d.,]\d)"
)


def split_number_values(text: str) -> frozenset[str]:
    """Values of numbers a tokeniser split apart, read whole ("3, 800 km" -> 3800)."""
    joined = _SPLIT_NUMBER.sub(_join_number, fold_text(text))
    if joined == fold_text(text):
        return frozenset()
    return frozenset(v for q in read_quantities(tokenize(joined)) for v in q.values)


def _join_number(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(2).replace(", ", ",")
    return f"{match.group(3)}.{match.group(4)}"


def _is_content(token: str) -> bool:
    # Numbers and their units are compared as quantities, not as words.
    if token in STOPWORDS or token in NEGATORS or not token[0].isalpha():
        return False
    if token in _SMALL_NUMBERS or token in _TENS or token in _SCALES or token in UNITS:
        return False
    return len(token) > 2


def _is_cased(text: str) -> bool:
    """Whether the text capitalises names: some capitals after a sentence's first word,
    but not most words (as in title case or shouting)."""
    raw = re.findall(r"(?<=[^\W_] )[^\W\d_]+", text)
    capitals = sum(1 for w in raw if w[0].isupper())
    return 0 < capitals * 2 <= len(raw)


def _capitalised(text: str) -> frozenset[str]:
    """Stems of capitalised words not opening a sentence, when the text is mixed case."""
    raw = re.findall(r"[^\W_]+(?:['’][^\W_]+)*|[.!?:\"“”]", text)
    letters = [w for w in raw if w[0].isalpha()]
    if not letters or sum(w[0].isupper() for w in letters) * 2 > len(letters):
        return frozenset()  # all lower or title case: capitals say nothing
    names: set[str] = set()
    previous = "."
    for word in raw:
        folded = fold_text(word).removesuffix("'s")
        # Months and weekdays are dates, checked as such.
        plain = folded not in STOPWORDS and MONTH_ABBREVIATIONS.get(folded, folded) not in MONTHS
        if plain and folded not in WEEKDAYS and previous not in '.!?:"“”':
            if word[0].isupper() and not word.isupper():
                names.add(stem(folded))
            elif word.isupper() and len(word) > 1:
                names.add(folded)
        previous = word
    return frozenset(names)


@lru_cache(maxsize=8192)
def read_claim(text: str) -> Claim:
    """What the support check reads in ``text``: its tokens, content words, numbers,
    dates, names and negations (cached per text)."""
    tokens = tokenize(text)
    content: list[tuple[int, str]] = []
    negations: list[int] = []
    dates: set[str] = set()
    for i, token in enumerate(tokens):
        if token in NEGATORS or token.endswith("n't"):
            following = tokens[i + 1] if i + 1 < len(tokens) else "."
            if following not in _NOT_NEGATING_NEXT and following not in _CLAUSE_BREAK:
                negations.append(i)
            continue
        if (
            token in MONTHS and (token != "may" or _next_is_number(tokens, i))
        ) or token in WEEKDAYS:
            dates.add(token)
        if _is_content(token):
            content.append((i, stem(token)))
    return Claim(
        tokens=tuple(tokens),
        content=tuple(content),
        quantities=tuple(read_quantities(tokens)),
        dates=frozenset(dates),
        names=_capitalised(text),
        cased=_is_cased(text),
        negations=tuple(negations),
        split_values=split_number_values(text),
    )


def _next_is_number(tokens: list[str], i: int) -> bool:
    return (i + 1 < len(tokens) and tokens[i + 1][:1].isdigit()) or (
        i > 0 and tokens[i - 1][:1].isdigit()
    )


def negation_scope(tokens: tuple[str, ...], at: int, width: int = 4) -> list[int]:
    """Indices of the content words a negator at ``at`` governs: the rest of its clause,
    at most ``width`` content words."""
    scope: list[int] = []
    for j in range(at + 1, len(tokens)):
        if tokens[j] in _CLAUSE_BREAK or len(scope) >= width:
            break
        if _is_content(tokens[j]):
            scope.append(j)
    return scope


# Where a statement joins claims that must each hold: semicolons, coordinating and
# contrasting conjunctions between clauses, and non-restrictive relative clauses.
_CLAUSE_BREAKS = re.compile(
    r";|,\s+(?:and|but|while|whereas|although|though|which|who|whose|where)\b"
    r"|\s+(?:but|whereas|although|though)\s+"
    r"|\s+and\s+(?=(?:is|are|was|were|has|have|had|will|would|can|could|may|might|"
    r"should|did|does|do|not|never|also|then)\b)",
    re.IGNORECASE,
)


def clauses(text: str) -> list[str]:
    """The clauses of a statement, each a claim of its own ("67,000 staff were on
    fixed-term contracts" and "are not counted"); one item when it has one clause."""
    parts = [part.strip(" ,;") for part in _CLAUSE_BREAKS.split(text)]
    return [part for part in parts if read_claim(part).content] or [text]
