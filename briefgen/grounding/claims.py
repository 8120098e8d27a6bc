"""Reading a claim for the support check: words, quantities, dates, names and negation.

Everything here is deterministic and cached per text, so the check can compare a statement
with a few sentences many times without re-reading them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from briefgen.grounding.quantity_words import (
    CURRENCY_SIGNS,
    SCALES,
    SMALL_NUMBERS,
    TENS,
    UNITS,
    WORD_SCALES,
)
from briefgen.text.cjk import CjkWords, has_cjk, is_cjk_token, spaced
from briefgen.text.languages import ClaimWords, claim_words
from briefgen.text.lexicon import MONTH_ABBREVIATIONS, MONTHS, NEGATORS, STOPWORDS, WEEKDAYS
from briefgen.text.normalise import fold_text
from briefgen.text.words import stem

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
# Where "1,5" is one and a half and "1.500" fifteen hundred (German, French, Russian ...).
_TOKEN_DECIMAL_COMMA = re.compile(
    _TOKEN.pattern.replace(r"\d+(?:,\d{3})+(?:\.\d+)?", r"\d{1,3}(?:\.\d{3})+(?:,\d+)?").replace(
        r"\d+(?:\.\d+)?[a-z]*", r"\d+(?:[.,]\d+)?[a-z]*"
    )
)
# A point with other than three digits after it is a decimal point even there ("1.5",
# as a statement in English may write it).
_NUMERAL_DECIMAL_COMMA = re.compile(r"(\d+(?:\.\d{3})*(?:,\d+)?|\d+\.\d+)([a-z]*)$")
_THOUSANDS_POINTS = re.compile(r"\d{1,3}(?:\.\d{3})+")
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
    # The language it was read in (None: English's words only).
    language: str | None = None

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for _, s in self.content)


def _canonical(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Words:
    """The words a claim is read with: English's, and its language's where it has them
    (``text.languages``); the language's win where the two differ."""

    language: str | None
    negators: frozenset[str]
    negating_prefixes: tuple[str, ...]
    months: dict[str, str]
    """Every form of a month -> its English name (the date compared)."""
    number_bound: frozenset[str]
    month_stems: tuple[tuple[str, str], ...]
    weekdays: dict[str, str]
    numbers: dict[str, float]
    scales: dict[str, float]
    decimal_comma: bool
    english_abbreviations: bool
    """Whether "Oct" and "Sept" are months (not in French, where "sept" is seven)."""
    capitalised_nouns: bool
    """Whether every noun has a capital (German): capitals then say nothing of names."""
    negation_reaches_back: bool = False
    """Whether a negator that ends its clause negates the words before it, as where the
    verb comes last or before its negator ("unterzeichnete den Vertrag nicht", "امضا
    نکرد"); not in English, where a clause-final "no" is mostly an answer."""
    cjk: CjkWords = field(default_factory=CjkWords)
    """How a run of Chinese or Japanese characters is cut into words (``text.cjk``)."""

    @property
    def token(self) -> re.Pattern[str]:
        return _TOKEN_DECIMAL_COMMA if self.decimal_comma else _TOKEN

    @property
    def numeral(self) -> re.Pattern[str]:
        return _NUMERAL_DECIMAL_COMMA if self.decimal_comma else _NUMERAL

    def month(self, token: str) -> str | None:
        """The English name of the month ``token`` writes, or None."""
        found = self.months.get(token) or self.months.get(token.split("'", maxsplit=1)[0])
        if found is None and self.month_stems:
            found = next((m for stem, m in self.month_stems if token.startswith(stem)), None)
        return found


# Languages that write every noun with a capital.
_NOUN_CAPITALS = frozenset({"de", "lb"})


