"""Both sides of every change grounded, each in its own memo's article: the new side
against the new article, the earlier side against the earlier memo's stored article. A
change whose two sides do not both hold is dropped, and the report says which failed.

Whether a change is an update or a contradiction is read from the times of the two
sources: an update when the new source is later; a contradiction when both are of the
same day (or the new one is the older); an update when a time is unknown, since the
earlier memo came first in the story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from briefgen.grounding.changes._found import Before, FoundChange, FoundWithdrawn
from briefgen.grounding.names import named_in
from briefgen.grounding.support import check_cited
from briefgen.ingest.article import Article, Sentence
from briefgen.memo.report import GroundingRecord
from briefgen.memo.since import Change, ChangeKind, EarlierSide, Withdrawn
from briefgen.text.normalise import fold_text
from briefgen.text.words import content_words, stem

ArticleOf = Callable[[int], Article | None]
"""An earlier memo's stored article, by memo number (None when it cannot be had)."""

_DAY_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y")


def parse_day(text: str | None) -> dt.date | None:
    """The day a published time or a memo date names ("2026-03-10T10:00", "March 10,
    2026", "10 March 2026"); None when it names none briefgen can read."""
    if not text:
        return None
    value = text.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for pattern in _DAY_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def classify(before: str | None, after: str | None) -> tuple[ChangeKind, str]:
    """An update or a contradiction, and why, from the days of the two sources."""
    old, new = parse_day(before), parse_day(after)
    if old is None or new is None:
        return "update", "the earlier memo came first in the story; a source's date is not known"
    if new > old:
        return (
            "update",
            f"the new report ({new.isoformat()}) is later than the earlier one ({old.isoformat()})",
        )
    if new == old:
        return "contradiction", f"both reports are of {new.isoformat()}"
    return (
        "contradiction",
        f"the new report ({new.isoformat()}) is older than the earlier one ({old.isoformat()})",
    )


class SidesGrounder:
    """Grounds changes, each side in its own article, and records every decision."""

    def __init__(self, article: Article, earlier: ArticleOf, labels: Mapping[int, str]):
        self.article = article
        self.earlier = earlier
        self.labels = labels
        self.records: list[GroundingRecord] = []

    def _record(
        self, kind: str, text: str, status: str, reason: str | None, ids: Sequence[str]
    ) -> None:
        self.records.append(
            GroundingRecord.model_validate(
                {
                    "kind": kind,
                    "text": text,
                    "status": status,
                    "reason": reason,
                    "sentence_ids": list(ids),
                }
            )
        )

    def changes(self, found: Sequence[FoundChange]) -> list[Change]:
        """The changes whose two sides hold."""
        kept: list[Change] = []
        for change in found:
            text = f"{change.topic}: {change.before.claim} -> {change.after}"
            after = _sentences(self.article, change.after_ids)
            problem = self._side_problem(change, change.after, after, self.article, new=True)
            if problem is None:
                problem, before = self._before(change.before)
                if problem is None:
                    problem = self._side_problem(
                        change,
                        change.before.claim,
                        before,
                        self._article_of(change.before),
                        new=False,
                    )
            if problem is not None:
                self._record(
                    "since_change", text, "dropped", f"{change.how}; {problem}", change.after_ids
                )
                continue
            kind, note = classify(change.before_time, change.after_time)
            self._record(
                "since_change",
                text,
                "kept",
                f"{change.how} (found by {change.found_by}); {kind}: {note}",
                change.after_ids,
            )
            kept.append(
                Change(
                    topic=change.topic,
                    before=self._side(change.before, before),
                    after=change.after,
                    sentence_ids=[s.id for s in after],
                    kind=kind,
                    note=note,
                    found_by=change.found_by,
                    how=change.how,
                    before_value=_shown(change.names[0], before),
                    after_value=_shown(change.names[1], after),
                )
            )
        return kept

    def withdrawn(self, found: Sequence[FoundWithdrawn]) -> list[Withdrawn]:
        """The withdrawn statements whose earlier side holds in its article."""
        kept: list[Withdrawn] = []
        for item in found:
            problem, before = self._before(item.before)
            if (
                problem is None
                and not check_cited(
                    item.before.claim, before, self._article_of(item.before)
                ).supported
            ):
                problem = "the earlier memo's article does not carry it"
            if problem is not None:
                self._record(
                    "since_withdrawn",
                    item.before.claim,
                    "dropped",
                    f"{item.how}; {problem}",
                    item.now_ids,
                )
                continue
            self._record(
                "since_withdrawn",
                item.before.claim,
                "kept",
                f"{item.how} (found by {item.found_by})",
                item.now_ids,
            )
            now = _sentences(self.article, item.now_ids)
            kept.append(
                Withdrawn(
                    before=self._side(item.before, before),
                    now=item.now,
                    sentence_ids=[s.id for s in now],
                    found_by=item.found_by,
                    how=item.how,
                )
            )
        return kept

    def _article_of(self, before: Before) -> Article:
        found = self.earlier(before.memo)
        assert found is not None  # _before returned no problem
        return found

    def _before(self, before: Before) -> tuple[str | None, list[Sentence]]:
        article = self.earlier(before.memo)
        if article is None:
            return f"the article of the {self._label(before.memo)} is not available", []
        sentences = _sentences(article, before.ids)
        if not sentences:
            return f"cites no sentence of the {self._label(before.memo)}'s article", []
        return None, sentences

    def _label(self, memo: int) -> str:
        return self.labels.get(memo, f"memo {memo}")

    def _side_problem(
        self, change: FoundChange, claim: str, cited: list[Sentence], article: Article, *, new: bool
    ) -> str | None:
        where = "the new article" if new else f"the {self._label(change.before.memo)}'s article"
        if not cited:
            return f"its side in {where} cites no sentence"
        if change.check == "role":
            name = change.names[1] if new else change.names[0]
            title = claim.split(", ", 1)[1] if ", " in claim else ""
            if not named_in(name, article, [s.id for s in cited]):
                return f"{where} does not name {name} where cited"
            wanted = {stem(w) for w in content_words(title)} - {"new"}
            found = {stem(w) for s in cited for w in content_words(s.text)}
            return (
                None if wanted <= found else f"{where} does not give {name} that title where cited"
            )
        support = check_cited(claim, cited, article)
        return (
            None if support.supported else f"its side in {where} is not supported: {support.reason}"
        )

    def _side(self, before: Before, sentences: list[Sentence]) -> EarlierSide:
        return EarlierSide(
            memo=before.memo,
            claim=before.claim,
            sentence_ids=[s.id for s in sentences],
            sentences=[s.text for s in sentences],
        )


def _sentences(article: Article, ids: Sequence[str]) -> list[Sentence]:
    found = []
    for sid in ids:
        sentence = article.sentence(sid)
        if sentence is not None and sentence not in found:
            found.append(sentence)
    return found


def _shown(value: str, cited: list[Sentence]) -> str | None:
    """The short form of a side (a number, a holder's name) when its sentence has it as
    written; None: the side is shown by its claim."""
    if not value:
        return None
    wanted = fold_text(value)
    return value if any(wanted in fold_text(s.text) for s in cited) else None
