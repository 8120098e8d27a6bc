"""Merge per-chunk extractions: one record per actor, quote, event, ... across chunks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from pydantic import BaseModel

from briefgen.extract.schema import Extraction
from briefgen.ingest.article import sentence_order
from briefgen.memo.items import Actor, Quote
from briefgen.text.names import same_actor
from briefgen.text.normalise import fold_text
from briefgen.text.words import jaccard

T = TypeVar("T", bound=BaseModel)

SIMILAR = 0.6


def _union_ids(a: list[str], b: list[str]) -> list[str]:
    return sorted(set(a) | set(b), key=sentence_order)


def _merge(
    items: Iterable[T],
    same: Callable[[T, T], bool],
    combine: Callable[[T, T], T] | None = None,
) -> list[T]:
    merged: list[T] = []
    for item in items:
        for i, existing in enumerate(merged):
            if same(existing, item):
                if combine is not None:
                    merged[i] = combine(existing, item)
                else:
                    ids = _union_ids(
                        getattr(existing, "sentence_ids", []), getattr(item, "sentence_ids", [])
                    )
                    merged[i] = existing.model_copy(update={"sentence_ids": ids})
                break
        else:
            merged.append(item)
    return merged


def _combine_actors(a: Actor, b: Actor) -> Actor:
    return a.model_copy(
        update={
            "name": a.name if len(a.name) >= len(b.name) else b.name,
            "kind": a.kind if a.kind != "other" else b.kind,
            "title": a.title or b.title,
            "affiliation": a.affiliation or b.affiliation,
            "sentence_ids": _union_ids(a.sentence_ids, b.sentence_ids),
        }
    )


def _same_quote(a: Quote, b: Quote) -> bool:
    fa, fb = fold_text(a.text), fold_text(b.text)
    return fa in fb or fb in fa


def _combine_quotes(a: Quote, b: Quote) -> Quote:
    longer = a if len(a.text) >= len(b.text) else b
    return longer.model_copy(update={"sentence_ids": _union_ids(a.sentence_ids, b.sentence_ids)})


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(text))


def _similar(text_of: Callable[[T], str]) -> Callable[[T, T], bool]:
    # Two items that give different numbers are two reports ("12 killed", "19 killed"),
    # however alike their words: merged, one figure would be lost.
    return lambda a, b: (
        jaccard(text_of(a), text_of(b)) >= SIMILAR and _numbers(text_of(a)) == _numbers(text_of(b))
    )


def merge_extractions(parts: list[Extraction]) -> Extraction:
    """Combine extractions in chunk order; duplicates (same thing, two chunks) become one."""
    return Extraction(
        actors=_merge(
            (a for p in parts for a in p.actors),
            lambda a, b: same_actor(a.name, b.name),
            _combine_actors,
        ),
        positions=_merge(
            (x for p in parts for x in p.positions),
            lambda a, b: same_actor(a.party, b.party) and jaccard(a.stance, b.stance) >= SIMILAR,
        ),
        events=_merge((x for p in parts for x in p.events), _similar(lambda e: e.what)),
        quotes=_merge((q for p in parts for q in p.quotes), _same_quote, _combine_quotes),
        allegations=_merge((x for p in parts for x in p.allegations), _similar(lambda a: a.claim)),
        key_facts=_merge((x for p in parts for x in p.key_facts), _similar(lambda f: f.fact)),
        agenda_items=_merge((x for p in parts for x in p.agenda_items), _similar(lambda a: a.item)),
    )
