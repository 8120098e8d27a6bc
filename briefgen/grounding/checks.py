"""The individual checks of a statement against its evidence, each on its own.

Word coverage and word order, a word repeated more often than the evidence has it, a
number moved in from another sentence, names the article lacks, a negation added or
dropped, names swapped around a verb, the cuts and dropped hedges of a shortened
sentence, a small word turned to its opposite ("after" for "before"), and two numbers
exchanged between what they count. Each returns a share or a reason; ``support`` weighs
them into one score.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from briefgen.grounding.claims import Claim, negation_scope, read_claim, words_for
from briefgen.grounding.evidence import Evidence, has_word, word_key
from briefgen.grounding.names import name_occurs
from briefgen.ingest.article import Article
from briefgen.text.lexicon import HEDGES, STOPWORDS
from briefgen.text.normalise import fold_text
from briefgen.text.words import stem as word_stem

# A content word that is nowhere in the article weighs this much more than one that is.
_NOVEL_WEIGHT = 3.0
# Words found only in a second sentence that briefgen chose itself earn this much credit:
# joining sentences is how recombination errors are made.
_SECONDARY_CREDIT = 0.7
# A number found only in a further sentence that adds fewer statement words than this is
# suspect when the main sentence has a different number of the same kind.
_MOVED_MAX_WORDS = 2
# At most this many cuts inside a clause are counted against a statement.
_MAX_CUTS = 2
# Verbs of saying: "X, said Y" and "Y said X" are the same report, so they never pivot a swap.
_REPORTING = frozenset(
    "add added adds announc announced claim claimed claims explain explained insist "
    "insisted state stated warn warned report reported tweet tweeted wrote write writes "
    "accord".split()
)

_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")


def unknown_names(text: str, article: Article) -> list[str]:
    """Capitalised names in ``text`` (not counting its first word) absent from the article.

    Months and weekdays ("Oct", "Monday") are dates, checked as such, not names. English
    reads names in ASCII capitals, as it always has; another language in any alphabet's
    capitals ("Лотар Маттеус"), each word allowed its case ending. In a language that
    capitalises every noun (German) one capital says nothing: there a name is two
    capitalised words or more ("Olaf Scholz"), and it is unknown when a word of it is."""
    language = article.language
    if language in (None, "en"):
        candidates = _CAPITALISED.findall(text)
    else:
        runs = _capital_runs(text)
        if words_for(language).capitalised_nouns:
            return [" ".join(run) for run in runs if len(run) > 1 and _any_unknown(run, article)]
        candidates = [" ".join(run) for run in runs]
    return [
        name
        for name in candidates
        if not read_claim(name, language).dates and not name_occurs(name, article)
    ]


_WORD_SPAN = re.compile(r"[^\W\d_][\w’'-]*")
_SENTENCE_ENDS = frozenset(".!?:;")


def _capital_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words, in any alphabet, that follow each other with only
    spaces between; a word that opens the text or a sentence is not one."""
    runs: list[list[str]] = []
    current: list[str] = []
    end = 0
    for match in _WORD_SPAN.finditer(text):
        gap = text[end : match.start()]
        # The text's first word, or one after a sentence's end (in the gap before it).
        opening = end == 0 or not _SENTENCE_ENDS.isdisjoint(gap)
        word = match.group()
        if current and (gap.strip() or not word[0].isupper()):
            runs.append(current)
            current = []
        if word[0].isupper() and not word.isupper() and not opening:
            current.append(word)
        end = match.end()
    if current:
        runs.append(current)
    return runs


def _any_unknown(run: list[str], article: Article) -> bool:
    return any(not name_occurs(word, article) for word in run)


def word_coverage(
    claim: Claim,
    evidence: Evidence,
    article: Evidence,
    primary: Evidence | None = None,
) -> float:
    """Weighted share of the statement's content words found in the evidence; with a
    ``primary`` sentence, words found only in the other sentences earn partial credit."""
    # Capitals show names in cased text, checked on their own; without them a word the
    # article never uses may be a name, so it weighs more.
    novel_counts = not claim.cased
    total = 0.0
    found = 0.0
    for stem in dict.fromkeys(s for _, s in claim.content):
        weight = 1.0 if not novel_counts or has_word(stem, article) else _NOVEL_WEIGHT
        total += weight
        if primary is not None and not has_word(stem, primary):
            weight *= _SECONDARY_CREDIT
        if has_word(stem, evidence):
            found += weight
    return found / total if total else 0.0


def repeated_word(claim: Claim, evidence: Evidence) -> str | None:
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


