"""Several articles read as one dossier: numbered sources, one text, ids ``A<n>:S<m>``.

Sentence ``m`` of source ``n`` is ``A<n>:S<m>`` in the dossier's joined text, so every
stage that reads an ``Article`` (grounding, rendering, the evidence view) reads the
dossier unchanged. The same text given twice is kept once; a syndicated copy of a wire
story (near-identical text) is listed with the source it copies and not read again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from briefgen.ingest.article import Article, Sentence, source_of

SourceStatus = Literal["used", "copy", "duplicate", "unreadable", "failed"]

# Share of the shorter text's word 5-grams found in the longer one above which two
# articles are one wire story (retitled, trimmed or with a line added), not two reports.
SYNDICATED = 0.8
_SHINGLE = 5
_WORD = re.compile(r"\w+")
# Between two sources in the joined text: a paragraph break, so no sentence, quotation
# or attribution reads across it.
SOURCE_BREAK = "\n\n"


class Source(BaseModel):
    """One article given to a dossier, numbered as given (``A<number>``)."""

    number: int
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    location: str | None = Field(None, description="The URL or file name it was read from.")
    status: SourceStatus = "used"
    same_as: int | None = Field(
        None, description="For a copy or duplicate: the number of the source it repeats."
    )
    similarity: float | None = Field(
        None, description="For a copy: share of its text found in that source."
    )
    problem: str | None = Field(None, description="Why it was not read or not extracted.")
    start: int = 0
    end: int = 0
    """Its characters in the dossier's joined text (empty when it is not in it)."""

    @property
    def label(self) -> str:
        return f"A{self.number}"

    @property
    def name(self) -> str:
        """How the memo names it: title, else outlet, else where it came from."""
        return self.title or self.outlet or self.location or f"Source {self.number}"


@dataclass(frozen=True)
class Entry:
    """What the caller gave for one source: the article, or why it could not be read."""

    article: Article | None
    location: str | None = None
    problem: str | None = None


@dataclass(frozen=True)
class Dossier:
    """The joined text (an ``Article`` whose ids are ``A<n>:S<m>``) and its sources."""

    article: Article
    sources: tuple[Source, ...]
    members: dict[int, Article]
    """The articles read, by source number, each with its own ``S<m>`` ids."""

    @property
    def used(self) -> list[Source]:
        return [s for s in self.sources if s.status == "used"]

    def source(self, number: int) -> Source | None:
        for candidate in self.sources:
            if candidate.number == number:
                return candidate
        return None

    def without(self, failed: dict[int, str]) -> Dossier:
        """The dossier with the sources in ``failed`` (number -> why) marked failed; their
        sentences stay in the joined text but nothing cites them."""
        sources = tuple(
            s.model_copy(update={"status": "failed", "problem": failed[s.number]})
            if s.number in failed
            else s
            for s in self.sources
        )
        members = {n: a for n, a in self.members.items() if n not in failed}
        return Dossier(self.article, sources, members)


def build_dossier(entries: Sequence[Entry]) -> Dossier:
    """Number the entries, drop repeats and note syndicated copies, join the rest."""
    sources: list[Source] = []
    members: dict[int, Article] = {}
    shingles: dict[int, frozenset[int]] = {}
    for number, entry in enumerate(entries, start=1):
        doc = entry.article
        source = Source(
            number=number,
            title=doc.title if doc else None,
            outlet=(doc.source or dateline_outlet(doc.text)) if doc else None,
            published=doc.published if doc else None,
            location=entry.location,
        )
        if doc is None:
            sources.append(
                source.model_copy(
                    update={"status": "unreadable", "problem": entry.problem or "not readable"}
                )
            )
            continue
        same = next((n for n, other in members.items() if other.text == doc.text), None)
        if same is not None:
            sources.append(source.model_copy(update={"status": "duplicate", "same_as": same}))
            continue
        mine = _shingles(doc.text)
        copy = _copied(doc.text, mine, members, shingles)
        if copy is not None and not _fuller(mine, shingles[copy[0]]):
            sources.append(
                source.model_copy(
                    update={"status": "copy", "same_as": copy[0], "similarity": round(copy[1], 3)}
                )
            )
            continue
        if copy is not None:
            # This text is the whole story an earlier one only began: it is read, and the
            # earlier one becomes its copy.
            earlier = copy[0]
            del members[earlier], shingles[earlier]
            sources = [
                s.model_copy(
                    update={"status": "copy", "same_as": number, "similarity": round(copy[1], 3)}
                )
                if s.number == earlier
                else s
                for s in sources
            ]
        members[number] = doc
        shingles[number] = mine
        sources.append(source)
    return _joined(sources, members)


