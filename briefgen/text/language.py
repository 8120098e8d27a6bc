"""The language a text is in: py3langid's identifier (97 languages, the ``languages``
extra), else a cheap guess from the commonest short words of seven.

It labels a page (the ``lang`` and ``dir`` attributes of the HTML evidence view). py3langid
was chosen over lingua by ``benchmarks/golden_languages.py``: as many of pySBD's golden
texts named right, over ten times faster. Either way the answer is ``None`` rather than a
guess when the text does not point clearly to one language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

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


# py3langid's probability of its answer below which the language is left unsaid.
_MIN_PROBABILITY = 0.5
_IDENTIFIED_CHARS = 5000
# Languages written right to left (ISO 639-1), for the ``dir`` of a page.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "dv", "ug", "sd", "ku"})


def identify_language(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or None when unsure.

    The word guess first: when it is sure (it leaves a text unsaid rather than be wrong),
    that is the answer, and py3langid's model (close to a second to load) is not loaded
    for the seven languages most articles here are in; py3langid for the rest."""
    guessed = guess_language(text)
    identifier = _identifier() if guessed is None else None
    if identifier is None:
        return guessed
    sample = text[:_IDENTIFIED_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    code, probability = identifier.classify(sample)
    return str(code) if probability >= _MIN_PROBABILITY else None


def direction(code: str | None) -> str | None:
    """ "rtl" for a language written right to left, "ltr" for another, None unknown."""
    if code is None:
        return None
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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


def text_direction(text: str) -> str | None:
    """ "rtl" or "ltr" by the first letter with a direction of its own (the Unicode bidi
    rule for a paragraph), None for a text with no such letter (digits, punctuation)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
    "ru": "Russian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "zh": "Chinese",
}  # fmt: skip


def language_name(code: str) -> str:
    """The English name of the language ``code`` (ISO 639-1), or the code itself."""
    return _NAMES.get(code, code)
