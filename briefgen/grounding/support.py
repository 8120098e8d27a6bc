"""A deterministic check that a statement rests on a few sentences of its article.

No model. The statement is compared with the one to three sentences it rests on (the
ones it cites, or the best ones briefgen finds), never with the whole article: the errors
worth catching recombine the article's own words, so the whole article holds them all.

- numbers, money, dates and (in mixed-case text) names must be in those sentences,
  however written ("5,000"/"5000", "$5m"/"5 million dollars", "Oct 20"/"20 October");
- a number must keep its unit ("5 km" is not "5 miles") and gain no bound ("20" is not
  "more than 20": ``bounds``); when briefgen finds the evidence
  itself, a number must not come from a sentence that adds nothing else while the main
  sentence has a different number of the same kind ("won 3-1" where it says "won 4-1");
- a negation must not appear or disappear ("did not agree" vs "agreed");
- who did what to whom must not be swapped around a verb;
- what the evidence only asks (``text.questions``), or holds only under a frame it
  drops (a condition, a claim, a plan, a failure: ``frames``), is not supported, nor a
  hedge made certain ("may withdraw" -> "will withdraw");
- most content words must be found in those sentences; words found nowhere in the
  article weigh three times as much in lower-case text, which hides which are names;
- softer: a hedge the evidence has ("may", "alleged", "is expected to") and a number's
  bound ("at least 20") must not be dropped, and words cut from inside a clause (not an
  aside between commas or brackets) cost a little, since such cuts can change what the
  clause says.

The score is the share of content found, times a penalty for each failed rule; every
hard penalty alone takes the score below ``SUPPORT_THRESHOLD``; the soft ones only lower
it, so a faithful paraphrase that trips one is still supported.

This module weighs the checks into that score; the checks themselves are in ``checks``,
the evidence index and the search for evidence sentences in ``evidence``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from pydantic import BaseModel, Field

from briefgen.grounding.bounds import bound_changed
from briefgen.grounding.checks import (
    clause_cuts,
    moved_number,
    moved_value,
    negation_mismatch,
    opposite_word,
    pair_share,
    repeated_word,
    swapped_names,
    unknown_names,
    word_coverage,
)
from briefgen.grounding.claims import Claim, clauses, read_claim
from briefgen.grounding.evidence import (
    MAX_EVIDENCE,
    Evidence,
    article_evidence,
    best_evidence,
    has_name,
    read_evidence,
    sentence_text,
)
from briefgen.grounding.frames import failed_words, frame_dropped
from briefgen.ingest.article import Article, Sentence
from briefgen.text.questions import asked_in, is_question, says_asked

__all__ = [
    "MAX_EVIDENCE",
    "MIN_WORD_SUPPORT",
    "SUPPORT_THRESHOLD",
    "SupportResult",
    "best_evidence",
    "check_cited",
    "check_support",
    "missing_values",
    "unknown_names",
    "values_missing_from",
]

logger = logging.getLogger(__name__)

# A statement is supported when its score reaches this. Faithful paraphrases keep most
# content words (score >= 0.6 or so); every hard failure multiplies the score by <= 0.45.
SUPPORT_THRESHOLD = 0.5
# Kept for callers of the earlier API: the same threshold under its old name.
MIN_WORD_SUPPORT = SUPPORT_THRESHOLD

# Penalty factors: each one alone takes a perfect score below the threshold.
_MISSING_NUMBER = 0.3
_CHANGED_UNIT = 0.3
# A number's bound the evidence does not give it ("more than 20" where it says "20").
_BOUND = 0.45  # (after an opposite word, which names the same change more plainly)
_MISSING_DATE = 0.35
_UNKNOWN_NAME = 0.2
_NAME_ELSEWHERE = 0.4
_NEGATION = 0.3
# A clause of a joined statement needs this share of its own words in the evidence.
_CLAUSE_MIN_COVERAGE = 0.5
_CLAUSE_UNSUPPORTED = 0.5
_SWAPPED = 0.4
_OPPOSITE = 0.4
# A statement the evidence holds only in its questions ("Will the talks resume?").
_ASKED = 0.3
# A statement the evidence holds only under a frame it drops ("if", "accused", "plans to").
_FRAMED = 0.3
# Weight of word order: the score keeps this share for words found at all, the rest for
# neighbouring words that stay neighbours (within _PAIR_WINDOW content words) in evidence.
_ORDER_WEIGHT = 0.5
_PAIR_WINDOW = 3
_REPEATED = 0.7
# Soft penalties, for what a faithful shortening mostly avoids: a hedge dropped ("possible
# cases" -> "cases") and words cut from inside a clause rather than between commas or
# brackets ("filmed emptying out" -> "filmed out"). Neither alone fails a statement.
_HEDGE_DROPPED = 0.8
# A hedge replaced by certainty ("may withdraw" -> "will withdraw") is no shortening.
_CERTAIN = 0.4
_CUT_INSIDE = 0.95
# A number's bound dropped ("20 killed" where the evidence says "at least 20").
_BOUND_DROPPED = 0.8


class SupportResult(BaseModel):
    """The verdict of the support check: supported or not, its score, and why not."""

    supported: bool
    score: float = Field(ge=0.0, le=1.0)
    reason: str | None = None
    # Ids of the sentences the statement was checked against.
    evidence: tuple[str, ...] = ()


def _judge(
    statement: str,
    texts: Sequence[str],
    article: Article | None,
    article_text: str,
    chosen: bool = False,
    *,
    reported: bool = False,
) -> tuple[float, str | None]:
    language = article.language if article is not None else None
    claim = read_claim(statement, language)
    evidence = read_evidence(texts, language)
    if not claim.content and not claim.quantities:
        return 0.0, "statement has no content"
    primary = read_evidence(texts[:1], language) if chosen and len(texts) > 1 else None
    whole = article_evidence(article) if article is not None else read_evidence([article_text])
    coverage = word_coverage(claim, evidence, whole, primary)
    order = pair_share(claim, evidence, _PAIR_WINDOW)
    score = coverage * ((1 - _ORDER_WEIGHT) + _ORDER_WEIGHT * order)
    # The hard rules, each a (penalty, reason); their order is the order they weigh in.
    reasons: list[tuple[float, str]] = []
    repeated = repeated_word(claim, evidence)
    if repeated:
        reasons.append((_REPEATED, f"it has '{repeated}' more times than the evidence"))
    reasons += _value_failures(claim, evidence, primary)
    bound = bound_changed(claim, evidence)
    if bound is not None and not bound.dropped:
        reasons.append((_BOUND, bound.reason))
    reasons += _name_failures(statement, claim, evidence, article)
    failed = failed_words(texts, language)
    reasons += _meaning_failures(statement, claim, evidence, whole, failed)
    reasons += _question_failures(statement, claim, texts, whole)
    framed = frame_dropped(claim, texts, claim.language, reported=reported)
    if framed:
        reasons.append((_FRAMED, framed))

    cuts, hedge, certain = clause_cuts(statement, texts)
    if certain:
        reasons.append((_CERTAIN, f"it makes certain what is hedged in the evidence ('{hedge}')"))
    score *= _CUT_INSIDE**cuts
    if hedge:
        score *= _HEDGE_DROPPED
    if bound is not None and bound.dropped:
        score *= _BOUND_DROPPED

    for factor, _ in reasons:
        score *= factor
    if reasons:
        return score, min(reasons)[1]
    if score < SUPPORT_THRESHOLD:
        # A soft penalty fails a statement only with too few words found: name both.
        dropped = f", and it drops '{hedge}', which hedges the evidence" if hedge else ""
        if bound is not None and bound.dropped:
            dropped += f", and {bound.reason}"
        return score, f"only {coverage:.0%} of its words are in the evidence{dropped}"
    return score, None


def _value_failures(
    claim: Claim, evidence: Evidence, primary: Evidence | None
) -> list[tuple[float, str]]:
    """Numbers the evidence lacks or gives another unit, a number taken from a sentence
    that adds nothing else (``primary``: the main one, when briefgen chose the evidence),
    and dates the evidence lacks."""
    reasons: list[tuple[float, str]] = []
    missing = [q.text for q in claim.quantities if not q.values & evidence.values]
    if missing:
        reasons.append((_MISSING_NUMBER, f"number(s) {', '.join(missing)} not in the evidence"))
    for quantity in claim.quantities:
        if quantity.unit is None or not quantity.values & evidence.values:
            continue
        units = set().union(*(evidence.units.get(v, frozenset()) for v in quantity.values))
        if quantity.unit not in units and units - {None}:
            other = sorted(u for u in units if u)[0]
            reasons.append(
                (_CHANGED_UNIT, f"'{quantity.text} {quantity.unit}' is '{other}' in the evidence")
            )
            break
    if primary is not None:
        moved = moved_number(claim, evidence, primary)
        if moved:
            reasons.append((_MISSING_NUMBER, moved))
    dates = sorted(claim.dates - evidence.dates)
    if dates:
        reasons.append((_MISSING_DATE, f"date '{dates[0]}' not in the evidence"))
    return reasons


def _name_failures(
    statement: str, claim: Claim, evidence: Evidence, article: Article | None
) -> list[tuple[float, str]]:
    """A name the article lacks, else a name its evidence sentences lack."""
    unknown = unknown_names(statement, article) if article is not None else []
    if unknown:
        return [(_UNKNOWN_NAME, f"name '{unknown[0]}' is not in the article")]
    elsewhere = sorted(n for n in claim.names if not has_name(n, evidence))
    if elsewhere:
        return [(_NAME_ELSEWHERE, f"name '{elsewhere[0]}' is not in the evidence")]
    return []


def _meaning_failures(
    statement: str, claim: Claim, evidence: Evidence, article: Evidence, failed: frozenset[str]
) -> list[tuple[float, str]]:
    """A negation that appears or disappears, a clause the evidence does not carry on its
    own, and names swapped around a verb."""
    reasons: list[tuple[float, str]] = []
    negation = negation_mismatch(claim, evidence, failed)
    if negation:
        reasons.append((_NEGATION, negation))
    clause = _unsupported_clause(statement, evidence, article, claim.language, failed)
    if clause is not None:
        reasons.append(clause)
    swap = swapped_names(claim, evidence)
    if swap:
        reasons.append((_SWAPPED, swap))
    opposite = opposite_word(claim, evidence)
    if opposite:
        reasons.append((_OPPOSITE, opposite))
    moved = moved_value(claim, evidence)
    if moved:
        reasons.append((_MISSING_NUMBER, moved))
    return reasons


def _question_failures(
    statement: str, claim: Claim, texts: Sequence[str], article: Evidence
) -> list[tuple[float, str]]:
    """A statement the evidence holds only in what it asks, not in what it says (unless
    the statement is a question too, or says the question was asked)."""
    asked = [asked_in(text) for text in texts]
    questions = [q for one in asked for q in one.questions]
    if not questions or is_question(statement) or says_asked(statement, claim.language):
        return []
    told = read_evidence([one.told for one in asked if one.told], claim.language)
    if word_coverage(claim, told, article) >= _CLAUSE_MIN_COVERAGE:
        return []
    return [
        (_ASKED, f"it is only asked in the evidence ('{questions[0]}'): a question reports nothing")
    ]


def _unsupported_clause(
    statement: str,
    evidence: Evidence,
    article: Evidence,
    language: str | None,
    failed: frozenset[str],
) -> tuple[float, str] | None:
    """The first clause the evidence does not carry on its own: each clause of a joined
    statement is a claim, with its negation and its words bound to it."""
    parts = clauses(statement)
    if len(parts) < 2:
        return None
    for part in parts:
        claim = read_claim(part, language)
        negation = negation_mismatch(claim, evidence, failed)
        if negation:
            return _NEGATION, f"in '{part}', {negation}"
        coverage = word_coverage(claim, evidence, article)
        if coverage < _CLAUSE_MIN_COVERAGE:
            return _CLAUSE_UNSUPPORTED, (
                f"the clause '{part}' is not in the evidence ({coverage:.0%} of its words)"
            )
    return None


def _result(score: float, reason: str | None, evidence: Sequence[str]) -> SupportResult:
    score = min(1.0, max(0.0, score))
    supported = score >= SUPPORT_THRESHOLD
    if not supported and reason is None:
        reason = f"only {score:.0%} supported by the evidence"
    return SupportResult(
        supported=supported,
        score=score,
        reason=None if supported else reason,
        evidence=tuple(evidence),
    )


def missing_values(statement: str, texts: Sequence[str]) -> list[str]:
    """Numbers and dates of ``statement`` that ``texts`` do not hold, however written
    ("5,000"/"5000", "$5 million"/"$5,000,000", "Oct 20"/"20 October")."""
    return values_missing_from(statement, read_evidence(texts))


def values_missing_from(statement: str, evidence: Evidence) -> list[str]:
    """``missing_values`` against evidence already read (the whole article's, say)."""
    claim = read_claim(statement)
    missing = [q.text for q in claim.quantities if not q.values & evidence.values]
    return missing + sorted(claim.dates - evidence.dates)


def check_cited(
    statement: str, cited: list[Sentence], article: Article, *, reported: bool = False
) -> SupportResult:
    """Whether ``statement`` is backed by the ``cited`` sentences of ``article``.
    ``reported``: the statement is someone's claim or stance, shown with who holds it
    (a position, an allegation), so it may drop the claim or the plan that frames it."""
    if not cited:
        return SupportResult(supported=False, score=0.0, reason="cites no existing sentence")
    texts = [sentence_text(s, article) for s in cited]
    score, reason = _judge(statement, texts, article, article.text, reported=reported)
    if reason is not None:
        reason = reason.replace("the evidence", "the cited sentences")
    return _result(score, reason, [s.id for s in cited])


def check_support(
    statement: str, article: str | Article, cited: Sequence[str] | None = None
) -> SupportResult:
    """Whether ``article`` backs ``statement``.

    With ``cited`` sentence ids ("S3"), the statement is checked against those sentences;
    without, against the one to three sentences that match it best (see
    ``best_evidence``). ``result.evidence`` names the sentences used.
    """
    doc = article if isinstance(article, Article) else Article.from_text(article)
    if cited is not None:
        sentences = [s for sid in cited if (s := doc.sentence(sid)) is not None]
        unknown = [sid for sid in cited if doc.sentence(sid) is None]
        if unknown:
            logger.debug("ignoring unknown sentence ids %s", unknown)
        return check_cited(statement, sentences, doc)
    chosen = best_evidence(statement, doc)
    if not chosen:
        return SupportResult(
            supported=False, score=0.0, reason="no sentence of the article matches it"
        )
    # The single best sentence, or it with the others: whichever backs the statement more.
    options = [chosen[:1], chosen] if len(chosen) > 1 else [chosen]
    results = []
    for option in options:
        texts = [sentence_text(s, doc) for s in option]
        score, reason = _judge(statement, texts, doc, doc.text, chosen=True)
        results.append(_result(score, reason, [s.id for s in option]))
    return max(results, key=lambda r: r.score)
