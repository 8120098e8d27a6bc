"""The word lists the contradiction rules read numbers with: which word names which
measure (killed, injured ...), what a number counts, what bounds it, what says it is part
of another count or of the past, and which nouns name one kind of event."""

from __future__ import annotations

from briefgen.grounding.quantity_words import UNITS, WORD_SCALES

# A word (folded token) and the measure it names.
CASUALTY_WORDS: dict[str, str] = {}
for _measure, _words in {
    "killed": "killed kill kills killing dead died die dies deaths death fatalities toll",
    "injured": "injured injuring injuries wounded wounding hurt",
    "missing": "missing",
    "arrested": "arrested arresting arrests detained detaining detentions",
    "displaced": "displaced homeless",
    "evacuated": "evacuated evacuating evacuees",
}.items():
    for _word in _words.split():
        CASUALTY_WORDS[_word] = _measure
TOPIC = {
    "killed": "number killed",
    "injured": "number injured",
    "missing": "number missing",
    "arrested": "number arrested",
    "displaced": "number displaced",
    "evacuated": "number evacuated",
    "percent": "percentage",
}
# Who a casualty count is of. Counts of different groups (soldiers, civilians) are parts,
# not rival totals; "people" and no noun at all are the same, general count.
GENERIC_SUBJECTS = frozenset({"", "people", "persons", "person", "others"})
SUBJECTS = GENERIC_SUBJECTS | frozenset(
    """
    civilians soldiers troops police policemen officers children women men students workers
    militants fighters attackers insurgents rebels protesters demonstrators passengers
    tourists pilgrims worshippers residents villagers miners migrants refugees prisoners
    suspects guards guests members staff employees crew
    """.split()
)
# Between a number and the casualty word after it ("12 people have been killed").
BEFORE_MEASURE = SUBJECTS | frozenset(
    "more other were was have has had been are is being reportedly also confirmed now all "
    "further additional".split()
)
# Between a casualty word and the number after it ("killing at least 12").
AFTER_MEASURE = frozenset(
    "at least more than some about around nearly almost approximately roughly an estimated "
    "the another over up to rose risen reached stood stands has have had now climbed "
    "increased jumped is was of further as many hit topped".split()
)
# Nouns a number counts ("5,000 troops"): the noun is the measure.
COUNT_NOUNS = frozenset(
    """
    troops soldiers police officers protesters demonstrators votes seats delegates refugees
    migrants hostages prisoners passengers people residents workers jobs members lawmakers
    ballots voters
    """.split()
)
MONEY_UNITS = frozenset({"dollar", "pound", "euro", "yen", "yuan", "rupee"})
UNIT_WORDS = frozenset(UNITS) | WORD_SCALES
LOWER_BOUND = {("at", "least"): "at least", ("more", "than"): "more than", ("over",): "over"}
APPROXIMATE = frozenset(
    "about around some nearly almost approximately roughly estimated up".split()
)
# A number in this company is part of a larger count or of the past, not a rival total.
PART_OF = frozenset({"including", "among", "whom", "them"})
# Casualty words that take no object: a number after them is an age or a time ("died at 85").
NO_OBJECT = frozenset({"die", "died", "dies", "dead", "hurt", "missing", "homeless"})
# "below $28", "$39 a barrel": a threshold or a price per unit moves with the day, it is
# not one event's figure.
INEQUALITY = frozenset({"below", "above", "under", "beneath", "exceeding"})
RATE = frozenset({"a", "an", "per", "each"})
BACKGROUND = frozenset(
    "last previous ago since anniversary former past earlier history decade decades".split()
)
# Wording that says a number has changed since an earlier report.
CHANGE = frozenset(
    "rose risen rise rises rising climbed climbs climbing increased increases jumped grew "
    "updated revised revising revises corrected correcting lowered lowering".split()
)
# "new toll", "latest figure": said of the number itself.
FRESH = frozenset({"new", "latest", "updated", "revised"})
COUNT_WORDS = frozenset({"toll", "figure", "figures", "count", "tally"})
# Words that say a count changed in either direction (others only say it rose).
REVISED = frozenset(
    {"revised", "revising", "revises", "updated", "corrected", "lowered", "new", "latest"}
)
CLAUSE_BREAK = frozenset('.;:!?()"') | {"but", "while", "whereas", "although", "though"}

# Event nouns, grouped so that "bombing" and "blast" are one kind of event and "vote" and
# "earthquake" are not.
EVENT_GROUPS: dict[str, str] = {}
for _group, _words in {
    "violence": "attack attacks attacked bomb bombs bombing bombings bomber bombers blast "
    "blasts explosion explosions exploded suicide raid raids ambush shooting shootings "
    "gunmen gunman gunfire shelling airstrike airstrikes strike strikes assault massacre",
    "quake": "earthquake earthquakes quake quakes tremor tremors aftershock",
    "flood": "flood floods flooding flooded",
    "storm": "storm storms hurricane typhoon cyclone tornado",
    "fire": "fire fires blaze wildfire wildfires",
    "crash": "crash crashes crashed collision derailed derailment",
    "vote": "vote votes voted voting ballot referendum election elections poll polls",
    "protest": "protest protests protesters demonstration demonstrations rally riot riots clashes",
    "collapse": "collapse collapsed",
    "landslide": "landslide landslides mudslide",
    "outbreak": "outbreak epidemic",
}.items():
    for _word in _words.split():
        EVENT_GROUPS[_word] = _group
