"""German: negation, dates and numbers as German news writes them."""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "de",
    negators="nicht kein keine keinen keinem keiner keines nie niemals nichts niemand weder ohne",
    months="januar jänner jan | februar feber feb | märz mrz | april apr | mai | juni jun "
    "| juli jul | august aug | september sept sep | oktober okt | november nov "
    "| dezember dez",
    weekdays="montag | dienstag | mittwoch | donnerstag | freitag | samstag sonnabend | sonntag",
    numbers={
        "null": 0,
        "eins": 1,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "elf": 11,
        "zwölf": 12,
        "zwanzig": 20,
        "dreißig": 30,
        "vierzig": 40,
        "fünfzig": 50,
        "hundert": 100,
        "tausend": 1000,
    },
    scales={
        "tausend": 1e3,
        "million": 1e6,
        "millionen": 1e6,
        "mio": 1e6,
        "milliarde": 1e9,
        "milliarden": 1e9,
        "mrd": 1e9,
        "billion": 1e12,
        "billionen": 1e12,
        "bio": 1e12,
    },
    decimal_comma=True,
)
