"""Grounding what a dossier says about its sources.

- A disagreement is kept only when two or more sides survive, each carried by the
  sentences it cites, and no source stands on two sides: the memo shows the
  disagreement, so every side must be what its source says.
- "3 of 5 sources" is a claim too: an item merged from several sources keeps a source's
  citations only when that source's sentences carry the item on their own.
- A quotation several sources print is cited in each of them that gives it the same
  speaker (another speaker is a contradiction, which the rules pass reports).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from briefgen.grounding.attribution import attribute
from briefgen.grounding.leaks import LeakFinder
from briefgen.grounding.names import same_actor
from briefgen.grounding.stories import same_story_pairs
from briefgen.grounding.support import SupportResult
from briefgen.ingest.article import Article, Sentence, sentence_order, source_of
from briefgen.memo.data import BriefData, GroundedQuote
from briefgen.memo.items import Contradiction, Disagreement, Side
from briefgen.memo.sections import Section, sections
from briefgen.text.quotations import quotations
from briefgen.text.words import stem

GroundSides = Callable[[list[Side]], list[Side]]
Check = Callable[[str, list[Sentence]], SupportResult]
Record = Callable[..., None]
# Sides this alike say the same thing: no disagreement to show.
SAME_CLAIM = 0.9
_TOKEN = re.compile(r"\w+")


class SourceChecker:
    """The dossier checks, over the joined text whose ids are ``A<n>:S<m>``."""

    def __init__(
        self,
        article: Article,
        leaks: LeakFinder,
        check: Check,
        foreign: Callable[[str, list[Sentence]], str | None],
        record: Record,
    ) -> None:
        self.article = article
        self.leaks = leaks
        self.check = check
        self.foreign = foreign  # a name the sources lack, a number the cited sentences lack
        self.record = record
        self._story_pairs: set[tuple[int, int]] | None = None

    # -- disagreements -------------------------------------------------------------

    def ground_disagreements(
        self, items: Sequence[Disagreement | Contradiction], ground_sides: GroundSides
    ) -> list[Contradiction]:
        kept: list[Contradiction] = []
        for item in items:
            topic = " ".join(item.topic.split())
            sides = ground_sides(list(item.sides))
            sides = _one_source_one_side(sides)
            if len(sides) >= 2 and not self._one_story(sides):
                ids = sorted({i for side in sides for i in side.sentence_ids}, key=sentence_order)
                why = "the sides come from sources that report different stories"
                self.record("contradiction", item.topic, "dropped", why, sentence_ids=ids)
                continue
            cited = [s for side in sides for s in self._sentences(side.sentence_ids)]
            problem = self._topic_problem(topic, cited)
            if problem is None and len(sides) < 2:
                problem = "fewer than two sources left on different sides"
            if problem is None and _all_alike([side.claim for side in sides]):
                problem = "the sides say the same thing"
            ids = sorted({i for side in sides for i in side.sentence_ids}, key=sentence_order)
            if problem is not None:
                self.record("contradiction", topic, "dropped", problem, sentence_ids=ids)
                continue
            self.record("contradiction", topic, "kept", None, sentence_ids=ids)
            extra: dict[str, Any] = {}
            if isinstance(item, Contradiction):
                extra = {"kind": item.kind, "found_by": item.found_by, "note": item.note}
            kept.append(Contradiction(topic=topic, sides=sides, sentence_ids=ids, **extra))
        return kept

    def _one_story(self, sides: list[Side]) -> bool:
        """Whether two of the sides come from sources that report the same story: two
        reports of different events do not contradict each other, however their
        numbers differ."""
        if self._story_pairs is None:
            self._story_pairs = same_story_pairs(self.article)
        sources = [{source_of(sid) for sid in side.sentence_ids} for side in sides]
        return any(
            (min(a, b), max(a, b)) in self._story_pairs
            for i, mine in enumerate(sources)
            for theirs in sources[i + 1 :]
            for a in mine
            for b in theirs
        )

    def _sentences(self, ids: Sequence[str]) -> list[Sentence]:
        return [s for s in (self.article.sentence(i) for i in ids) if s is not None]

    def _topic_problem(self, topic: str, cited: list[Sentence]) -> str | None:
        if not topic:
            return "no topic"
        return self.leaks.find(topic) or self.foreign(topic, cited)

    # -- how many sources carry an item ---------------------------------------------

    def confirm_sources(self, data: BriefData) -> BriefData:
        """Each merged item keeps the citations of only the sources that carry it."""
        update: dict[str, Any] = {}
        for spec in sections():
            if spec.check == "quote":
                update[spec.field] = [self._quoted_elsewhere(q) for q in spec.items(data)]
            elif spec.check == "full" and spec.field != "contradictions":
                update[spec.field] = [self._carried(spec, item) for item in spec.items(data)]
        return data.model_copy(update=update)

    def _carried(self, spec: Section, item: Any) -> Any:
        ids: list[str] = list(item.sentence_ids)
        by_source: dict[int, list[str]] = {}
        for sid in ids:
            by_source.setdefault(source_of(sid), []).append(sid)
        if len(by_source) < 2:
            return item
        text = spec.item_text(item)
        carrying = {
            n: part
            for n, part in by_source.items()
            if self.check(text, self._sentences(part)).supported
        }
        if not carrying:  # grounding passed it on the sources together: keep them all
            return item
        dropped = sorted(set(by_source) - set(carrying))
        if not dropped:
            return item
        kept = [sid for sid in ids if source_of(sid) in carrying]
        self.record(
            spec.kind,
            text,
            "amended",
            "not carried by " + ", ".join(f"A{n}" for n in dropped) + " on its own: "
            "their citations removed",
            sentence_ids=kept,
        )
        return item.model_copy(update={"sentence_ids": kept})

    def _quoted_elsewhere(self, quote: GroundedQuote) -> GroundedQuote:
        if quote.reported_speech:
            return quote
        ids = list(quote.sentence_ids)
        sources = {source_of(sid) for sid in ids}
        spans = quotations(self.article.text)
        at = self.article.text.find(quote.text)
        while at != -1:
            end = at + len(quote.text)
            sentence = self.article.sentence_at(at)
            inside = any(a <= at and end <= b for a, b in spans)
            if sentence is not None and inside and source_of(sentence.id) not in sources:
                speaker = attribute(self.article, at, end).speaker
                if _same_speaker(speaker, quote.speaker):
                    ids.append(sentence.id)
                    sources.add(source_of(sentence.id))
            at = self.article.text.find(quote.text, at + 1)
        if len(ids) == len(quote.sentence_ids):
            return quote
        return quote.model_copy(update={"sentence_ids": sorted(ids, key=sentence_order)})


def _same_speaker(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return same_actor(a, b)


def _one_source_one_side(sides: list[Side]) -> list[Side]:
    """Drop a side that cites a source an earlier side already stands on."""
    taken: set[int] = set()
    kept: list[Side] = []
    for side in sides:
        mine = {source_of(sid) for sid in side.sentence_ids}
        if not mine or mine & taken:
            continue
        taken |= mine
        kept.append(side)
    return kept


def _all_alike(claims: list[str]) -> bool:
    # Numbers count: "12 were killed" and "19 were killed" differ in nothing else.
    words = [frozenset(stem(w) for w in _TOKEN.findall(c.lower())) for c in claims]
    first = words[0] if words else frozenset()
    return all(
        w == first or (len(w | first) and len(w & first) / len(w | first) >= SAME_CLAIM)
        for w in words[1:]
    )
