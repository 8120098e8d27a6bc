"""Whether two sentences of different sources are about one event: their event nouns
(bombing, earthquake, vote ...) and names do not differ, each read from the sentence
before when a sentence has none, and they share words beyond the measure itself."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.grounding.claims import read_claim
from briefgen.grounding.conflicts._words import CASUALTY_WORDS, COUNT_NOUNS, EVENT_GROUPS
from briefgen.grounding.stories import distinctive_stems
from briefgen.ingest.article import Sentence
from briefgen.text.words import stem


def _events(tokens: tuple[str, ...]) -> frozenset[str]:
    return frozenset(EVENT_GROUPS[t] for t in tokens if t in EVENT_GROUPS)


@dataclass(frozen=True)
class Context:
    """The event kinds and names a sentence is about, each read from the sentence before
    when the sentence has none ("A bomb went off in Kabul. Twelve people died.")."""

    events: frozenset[str]
    names: frozenset[str]
    previous_names: frozenset[str]

    def names_without(self, drop: frozenset[str]) -> frozenset[str]:
        """Its names less ``drop``, or the previous sentence's when none is left."""
        return (self.names - drop) or (self.previous_names - drop)


def contexts(sentences: list[Sentence]) -> dict[str, Context]:
    """The context of each of one source's ``sentences`` (in reading order), by id."""
    context: dict[str, Context] = {}
    events: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    for sentence in sentences:
        claim = read_claim(sentence.text)
        own_events, own_names = _events(claim.tokens), claim.names
        context[sentence.id] = Context(own_events or events, own_names, names)
        events, names = own_events, own_names
    return context


def context_at(sentences: list[Sentence], index: int) -> Context:
    """The context of ``sentences[index]``, as ``contexts`` gives it, reading only that
    sentence and the one before."""
    claim = read_claim(sentences[index].text)
    own_events = _events(claim.tokens)
    if index == 0:
        return Context(own_events, claim.names, frozenset())
    before = read_claim(sentences[index - 1].text)
    return Context(own_events or _events(before.tokens), claim.names, before.names)


_MEASURE_WORDS = frozenset(stem(w) for w in (*CASUALTY_WORDS, *COUNT_NOUNS, *EVENT_GROUPS))


def same_event(
    a: Sentence, b: Sentence, context: dict[str, Context], drop: frozenset[str] = frozenset()
) -> int | None:
    """How strongly two sentences are about one event (None: not the same). ``drop``: names
    that differ by the nature of the dispute (the rival claimants)."""
    ca, cb = context[a.id], context[b.id]
    if ca.events and cb.events and not ca.events & cb.events:
        return None
    names_a, names_b = ca.names_without(drop), cb.names_without(drop)
    if names_a and names_b and not names_a & names_b:
        return None  # different places or actors
    shared = (distinctive_stems(a.text) & distinctive_stems(b.text)) - _MEASURE_WORDS - drop
    shared_events = len(ca.events & cb.events)
    if not shared_events and len(shared) < 2:
        return None
    return len(shared) + 2 * shared_events + 2 * len(names_a & names_b)
