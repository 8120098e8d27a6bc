"""The rules of a section that read an item's own shape, not its support: parts that
must differ, a required opening, names beside the point, information gaps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from briefgen.grounding.distinct import indistinct
from briefgen.grounding.evidence import article_evidence
from briefgen.grounding.leaks import LeakFinder
from briefgen.grounding.names import name_occurs
from briefgen.grounding.support import unknown_names, values_missing_from
from briefgen.ingest.article import Article
from briefgen.memo.items import CitedItem
from briefgen.memo.sections import Section

Item = TypeVar("Item", bound=CitedItem)


class ShapeChecker:
    """Applies the shape rules a section declares, recording every item it drops."""

    def __init__(self, article: Article, leaks: LeakFinder, record: Callable[..., None]):
        self.article = article
        self.leaks = leaks
        self._record = record

    def distinct(self, spec: Section, items: Sequence[Item]) -> list[Item]:
        """The items whose ``distinct`` pairs differ; the others are dropped."""
        kept = []
        for item in items:
            problem = indistinct(spec, item)
            if problem is None:
                kept.append(item)
            else:
                text = spec.item_text(item)
                self._record(spec.kind, text, "dropped", problem, sentence_ids=item.sentence_ids)
        return kept

    def with_prefix(self, spec: Section, items: Sequence[Item]) -> list[Item]:
        """The items that start with the section's prefix ("That you")."""
        assert spec.prefix is not None
        kept = []
        for item in items:
            text = spec.item_text(item)
            if text.strip().lower().startswith(spec.prefix.lower()):
                kept.append(item)
            else:
                self._record(spec.kind, text, "dropped", f'does not start with "{spec.prefix}"')
        return kept

    def gaps(self, gaps: list[str]) -> list[str]:
        """The information gaps that are questions naming only what the article names."""
        kept: list[str] = []
        for gap in (g.strip() for g in gaps):
            if len(gap.split()) < 3:
                self._record("information_gap", gap, "dropped", "too short to be a question")
                continue
            problem = self.leaks.find(gap)
            unknown = unknown_names(gap, self.article)
            if problem is None and unknown:
                problem = f"name(s) not in the article: {', '.join(unknown)}"
            # A gap is a question, not a claim: but a number in it must be the article's.
            missing = values_missing_from(gap, article_evidence(self.article))
            if problem is None and missing:
                problem = f"number(s) or date(s) {', '.join(missing)} not in the article"
            if problem is not None:
                self._record("information_gap", gap, "dropped", problem)
                continue
            kept.append(gap)
        return kept

    def side_names(self, spec: Section, item: Item) -> Item:
        """``item`` without the names beside the point that the article lacks."""
        update: dict[str, object] = {}
        for attr in spec.side_names:
            value = getattr(item, attr)
            if isinstance(value, list):
                known = [n for n in value if name_occurs(n, self.article)]
                unknown = [n for n in value if n not in known]
                if unknown:
                    self._record(
                        f"{spec.kind}_actor",
                        ", ".join(unknown),
                        "dropped",
                        "name(s) not in the article",
                        sentence_ids=item.sentence_ids,
                    )
                update[attr] = known
            elif value and not name_occurs(str(value), self.article):
                update[attr] = None
        return item.model_copy(update=update)
