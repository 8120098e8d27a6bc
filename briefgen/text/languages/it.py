"""Italian: negation, dates and numbers as Italian news writes them.

"sei" (six, and "you are") is left out of the numbers.
"""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "it",
    negators="non mai niente nulla nessuno nessuna né senza neanche nemmeno neppure",
    months="gennaio gen | febbraio feb | marzo | aprile apr | maggio mag | giugno giu "
    "| luglio lug | agosto ago | settembre set sett | ottobre ott | novembre nov "
    "| dicembre dic",
    weekdays="lunedì | martedì | mercoledì | giovedì | venerdì | sabato | domenica",
    numbers={
        "zero": 0,
        "due": 2,
        "tre": 3,
        "quattro": 4,
        "cinque": 5,
        "sette": 7,
        "otto": 8,
        "nove": 9,
        "dieci": 10,
        "undici": 11,
        "dodici": 12,
        "venti": 20,
        "trenta": 30,
        "quaranta": 40,
        "cinquanta": 50,
        "cento": 100,
        "mille": 1000,
    },
    scales={
        "mila": 1e3,
        "mille": 1e3,
        "milione": 1e6,
        "milioni": 1e6,
        "mln": 1e6,
        "miliardo": 1e9,
        "miliardi": 1e9,
        "mld": 1e9,
        "mrd": 1e9,
    },
    decimal_comma=True,
)