def pair_share(claim: Claim, evidence: Evidence, window: int) -> float:
    """Share of neighbouring content words of the statement that are near, in the same
    order, in one evidence sentence: words recombined from elsewhere break these pairs."""
    # Only words found count: a missing word is already counted against coverage.
    words = [s for _, s in claim.content if has_word(s, evidence)]
    pairs = list(itertools.pairwise(words))
    if not pairs:
        return 1.0
    kept = 0
    for a, b in pairs:
        for positions in evidence.positions:
            after = positions.get(word_key(b), ())
            if any(i < j <= i + window for i in positions.get(word_key(a), ()) for j in after):
                kept += 1
                break
    # One pair more on each side: a short statement is not judged on a single pair.
    return (kept + 1) / (len(pairs) + 1)


def moved_number(claim: Claim, evidence: Evidence, primary: Evidence) -> str | None:
    """A number the statement takes from a further sentence that adds little else, where
    the main sentence has a different one of the same kind: "won 3-1" put where the main
    sentence says "won 4-1", the "3" taken from "a three-goal lead" elsewhere."""
    added = {s for _, s in claim.content if has_word(s, evidence) and not has_word(s, primary)}
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


def negation_mismatch(
    claim: Claim, evidence: Evidence, failed: frozenset[str] = frozenset()
) -> str | None:
    """A word negated on one side and asserted on the other.

    The word a negator governs is the first content word after it (mostly the verb); the
    other side counts as negating it when the word is anywhere in a negator's clause
    ("never allowed to move" negates "move" too), or among ``failed``, the words the
    evidence says failed or were refused ("failed to reach": "did not reach" holds).
    """
    heads, scopes, _ = _negations(claim)
    for stem in heads:
        if stem in failed:
            continue
        if has_word(stem, evidence) and not any(stem in _negations(c)[1] for c in evidence.claims):
            return f"it negates '{stem}', which the evidence asserts"
    statement_stems = claim.stems
    for other in evidence.claims:
        other_heads, _, asserted = _negations(other)
        for stem in other_heads - asserted:
            if stem in statement_stems and stem not in scopes:
                return f"the evidence negates '{stem}', which it asserts"
    return None


_NOT_HEADS = frozenset({word_stem("longer")})


def _negations(claim: Claim) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Stems of the words negators govern, of all the words in their clauses, and of the
    words outside any negator's clause.

    A negator governs the next content word (mostly the verb), and also the one after
    when that verb is asserted elsewhere: "would not send troops, but would send aid".
    """
    by_index = dict(claim.content)
    scopes_at = [
        [i for i in negation_scope(claim.tokens, at, language=claim.language) if i in by_index]
        for at in claim.negations
    ]
    inside = {i for scope in scopes_at for i in scope}
    asserted = frozenset(s for i, s in claim.content if i not in inside)
    heads: set[str] = set()
    scopes: set[str] = set()
    for scope in scopes_at:
        # "no longer controls": the negation is of "controls", not of "longer".
        words = [by_index[i] for i in scope if by_index[i] not in _NOT_HEADS]
        heads.update(words[:2] if words[:1] and words[0] in asserted else words[:1])
        scopes.update(words)
    return frozenset(heads), frozenset(scopes), asserted


def swapped_names(claim: Claim, evidence: Evidence) -> str | None:
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
_HEDGE_STEMS = {word_stem(w): w for w in HEDGES}
# Words that make a possibility certain, put where the evidence's hedge stood.
_CERTAIN = frozenset(word_stem(w) for w in "will shall must certainly definitely surely".split())


@lru_cache(maxsize=8192)
def _align_tokens(text: str) -> tuple[str, ...]:
    folded = fold_text(text).replace("’", "'")
    return tuple(word_stem(t) if t[0].isalpha() else t for t in _ALIGN_TOKEN.findall(folded))


def clause_cuts(statement: str, texts: Sequence[str]) -> tuple[int, str | None, bool]:
    """How the statement shortens the evidence sentence it copies most from: the number of
    cuts inside a clause that drop a content word, a hedge it drops, if any, and whether
    it puts a word of certainty in the hedge's place ("may withdraw" -> "will withdraw").

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
        return 0, None, False
    _, source, blocks = best
    kept = frozenset(words)
    cuts = 0
    hedge = None
    certain = False
    for before, after in itertools.pairwise(blocks):
        gap = source[before.b + before.size : after.b]
        if not gap:
            continue
        dropped = next((_HEDGE_STEMS[w] for w in gap if w in _HEDGE_STEMS and w not in kept), None)
        if dropped is not None:
            instead = words[before.a + before.size : after.a]
            certain = certain or not _CERTAIN.isdisjoint(instead)
        hedge = hedge or dropped
        bounded = gap[0] in _BOUNDS or gap[-1] in _BOUNDS
        if not bounded and any(_is_content_stem(w) for w in gap):
            cuts += 1
    return min(cuts, _MAX_CUTS), hedge, certain


def _is_content_stem(token: str) -> bool:
    return token[0].isalpha() and len(token) > 2 and token not in STOPWORDS


