"""Who claimed or is said to be behind an attack: two related sources that name different
actors for one event, neither of which names the other's."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.grounding.conflicts._actors import compatible_actors
from briefgen.grounding.conflicts._assemble import clause, contradiction
from briefgen.grounding.conflicts._events import Context, contexts, same_event
from briefgen.ingest.article import Sentence
from briefgen.memo.items import Contradiction
from briefgen.text.lexicon import MONTHS, STOPWORDS, WEEKDAYS
from briefgen.text.words import stem, words

_LINKS = r"al|ul|el|of|bin|ibn|abu|i|e"
_ACTOR = (
    r"((?:[A-Z][\w'’-]*|the|" + _LINKS + r")(?:[\s-]+(?:[A-Z][\w'’-]*|and|" + _LINKS + r"))*),?"
)
# "The Islamic State group claimed": the kind of actor after its name is not part of it.
_KIND = r"(?:\s+(?:group|militants|militia|movement|network|faction|rebels|fighters))?"
_CLAIMED = re.compile(
    _ACTOR + _KIND + r"\s+(?:has\s+|have\s+|had\s+)?(?:claimed|claims|claiming)\s+"
    r"(?:responsibility|credit|(?:the\s+)?(?:attacks?|bombings?|blasts?|killings?|assault|raid|"
    r"shooting|kidnapping))\b"
    r"|" + _ACTOR + _KIND + r"\s+(?:has\s+|have\s+)?said\s+(?:it|they)\s+(?:had\s+)?"
    r"(?:carried\s+out|was\s+behind|were\s+behind|staged|launched)\b"
    r"|" + _ACTOR + r"\s+(?:was|were|is|are)\s+behind\s+the\b"
)
_RESPONSIBILITY_HINT = re.compile(r"claim|behind|carried out|staged|launched|blamed")
_BLAMED = re.compile(r"\bblamed\s+(?:the\s+)?" + _ACTOR + r"\s+for\b")
_NOT_ACTORS = frozenset(
    "no none nobody it they he she we this that the a an officials police authorities".split()
)


_OPENERS = STOPWORDS | WEEKDAYS | MONTHS | {"later", "earlier", "meanwhile", "separately"}


@dataclass(frozen=True)
class _Responsibility:
    sentence: Sentence
    actor: str
    how: str  # "claimed", "behind" or "blamed"
    span: tuple[int, int]  # of the actor and verb inside the sentence text


def _actor(raw: str) -> str | None:
    words = raw.split()
    # A sentence's first word is capitalised whatever it is ("Later Hamas claimed").
    while len(words) > 1 and (words[0].lower() in _OPENERS or words[0].endswith("ly")):
        words.pop(0)
    if not words or words[0].lower() in _NOT_ACTORS or not words[0][:1].isupper():
        return None
    if len(words) == 1 and words[0].lower().endswith(("ist", "ists", "ian", "ish", "ese", "ic")):
        return None  # "The Islamist group": what kind of group, not which
    return " ".join(words)


def _responsibilities(sentence: Sentence) -> list[_Responsibility]:
    found: list[_Responsibility] = []
    text = sentence.text
    if not _RESPONSIBILITY_HINT.search(text):
        return found  # spare the actor patterns most sentences
    for match in _CLAIMED.finditer(text):
        which, raw = next((i, g) for i, g in enumerate(match.groups()) if g is not None)
        negated = re.search(
            r"\b(?:not|no|never|denied|deny|denies)\b",
            text[max(0, match.start() - 20) : match.end()],
        )
        actor = _actor(raw)
        if actor and not negated:
            how = "claimed" if which < 2 else "behind"  # "X was behind" is said of X
            found.append(_Responsibility(sentence, actor, how, (match.start(), match.end())))
    for match in _BLAMED.finditer(text):
        actor = _actor(match.group(1))
        if actor:
            found.append(_Responsibility(sentence, actor, "blamed", (match.start(), match.end())))
    return found


def _name_stems(name: str) -> set[str]:
    # Every word, titles too: "State" in "Islamic State" is a name here, not an office.
    return {stem(w.removesuffix("'s")) for w in words(name)}


def responsibility_conflicts(
    by_source: dict[int, list[Sentence]], related: set[tuple[int, int]]
) -> list[Contradiction]:
    """One contradiction per related pair of sources that name rival actors behind one
    attack (the first such pair of their claims, in reading order)."""
    claims = {
        n: [r for s in sentences for r in _responsibilities(s)]
        for n, sentences in by_source.items()
    }
    context: dict[str, Context] = {}
    for sentences in by_source.values():
        context.update(contexts(sentences))
    found: list[Contradiction] = []
    for a, b in sorted(related):
        best: tuple[_Responsibility, _Responsibility] | None = None
        for ra in claims.get(a, []):
            for rb in claims.get(b, []):
                if compatible_actors(ra.actor, rb.actor):
                    continue
                rivals = frozenset(_name_stems(ra.actor) | _name_stems(rb.actor))
                if same_event(ra.sentence, rb.sentence, context, rivals) is None:
                    continue
                # A source naming both actors already reports the dispute (or two claims).
                if any(compatible_actors(rb.actor, r.actor) for r in claims[a]) or any(
                    compatible_actors(ra.actor, r.actor) for r in claims[b]
                ):
                    continue
                best = (ra, rb)
                break
            if best:
                break
        if best is None:
            continue
        ra, rb = best
        topic = (
            "who claimed the attack"
            if ra.how == rb.how == "claimed"
            else "who carried out the attack"
        )
        found.append(
            contradiction(
                topic,
                [(r.sentence, clause(r.sentence.text, *r.span)) for r in best],
                "conflict",
                None,
            )
        )
    return found
