"""A deterministic check that a statement rests on a few sentences of its article.

No model. The statement is compared with the one to three sentences it rests on (the
ones it cites, or the best ones briefgen finds), never with the whole article: the errors
worth catching recombine the article's own words, so the whole article holds them all.

- numbers, money, dates and (in mixed-case text) names must be in those sentences,
  however written ("5,000"/"5000", "$5m"/"5 million dollars", "Oct 20"/"20 October");
- a number must keep its unit ("5 km" is not "5 miles"); when briefgen finds the evidence
  itself, a number must not come from a sentence that adds nothing else while the main
  sentence has a different number of the same kind ("won 3-1" where it says "won 4-1");
- a negation must not appear or disappear ("did not agree" vs "agreed");
- who did what to whom must not be swapped around a verb;
- most content words must be found in those sentences; words found nowhere in the
  article weigh three times as much in lower-case text, which hides which are names;
- softer: a hedge the evidence has ("may", "alleged", "is expected to") must not be
  dropped, and words cut from inside a clause (not an aside between commas or brackets)
  cost a little, since such cuts can change what the clause says.

The score is the share of content found, times a penalty for each failed rule; every
hard penalty alone takes the score below ``SUPPORT_THRESHOLD``; the soft ones only lower
it, so a faithful paraphrase that trips one is still supported.
"""

from __future__ import annotations

import difflib
import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, Field

from briefgen.ingest.article import Article, Sentence
from briefgen.grounding.claims import Claim, negation_scope, read_claim
from briefgen.grounding.names import _ALIAS_GROUPS, name_occurs
from briefgen.text.lexicon import HEDGES, STOPWORDS
from briefgen.text.normalise import fold_text
from briefgen.text.words import stem

logger = logging.getLogger(__name__)

# A statement is supported when its score reaches this. Faithful paraphrases keep most
# content words (score >= 0.6 or so); every hard failure multiplies the score by <= 0.45.
SUPPORT_THRESHOLD = 0.5
# Kept for callers of the earlier API: the same threshold under its old name.
MIN_WORD_SUPPORT = SUPPORT_THRESHOLD
MAX_EVIDENCE = 2

# Penalty factors: each one alone takes a perfect score below the threshold.
_MISSING_NUMBER = 0.3
_CHANGED_UNIT = 0.3
_MISSING_DATE = 0.35
_UNKNOWN_NAME = 0.2
_NAME_ELSEWHERE = 0.4
_NEGATION = 0.3
_SWAPPED = 0.4
# A content word that is nowhere in the article weighs this much more than one that is.
_NOVEL_WEIGHT = 3.0
# Words found only in a second sentence that briefgen chose itself earn this much credit:
# joining sentences is how recombination errors are made.
_SECONDARY_CREDIT = 0.7
# Weight of word order: the score keeps this share for words found at all, the rest for
# neighbouring words that stay neighbours (within _PAIR_WINDOW content words) in evidence.
_ORDER_WEIGHT = 0.5
_PAIR_WINDOW = 3
_REPEATED = 0.7
# A number found only in a further sentence that adds fewer statement words than this is
# suspect when the main sentence has a different number of the same kind.
_MOVED_MAX_WORDS = 2
# Soft penalties, for what a faithful shortening mostly avoids: a hedge dropped ("possible
# cases" -> "cases") and words cut from inside a clause rather than between commas or
# brackets ("filmed emptying out" -> "filmed out"). Neither alone fails a statement.
_HEDGE_DROPPED = 0.8
_CUT_INSIDE = 0.95
_MAX_CUTS = 2
# Verbs of saying: "X, said Y" and "Y said X" are the same report, so they never pivot a swap.
_REPORTING = frozenset(
    "add added adds announc announced claim claimed claims explain explained insist "
    "insisted state stated warn warned report reported tweet tweeted wrote write writes "
    "accord".split()
)

_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")


class SupportResult(BaseModel):
    supported: bool
    score: float = Field(ge=0.0, le=1.0)
    reason: str | None = None
    # Ids of the sentences the statement was checked against.
    evidence: tuple[str, ...] = ()


