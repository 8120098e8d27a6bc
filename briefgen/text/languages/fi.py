"""Finnish: negation, dates and numbers as Finnish news writes them. A month takes case
endings ("tammikuussa", "tammikuuta"): its name is read as a stem."""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "fi",
    negators="ei en et emme ette eivät ilman",
    months="tammikuu | helmikuu | maaliskuu | huhtikuu | toukokuu | kesäkuu | heinäkuu "
    "| elokuu | syyskuu | lokakuu | marraskuu | joulukuu",
    month_stems=True,
    weekdays="maanantai maanantaina | tiistai tiistaina | keskiviikko keskiviikkona "
    "| torstai torstaina | perjantai perjantaina | lauantai lauantaina "
    "| sunnuntai sunnuntaina",
    numbers={
        "nolla": 0,
        "kaksi": 2,
        "kolme": 3,
        "neljä": 4,
        "viisi": 5,
        "seitsemän": 7,
        "kahdeksan": 8,
        "yhdeksän": 9,
        "kymmenen": 10,
        "sata": 100,
        "tuhat": 1000,
    },
    scales={
        "tuhatta": 1e3,
        "miljoona": 1e6,
        "miljoonaa": 1e6,
        "milj": 1e6,
        "miljardi": 1e9,
        "miljardia": 1e9,
        "mrd": 1e9,
    },
    decimal_comma=True,
)
