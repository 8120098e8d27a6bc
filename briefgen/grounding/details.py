"""The secondary fields of an item: a date, a denial, a title, an option's pros and cons.
Each must be carried by the item's cited sentences like the item itself (advice by the
judgement check), else it is removed and the item stays."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from briefgen.grounding.distinct import not_a_denial
from briefgen.grounding.leaks import LeakFinder
from briefgen.grounding.support import SupportResult, missing_values, unknown_names
from briefgen.ingest.article import Article, Sentence
from briefgen.memo.items import CitedItem
from briefgen.memo.sections import Section
from briefgen.text.words import content_words, stem

Item = TypeVar("Item", bound=CitedItem)


class DetailChecker:
    """Grounds the secondary fields a section declares (``values``, ``claims``, ``words``,
    ``judged``)."""

    def __init__(
        self,
        article: Article,
        leaks: LeakFinder,
        check: Callable[[str, list[Sentence]], SupportResult],
        judge: Callable[[str, list[Sentence]], str | None],
        record: Callable[..., None],
    ):
        self.article = article
        self.leaks = leaks
        self.check = check
        self.judge = judge
        self.record = record

    def ground(self, spec: Section, item: Item, cited: list[Sentence]) -> Item:
        """Remove from ``item`` each secondary field the cited sentences do not carry: a
        date they do not give, a denial they do not report, a title they do not use."""
        texts = [s.text for s in cited]
        update: dict[str, object] = {}
        for attr, why in (
            *((a, self._value_problem) for a in spec.values),
            *((a, self._denial_problem) for a in spec.denials),
            *((a, self._claim_problem) for a in spec.claims),
            *((a, self._words_problem) for a in spec.words),
            *((a, self._advice_problem) for a in spec.judged),
        ):
            value = getattr(item, attr)
            if not value or attr in update:  # one reason per removed field
                continue
            problem = self.leaks.find(str(value)) or why(str(value), cited, texts)
            if problem is not None:
                update[attr] = None
                self.record(
                    f"{spec.kind}_{attr}",
                    str(value),
                    "dropped",
                    f"{attr} removed: {problem}",
                    sentence_ids=item.sentence_ids,
                )
        return item.model_copy(update=update) if update else item

    def _advice_problem(self, value: str, cited: list[Sentence], texts: list[str]) -> str | None:
        return self.judge(value, cited)

    def _denial_problem(self, value: str, cited: list[Sentence], texts: list[str]) -> str | None:
        return not_a_denial(value)

    def _value_problem(self, value: str, cited: list[Sentence], texts: list[str]) -> str | None:
        missing = missing_values(value, texts)
        if missing:
            return f"{', '.join(missing)} not in the cited sentences"
        unknown = unknown_names(value, self.article)
        return f"name(s) not in the article: {', '.join(unknown)}" if unknown else None

    def _claim_problem(self, value: str, cited: list[Sentence], texts: list[str]) -> str | None:
        support = self.check(value, cited)
        return None if support.supported else support.reason

    def _words_problem(self, value: str, cited: list[Sentence], texts: list[str]) -> str | None:
        wanted = {stem(w) for w in content_words(value)}
        found = {stem(w) for text in texts for w in content_words(text)}
        absent = sorted(wanted - found)
        if wanted and len(absent) * 2 > len(wanted):
            return f"its words are not in the cited sentences ({', '.join(absent)})"
        return self._value_problem(value, cited, texts)