def unknown_names(text: str, article: Article) -> list[str]:
    """Capitalised names in ``text`` (not counting its first word) absent from the article.

    Months and weekdays ("Oct", "Monday") are dates, checked as such, not names."""
    return [
        name
        for name in _CAPITALISED.findall(text)
        if not read_claim(name).dates and not name_occurs(name, article)
    ]


@dataclass(frozen=True)
class _Evidence:
    """The words of the evidence sentences, indexed for matching."""

    stems: frozenset[str]
    prefixes: frozenset[str]
    # Stems less their last one or two letters: "oust" is found in "ouster".
    truncated: frozenset[str]
    # Every token, names of two letters ("US", "UN") included.
    tokens: frozenset[str]
    values: frozenset[str]
    units: dict[str, frozenset[str | None]]
    dates: frozenset[str]
    claims: tuple[Claim, ...]
    # Per evidence sentence, where each word key (see _key) occurs among its content words.
    positions: tuple[dict[str, tuple[int, ...]], ...]


def _key(stem: str) -> str:
    """The key under which a word meets its variants: a short stem itself, a long one by
    its first six letters ("negotiat-ions"/"-ors"); the "*" keeps the two kinds apart."""
    return stem[:6] + "*" if len(stem) >= 6 else stem


def _positions(claim: Claim) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for i, (_, stem) in enumerate(claim.content):
        found.setdefault(_key(stem), []).append(i)
    return {key: tuple(at) for key, at in found.items()}


def _evidence(texts: Sequence[str]) -> _Evidence:
    return _evidence_cached(tuple(texts))


@lru_cache(maxsize=4096)
def _evidence_cached(texts: tuple[str, ...]) -> _Evidence:
    claims = tuple(read_claim(t) for t in texts)
    stems = frozenset(s for c in claims for _, s in c.content)
    units: dict[str, set[str | None]] = {}
    for claim in claims:
        for quantity in claim.quantities:
            for value in quantity.values:
                units.setdefault(value, set()).add(quantity.unit)
    for claim in claims:
        for value in claim.split_values:
            units.setdefault(value, set())
    return _Evidence(
        stems=stems,
        prefixes=frozenset(s[:6] for s in stems if len(s) >= 6),
        truncated=frozenset(s[:-n] for s in stems for n in (1, 2) if len(s) - n >= 4),
        tokens=frozenset(t for c in claims for t in c.tokens),
        values=frozenset(units),
        units={v: frozenset(u) for v, u in units.items()},
        dates=frozenset(d for c in claims for d in c.dates),
        claims=claims,
        positions=tuple(_positions(c) for c in claims),
    )


def _name_found(name: str, evidence: _Evidence) -> bool:
    if name in evidence.tokens or _found(name, evidence):
        return True
    for group in _ALIAS_GROUPS:
        if name in group:
            return any(all(w in evidence.tokens for w in alias.split()) for alias in group)
    return False


def _text_of(sentence: Sentence, article: Article) -> str:
    """A sentence's text, joined with the next one when a splitter cut it inside a
    number ("prices fell 7." / "8 per cent ...", from tokenised "7. 8")."""
    if sentence.text[-1:] == "." and sentence.text[-2:-1].isdigit():
        index = int(sentence.id[1:])
        if index < len(article.sentences):
            following = article.sentences[index]
            if following.text[:1].isdigit():
                return f"{sentence.text} {following.text}"
    return sentence.text


def _found(stem: str, evidence: _Evidence) -> bool:
    # Beyond equal stems, a shared six-letter start catches "negotiat-ions"/"-ors".
    return (
        stem in evidence.stems
        or (len(stem) >= 6 and stem[:6] in evidence.prefixes)
        or stem in evidence.truncated
    )


def _coverage(
    claim: Claim,
    evidence: _Evidence,
    article: _Evidence,
    primary: _Evidence | None = None,
) -> float:
    """Weighted share of the statement's content words found in the evidence; with a
    ``primary`` sentence, words found only in the other sentences earn partial credit."""
    # Capitals show names in cased text, checked on their own; without them a word the
    # article never uses may be a name, so it weighs more.
    novel_counts = not claim.cased
    total = 0.0
    found = 0.0
    for stem in dict.fromkeys(s for _, s in claim.content):
        weight = 1.0 if not novel_counts or _found(stem, article) else _NOVEL_WEIGHT
        total += weight
        if primary is not None and not _found(stem, primary):
            weight *= _SECONDARY_CREDIT
        if _found(stem, evidence):
            found += weight
    return found / total if total else 0.0


