"""Chinese and Japanese text as words for comparison: a run of Han or kana characters has
no spaces between its words, so it is cut into what a check can compare, and the rest of
the reading (negation, dates, numbers, coverage) works on it as on spaced text.

``spaced`` rewrites each such run as space-separated tokens:

- a month ("三月", "3月") as its English name, a weekday ("星期一", "月曜日") as its;
- a number in Han numerals ("三名", "二十五", "1.5亿", "3万") as its value in digits;
- a negator of the language ("没有", "不", "なかった") as itself, set apart, unless it is
  part of a compound that does not negate ("不仅", "无论");
- everything else as overlapping pairs of characters (a lone character as itself): the
  usual unit of comparison for unspaced scripts, so "签署协议" and "协议签署" share
  words and an invented name adds pairs the evidence lacks.

Full-width sentence marks become their ASCII forms, so clauses end where they end. Text
with none of these characters is returned as it came.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Han ideographs (with extension A and the iteration mark), hiragana, katakana.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3007\u3040-\u309f\u30a0-\u30ff"
_HAS_CJK = re.compile(f"[{_CJK}]")
# A run to rewrite: CJK characters with the digits and decimal points among them.
_RUN = re.compile(f"[{_CJK}0-9.]*[{_CJK}][{_CJK}0-9.]*")
_MARKS = str.maketrans({"。": ".", "！": "!", "？": "?", "；": ";", "：": ":", "、": ","})

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_SCALES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_HAN = "".join(_DIGITS) + "".join(_UNITS)
_NUMERAL = f"[{_HAN}][{_HAN}{''.join(_SCALES)}]*"
_MONTH = re.compile(r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?")
_NUMBER = re.compile(rf"(\d+(?:\.\d+)?)([{''.join(_SCALES)}]*)|({_NUMERAL})")

_MONTHS_EN = (
    "january february march april may june july august september october november december"
).split()


@dataclass(frozen=True)
class CjkWords:
    """A language's words for unspaced text (all empty: only its script's numerals,
    months and pairs are read)."""

    negators: tuple[str, ...] = ()
    """Longest first, so that "没有" is read before "没"."""
    not_negating: frozenset[str] = frozenset()
    """Compounds that hold a negator and do not negate ("不仅" not only, "无论" whatever)."""
    counters: frozenset[str] = frozenset()
    """Measure words after which a Han numeral is a number ("名", "个", "人", "件")."""
    weekdays: tuple[tuple[str, str], ...] = ()
    """Each written form of a weekday, longest first, with its English name."""


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Han or kana character."""
    return _HAS_CJK.search(text) is not None


def is_cjk_token(token: str) -> bool:
    """Whether ``token`` is a piece of unspaced text (a pair, a lone character, a
    negator), which counts as a word however short."""
    return bool(token) and _HAS_CJK.match(token) is not None


def spaced(text: str, words: CjkWords) -> str:
    """``text`` with each run of CJK characters rewritten as tokens (see the module)."""
    if not has_cjk(text):
        return text
    text = text.translate(_MARKS)
    return _RUN.sub(lambda run: f" {' '.join(_tokens(run.group(0), words))} ", text)


def han_number(written: str) -> float | None:
    """The value of a number in Han numerals ("二十五" 25, "三千五百" 3500, "一亿五千万"
    150,000,000, "二〇二四" 2024, "十" 10), or None when it is not one."""
    if not written or any(
        c not in _DIGITS and c not in _UNITS and c not in _SCALES for c in written
    ):
        return None
    if not any(c in _UNITS or c in _SCALES for c in written):
        return float("".join(str(_DIGITS[c]) for c in written))  # digit by digit: a year
    total, section, digit = 0, 0, None
    for char in written:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:  # 万, 亿: what came since the last larger scale is counted in it
            total += (section + (digit or 0) or 1) * _SCALES[char]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def _tokens(run: str, words: CjkWords) -> list[str]:
    forms = _forms(words)
    tokens: list[str] = []
    plain: list[str] = []  # characters waiting to be cut into pairs

    def flush() -> None:
        if len(plain) == 1:
            tokens.append(plain[0])
        tokens.extend(plain[i] + plain[i + 1] for i in range(len(plain) - 1))
        plain.clear()

    i = 0
    while i < len(run):
        found = _special(run, i, words, forms)
        if found is None:
            if run[i] != ".":
                plain.append(run[i])
            else:  # a full stop, not a decimal point (a number takes its own)
                flush()
                tokens.append(".")
            i += 1
            continue
        token, i = found
        flush()
        tokens.append(token)
    flush()
    return tokens


def _special(run: str, at: int, words: CjkWords, forms: _Forms) -> tuple[str, int] | None:
    """The token that starts at ``at`` (a weekday, month, number or negator) and where
    it ends, or None for a plain character."""
    if forms.weekday is not None and (day := forms.weekday.match(run, at)) is not None:
        return forms.weekdays[day.group()], day.end()
    month = _MONTH.match(run, at)
    if month is not None:
        written = month.group(1)
        index = int(written) if written.isdigit() else int(han_number(written) or 0)
        if 1 <= index <= 12:
            return _MONTHS_EN[index - 1], month.end()
    number = _number(run, at, words)
    if number is not None:
        return number
    found = forms.negation.match(run, at) if forms.negation is not None else None
    if found is None or found.lastgroup == "compound":
        return None  # a compound that holds a negator reads as its characters
    return found.group(), found.end()


@dataclass(frozen=True)
class _Forms:
    weekday: re.Pattern[str] | None
    weekdays: dict[str, str]
    negation: re.Pattern[str] | None


@lru_cache(maxsize=32)
def _forms(words: CjkWords) -> _Forms:
    """``words`` as patterns: one match at a position instead of a loop over forms."""

    def alternation(forms: Iterable[str]) -> str:
        return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))

    days = dict(words.weekdays)
    weekday = re.compile(alternation(days)) if days else None
    parts = []
    if words.not_negating:
        parts.append(f"(?P<compound>{alternation(words.not_negating)})")
    if words.negators:
        parts.append(f"(?P<negator>{alternation(words.negators)})")
    negation = re.compile("|".join(parts)) if parts else None
    return _Forms(weekday, days, negation)


def _number(run: str, at: int, words: CjkWords) -> tuple[str, int] | None:
    match = _NUMBER.match(run, at)
    if match is None:
        return None
    if match.group(1):
        value = float(match.group(1))
        for scale in match.group(2):
            value *= _SCALES[scale]
    else:
        written = match.group(3)
        after = run[match.end() : match.end() + 1]
        # A lone numeral inside a word ("一些", "统一") is not a number: read it only as a
        # compound ("二十五", "三万"), or before a measure word ("三名").
        if len(written) == 1 and after not in words.counters:
            return None
        value = han_number(written) or 0.0
    return f"{value:.6f}".rstrip("0").rstrip("."), match.end()
