"""The earlier memos a memo is made since: what ``since=`` takes (a ``Brief``, a memo's
``.json`` file, or a list of them, oldest first), read into ``Earlier`` memos, each with
what a citation calls it, what it carried (its digest) and its stored article."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TypeVar, Union

from briefgen.errors import MemoFileError
from briefgen.grounding.changes import MemoDigest, StoryBase, digest_memo
from briefgen.ingest.article import Article
from briefgen.memo.document import MemoDocument
from briefgen.memo.since import EarlierMemo
from briefgen.memo.stored import load_memo_file

EarlierInput = Union[MemoDocument, str, "os.PathLike[str]"]
"""One earlier memo: a ``Brief`` (any ``MemoDocument``), or the path of the ``.json`` file
it was saved as."""
SinceInput = EarlierInput | Sequence[EarlierInput]
"""``since=``: one earlier memo, or the memos of a story so far, oldest first."""

_YEAR = re.compile(r",?\s+\d{4}$")
T = TypeVar("T")


@dataclass(frozen=True)
class Earlier:
    """An earlier memo of the story: its place and name, what it carried (its digest,
    read when first asked for), and how to get its article (read only when a change
    needs it)."""

    memo: EarlierMemo
    read_digest: Callable[[], MemoDigest]
    load_article: Callable[[], Article]
    story: StoryBase | None = None
    """On the latest memo read from a story's store: the story up to this memo, indexed,
    so that the next memo looks up what it names instead of reading every memo."""

    @cached_property
    def digest(self) -> MemoDigest:
        """What the memo carried."""
        return self.read_digest()

    @property
    def time(self) -> str | None:
        """When its source was published, else the date the memo carries."""
        return self.memo.published or self.memo.memo_date


def memo_label(memo_date: str) -> str:
    """How a citation names a memo: "memo of March 3" (its date without the year)."""
    return f"memo of {_YEAR.sub('', memo_date.strip()) or memo_date.strip()}"


def describe(doc: MemoDocument, number: int) -> EarlierMemo:
    """The ``EarlierMemo`` of ``doc``, numbered ``number`` in its story."""
    published = doc.article.published
    if doc.articles:  # a dossier: its latest source
        times = [a.published for a in doc.articles if a.published]
        published = max(times) if times else None
    return EarlierMemo(
        number=number,
        label=memo_label(doc.header.memo_date),
        memo_date=doc.header.memo_date,
        subject=doc.data.subject,
        title=doc.article.title,
        published=published,
    )


def earlier_of(doc: MemoDocument, number: int) -> Earlier:
    """``doc`` as the earlier memo numbered ``number``, its digest made now."""
    article = doc.article
    digest = digest_memo(doc.data, article)
    return Earlier(describe(doc, number), lambda: digest, lambda: article)


def read_since(previous: SinceInput | None) -> list[Earlier]:
    """The earlier memos ``since=`` names, numbered 1, 2 ... in the order given; a file
    that is no memo briefgen can read is a ``MemoFileError`` (before anything is paid)."""
    if previous is None:
        return []
    one = isinstance(previous, MemoDocument | str | os.PathLike)
    given: Sequence[EarlierInput] = [previous] if one else list(previous)  # type: ignore[list-item,arg-type]
    documents = [_document(item) for item in given]
    return distinct_labels([earlier_of(doc, n) for n, doc in enumerate(documents, start=1)])


def _document(item: EarlierInput) -> MemoDocument:
    if isinstance(item, MemoDocument):
        if not item.article.text.strip() or not item.article.sentences:
            raise MemoFileError(
                "An earlier memo given as since= holds no article text; its citations "
                "cannot be checked.",
                problem="no article",
            )
        return item
    if isinstance(item, str | os.PathLike):
        return load_memo_file(item)
    raise MemoFileError(
        "since= takes a Brief, the path of a memo's .json file, or a list of them, not "
        f"{type(item).__name__}.",
        problem="not a memo",
    )


def distinct_labels(earlier: list[Earlier]) -> list[Earlier]:
    """``earlier`` with labels that tell memos of one date apart ("memo 2 of March 3")."""
    labels = labels_of([(e.memo.number, e.memo.memo_date) for e in earlier])
    found = []
    for e, label in zip(earlier, labels, strict=True):
        memo = e.memo if e.memo.label == label else e.memo.model_copy(update={"label": label})
        found.append(e if memo is e.memo else replace(e, memo=memo))
    return found


def labels_of(memos: list[tuple[int, str]]) -> list[str]:
    """The labels of memos (number, memo date) that tell memos of one date apart."""
    base = [memo_label(memo_date) for _, memo_date in memos]
    counts = Counter(base)
    return [
        plain.replace("memo of", f"memo {number} of", 1) if counts[plain] > 1 else plain
        for (number, _), plain in zip(memos, base, strict=True)
    ]


def after_story(story: Sequence[Earlier], given: list[Earlier]) -> Sequence[Earlier]:
    """The memos a memo is made since: its story's (as the store read them: numbered 1, 2
    ... and labelled already, read by number when asked for), then ``given``; all of them
    read and renumbered only when there are both."""
    if not given:
        return story
    return renumbered([*story, *given])


def renumbered(earlier: list[Earlier]) -> list[Earlier]:
    """``earlier`` numbered 1, 2 ... in its order (the story's memos, then ``since``'s)."""
    return distinct_labels(
        [
            e
            if e.memo.number == n
            # A story's index is stamped with the store's numbers: renumbered, it is not.
            else replace(e, memo=e.memo.model_copy(update={"number": n}), story=None)
            for n, e in enumerate(earlier, start=1)
        ]
    )


def numbered(earlier: Sequence[Earlier], number: int) -> Earlier | None:
    """The memo of ``earlier`` (oldest first, numbers rising) numbered ``number``: at its
    place when the latest is numbered as many as there are (so all are 1, 2 ..., as
    ``read_since``, ``renumbered`` and a story's store number them), else looked for."""
    if earlier and earlier[-1].memo.number == len(earlier):
        return earlier[number - 1] if 0 < number <= len(earlier) else None
    return next((e for e in earlier if e.memo.number == number), None)


class ByNumber(Mapping[int, T]):
    """What ``read`` gives of each memo of ``earlier``, by its number, read only for the
    numbers asked: a long story's memos are not all read for the few a memo cites."""

    def __init__(self, earlier: Sequence[Earlier], read: Callable[[Earlier], T]):
        self._earlier = earlier
        self._read = read

    def __getitem__(self, number: int) -> T:
        found = numbered(self._earlier, number)
        if found is None:
            raise KeyError(number)
        return self._read(found)

    def __iter__(self) -> Iterator[int]:
        return (e.memo.number for e in self._earlier)

    def __len__(self) -> int:
        return len(self._earlier)


def named_memos(earlier: Sequence[Earlier], cited: set[int]) -> list[EarlierMemo]:
    """The memos of ``earlier`` (not empty) a memo's section names, in story order: the
    first, those numbered in ``cited``, and the latest."""
    named = {e.memo.number: e.memo for e in (earlier[0], earlier[-1])}
    for number in cited - named.keys():
        found = numbered(earlier, number)
        if found is not None:
            named[number] = found.memo
    return [named[number] for number in sorted(named)]