def _repeated(claim: Claim, evidence: _Evidence) -> str | None:
    """A word the statement uses more often than its evidence: one use stands in for
    something else ("X missed ... caught off X" from "Y missed ... caught off X")."""
    counts: dict[str, int] = {}
    for _, stem in claim.content:
        counts[stem] = counts.get(stem, 0) + 1
    for stem, count in counts.items():
        if count > 1 and count > sum(
            1 for other in evidence.claims for _, s in other.content if s == stem
        ):
            return stem
    return None


def _pair_share(claim: Claim, evidence: _Evidence, window: int) -> float:
    """Share of neighbouring content words of the statement that are near, in the same
    order, in one evidence sentence: words recombined from elsewhere break these pairs."""
    # Only words found count: a missing word is already counted against coverage.
    words = [s for _, s in claim.content if _found(s, evidence)]
    pairs = list(itertools.pairwise(words))
    if not pairs:
        return 1.0
    kept = 0
    for a, b in pairs:
        for positions in evidence.positions:
            after = positions.get(_key(b), ())
            if any(i < j <= i + window for i in positions.get(_key(a), ()) for j in after):
                kept += 1
                break
    # One pair more on each side: a short statement is not judged on a single pair.
    return (kept + 1) / (len(pairs) + 1)


def _moved_number(claim: Claim, evidence: _Evidence, primary: _Evidence) -> str | None:
    """A number the statement takes from a further sentence that adds little else, where
    the main sentence has a different one of the same kind: "won 3-1" put where the main
    sentence says "won 4-1", the "3" taken from "a three-goal lead" elsewhere."""
    added = {s for _, s in claim.content if _found(s, evidence) and not _found(s, primary)}
    if len(added) >= _MOVED_MAX_WORDS:
        return None
    used = frozenset(v for q in claim.quantities for v in q.values)
    own = [q for c in primary.claims for q in c.quantities if not q.values & used]
    for quantity in claim.quantities:
        if quantity.values & primary.values:
            continue
        other = next((q for q in own if q.unit == quantity.unit), None)
        if other is not None:
            return (
                f"number {quantity.text} comes only from another sentence; "
                f"the best-matching one has {other.text}"
            )
    return None


def _negation_mismatch(claim: Claim, evidence: _Evidence) -> str | None:
    """A word negated on one side and asserted on the other.

    The word a negator governs is the first content word after it (mostly the verb); the
    other side counts as negating it when the word is anywhere in a negator's clause
    ("never allowed to move" negates "move" too).
    """
    heads, scopes, _ = _negations(claim)
    for stem in heads:
        if _found(stem, evidence) and not any(stem in _negations(c)[1] for c in evidence.claims):
            return f"it negates '{stem}', which the evidence asserts"
    statement_stems = claim.stems
    for other in evidence.claims:
        other_heads, _, asserted = _negations(other)
        for stem in other_heads - asserted:
            if stem in statement_stems and stem not in scopes:
                return f"the evidence negates '{stem}', which it asserts"
    return None


