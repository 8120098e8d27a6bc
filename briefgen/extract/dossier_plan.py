"""A dossier's calls: each article's own extraction calls, then synthesis over the merged
facts, in rounds when they do not fit one call.

An article's extraction request is the one it would have alone (its sentences ``S<m>``),
so its answer is cached on its own and reused by any dossier that holds it; the answer's
ids are then renumbered ``A<n>:S<m>``. Only the synthesis reads dossier ids.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from briefgen.extract.chunking import TokenCounter
from briefgen.extract.plan import CallPlan, PlanKind, PlannedCall, PlanOptions, plan_calls
from briefgen.extract.prompts import dossier_messages
from briefgen.extract.schema import Verification
from briefgen.ingest.dossier import Dossier, Source, sources_cited
from briefgen.memo.fields import MemoFields, dossier_fields_for
from briefgen.memo.items import CitedItem
from briefgen.memo.sections import sections
from briefgen.memo.styles import Style
from briefgen.text.words import jaccard

DOSSIER_CALL = "briefgen_dossier"
# Facts only one source carries that the synthesis reads from each source: its first
# ones, where news puts what matters. Facts several sources carry are all read.
SINGLE_SOURCE_FACTS = 2
# Items a reduction round keeps from each partial memo's lists.
_POINTS_PER_PART = 8
# Word overlap at which a fact of the same sentences restates one already read.
_RESTATED = 0.5

Model = TypeVar("Model", bound=BaseModel)


def renumber(model: Model, number: int) -> Model:
    """``model`` with every sentence id ``S<m>`` made ``A<number>:S<m>``, at any depth."""
    update: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "sentence_ids" and isinstance(model, CitedItem):
            update[name] = [f"A{number}:{sid}" for sid in value]
        elif isinstance(value, BaseModel):
            update[name] = renumber(value, number)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [renumber(v, number) for v in value]
    return model.model_copy(update=update) if update else model


def source_line(source: Source) -> str:
    """How the synthesis prompt names a source: title (outlet, date)."""
    details = ", ".join(x for x in (source.outlet, source.published) if x)
    title = source.title or source.location or "untitled"
    return f"{title} ({details})" if details else title


@dataclass(frozen=True)
class DossierPlan:
    """The first round (each article's plan) and the synthesis calls' messages."""

    dossier: Dossier
    style: Style
    members: dict[int, CallPlan]
    """Each used source's own plan (extraction or selection calls), by number."""
    prompt_dir: Path | None = None

    @property
    def kind(self) -> PlanKind:
        """The members' kind of plan (extractive or abstractive)."""
        return next(iter(self.members.values())).kind if self.members else "abstractive"

    @property
    def answer_type(self) -> type[MemoFields]:
        """The synthesis answer: the style's memo fields with the dossier's own."""
        return dossier_fields_for(self.style.memo_fields)

    def synthesis_call(
        self, facts: dict[str, Any], *, part: tuple[int, int] = (1, 1)
    ) -> PlannedCall[MemoFields]:
        """One synthesis call over ``facts``; ``part`` is (number, count) in a round."""
        sources = [
            {"label": s.label, "line": source_line(s)}
            for s in self.dossier.sources
            if s.number in self.members
        ]

        def build(of: dict[str, Any]) -> list[dict[str, str]]:
            return dossier_messages(
                of,
                sources=sources,
                style=self.style.name,
                part_number=part[0],
                part_count=part[1],
                prompt_dir=self.prompt_dir,
            )

        return PlannedCall(
            name=DOSSIER_CALL,
            messages=build(facts),
            output_type=self.answer_type,
            fixed_messages=lambda: build({}),
        )

    @property
    def first_round(self) -> list[PlannedCall[Any]]:
        """Every member's first-round calls, in the order of the sources."""
        return [call for plan in self.members.values() for call in plan.first_round]

    def instructions(self) -> list[str]:
        """What the model is told besides the articles (a member's system prompt and the
        synthesis prompt), so that instructions copied into prose are caught."""
        first = self.first_round[:1]
        told = [m["content"] for c in first for m in c.messages if m["role"] == "system"]
        return told + [m["content"] for m in self.synthesis_call({}).messages]

    def verification_calls(
        self, statements: list[dict[str, Any]]
    ) -> list[PlannedCall[Verification]]:
        """The verifier's calls, over the dossier's joined article."""
        checker = CallPlan(self.dossier.article, self.style, [], self.prompt_dir)
        return checker.verification_calls(statements)


def plan_dossier(
    dossier: Dossier, style: Style, counter: TokenCounter, options: PlanOptions
) -> DossierPlan:
    """Each used article's own extraction (or selection) calls, and the synthesis."""
    members = {
        number: plan_calls(doc, style, counter, options, with_memo=False)
        for number, doc in dossier.members.items()
    }
    return DossierPlan(dossier, style, members, options.prompt_dir)


def digest(facts: dict[str, Any], per_source: int = SINGLE_SOURCE_FACTS) -> dict[str, Any]:
    """What the synthesis reads of the merged facts (rows with ``n`` and ``ids``, the
    most carried first): every fact two or more sources carry, and the first
    ``per_source`` facts of each source that only it carries; a fact that restates one
    already read (the same sentences) is not read again. The memo still shows every
    grounded item: the summary needs what is widely carried, not all of it."""
    taken: dict[int, int] = {}
    read: dict[tuple[str, ...], list[str]] = {}
    out: dict[str, Any] = {}
    for key, rows in facts.items():
        kept = []
        for row in rows:
            ids = tuple(row["ids"])
            text = " ".join(str(v) for k, v in row.items() if k not in ("ids", "n"))
            if any(jaccard(text, earlier) >= _RESTATED for earlier in read.get(ids, ())):
                continue
            if int(row["n"]) < 2:
                source = (sources_cited(ids) or [0])[0]
                if taken.get(source, 0) >= per_source:
                    continue
                taken[source] = taken.get(source, 0) + 1
            read.setdefault(ids, []).append(text)
            kept.append(row)
        if kept:
            out[key] = kept
    return out


def facts_size(facts: dict[str, Any], counter: TokenCounter) -> int:
    """Tokens the facts take in a prompt, as compact JSON."""
    return counter.count(json.dumps(facts, ensure_ascii=False, separators=(",", ":")))


def split_facts(facts: dict[str, Any], budget: int, counter: TokenCounter) -> list[dict[str, Any]]:
    """``facts`` in parts of at most ``budget`` tokens each (one part when they fit);
    items stay whole and in order, the most carried first in every part."""
    if facts_size(facts, counter) <= budget:
        return [facts]
    parts: list[dict[str, Any]] = [{}]
    used = 0
    for key, rows in facts.items():
        for row in rows:
            weight = counter.count(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            if used and used + weight > budget:
                parts.append({})
                used = 0
            parts[-1].setdefault(key, []).append(row)
            used += weight
    return parts


def reduced_facts(partials: Sequence[Any], carried_by: Any) -> dict[str, Any]:
    """The next round's facts: the grounded statements of the partial memos (summary,
    background, outlook), each with its ids and how many sources carry it."""
    facts: dict[str, list[dict[str, Any]]] = {}
    for spec in sections("memo"):
        if spec.check != "full":
            continue
        rows = []
        for partial in partials:
            for item in spec.items(partial)[:_POINTS_PER_PART]:
                if isinstance(item, CitedItem):
                    rows.append(
                        {
                            "text": spec.item_text(item),
                            "n": carried_by(item.sentence_ids),
                            "ids": item.sentence_ids,
                        }
                    )
        if rows:
            rows.sort(key=lambda row: -int(row["n"]))
            facts[spec.field] = rows
    return facts


def trimmed_facts(facts: dict[str, Any], budget: int, counter: TokenCounter) -> dict[str, Any]:
    """``facts`` cut to ``budget`` tokens, the least carried items of the longest list
    first: the last resort when rounds of reduction do not shrink them."""
    facts = {key: list(rows) for key, rows in facts.items()}
    while facts_size(facts, counter) > budget and any(len(r) > 1 for r in facts.values()):
        longest = max(facts, key=lambda key: len(facts[key]))
        facts[longest].pop()
    return facts
