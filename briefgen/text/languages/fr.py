"""French: negation, dates and numbers as French news writes them.

"neuf" (nine, and new) and "personne" (nobody, and person) are left out: read as a
number or a negator, the other sense would be misread.
"""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "fr",
    negators="ne pas jamais rien aucun aucune ni sans non nullement guère",
    negating_prefixes=("n'", "n’"),
    months="janvier janv | février févr fév | mars | avril avr | mai | juin | juillet juil "
    "| août | septembre | octobre oct | novembre nov | décembre déc",
    weekdays="lundi | mardi | mercredi | jeudi | vendredi | samedi | dimanche",
    numbers={
        "zéro": 0,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "vingt": 20,
        "trente": 30,
        "quarante": 40,
        "cinquante": 50,
        "soixante": 60,
        "cent": 100,
        "mille": 1000,
    },
    scales={"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9},
    decimal_comma=True,
)
