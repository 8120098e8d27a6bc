"""What an earlier memo gave otherwise, found by rules: a figure bound to the same measure
with another number, a role held by another person, a party's position turned round; and
(when asked) what the new article contradicts or withdraws.

Precision first, as in the dossier's rules: two figures are one figure only when they
measure the same thing of the same group, their sentences name no different places or
actors, and, for a count or an amount, the words next to the number agree; a value the
new article gives too (for a part of the story, say) is not changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from briefgen.grounding.changes._digest import Figure, stems_of
from briefgen.grounding.changes._found import Before, FoundChange, FoundWithdrawn
from briefgen.grounding.changes._ground import parse_day
from briefgen.grounding.changes._index import StatementIndex
from briefgen.grounding.changes._story import Story, role_key
from briefgen.grounding.checks import negation_mismatch
from briefgen.grounding.claims import read_claim
from briefgen.grounding.conflicts._words import TOPIC
from briefgen.grounding.evidence import read_evidence
from briefgen.ingest.article import Sentence
from briefgen.text.names import same_actor
from briefgen.text.words import stem

# Verbs of a stance and their opposites, as stems: "accepts" the plan, then "rejects" it.
_OPPOSITES = tuple(
    (frozenset(stem(w) for w in a.split()), frozenset(stem(w) for w in b.split()))
    for a, b in (
        ("accept accepts accepted accepting", "reject rejects rejected rejecting"),
        ("support supports supported backs backed", "oppose opposes opposed"),
        ("agree agrees agreed", "refuse refuses refused"),
        ("join joins joined attend attends", "boycott boycotts boycotted"),
        ("welcome welcomes welcomed", "condemn condemns condemned"),
        ("allow allows allowed", "ban bans banned block blocks blocked"),
    )
)
_POLARITY = frozenset().union(*(a | b for a, b in _OPPOSITES))
# A sentence with one of these says an earlier statement no longer holds.
_WITHDRAWN = frozenset(
    stem(w) for w in "denied denies retracted withdrew withdrawn false untrue corrected".split()
)
SAME_TOPIC = 0.5
"""Share of the stance's stems (less its verb) two positions share to be on one topic."""


def figure_changes(story: Story, figures: list[Figure]) -> list[FoundChange]:
    """One change per measure whose latest earlier value the new article gives otherwise."""
    by_key: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        by_key.setdefault((figure.measure, figure.subject), []).append(figure)
    found: list[FoundChange] = []
    for key, mine in by_key.items():
        best: tuple[tuple[dt.date, str, int], Figure, Figure, int] | None = None
        # Read once for all the new values of the measure: each earlier value is parsed
        # once, when first compared.
        given = story.figures_of(key)
        for figure in mine:
            for valued in reversed(given):
                if not _same_thing(valued.figure, figure):
                    continue
                # The latest earlier value of the same thing decides.
                if not _agree(valued.figure, figure) and not _echoed(valued.figure, figure, mine):
                    # The newest of the new values (a dossier may give several), then the
                    # best matched.
                    strength = len(set(valued.figure.local) & set(figure.local))
                    rank = (parse_day(figure.time) or dt.date.min, figure.time or "", strength)
                    if best is None or rank > best[0]:
                        best = (rank, valued.figure, figure, valued.memo)
                break
        if best is not None:
            _, old, new, memo = best
            found.append(
                FoundChange(
                    topic=new.topic,
                    before=Before(memo, old.claim, (old.sentence_id,)),
                    after=new.claim,
                    after_ids=(new.sentence_id,),
                    how=f"rules: the same measure ({new.topic}) with another number",
                    before_time=old.time,
                    after_time=new.time,
                    names=(old.number_text, new.number_text),
                )
            )
    return found


def _same_thing(old: Figure, new: Figure) -> bool:
    if old.names and new.names and not set(old.names) & set(new.names):
        return False  # different places or actors
    if old.measure in TOPIC and old.measure != "percent":
        return True
    # A count, an amount or a share: of what must agree too.
    of_what = set(old.local) & set(new.local) - {old.measure.partition(":")[2]}
    return len(of_what) >= (1 if old.measure.startswith("count:") else 2)


def _agree(a: Figure, b: Figure) -> bool:
    if set(a.values) & set(b.values):
        return True
    if "about" in (a.bound, b.bound):
        return abs(a.value - b.value) <= 0.1 * max(a.value, b.value)
    return False


