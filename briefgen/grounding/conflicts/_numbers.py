"""Numbers two related sources bind to the same measure in sentences about the same event
and disagree on: a conflict, or an update when the later source says its count changed.
A number the other source also reports (as part of a wider story) is not disputed."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timezone
from itertools import combinations

from briefgen.grounding.conflicts._assemble import clause, contradiction
from briefgen.grounding.conflicts._events import Context, contexts, same_event
from briefgen.grounding.conflicts._facts import Fact, read_facts
from briefgen.grounding.conflicts._words import COUNT_NOUNS, REVISED, TOPIC
from briefgen.ingest.article import Sentence
from briefgen.memo.items import Contradiction


def number_conflicts(
    text: str,
    by_source: dict[int, list[Sentence]],
    related: set[tuple[int, int]],
    published: dict[int, str | None],
) -> list[Contradiction]:
    """One contradiction per measure and related pair of sources whose facts disagree:
    the best-matched pair of rival values. ``text`` is the joined article's text."""
    facts: dict[int, list[Fact]] = {}
    context: dict[str, Context] = {}
    index: dict[str, dict[int, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for number, sentences in by_source.items():
        context.update(contexts(sentences))
        facts[number] = [f for s in sentences for f in read_facts(s, text[s.end : s.end + 4])]
        for fact in facts[number]:
            index[fact.measure][number].append(fact)
    found: list[Contradiction] = []
    for measure, per_source in index.items():
        for a, b in combinations(sorted(per_source), 2):
            if (a, b) not in related:
                continue
            best: tuple[int, Fact, Fact] | None = None
            for fa in per_source[a]:
                for fb in per_source[b]:
                    pair = _disputed(fa, fb, per_source, context)
                    if pair is not None and (best is None or pair > best[0]):
                        best = (pair, fa, fb)
            if best is not None:
                # The later article may say the count changed in another sentence.
                says = {n for n, told in per_source.items() if any(f.changed for f in told)}
                found.append(_number_contradiction(measure, best[1], best[2], published, says))
    return found


def _agree(a: Fact, b: Fact) -> bool:
    if a.number.values & b.number.values:
        return True
    if "about" in (a.bound, b.bound):
        high = max(a.number.value, b.number.value)
        return abs(a.number.value - b.number.value) <= 0.1 * high
    return False


def _disputed(
    fa: Fact,
    fb: Fact,
    per_source: dict[int, list[Fact]],
    context: dict[str, Context],
) -> int | None:
    """How well two facts of one measure match as rival values (None: no dispute)."""
    if fa.subject != fb.subject or _agree(fa, fb):
        return None
    strength = same_event(fa.sentence, fb.sentence, context)
    if strength is None:
        return None
    # A count, an amount or a share: of what must be the same, not only the event; an
    # amount or a share is of many things in one story, so two words must say which.
    of_what = fa.local & fb.local - {fa.measure.partition(":")[2]}
    needed = 1 if fa.measure.startswith("count:") else 2
    if (fa.measure not in TOPIC or fa.measure == "percent") and len(of_what) < needed:
        return None
    # A value the other source also gives is not disputed: the two report several figures.
    for mine, theirs in ((fa, fb), (fb, fa)):
        echoed = any(
            _agree(mine, other) and other.subject == mine.subject
            for other in per_source[theirs.source]
        )
        if echoed and not theirs.changed:
            return None
    return strength


def _number_contradiction(
    measure: str,
    fa: Fact,
    fb: Fact,
    published: dict[int, str | None],
    says_changed: set[int],
) -> Contradiction:
    first, second = fa, fb
    kind: str = "conflict"
    note: str | None = None
    times = _time(published.get(fa.source)), _time(published.get(fb.source))
    if times[0] is not None and times[1] is not None and times[0] != times[1]:
        if times[1] < times[0]:
            first, second = fb, fa
        rising = second.number.value > first.number.value
        changed = second.changed or second.source in says_changed
        if changed and (rising or REVISED & set(second.tokens)):
            kind = "update"
            note = (
                f"A{second.source} (published {published[second.source]}) reports a "
                f"later count than A{first.source} (published {published[first.source]})"
            )
    if kind == "conflict":
        low, high = sorted((fa, fb), key=lambda f: f.number.value)
        if low.bound in ("at least", "more than", "over"):
            note = (
                f"A{low.source} gives {low.bound} {low.number_text}, a lower bound that "
                f"A{high.source}'s {high.number_text} does not contradict"
            )
    return contradiction(
        _topic(measure, fa),
        [(first.sentence, number_claim(first)), (second.sentence, number_claim(second))],
        kind,
        note,
    )


def _topic(measure: str, fact: Fact) -> str:
    if measure in TOPIC:
        return TOPIC[measure]
    if measure.startswith("money:"):
        return "amount of money"
    return f"number of {_plain_noun(fact)}"


def _plain_noun(fact: Fact) -> str:
    after = fact.tokens[fact.number.end : fact.number.end + 2]
    return next((t for t in after if t in COUNT_NOUNS), after[0] if after else "")


def number_claim(fact: Fact) -> str:
    """The clause of the fact's sentence that holds its number and measure word, verbatim."""
    text = fact.sentence.text
    spans = [_find(text, fact.tokens[fact.number.start : fact.number.end])]
    if fact.measure_token >= 0:
        spans.append(_find(text, fact.tokens[fact.measure_token : fact.measure_token + 1]))
    located = [s for s in spans if s is not None]
    if not located:
        return text
    return clause(text, min(s[0] for s in located), max(s[1] for s in located))


# A word character outside Latin-1, or the micro sign: where re's ignore-case matching
# knows equivalents str.lower() does not ("ſ" is "s", the Kelvin sign "k", "µ" "μ").
_WIDE_CASE = re.compile(r"[^\W\x00-\xff]|\xb5")


def _find(text: str, tokens: tuple[str, ...]) -> tuple[int, int] | None:
    """Where ``tokens`` stand in ``text``, in any case, as whole words, up to three other
    characters between two: found by scanning, as the pattern below would find them."""
    if not tokens:
        return None
    if _WIDE_CASE.search(text) or any(_WIDE_CASE.search(t) for t in tokens):
        return _find_by_pattern(text, tokens)
    # A pattern made for each number is compiled anew for each (the cost of the search).
    lowered, wanted = text.lower(), [t.lower() for t in tokens]
    at = lowered.find(wanted[0])
    while at >= 0:
        if at == 0 or not text[at - 1].isalnum():
            end = _found_rest(text, lowered, wanted, 1, at + len(wanted[0]))
            if end is not None:
                return at, end
        at = lowered.find(wanted[0], at + 1)
    return None


def _found_rest(text: str, lowered: str, wanted: list[str], k: int, at: int) -> int | None:
    """The end of ``wanted[k:]`` found from ``at`` on, each after up to three non-word
    characters (the most first) and the last one a whole word; None when it is not."""
    if k == len(wanted):
        return at if at == len(text) or not text[at].isalnum() else None
    for gap in (3, 2, 1, 0):
        skipped = text[at : at + gap]
        if len(skipped) < gap or any(c.isalnum() or c == "_" for c in skipped):
            continue
        if lowered.startswith(wanted[k], at + gap):
            end = _found_rest(text, lowered, wanted, k + 1, at + gap + len(wanted[k]))
            if end is not None:
                return end
    return None


def _find_by_pattern(text: str, tokens: tuple[str, ...]) -> tuple[int, int] | None:
    pattern = r"(?<![^\W_])" + r"\W{0,3}".join(re.escape(t) for t in tokens) + r"(?![^\W_])"
    match = re.search(pattern, text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    # Compare all times as naive UTC: a time without a zone is read as UTC.
    return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed
