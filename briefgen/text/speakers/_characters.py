"""Said-clauses in a script without spaces (Chinese, Japanese), read by the regular
expressions of the language's data: the speaker is the run of characters the expression
names "speaker", kept only when it is no pronoun, clause, document, place or outlet."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.text.languages import Speech
from briefgen.text.speakers._clauses import Clause
from briefgen.text.speakers._phrases import Phrase
from briefgen.text.speakers._tokens import Token


def characters_clause(
    speech: Speech, text: str, tokens: Sequence[Token], at: tuple[int, int, int | None]
) -> Clause | None:
    """The said-clause of the quotation ``tokens[q]`` (``at`` = q, the first token after
    the quotation before it, the next quotation or None): after it ("，他说。"), else
    before it ("钟南山院士说：", "Xは" with "と述べた" after)."""
    q, start, end = at
    quote = tokens[q]
    head = tokens[start - 1].end if start else tokens[0].start
    tail = tokens[end].start if end is not None else tokens[-1].end
    before = text[min(head, quote.start) : quote.start]
    after = text[quote.end : max(quote.end, tail)]
    if speech.after:
        found = re.match(speech.after, after)
        if found is not None:
            return Clause(characters_phrase(speech, found, quote.end), "said-clause")
    closing = not speech.closing or re.match(speech.closing, after) is not None
    found = re.search(speech.before, before) if speech.before and closing else None
    if found is None:
        return None
    return Clause(characters_phrase(speech, found, quote.start - len(before)), "said-clause")


def characters_phrase(speech: Speech, found: re.Match[str], offset: int) -> Phrase | None:
    """The speaker a match names (its text at ``offset`` + the match's own offset)."""
    speaker = found.group("speaker")
    at = offset + found.start("speaker")
    token = Token(speaker, at, at + len(speaker), "word")
    if any(speaker.startswith(p) for p in speech.pronouns):
        return Phrase((token,), "pronoun")
    if any(w in speaker for w in speech.stops | speech.documents):
        return None
    if any(speaker.endswith(p) for p in speech.places):
        return None  # "中方", "美国": a place; "中国外交部发言人" is a person
    if speaker.endswith(speech.outlet_suffixes) or any(o in speaker for o in speech.outlets):
        return None
    if any(r in speaker for r in speech.roles) or speaker.endswith(speech.role_suffixes):
        return Phrase((token,), "name")
    return Phrase((token,), "name") if len(speaker) <= speech.bare_names else None
