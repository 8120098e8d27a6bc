"""Portuguese: negation, dates and numbers as Portuguese and Brazilian news write them.

The weekdays "segunda" to "sexta" are also ordinals ("a segunda vez"): only "sábado" and
"domingo" are read as days. "bilhão" is Brazil's 10^9.
"""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "pt",
    negators="não nunca jamais nada ninguém nenhum nenhuma nem sem",
    months="janeiro jan | fevereiro fev | março | abril abr | maio | junho jun | julho jul "
    "| agosto ago | setembro set | outubro | novembro nov | dezembro dez",
    weekdays="| | | | | sábado | domingo",
    numbers={
        "zero": 0,
        "dois": 2,
        "duas": 2,
        "três": 3,
        "quatro": 4,
        "cinco": 5,
        "seis": 6,
        "sete": 7,
        "oito": 8,
        "nove": 9,
        "dez": 10,
        "onze": 11,
        "doze": 12,
        "vinte": 20,
        "trinta": 30,
        "quarenta": 40,
        "cinquenta": 50,
        "cem": 100,
        "cento": 100,
        "mil": 1000,
    },
    scales={
        "mil": 1e3,
        "milhão": 1e6,
        "milhões": 1e6,
        "mi": 1e6,
        "bilhão": 1e9,
        "bilhões": 1e9,
        "bi": 1e9,
    },
    decimal_comma=True,
)
