"""Who spoke a quotation: two related sources that give the same words to different
named speakers, neither of which also gives them to the other's speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.grounding.attribution import attribute
from briefgen.grounding.conflicts._actors import compatible_actors
from briefgen.grounding.conflicts._assemble import contradiction
from briefgen.ingest.article import Sentence
from briefgen.ingest.dossier import Dossier
from briefgen.memo.items import Contradiction
from briefgen.text.lexicon import STOPWORDS
from briefgen.text.normalise import fold_text
from briefgen.text.quotations import quotations

_MIN_QUOTE_WORDS = 5


@dataclass(frozen=True)
class _Said:
    sentence: Sentence
    quote: str
    folded: str
    speaker: str


def _said(dossier: Dossier, number: int) -> list[_Said]:
    member = dossier.members[number]
    found: list[_Said] = []
    for start, end in quotations(member.text):
        quote = member.text[start:end]
        if len(quote.split()) < _MIN_QUOTE_WORDS:
            continue  # scare quotes and titles, not statements
        speaker = attribute(member, start, end).speaker
        sentence = member.sentence_at(start)
        if speaker is None or sentence is None or not _named(speaker):
            continue
        joined = dossier.article.sentence(f"A{number}:{sentence.id}")
        if joined is None:
            continue
        folded = " ".join(re.findall(r"\w+", fold_text(quote)))
        found.append(_Said(joined, quote, folded, speaker))
    return found


def _named(speaker: str) -> bool:
    """A speaker given by name ("Khawaja Asif"), not a description ("an official")."""
    first = speaker.split(maxsplit=1)[0].lower()
    if first in {"a", "an", "one", "another", "two", "three", "several", "some"}:
        return False
    return any(w[:1].isupper() for w in speaker.split() if w.lower() not in STOPWORDS)


def _same_words(a: _Said, b: _Said) -> bool:
    shorter, longer = sorted((a.folded, b.folded), key=len)
    return len(shorter.split()) >= _MIN_QUOTE_WORDS and f" {shorter} " in f" {longer} "


def quote_conflicts(dossier: Dossier, related: set[tuple[int, int]]) -> list[Contradiction]:
    """One contradiction per related pair of sources and quotation they give to rival
    speakers; each side is its source's whole sentence."""
    sources = sorted({n for pair in related for n in pair})
    said = {n: _said(dossier, n) for n in sources}
    found: list[Contradiction] = []
    seen: set[tuple[int, int, str]] = set()
    for a, b in sorted(related):
        for qa in said[a]:
            for qb in said[b]:
                if not _same_words(qa, qb) or compatible_actors(qa.speaker, qb.speaker):
                    continue
                # A source that also gives the other speaker these words is not disputing.
                if any(
                    _same_words(qa, other) and compatible_actors(qa.speaker, other.speaker)
                    for other in said[b]
                ) or any(
                    _same_words(qb, other) and compatible_actors(qb.speaker, other.speaker)
                    for other in said[a]
                ):
                    continue
                shorter = qa if len(qa.folded) <= len(qb.folded) else qb
                if (a, b, shorter.folded) in seen:
                    continue
                seen.add((a, b, shorter.folded))
                quoted = shorter.quote.split()
                shown = " ".join(quoted[:8]) + ("…" if len(quoted) > 8 else "")
                found.append(
                    contradiction(
                        f"who said: “{shown}”",
                        [(q.sentence, q.sentence.text.strip()) for q in (qa, qb)],
                        "conflict",
                        None,
                    )
                )
    return found