def _negations(claim: Claim) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Stems of the words negators govern, of all the words in their clauses, and of the
    words outside any negator's clause.

    A negator governs the next content word (mostly the verb), and also the one after
    when that verb is asserted elsewhere: "would not send troops, but would send aid".
    """
    by_index = dict(claim.content)
    scopes_at = [
        [i for i in negation_scope(claim.tokens, at) if i in by_index] for at in claim.negations
    ]
    inside = {i for scope in scopes_at for i in scope}
    asserted = frozenset(s for i, s in claim.content if i not in inside)
    heads: set[str] = set()
    scopes: set[str] = set()
    for scope in scopes_at:
        words = [by_index[i] for i in scope]
        heads.update(words[:2] if words[:1] and words[0] in asserted else words[:1])
        scopes.update(words)
    return frozenset(heads), frozenset(scopes), asserted


def _swap(claim: Claim, evidence: _Evidence) -> str | None:
    """Subject and object exchanged around a verb: "A v B" against "B v A".

    A and B must be names (capitalised): in lower-case text, where names cannot be told
    from other words, any reordered clause would look like a swap, so none is reported.
    """
    words = [s for _, s in claim.content]
    for other in evidence.claims:
        counts: dict[str, int] = {}
        where: dict[str, int] = {}
        for token_index, stem in other.content:
            counts[stem] = counts.get(stem, 0) + 1
            where[stem] = token_index
        by_at = [i for i, t in enumerate(other.tokens) if t == "by"]
        placed = [(w, where[w]) for w in words if counts.get(w) == 1]
        names = claim.names | other.names
        for i, (a, pa) in enumerate(placed):
            if a not in names:
                continue
            for k in range(i + 1, len(placed)):
                b, pb = placed[k]
                if pb >= pa or b not in names or a == b:
                    continue
                for verb, pv in placed[i + 1 : k]:
                    # "B was v-ed by A" says what "A v B" says.
                    passive = any(pv < at < pa for at in by_at) or "by" in claim.tokens
                    if pb < pv < pa and verb not in _REPORTING and not passive:
                        return f"'{a}' and '{b}' are swapped around '{verb}'"
    return None


# Words and the punctuation that bounds an inserted phrase; a dash only between spaces
# or at a word's edge, so "end-of-career" stays one run of words.
_ALIGN_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[,;:()\"']|(?<![^\W_])-|-(?![^\W_])")
_BOUNDS = frozenset(",;:()\"'-")
_HEDGE_STEMS = {stem(w): w for w in HEDGES}


@lru_cache(maxsize=8192)
def _align_tokens(text: str) -> tuple[str, ...]:
    folded = fold_text(text).replace("’", "'")
    return tuple(stem(t) if t[0].isalpha() else t for t in _ALIGN_TOKEN.findall(folded))


def _cuts(statement: str, texts: Sequence[str]) -> tuple[int, str | None]:
    """How the statement shortens the evidence sentence it copies most from: the number of
    cuts inside a clause that drop a content word, and a hedge it drops, if any.

    A cut between commas, brackets or dashes drops an aside; one inside a clause may drop
    the very word the claim turns on ("can't wait to teach" -> "can't teach")."""
    words = _align_tokens(statement)
    best: tuple[int, tuple[str, ...], list[difflib.Match]] | None = None
    for text in texts:
        source = _align_tokens(text)
        matcher = difflib.SequenceMatcher(None, words, source, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        matched = sum(b.size for b in blocks)
        if best is None or matched > best[0]:
            best = (matched, source, blocks)
    if best is None:
        return 0, None
    _, source, blocks = best
    kept = frozenset(words)
    cuts = 0
    hedge = None
    for before, after in itertools.pairwise(blocks):
        gap = source[before.b + before.size : after.b]
        if not gap:
            continue
        hedge = hedge or next(
            (_HEDGE_STEMS[w] for w in gap if w in _HEDGE_STEMS and w not in kept), None
        )
        bounded = gap[0] in _BOUNDS or gap[-1] in _BOUNDS
        if not bounded and any(_is_content_stem(w) for w in gap):
            cuts += 1
    return min(cuts, _MAX_CUTS), hedge


def _is_content_stem(token: str) -> bool:
    return token[0].isalpha() and len(token) > 2 and token not in STOPWORDS


def _judge(
    statement: str,
    texts: Sequence[str],
    article: Article | None,
    article_text: str,
    chosen: bool = False,
) -> tuple[float, str | None]:
    claim = read_claim(statement)
    evidence = _evidence(texts)
    if not claim.content and not claim.quantities:
        return 0.0, "statement has no content"
    primary = _evidence(texts[:1]) if chosen and len(texts) > 1 else None
    coverage = _coverage(claim, evidence, _evidence([article_text]), primary)
    order = _pair_share(claim, evidence, _PAIR_WINDOW)
    score = coverage * ((1 - _ORDER_WEIGHT) + _ORDER_WEIGHT * order)
    reasons: list[tuple[float, str]] = []
    repeated = _repeated(claim, evidence)
    if repeated:
        reasons.append((_REPEATED, f"it repeats '{repeated}', which the evidence has fewer times"))

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
        moved = _moved_number(claim, evidence, primary)
        if moved:
            reasons.append((_MISSING_NUMBER, moved))
    dates = sorted(claim.dates - evidence.dates)
    if dates:
        reasons.append((_MISSING_DATE, f"date '{dates[0]}' not in the evidence"))
    unknown = unknown_names(statement, article) if article is not None else []
    if unknown:
        reasons.append((_UNKNOWN_NAME, f"name '{unknown[0]}' is not in the article"))
    elsewhere = sorted(n for n in claim.names if not _name_found(n, evidence))
    if elsewhere and not unknown:
        reasons.append((_NAME_ELSEWHERE, f"name '{elsewhere[0]}' is not in the evidence"))
    negation = _negation_mismatch(claim, evidence)
    if negation:
        reasons.append((_NEGATION, negation))
    swap = _swap(claim, evidence)
    if swap:
        reasons.append((_SWAPPED, swap))

    cuts, hedge = _cuts(statement, texts)
    score *= _CUT_INSIDE**cuts
    if hedge:
        score *= _HEDGE_DROPPED

    for factor, _ in reasons:
        score *= factor
    if reasons:
        return score, min(reasons)[1]
    if score < SUPPORT_THRESHOLD:
        # A soft penalty fails a statement only with too few words found: name both.
        dropped = f", and it drops '{hedge}', which hedges the evidence" if hedge else ""
        return score, f"only {coverage:.0%} of its words are in the evidence{dropped}"
    return score, None


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
    claim = read_claim(statement)
    evidence = _evidence(texts)
    missing = [q.text for q in claim.quantities if not q.values & evidence.values]
    return missing + sorted(claim.dates - evidence.dates)


def check_cited(statement: str, cited: list[Sentence], article: Article) -> SupportResult:
    """Whether ``statement`` is backed by the ``cited`` sentences of ``article``."""
    if not cited:
        return SupportResult(supported=False, score=0.0, reason="cites no existing sentence")
    texts = [_text_of(s, article) for s in cited]
    score, reason = _judge(statement, texts, article, article.text)
    if reason is not None:
        reason = reason.replace("the evidence", "the cited sentences")
    return _result(score, reason, [s.id for s in cited])


def best_evidence(statement: str, article: Article, limit: int = MAX_EVIDENCE) -> list[Sentence]:
    """The few sentences of ``article`` that ``statement`` most likely rests on.

    The best-matching sentence, then any sentence that adds statement words the chosen
    ones lack (a statement often joins two sentences), up to ``limit``. A further sentence
    must add two items, or a number or date; sentences that add a single word are passed
    over, not a reason to stop searching.
    """
    claim = read_claim(statement)
    # Words and numbers both count: a number may be all a second sentence adds.
    wanted = [("w", s) for s in dict.fromkeys(s for _, s in claim.content)]
    wanted += [("n", q.text) for q in claim.quantities]
    wanted += [("d", d) for d in claim.dates]
    values = {q.text: q.values for q in claim.quantities}
    if not wanted:
        return []

    def has(item: tuple[str, str], evidence: _Evidence) -> bool:
        kind, key = item
        if kind == "w":
            return _found(key, evidence)
        return key in evidence.dates if kind == "d" else bool(values[key] & evidence.values)

    candidates = [(s, _evidence([_text_of(s, article)])) for s in article.sentences]
    chosen: list[Sentence] = []
    covered: set[tuple[str, str]] = set()
    while len(chosen) < limit:
        best: tuple[float, int, Sentence, _Evidence] | None = None
        for position, (sentence, evidence) in enumerate(candidates):
            if sentence in chosen:
                continue
            added = [w for w in wanted if w not in covered and has(w, evidence)]
            # A further sentence must add two items, or a number or date: one shared word
            # joins anything.
            if not added or (chosen and len(added) < 2 and added[0][0] == "w"):
                continue
            gain = float(len(added))
            if best is None or (gain, -position) > best[:2]:
                best = (gain, -position, sentence, evidence)
        if best is None:
            break
        chosen.append(best[2])
        covered.update(w for w in wanted if has(w, best[3]))
    return chosen


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
        texts = [_text_of(s, doc) for s in option]
        score, reason = _judge(statement, texts, doc, doc.text, chosen=True)
        results.append(_result(score, reason, [s.id for s in option]))
    return max(results, key=lambda r: r.score)
