"""Which splitter cuts an article's lines into sentences, by the article's language:
sentencex (a maintained splitter of ~300 languages, the ``languages`` extra) or
briefgen's own rules (``ingest.sentences``).

sentencex splits the languages in ``SENTENCEX_LANGUAGES``: those where it gets more of
pySBD's and sentencex's golden cases right than briefgen's rules, and fast, as
``benchmarks/sentence_split.py`` measures. briefgen's rules stay for English (they win on
the English news cases users met), for the languages where they are as good, for those
sentencex is too slow in, and for those no suite measures. Either way a line break ends
a sentence and each sentence is an exact (start, end) span of the text, trimmed of
spaces; on sentencex's cuts briefgen's rules still join two pieces where the cut is no
sentence end (inside a quotation, after a list's number ...: ``_continues``). Without
sentencex installed, briefgen's rules split every language, with a warning logged once
per language, ``Article.splitter`` saying so and the memo's report too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache

from briefgen.ingest.sentences import has_capitals, quoted_ranges, split_line, trimmed_span

logger = logging.getLogger(__name__)

OWN = "briefgen"
SENTENCEX = "sentencex"

# ISO 639-1 codes where sentencex is right on more golden cases than briefgen's rules and
# fast (docs/testing.md has the table). Not here: Arabic, Persian, Urdu, Hindi, Marathi,
# French and Polish, where briefgen's rules are as good; Danish and Italian, where
# sentencex is better but takes 17 to 29 and 0.6 to 1.2 µs a character (against 0.02 to
# 0.12 in the others), over the splitter's budget.
SENTENCEX_LANGUAGES = frozenset("am bg de el es fi hy ja kk ml my nl pt ru sk zh".split())

Segment = Callable[[str, str], Iterable[str]]

# A word of at most this many letters before a full stop and a lower-case word is taken
# for an abbreviation.
_ABBREVIATION_LETTERS = 3
_LETTER = re.compile(r"[^\W\d_]")
_HIRAGANA = re.compile(r"[\u3041-\u309f]")


@lru_cache(maxsize=1)
def _sentencex() -> Segment | None:
    try:
        import sentencex
    except ImportError:
        return None
    segment: Segment = sentencex.segment
    return segment


def wanted_splitter(language: str | None) -> str:
    """The splitter chosen for a text in ``language``, whether or not it is installed."""
    return SENTENCEX if language in SENTENCEX_LANGUAGES else OWN


def splitter_for(language: str | None) -> str:
    """The splitter that splits a text in ``language`` here: sentencex when chosen and
    installed, else briefgen's rules (logged once per language when sentencex is missing)."""
    wanted = wanted_splitter(language)
    if wanted == SENTENCEX and _sentencex() is None:
        _warn_missing(language)
        return OWN
    return wanted


@cache
def _warn_missing(language: str | None) -> None:
    logger.warning(
        "Sentences in '%s' are split by briefgen's own rules: sentencex, which splits "
        "them better, is not installed (pip install 'briefgen[languages]')",
        language,
    )


def sentence_spans(
    text: str, splitter: str, language: str | None, quotes: re.Pattern[str]
) -> Iterator[tuple[int, int]]:
    """(start, end) in ``text`` of each sentence, by ``splitter`` (``splitter_for``);
    ``quotes`` is the text's quotation pattern (``quotation_pattern(text, singles=False)``).

    sentencex is given a line at a time: a paragraph bounds its time where it grows
    faster than the text (it does in some languages), and a line break ends a sentence
    anyway. Only where it ends sentences is taken from it."""
    segment = _sentencex() if splitter == SENTENCEX else None
    line_start = 0
    for line in text.split("\n"):
        for start, end in _line_spans(line, segment, language or "en", quotes):
            yield line_start + start, line_start + end
        line_start += len(line) + 1


def _line_spans(
    line: str, segment: Segment | None, language: str, quotes: re.Pattern[str]
) -> Iterable[tuple[int, int]]:
    if segment is None or not line.strip():
        return split_line(line, quotes)
    spans = _located(line, segment(language, line))
    if spans is None:
        # Its sentences are not the line's characters in order (a version that rewrites
        # text): briefgen's rules rather than offsets that cite the wrong words.
        logger.warning("sentencex's sentences do not match a line; briefgen's rules split it")
        return split_line(line, quotes)
    return _line_pieces(line, [end for _, end in spans[:-1]], quotes)


def _line_pieces(line: str, cuts: list[int], quotes: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The line cut at ``cuts``, each piece trimmed, and two pieces joined again where
    briefgen's rules say the cut is no sentence end (``_continues``)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(line)]:
        spans += trimmed_span(line, start, cut)
        start = cut
    if not spans:
        return
    inside = quoted_ranges(line, quotes)
    cased = has_capitals(line)
    start, end = spans[0]
    for next_start, next_end in spans[1:]:
        if _continues(line, (start, end), next_start, inside, cased):
            end = next_end
            continue
        yield start, end
        start, end = next_start, next_end
    yield start, end


def _continues(
    line: str,
    sentence: tuple[int, int],
    next_start: int,
    inside: list[tuple[int, int]],
    cased: bool,
) -> bool:
    """Whether ``sentence`` goes on at ``next_start``, by briefgen's rules: it has no letter
    (a list's "1.", an ellipsis that opens the next); the cut is inside a quotation that
    closes later on the line; a digit's full stop has no space after it ("1.Helado"), or a
    number follows "N°."; a
    short word's full stop is followed by a lower-case word in a line that has capitals
    (an abbreviation: "a las 5 p. m. al ministerio"); or, in Japanese, a particle follows
    a closing 」 (「...。」と述べた: the quotation is what was said)."""
    start, end = sentence
    if _LETTER.search(line, start, end) is None:
        return True
    if any(opening < end <= closing for opening, closing in inside):
        return True
    stop, before = line[end - 1], line[end - 2 : end - 1]
    if stop == "." and (
        (before.isdigit() and next_start == end) or (before in "°º" and line[next_start].isdigit())
    ):
        return True  # "1.Helado", "N°. 5"
    if cased and stop == "." and line[next_start].islower():
        word = line[start : end - 1].rsplit(None, 1)[-1] if line[start : end - 1].strip() else ""
        if word.isalpha() and len(word) <= _ABBREVIATION_LETTERS:
            return True
    return stop in "」』" and _HIRAGANA.match(line, next_start) is not None


def _located(text: str, parts: Iterable[str]) -> list[tuple[int, int]] | None:
    """Each part's trimmed span in ``text``, found in order from the end of the last (a
    library may drop or trim the spaces between sentences); None when a part is not
    there."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0 or text[cursor:at].strip():
            return None
        cursor = at + len(piece)
        spans.append((at, cursor))
    if text[cursor:].strip():
        return None
    return spans