@lru_cache(maxsize=64)
def words_for(language: str | None) -> Words:
    """The words of ``language`` (ISO 639-1; None or one with no word lists: English's)."""
    extra = claim_words(language)
    numbers = {w: float(v) for w, v in {**SMALL_NUMBERS, **TENS}.items()}
    english = Words(
        language=language,
        negators=NEGATORS,
        negating_prefixes=(),
        months={m: m for m in MONTHS},
        number_bound=frozenset({"may"}),
        month_stems=(),
        weekdays={w: w for w in WEEKDAYS},
        numbers=numbers,
        scales=dict(SCALES),
        decimal_comma=False,
        english_abbreviations=True,
        capitalised_nouns=language in _NOUN_CAPITALS,
    )
    if extra is None:
        return english
    return Words(
        language=language,
        negators=english.negators | extra.negators,
        negating_prefixes=extra.negating_prefixes,
        months={**english.months, **extra.months},
        number_bound=english.number_bound | extra.number_bound,
        month_stems=tuple(extra.months.items()) if extra.month_stems else (),
        weekdays={**english.weekdays, **extra.weekdays},
        numbers={**numbers, **extra.numbers},
        scales={**english.scales, **extra.scales},
        decimal_comma=extra.decimal_comma,
        english_abbreviations=False,
        capitalised_nouns=english.capitalised_nouns,
        negation_reaches_back=True,
        cjk=_cjk_words(extra),
    )


def _cjk_words(extra: ClaimWords) -> CjkWords:
    """The language's words that are written without spaces, for ``text.cjk``."""
    return CjkWords(
        negators=tuple(sorted((n for n in extra.negators if has_cjk(n)), key=len, reverse=True)),
        not_negating=extra.not_negating,
        counters=extra.counters,
        weekdays=tuple(
            sorted(
                ((f, e) for f, e in extra.weekdays.items() if has_cjk(f)), key=lambda p: -len(p[0])
            )
        ),
    )


def word_number(word: str, language: str | None = None) -> float | None:
    """The value of a number word ("seven", "forty", "zwei"); None for any other word."""
    return words_for(language).numbers.get(word)


def tokenize(text: str, language: str | None = None) -> list[str]:
    """Folded tokens; "per cent" becomes "percent" and, in English, month abbreviations
    full names."""
    words = words_for(language)
    folded = spaced(fold_text(text).replace("per cent", "percent"), words.cjk)
    tokens: list[str] = []
    for raw in words.token.findall(folded):
        token = "percent" if raw == "%" else raw.replace("’", "'")
        if words.english_abbreviations:
            token = MONTH_ABBREVIATIONS.get(token.rstrip("."), token)
        tokens.append(token)
    return tokens


def read_quantities(tokens: list[str], language: str | None = None) -> list[Quantity]:
    """The numbers written in ``tokens`` (numerals, number words, "a million", "5m"), each
    with the values it may stand for and its unit or currency."""
    words = words_for(language)
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        start = i
        value: float | None = None
        values: set[str] = set()
        suffix = ""
        numeral = words.numeral.match(token)
        if numeral:
            value = _numeral_value(numeral.group(1), words.decimal_comma)
            suffix = numeral.group(2)
            i += 1
        elif (word_value := words.numbers.get(token)) is not None:
            # Number words: "twenty five", "three hundred", "two million".
            value = word_value
            i += 1
            if token in TENS and i < len(tokens) and tokens[i] in SMALL_NUMBERS:
                value += SMALL_NUMBERS[tokens[i]]
                i += 1
        elif token in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1] in WORD_SCALES:
            value = 1.0  # "a million"
            i += 1
        if value is None:
            i += 1
            continue
        if suffix in SCALES:
            # "5m" is mostly five million in news, but may be five metres: keep both.
            values.add(_canonical(value))
            value *= SCALES[suffix]
        elif suffix in ("st", "nd", "rd", "th", "s"):
            suffix = ""
        while i < len(tokens) and tokens[i] in words.scales and len(tokens[i]) > 2:
            value *= words.scales[tokens[i]]
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


def _numeral_value(written: str, decimal_comma: bool) -> float:
    if not decimal_comma:
        return float(written.replace(",", ""))
    if "," in written or _THOUSANDS_POINTS.fullmatch(written):
        return float(written.replace(".", "").replace(",", "."))
    return float(written)


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


def _is_content(token: str, words: Words | None = None) -> bool:
    # Numbers and their units are compared as quantities, not as words.
    words = words or words_for(None)
    if token in STOPWORDS or token in words.negators or not token[0].isalpha():
        return False
    if token in words.numbers or token in words.scales or token in UNITS:
        return False
    # A pair of Chinese or Japanese characters is a word, however short (``text.cjk``).
    return len(token) > 2 or is_cjk_token(token)


