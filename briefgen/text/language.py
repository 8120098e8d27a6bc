"""A cheap guess of a text's language from its commonest short words.

Good enough to label a page (the ``lang`` attribute of the HTML evidence view) for the
languages news articles usually come in here: English, German, French, Spanish, Italian,
Portuguese and Dutch. It answers ``None`` rather than guess when a text is short or its
words do not point clearly to one of them.
"""

from __future__ import annotations

import re

# The most frequent function words of each language. Words shared by two languages
# ("de", "la", "die", "in") count for both; the ones that are not decide.
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the and of to is that was for on with said it he as by at from his have has
        are were be this which not but they will been would their who after its an""".split()
    ),
    "de": frozenset(
        """der die das und ist nicht ein eine einen zu den dem des mit sich auf für von im
        auch es sie wird wurde nach bei aus sagte dass werden hat sind noch über zum zur
        nur oder wie""".split()
    ),
    "fr": frozenset(
        """le la les et des du un une est dans que qui pour pas au sur avec ne se il elle
        sont été aux par plus ce cette selon ont mais ou leur lors entre""".split()
    ),
    "es": frozenset(
        """el la los las y de que en un una es por con para del se no al lo como más su
        fue ha pero sus está según entre sobre también este esta han""".split()
    ),
    "it": frozenset(
        """il la le di che è un una per non del della con sono nel alla gli ha dei anche
        si da più come ma stato delle degli nella sul dalla""".split()
    ),
    "pt": frozenset(
        """o a os as de que e do da em um uma para com não no na dos das por se mais foi ao
        é pelo pela seu sua também entre sobre""".split()
    ),
    "nl": frozenset(
        """de het een en van is niet dat op te in met zijn voor die er aan ook bij als door
        werd naar maar wordt hij worden heeft deze over""".split()
    ),
}

LANGUAGES = tuple(STOP_WORDS)

_WORD = re.compile(r"[^\W\d_]+")
# Enough of a long article to decide; the rest would only cost time.
_MAX_WORDS = 3000
# At least this many stop words of the winner, and this share of all words, and this
# lead over the runner-up; otherwise no guess.
_MIN_HITS = 5
_MIN_SHARE = 0.15
_MIN_LEAD = 1.25


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is most likely in, from
    ``LANGUAGES``, or None when it cannot tell."""
    words = _WORD.findall(text.lower())[:_MAX_WORDS]
    if not words:
        return None
    scores = {code: sum(word in common for word in words) for code, common in STOP_WORDS.items()}
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    if hits < _MIN_HITS or hits < _MIN_SHARE * len(words) or hits < _MIN_LEAD * runner_up:
        return None
    return best
