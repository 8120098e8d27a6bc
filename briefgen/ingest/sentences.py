"""Sentence splitting for news text in English, German, French, Spanish and their kin.

Every line break ends a sentence (a line is a paragraph in briefgen). Within a line, a
run of ``.!?…`` ends a sentence unless what is around it says otherwise:

- an abbreviation ("Mr.", "Dr.", "z.B.", "Sr.", "Jan."), an initial ("J. Smith"), a
  dotted acronym before a word that does not start a sentence ("the U.S. position");
- an ordinal date ("Am 3. Dezember", "el 5. de mayo" is rare, but "3. Dezember" is not);
- a quotation still open ("He said: “We will not go. Never.” Officials disagreed." is two
  sentences, and the quotation stays with its attribution);
- what follows: a capital or a digit starts a sentence; a lower-case word does only in
  text written all in lower case, or after a full stop set off by spaces (" . ");
- feeds that drop the space ("the service.Anzac Day") still end a sentence there.

Chinese and Japanese end a sentence with 。！？ and need no space or capital after them;
Arabic, Persian and Urdu with ؟ and ۔ (and a full stop), Hindi with ।, each followed by a
space, as a full stop is. Quotations are told with the pairing of marks the line uses
(``text.quotations``): »...« in German, «...» in French, 「...」 in Japanese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen.text.lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES
from briefgen.text.quotations import quotation_pattern

# Words that end in a period without ending the sentence (compared lower-case, without
# the final period), in English, German, French, Spanish, Italian and Portuguese.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof gen lt col maj capt cmdr cdr adm sgt cpl pvt amb gov sen rep pres
    sec supt insp det st jr sr rev hon mt ft messrs mme mlle inc ltd co corp dept univ assn
    bros approx vs cf al ca
    bzw ggf usw vgl nr hr hrn fr dipl ing abs str tel mio mrd bspw evtl inkl zzgl
    av bd apr env mgr etc
    sra srta sres dña dra ud uds pág aprox tel excmo ilmo
    sig dott ing avv dir amm arch geom rag egr gent spett ecc
    """.split()
) | frozenset(MONTH_ABBREVIATIONS)
# Dotted abbreviations of several letters ("z.B.", "d.h.", "u.a.", "a.m.", "e.g.").
_DOTTED_ABBREVIATION = re.compile(r"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$")
# Abbreviations only when a number follows ("No. 5", "Vol. 2"); elsewhere they end a
# sentence ("He said no.").
_NUMBER_ABBREVIATIONS = frozenset("no nos fig figs vol vols art pp para nr n° nº".split())
# Abbreviations that end a name or a phrase ("Briggs & Co.", "Apple Inc."): before a
# function word they also end the sentence.
_CLOSING_ABBREVIATIONS = frozenset("co inc ltd corp bros jr sr etc al".split())
# After a dotted acronym ("U.S.") or a capital's full stop ("you and I."), only these
# words make the period a sentence end: function words, never capitalised mid-sentence.
_SENTENCE_STARTERS = frozenset(
    """
    the a an he she it they we i you but however in on at this that these those there his
    her their its our meanwhile still yet and so also officials according how what why who
    where when which did do does is are was were if as after before then now
    """.split()
)

# A run of sentence-ending punctuation with the closing quotes and brackets after it.
# Footnote marks after it ("martyr.[1] The") stay with the sentence they close.
_END = re.compile(r"[.!?…؟۔।]+[\"'”’»«)\]」』]*(?:\[\d{1,3}\])*|[。！？]+[”’」』）)]*")
# Full-width stops end a sentence whatever follows (Chinese and Japanese set no space).
_FULL_WIDTH_END = frozenset("。！？")
# Stops of scripts without capitals: what follows cannot say "a new sentence" by case.
_CASELESS_END = frozenset("؟۔।")
_OPENERS = "\"'“‘«»‹›([`„「『"
# Opening quotation marks: after a full stop one starts a sentence whatever the case of
# the word after it (tokenised news text writes quotes as `` ... '' in lower case).
_OPENING_QUOTES = "`“„«»‹›「『"
_LEADING_OPENERS = re.compile(r"^[\s\"'“‘«»‹›(\[`„「『]+")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_STOP = re.compile(r"^[^\W\d_]\.$")
_ELISION = re.compile(r"^[^\W\d_]{1,4}['’]")
# A run that is an address: its full stops end no sentence ("Jane.Doe@example.com").
_ADDRESS = re.compile(r"@|://|^www\.", re.IGNORECASE)


