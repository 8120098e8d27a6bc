"""The one set of word lists: stop words, honorifics, months, negators and hedges."""

from __future__ import annotations

HONORIFICS = frozenset(
    """
    mr mrs ms mx dr prof sir dame lord lady president vice prime minister secretary foreign
    defence defense interior finance state general gen lt col colonel major maj captain capt
    admiral adm ambassador amb senator sen representative rep governor gov chancellor king
    queen prince princess sheikh emir crown top aide spokesman spokeswoman spokesperson
    chief deputy envoy special of the for and
    """.split()
)

STOPWORDS = frozenset(
    """
    a an the and or but if then than that this these those there their they them he she it
    its his her our we you your i me my to of in on at by for from with without into onto
    over under about as is are was were be been being has have had do does did will would
    shall should can could may might must not no nor so such also very more most other some
    any each all both few many much own same only just too which who whom whose what when
    where why how while during before after since until upon against between among within
    said says say told according per
    """.split()
)

# Abbreviation -> month; sentence splitting and date reading share this list.
MONTH_ABBREVIATIONS = {
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}
MONTHS = frozenset(MONTH_ABBREVIATIONS.values()) | {"may"}
# Month names in the languages whose ordinal dates put a full stop after the day
# ("3. Dezember"); sentence splitting must not end a sentence there.
MONTH_NAMES = MONTHS | frozenset(
    """
    januar jänner februar märz april mai juni juli august september oktober november dezember
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre gennaio febbraio aprile maggio giugno luglio agosto settembre ottobre dicembre
    janeiro fevereiro março maio junho julho setembro outubro dezembro
    januari februari maart mei augustus
    """.split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

NEGATORS = frozenset(
    "not no never none nobody nothing neither nor cannot without n't nt".split()
) | {"no-one"}
# Words that hedge a claim: dropping one turns a possibility, an allegation, an
# expectation or what ought to be into a fact ("is expected to probe" -> "will probe",
# "should release" -> "will release").
HEDGES = frozenset(
    "may might could possible possibly perhaps probably likely unlikely alleged allegedly "
    "reportedly apparently suspected presumed seemingly believed expected should".split()
)
