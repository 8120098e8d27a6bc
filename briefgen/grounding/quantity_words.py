"""The English words of quantities the support check reads: number words, scales, units
and currency signs (other languages' number words are in ``text.languages``)."""

from __future__ import annotations

SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {
    word: 10 * value
    for value, word in enumerate(
        "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
    )
    if word != "_"
}
SCALES = {
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