def _is_cased(text: str) -> bool:
    """Whether the text capitalises names: some capitals after a sentence's first word,
    but not most words (as in title case or shouting)."""
    raw = re.findall(r"(?<=[^\W_] )[^\W\d_]+", text)
    capitals = sum(1 for w in raw if w[0].isupper())
    return 0 < capitals * 2 <= len(raw)


def _capitalised(text: str, words: Words) -> frozenset[str]:
    """Stems of capitalised words not opening a sentence, when the text is mixed case
    (and capitals mark names: not in German, where every noun has one)."""
    if words.capitalised_nouns:
        return frozenset()
    raw = re.findall(r"[^\W_]+(?:['’][^\W_]+)*|[.!?:\"“”]", text)
    letters = [w for w in raw if w[0].isalpha()]
    if not letters or sum(w[0].isupper() for w in letters) * 2 > len(letters):
        return frozenset()  # all lower or title case: capitals say nothing
    names: set[str] = set()
    previous = "."
    for word in raw:
        folded = fold_text(word).removesuffix("'s")
        # Months and weekdays are dates, checked as such.
        month = MONTH_ABBREVIATIONS.get(folded, folded) if words.english_abbreviations else folded
        plain = folded not in STOPWORDS and words.month(month) is None
        if plain and folded not in words.weekdays and previous not in '.!?:"“”':
            if word[0].isupper() and not word.isupper():
                names.add(stem(folded))
            elif word.isupper() and len(word) > 1:
                names.add(folded)
        previous = word
    return frozenset(names)


def read_claim(text: str, language: str | None = None) -> Claim:
    """What the support check reads in ``text``: its tokens, content words, numbers,
    dates, names and negations, with the words of ``language`` (cached per text)."""
    known = language is not None and (claim_words(language) or language in _NOUN_CAPITALS)
    return _read_claim(text, language if known else None)


@lru_cache(maxsize=8192)
def _read_claim(text: str, language: str | None) -> Claim:
    words = words_for(language)
    tokens = tokenize(text, language)
    content: list[tuple[int, str]] = []
    negations: list[int] = []
    dates: set[str] = set()
    for i, token in enumerate(tokens):
        if _negates(token, words):
            following = tokens[i + 1] if i + 1 < len(tokens) else "."
            if following not in _NOT_NEGATING_NEXT and _scope(tokens, i, 4, words):
                negations.append(i)
            continue
        month = words.month(token)
        if month is not None and (token not in words.number_bound or _next_is_number(tokens, i)):
            dates.add(month)
        elif token in words.weekdays:
            dates.add(words.weekdays[token])
        if _is_content(token, words):
            content.append((i, stem(token)))
    return Claim(
        tokens=tuple(tokens),
        content=tuple(content),
        quantities=tuple(read_quantities(tokens, language)),
        dates=frozenset(dates),
        names=_capitalised(text, words),
        cased=_is_cased(text) and not words.capitalised_nouns,
        negations=tuple(negations),
        split_values=frozenset() if words.decimal_comma else split_number_values(text),
        language=language,
    )


def _negates(token: str, words: Words) -> bool:
    if token in words.negators or token.endswith("n't"):
        return True
    return any(token.startswith(p) and len(token) > len(p) for p in words.negating_prefixes)


def _next_is_number(tokens: list[str], i: int) -> bool:
    return (i + 1 < len(tokens) and tokens[i + 1][:1].isdigit()) or (
        i > 0 and tokens[i - 1][:1].isdigit()
    )


def negation_scope(
    tokens: tuple[str, ...], at: int, width: int = 4, language: str | None = None
) -> list[int]:
    """Indices of the content words a negator at ``at`` governs: the rest of its clause,
    at most ``width`` content words (or, where a negator may end its clause, the words
    before it)."""
    return _scope(tokens, at, width, words_for(language))


def _scope(tokens: Sequence[str], at: int, width: int, words: Words) -> list[int]:
    scope: list[int] = []
    for j in range(at + 1, len(tokens)):
        if tokens[j] in _CLAUSE_BREAK or len(scope) >= width:
            break
        if _is_content(tokens[j], words):
            scope.append(j)
    if scope or not words.negation_reaches_back:
        return scope
    for j in range(at - 1, -1, -1):
        if tokens[j] in _CLAUSE_BREAK or len(scope) >= width:
            break
        if _is_content(tokens[j], words):
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