# "KARVANA, March 4 (Northwire) -": the agency a wire story's dateline names.
_DATELINE_OUTLET = re.compile(
    r"^[A-Z][A-Za-z0-9 .,'-]{1,60}?\(([A-Z][A-Za-z.&' -]{1,40}?)\)\s*[-–—:]", re.MULTILINE
)


def dateline_outlet(text: str) -> str | None:
    """The outlet a story's dateline names in its first lines, when it names one."""
    found = _DATELINE_OUTLET.search(text[:600])
    return found.group(1).strip() if found else None


def _joined(sources: list[Source], members: dict[int, Article]) -> Dossier:
    parts: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    placed: list[Source] = []
    for source in sources:
        doc = members.get(source.number)
        if doc is None:
            placed.append(source)
            continue
        if parts:
            offset += len(SOURCE_BREAK)
        parts.append(doc.text)
        sentences.extend(
            Sentence(
                id=f"A{source.number}:{s.id}",
                start=s.start + offset,
                end=s.end + offset,
                text=s.text,
                pages=s.pages,
            )
            for s in doc.sentences
        )
        placed.append(source.model_copy(update={"start": offset, "end": offset + len(doc.text)}))
        offset += len(doc.text)
    joined = Article(
        text=SOURCE_BREAK.join(parts),
        title=_joined_title([members[n] for n in sorted(members)]),
        sentences=tuple(sentences),
    )
    return Dossier(article=joined, sources=tuple(placed), members=members)


def _joined_title(articles: list[Article]) -> str | None:
    """What the memo is about when nothing better is grounded: the first source's
    headline and how many reports are beside it."""
    if len(articles) < 2:
        return articles[0].title if articles else None
    others = len(articles) - 1
    more = f"{others} other report{'s' if others > 1 else ''}"
    first = articles[0].title
    return f"{first}, and {more}" if first else f"{len(articles)} reports"


def _shingles(text: str) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    return frozenset(
        hash(tuple(words[i : i + _SHINGLE])) for i in range(max(1, len(words) - _SHINGLE + 1))
    )


def _copied(
    text: str,
    mine: frozenset[int],
    members: dict[int, Article],
    earlier: dict[int, frozenset[int]],
) -> tuple[int, float] | None:
    """The earlier source this text copies, with the share of the shorter found in the
    other. A text that gives other figures is no copy: a re-issue that revises a toll is
    a report of its own, read with the dossier's update rules."""
    best: tuple[int, float] | None = None
    figures = _figures(text)
    for number, theirs in earlier.items():
        smaller = min(len(mine), len(theirs))
        if not smaller:
            continue
        share = len(mine & theirs) / smaller
        if share < SYNDICATED or (best is not None and share <= best[1]):
            continue
        if figures != _figures(members[number].text):
            continue
        best = (number, share)
    return best


def _fuller(mine: frozenset[int], theirs: frozenset[int]) -> bool:
    """Whether this text holds the earlier one and much more: the full story of which the
    earlier was the start, not a copy of it."""
    return len(mine) > len(theirs) and len(mine & theirs) / len(mine) < SYNDICATED


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _figures(text: str) -> frozenset[str]:
    """The figures a text gives (digits as written)."""
    return frozenset(_FIGURE.findall(text))


def sources_cited(ids: Sequence[str]) -> list[int]:
    """The source numbers among dossier ids, in order, each once."""
    return sorted({n for n in (source_of(i) for i in ids) if n})
