"""The model-based verifier's side of grounding (opt-in, ``verify="model"``): which
statements it judges, and what its verdicts do.

A verdict counts only when the verifier's evidence is really in the cited sentences; a
verifier that invents evidence is overruled and the deterministic check stands. A
statement judged not supported (or contradicted) is treated as a failed support check:
dropped in strict mode, marked in flag mode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefgen.extract.schema import StatementVerdict
from briefgen.ingest.article import Article, Sentence
from briefgen.memo.data import BriefData
from briefgen.memo.report import UNVERIFIED_MARK
from briefgen.memo.sections import Section, sections
from briefgen.text.normalise import fold_text

# Evidence spans shorter than this prove nothing ("a", "the").
_MIN_EVIDENCE_CHARS = 4

# (kind, text, new status or None to keep it, reason, verdict): settles the statement's
# grounding record.
Settle = Callable[[str, str, str | None, str | None, str], None]


@dataclass(frozen=True)
class Claim:
    """One memo statement the verifier judges."""

    id: str
    field: str
    index: int
    kind: str
    text: str
    cited: tuple[Sentence, ...]

    def as_prompt(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "cited": [{"id": s.id, "text": s.text} for s in self.cited],
        }


def claims_to_verify(
    data: BriefData, article: Article, shown: Callable[[Section], bool]
) -> list[Claim]:
    """Every statement the memo prints in its own words (not quotes, not names)."""
    found: list[Claim] = []
    for spec in sections():
        if not shown(spec) or spec.check not in ("full", "judgement"):
            continue
        for index, item in enumerate(spec.items(data)):
            cited = tuple(
                s for sid in item.sentence_ids if (s := article.sentence(sid)) is not None
            )
            text = spec.item_text(item)
            if cited and not text.startswith(UNVERIFIED_MARK):
                found.append(Claim(f"V{len(found) + 1}", spec.field, index, spec.kind, text, cited))
    return found


def apply_verdicts(
    data: BriefData,
    claims: list[Claim],
    verdicts: list[StatementVerdict],
    *,
    mode: str,
    record: Settle,
) -> BriefData:
    """``data`` after the verifier's verdicts; each decision goes to ``record``."""
    by_id = {v.id.strip().upper(): v for v in verdicts}
    drop: dict[str, set[int]] = {}
    marks: dict[tuple[str, int], str] = {}
    for claim in claims:
        verdict = by_id.get(claim.id)
        if verdict is None:
            record(claim.kind, claim.text, None, "the verifier gave no verdict", "none")
            continue
        invented = _invented_evidence(verdict.evidence, claim.cited)
        if invented is not None:
            why = f"verifier overruled: its evidence '{invented}' is not in the cited sentences"
            record(claim.kind, claim.text, None, why, "overruled")
            continue
        if verdict.verdict == "supported":
            record(claim.kind, claim.text, None, None, "supported")
            continue
        why = f"the verifier judged it {verdict.verdict.replace('_', ' ')}" + (
            f" (evidence: '{verdict.evidence[0]}')" if verdict.evidence else ""
        )
        if mode == "strict":
            drop.setdefault(claim.field, set()).add(claim.index)
            record(claim.kind, claim.text, "dropped", why, verdict.verdict)
        elif mode == "flag":
            marks[(claim.field, claim.index)] = f"{UNVERIFIED_MARK} {claim.text}"
            record(claim.kind, claim.text, "flagged", why, verdict.verdict)
        else:
            reason = f"kept because grounding is off: {why}"
            record(claim.kind, claim.text, None, reason, verdict.verdict)
    return _updated(data, drop, marks)


def _invented_evidence(evidence: list[str], cited: tuple[Sentence, ...]) -> str | None:
    source = " ".join(fold_text(s.text) for s in cited)
    for span in evidence:
        bare = fold_text(span).strip(" .,;:\"'")
        if len(bare) >= _MIN_EVIDENCE_CHARS and bare not in source:
            return span
    return None


def _updated(
    data: BriefData, drop: dict[str, set[int]], marks: dict[tuple[str, int], str]
) -> BriefData:
    if not drop and not marks:
        return data
    update: dict[str, Any] = {}
    for spec in sections():
        items = spec.items(data)
        changed = False
        kept = []
        for index, item in enumerate(items):
            if index in drop.get(spec.field, ()):
                changed = True
                continue
            mark = marks.get((spec.field, index))
            if mark is not None:
                changed = True
            kept.append(item if mark is None else item.model_copy(update={spec.text: mark}))
        if changed:
            update[spec.field] = kept
    return data.model_copy(update=update)
