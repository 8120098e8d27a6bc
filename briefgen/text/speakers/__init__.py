"""Who spoke each quotation of a text, read as a reader reads it: see ``read_speaker``.

Text only, as the rest of ``briefgen.text``: a text and its sentences' offsets in, a
speaker out. Grounding (``briefgen.grounding.attribution``) and the extractive plan read
speakers through here, so both read them the same way.
"""

from __future__ import annotations

from functools import lru_cache

from briefgen.text.languages import lexicon, speech
from briefgen.text.speakers._antecedents import Reading
from briefgen.text.speakers._reader import Reader

__all__ = [
    "Reading",
    "prepare_reading",
    "read_holder",
    "read_speaker",
    "reading_language",
]


def reading_language(code: str | None) -> str:
    """The language a text in ``code`` is read in: its own when it has attribution
    patterns (``SPEECH``) or a lexicon, else English, as every text was read before
    languages had their own (no language identified, or one with no patterns yet)."""
    if code is None or speech(code) is not None:
        return code or "en"
    try:
        lexicon(code)
    except LookupError:
        return "en"
    return code


def read_speaker(
    text: str,
    sentences: tuple[tuple[int, int], ...],
    start: int,
    end: int,
    *,
    language: str = "en",
) -> Reading:
    """Who ``text`` says spoke the quotation whose inside is ``text[start:end]``.

    ``sentences`` are the (start, end) offsets of the text's sentences, in order; a line
    break between two of them ends a paragraph. The speaker is a noun phrase the text
    writes (a name, "the minister", "an official"), or None with the reason in ``how``
    when the text does not make it plain. ``language`` picks the word lists
    (``briefgen.text.languages``: English's lexicon, or another language's attribution
    patterns); LookupError when there are none for it.
    """
    return _reader(text, sentences, language).read(start, end)


def read_holder(
    text: str, sentences: tuple[tuple[int, int], ...], index: int, *, language: str = "en"
) -> Reading:
    """Who sentence ``index`` of ``text`` says holds the stance it reports (a position's
    party): the subject of its verb of speech or stance, a pronoun resolved only to the
    one person it can stand for (``Reading.sentence`` then names the sentence that names
    them), or None when the sentence does not make it plain."""
    return _reader(text, sentences, language).holder(index)


def prepare_reading(text: str, sentences: tuple[tuple[int, int], ...], language: str) -> None:
    """Read ``text`` for its speakers now (kept for the reads that follow): grounding
    does this while the model writes, so that the first quotation checked waits less."""
    _reader(text, sentences, language)


@lru_cache(maxsize=16)
def _reader(text: str, sentences: tuple[tuple[int, int], ...], language: str) -> Reader:
    return Reader(text, sentences, language)
