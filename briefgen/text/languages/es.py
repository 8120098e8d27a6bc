"""Spanish: negation, dates and numbers as Spanish news writes them.

"mar" is the sea, not March: only the full name is a month.
"""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "es",
    negators="no nunca jamás nada nadie ningún ninguna ninguno ni sin tampoco",
    months="enero ene | febrero feb | marzo | abril abr | mayo | junio jun | julio jul "
    "| agosto ago | septiembre setiembre sept | octubre oct | noviembre nov "
    "| diciembre dic",
    weekdays="lunes | martes | miércoles | jueves | viernes | sábado | domingo",
    numbers={
        "cero": 0,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "once": 11,
        "doce": 12,
        "veinte": 20,
        "treinta": 30,
        "cuarenta": 40,
        "cincuenta": 50,
        "cien": 100,
        "ciento": 100,
        "mil": 1000,
    },
    scales={
        "mil": 1e3,
        "millón": 1e6,
        "millones": 1e6,
        "mdd": 1e6,
        "billón": 1e12,
        "billones": 1e12,
    },
    decimal_comma=True,
)