def split_line(line: str, quotes: re.Pattern[str] | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of one line, trimmed of spaces. ``quotes`` is the
    quotation pattern of the whole text the line is from (``quotation_pattern(text,
    singles=False)``: ’ is also the apostrophe): a line alone may not show the text's
    pairing of the marks."""
    lower_case_text = not has_capitals(line)
    inside = quoted_ranges(line, quotes or quotation_pattern(line, singles=False))
    start = 0
    for match in _END.finditer(line):
        if not _ends_sentence(line, start, match, inside, lower_case_text):
            continue
        if _LETTER.search(line, start, match.start()) is None:
            continue  # no letter before it: a list's "1." or "2.)" opens the sentence
        yield from trimmed_span(line, start, match.end())
        start = match.end()
    yield from trimmed_span(line, start, len(line))


def _ends_sentence(
    line: str,
    start: int,
    match: re.Match[str],
    inside: list[tuple[int, int]],
    lower_case_text: bool,
) -> bool:
    after = line[match.end() :]
    if not after.strip():
        return False  # the end of the line ends the sentence anyway
    if any(a < match.start() and match.end() <= b for a, b in inside):
        return False  # inside a quotation that closes later on this line
    punct = match.group(0)
    if punct[0] in _FULL_WIDTH_END:
        return True
    if punct[0] in _CASELESS_END or (punct[0] == "." and _caseless(after)):
        return after[:1].isspace()
    spaced = after[:1].isspace()
    following = _LEADING_OPENERS.sub("", after)
    first = following[:1]
    if not spaced:
        # "service.Anzac Day": a full stop glued to a capitalised word after a word of
        # lower-case letters. "U.S.A", "3.2", "example.com" are not sentence ends.
        before = line[start : match.start()].rsplit(None, 1)
        word = before[-1] if before else ""
        run = word + following.split(None, 1)[0] if following.strip() else word
        return (
            punct == "."
            and not _ADDRESS.search(run)
            and len(word) > 1
            and word[-2:].isalpha()
            and word[-1].islower()
            and word.lower().strip(_OPENERS) not in ABBREVIATIONS
            and len(following) > 1
            and first.isupper()
            and (following[1].islower() or (first in "AI" and following[1].isspace()))
        )
    if not (first.isupper() or first.isdigit() or first in "¿¡"):
        # A lower-case word starts a sentence only in text written in lower case, after
        # a stop set off by spaces, as tokenised text has it ("tagalog . the"), or when
        # a quotation opens ("health. ` the cleaner your diet").
        set_off = (
            match.start() > 0
            and line[match.start() - 1].isspace()
            and len(punct.rstrip("\"'”’»«)]")) == 1  # not an ellipsis ("really ... well")
            and line[match.start() - 2 : match.start()] != ". "  # nor a spaced one
        )
        opening = after.lstrip()
        # A straight quote mark glued to the word after it opens a quotation.
        quoted = opening[:1] in _OPENING_QUOTES or (opening[:1] in "\"'" and opening[1:2].isalpha())
        if not (first.isalpha() and (lower_case_text or set_off or quoted)):
            return False
    if not punct.startswith(".") or (punct.startswith("..") and not punct.startswith("...")):
        return True  # "am 23 Nov.. Grazie": the abbreviation's stop, then the sentence's
    return not _abbreviation_before(line, start, match, following)


def _abbreviation_before(line: str, start: int, match: re.Match[str], following: str) -> bool:
    """Whether the full stop at ``match`` belongs to the word before it."""
    before = line[start : match.start()]
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip(_OPENERS)
    if not word:
        return False
    bare = _ELISION.sub("", word.lower())  # "l'Avv." is "Avv." after an elided article
    next_word = following.split(None, 1)[0].strip(_OPENERS + ".,;:") if following else ""
    if bare in ABBREVIATIONS:
        return not (bare in _CLOSING_ABBREVIATIONS and next_word.lower() in _SENTENCE_STARTERS)
    if bare in _NUMBER_ABBREVIATIONS and next_word[:1].isdigit():
        return True
    if len(word) == 1 and word.isalpha():
        # An initial, as in "J. Smith", unless a function word follows ("you and I. Did");
        # the last letter of a spaced acronym ("the u. S. A few") is no pronoun.
        words = before.split()
        spaced = len(words) > 1 and _LETTER_STOP.match(words[-2]) is not None
        return spaced or not (word.isupper() and next_word.lower() in _SENTENCE_STARTERS)
    if word.isdigit() and len(word) <= 2 and next_word.lower() in MONTH_NAMES:
        return True  # an ordinal date: "am 3. Dezember"
    if _DOTTED_ACRONYM.match(word):
        return next_word.lower() not in _SENTENCE_STARTERS
    return bool(_DOTTED_ABBREVIATION.match(word)) and not next_word[:1].isupper()


def has_capitals(line: str) -> bool:
    """Whether the line has a capital letter (compared in C: a line of a script without
    capitals would otherwise be read a character at a time)."""
    return line != line.lower()


def quoted_ranges(line: str, quotes: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of the line inside quotation marks that close on the same line: (opening
    mark, closing mark). Single marks are left out: ’ is also the apostrophe ("‘I don’t,’
    he said")."""
    return [(m.start(), m.end() - 1) for m in quotes.finditer(line) if m.group()[0] != "‘"]


def _caseless(after: str) -> bool:
    """Whether the text after a stop starts in a script without capitals (Arabic,
    Hebrew, Devanagari, CJK ...), where a full stop and a space end a sentence."""
    first = _LEADING_OPENERS.sub("", after)[:1]
    return first.isalpha() and not first.isupper() and not first.islower()


def trimmed_span(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