# Words a check of content words does not see, each beside its opposite: "withdrew after
# the rebels entered" is not "before"; "voted against" is not "for"; "fewer than 300" is
# not "more than 300". "for" and "against" count after a verb of taking sides only, "over"
# and "under" before a number only ("banned for punching", "over the weekend").
_OPPOSITES = {
    "before": "after",
    "after": "before",
    "for": "against",
    "against": "for",
    "more": "fewer less",
    "fewer": "more",
    "less": "more",
    "most": "least",
    "least": "most",
    "over": "under",
    "under": "over",
}
_SIDES = frozenset("vote votes voted voting argue argues argued campaign campaigned".split())
_BOUNDS_BY_NUMBER = frozenset({"over", "under"})
# A statement that says all where the evidence says some, most or many.
_UNIVERSAL = frozenset("all every entire whole".split())
_PARTIAL = frozenset("some most many several few part half majority minority".split())


def _marks(tokens: Sequence[str]) -> set[str]:
    """The words of ``_OPPOSITES`` that ``tokens`` use in the sense the check reads."""
    found = set()
    for at, token in enumerate(tokens):
        if token not in _OPPOSITES:
            continue
        if token in ("for", "against") and (at == 0 or tokens[at - 1] not in _SIDES):
            continue
        after = tokens[at + 1 : at + 2]
        if token in _BOUNDS_BY_NUMBER and not (after and after[0][:1].isdigit()):
            continue
        found.add(token)
    return found


def opposite_word(claim: Claim, evidence: Evidence) -> str | None:
    """A word of the statement the evidence lacks while it has the word's opposite, or
    "all" where the evidence has only "some" (English words: other languages' are not
    read here)."""
    if claim.language not in (None, "en"):
        return None
    mine = _marks(claim.tokens)
    theirs = set().union(*(_marks(c.tokens) for c in evidence.claims))
    for word in sorted(mine - theirs):
        others = [o for o in _OPPOSITES[word].split() if o in theirs]
        if others:
            return f"its '{word}' is '{others[0]}' in the evidence"
    tokens = set(claim.tokens)
    universal = sorted(tokens & _UNIVERSAL - evidence.tokens)
    partial = sorted(_PARTIAL & evidence.tokens - tokens)
    if universal and partial:
        return f"its '{universal[0]}' is '{partial[0]}' in the evidence"
    return None


# Where the words a number or a day goes with stop: its clause ("killed 12 and wounded 30").
_CLAUSE_STOPS = frozenset("and but while whereas or ; , .".split())
_NEAR = 2
"""Content words on each side of a number or a day that it goes with."""


def moved_value(claim: Claim, evidence: Evidence) -> str | None:
    """Two numbers or days exchanged between the words they go with: "killed 30 and
    wounded 12" where the evidence says "killed 12 and wounded 30" (English). Each must
    sit with words the evidence gives only the other, and with none it gives only its
    own: a summary that reorders its words keeps at least one of them."""
    if claim.language not in (None, "en"):
        return None
    mine = _values_near(claim)
    theirs: dict[str, set[str]] = {}
    for other in evidence.claims:
        for value, near in _values_near(other).items():
            theirs.setdefault(value, set()).update(near)
    shared = sorted(v for v in mine if v in theirs)
    for first, second in itertools.combinations(shared, 2):
        only_first, only_second = theirs[first] - theirs[second], theirs[second] - theirs[first]
        if (
            mine[first] & only_second
            and mine[second] & only_first
            and not mine[first] & only_first
            and not mine[second] & only_second
        ):
            word = sorted(mine[first] & only_second)[0]
            return f"its {first} and {second} are swapped ({first} goes with '{word}')"
    return None


def _values_near(claim: Claim) -> dict[str, set[str]]:
    """Each number and day of ``claim`` (as written: "12", "monday"), with the content
    words of its clause within ``_NEAR`` of it."""
    content = dict(claim.content)
    words = words_for(claim.language)
    found: dict[str, set[str]] = {}
    tokens = claim.tokens
    for at, token in enumerate(tokens):
        if token.replace(",", "").replace(".", "").isdigit():  # not "t1", "1million"
            value = token.replace(",", "")
        elif token in words.numbers:
            value = f"{words.numbers[token]:g}"
        elif token in words.weekdays:
            value = words.weekdays[token]
        else:
            continue
        near = set()
        for step in (-1, 1):
            seen, j = 0, at + step
            while 0 <= j < len(tokens) and seen < _NEAR and tokens[j] not in _CLAUSE_STOPS:
                if j in content and not tokens[j][:1].isdigit() and tokens[j] not in words.weekdays:
                    near.add(content[j])
                    seen += 1
                j += step
        found.setdefault(value, set()).update(near)
    return found