def _echoed(old: Figure, new: Figure, mine: list[Figure]) -> bool:
    """The new article gives the old value as well, without saying the number changed:
    two figures of two things, not one revised."""
    return not new.changed and any(
        other is not new and _agree(old, other) and _same_thing(old, other) for other in mine
    )


def role_changes(story: Story, actors: Iterable[Any]) -> list[FoundChange]:
    """A role (two words at least: "head of the army delegation") an earlier memo gave
    one person and the new article gives another."""
    by_role: dict[frozenset[str], list[Any]] = {}
    current = list(actors)
    for actor in current:
        key = role_key(actor.title)
        if key:
            by_role.setdefault(key, []).append(actor)
    found: list[FoundChange] = []
    for key, holders in by_role.items():
        held = story.role(key)
        distinct = [
            a
            for i, a in enumerate(holders)
            if not any(same_actor(a.name, b.name) for b in holders[:i])
        ]
        if held is None or len(distinct) != 1:
            continue
        actor, before = distinct[0], held.actor
        if same_actor(before.name, actor.name) or not _same_side(
            before.affiliation, actor.affiliation
        ):
            continue
        if any(same_actor(before.name, a.name) and role_key(a.title) == key for a in current):
            continue  # the earlier holder still holds it: two holders, no change
        found.append(
            FoundChange(
                topic=_role_topic(actor.title),
                before=Before(held.memo, f"{before.name}, {before.title}", tuple(before.ids)),
                after=f"{actor.name}, {actor.title}",
                after_ids=tuple(actor.sentence_ids),
                how="rules: the same role held by another person",
                check="role",
                names=(before.name, actor.name),
            )
        )
    return found


def _role_topic(title: str) -> str:
    words = title.split()
    while words and words[0].lower() in {"the", "a", "new", "acting", "interim"}:
        words.pop(0)
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _same_side(a: str | None, b: str | None) -> bool:
    return not a or not b or same_actor(a, b)


def position_changes(story: Story, positions: Iterable[Any]) -> list[FoundChange]:
    """A party's position on one topic turned round: accepted, then rejected; supported,
    then no longer."""
    found: list[FoundChange] = []
    for position in positions:
        for memo, earlier in reversed(story.positions_of(position.party)):
            if not same_actor(earlier.party, position.party):
                continue
            if _turned(earlier.stance, position.stance):
                found.append(
                    FoundChange(
                        topic=f"Position of {position.party}",
                        before=Before(memo, earlier.stance, tuple(earlier.ids)),
                        after=position.stance,
                        after_ids=tuple(position.sentence_ids),
                        how="rules: the same party and topic, the stance turned round",
                    )
                )
                break
    return found


def _turned(old: str, new: str) -> bool:
    a, b = stems_of(old), stems_of(new)
    topic_a, topic_b = a - _POLARITY, b - _POLARITY
    if not topic_a or not topic_b:
        return False
    if len(topic_a & topic_b) / min(len(topic_a), len(topic_b)) < SAME_TOPIC:
        return False
    if any((x & a and y & b) or (y & a and x & b) for x, y in _OPPOSITES):
        return True
    return negation_mismatch(read_claim(new), read_evidence([old])) is not None


def withdrawn(index: StatementIndex, sentences: list[Sentence]) -> list[FoundWithdrawn]:
    """Earlier statements that a sentence of the new article negates or withdraws."""
    found: list[FoundWithdrawn] = []
    seen: set[tuple[int, str]] = set()
    every = index.matches_each([s.text for s in sentences], share=SAME_TOPIC)
    for sentence, matches in zip(sentences, every, strict=True):
        cue = bool(stems_of(sentence.text) & _WITHDRAWN)
        for match in matches:
            if match.section == "cited":
                continue
            entry = match.statement
            if (match.memo, entry.text) in seen:
                continue
            negated = negation_mismatch(read_claim(entry.text), read_evidence([sentence.text]))
            if negated is None and not cue:
                continue
            seen.add((match.memo, entry.text))
            how = "rules: the new article " + (
                "negates it" if negated else "says it no longer holds"
            )
            found.append(
                FoundWithdrawn(
                    before=Before(match.memo, entry.text, tuple(entry.ids)),
                    now=sentence.text,
                    now_ids=(sentence.id,),
                    how=how,
                )
            )
    return found
