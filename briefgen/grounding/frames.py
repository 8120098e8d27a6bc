"""A clause the article frames is not a fact: "If the talks collapse, the army will
attack" does not say the army will attack; "The rebels accused the army of shelling the
camp" does not say it shelled it; "The envoy failed to reach a deal" says the opposite
of "The envoy reached a deal". Each holds every word of the statement lifted out of it.

A frame is a word that makes what it governs something other than a fact, in four kinds:

- ``condition``: "if", "unless", "whether": the clause it opens, and (opening its
  sentence) the clause it conditions;
- ``claim``: an accusation, a contested claim or a fear ("accused ... of", "claimed
  that", "alleged that", "fears that"): what follows it in its clause;
- ``intent``: a plan, a threat, a demand or a hope ("plans to", "threatened to",
  "demanded that"): what follows it;
- ``failure``: "failed to", "refused to", "declined to", "denied": what follows it did
  not happen, as under a negation;
- ``future``: "will", "shall": what follows has not happened yet ("The minister will
  visit Kabul" does not support "The minister visited Kabul");
- ``nearly``: "nearly", "almost" before anything but a number ("the talks nearly
  collapsed": they did not), as under a negation: the one word after it.

A statement the evidence holds only under a frame keeps the frame, or one of its kind
("The rebels said the army shelled the camp" keeps the claim as a report; "did not
reach" keeps the failure as a negation; "could", "would", "may" keep a condition,
"will" a plan, and a modal or "is due to", "next week" a future), or is not
supported.

Read in English, all kinds; in the other languages with a lexicon, conditions (words in
``ClaimWords.conditions``: "wenn", "si", "если", "اگر") and "nearly" (``nearly``:
"fast", "presque", "casi", "почти"), whose word comes before what it frames in every
one of them; their claims, plans and failures put the frame after what it frames or
split it ("..., sagte er"; "lehnte ... ab"), and are not read. Not read in English
either: "as if" and "even if" (a comparison, a concession; "même si", "auch wenn" in
their languages), a past told as future, a claim verb without "that" or an auxiliary
after it ("claimed a victory" is its object).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefgen.grounding.claims import Claim, clauses, read_claim, words_for
from briefgen.text.languages import claim_words

KINDS = ("condition", "claim", "intent", "failure", "future", "nearly")
_COVERED = 0.6
"""Share of a statement's content an evidence's words must hold to be where it is said."""
_UNDER = 0.4
"""Share of a statement's content found only under a frame for it to be said under it
(not a word or two of it)."""
_OF_REACH = 6
"""How far after "accused" its "of" may stand ("accused the Rapid Support Forces of");
every other particle follows its word at once."""
_CONSEQUENT = 4
"""Content words before a condition inside its stretch that it conditions ("would turn
to drink if he ever stepped down")."""
_COMMA = re.compile(r"[,،，、]")
_STOPS = re.compile(r"(?<=[.!?;۔؟])\s+")
# A clause after a claim verb without "that" ("claimed the army had shelled"), not its
# object ("claimed a 26-12 victory"): an auxiliary soon after it.
_AUXILIARIES = frozenset("had has have was were is are would will did does".split())
_CLAUSE_REACH = 5
_NOT_CONDITION = frozenset({"as", "even"})
_NUMBER_WORDS = frozenset(words_for(None).numbers) | {"a", "an", "half", "every"}


@dataclass(frozen=True)
class FrameWord:
    kind: str
    then: frozenset[str] = frozenset()
    """Words one of which must follow it ("to", "that"); empty: none needed."""


def _entries(kind: str, rows: str) -> dict[str, FrameWord]:
    """``rows``: groups separated by "|", each "words / particles" (no particles: any)."""
    found = {}
    for group in rows.split("|"):
        words, _, then = group.partition("/")
        for word in words.split():
            found[word] = FrameWord(kind, frozenset(then.split()))
    return found


ENGLISH: dict[str, FrameWord] = {
    **_entries("condition", "if unless whether"),
    **_entries(
        "claim",
        "claim claims claimed claiming allege alleges alleged alleging / that <clause>"
        "| accuse accuses accused accusing / of"
        "| fear fears feared / that <clause>",
    ),
    **_entries(
        "intent",
        "plan plans planned planning intend intends intended intending threaten threatens "
        "threatened threatening want wants wanted seek seeks sought aim aims aimed hope "
        "hopes hoped / to"
        "| propose proposes proposed proposing / to that"
        "| demand demands demanded demanding / that"
        "| urge urges urged urging",
    ),
    **_entries(
        "failure",
        "fail fails failed failing refuse refuses refused refusing decline declines "
        "declined declining / to"
        "| deny denies denied denying reject rejects rejected rejecting",
    ),
    **_entries("future", "will shall"),
    **_entries("nearly", "nearly almost"),
}

# Words that keep an intent a possibility in the statement ("will campaign"), and the
# fewer that keep a condition one ("could be decided"; not the consequent's own "will").
_MODALS = frozenset("could would may might will shall should can must".split())
_HEDGING_MODALS = frozenset("could would may might".split())
# Words that keep a future one in the statement ("is due to", "next week").
_FUTURE = frozenset("expected scheduled due set next upcoming tomorrow later soon".split())
# Words that keep a claim a report in the statement ("the rebels said"), beside the
# claim words themselves.
_REPORTING = frozenset(
    "said says say saying told tells according reported reports claimed claims alleged "
    "alleges accused accuses allegedly reportedly purportedly".split()
)


@dataclass(frozen=True)
class _Clause:
    free: frozenset[str]
    """Stems of the clause no frame governs."""
    framed: dict[str, frozenset[str]]
    """Stems each kind of frame governs."""


def frame_dropped(
    claim: Claim, texts: Sequence[str], language: str | None, *, reported: bool = False
) -> str | None:
    """The frame the evidence holds the statement under and the statement drops, as a
    reason; None when the statement is said as a fact, or keeps its frame. A
    ``reported`` statement (a position, an allegation: shown with who holds it) keeps
    its claim and its plan by being shown so."""
    stems = claim.stems
    if not stems or not _frame_words(language):
        return None
    read = [c for text in texts for c in _clauses(text, language)]
    if not any(c.framed for c in read):
        return None
    free = frozenset().union(*(c.free for c in read))
    for kind in KINDS:
        if reported and kind in _HOLDERS_KEEP:
            continue
        under = frozenset().union(*(c.framed.get(kind, frozenset()) for c in read))
        if kind == "nearly":  # one verb: the statement says it happened, or not
            if stems & (under - free) and not _keeps(claim, kind, language):
                return _REASONS[kind]
            continue
        if (
            _share(stems, free) < _COVERED
            and _share(stems, under - free) >= _UNDER
            and _share(stems, free | under) >= _COVERED
            and not _keeps(claim, kind, language)
        ):
            return _REASONS[kind]
    return None


def failed_words(texts: Sequence[str], language: str | None) -> frozenset[str]:
    """Stems the evidence says failed or were refused ("failed to reach"): a statement
    that negates them says what it says."""
    read = [c for text in texts for c in _clauses(text, language)]
    return frozenset().union(
        *(c.framed.get(kind, frozenset()) for c in read for kind in ("failure", "nearly"))
    )


_REASONS = {
    "condition": "it drops the condition it is under in the evidence ('if ...')",
    "claim": "it states as fact what is only a claim, an accusation or a fear in the evidence",
    "intent": "it states as done what is only a plan, a threat or a demand in the evidence",
    "failure": "it says happened what failed or was refused in the evidence",
    "future": "it tells as done what is still to come in the evidence ('will')",
    "nearly": "it says happened what nearly happened in the evidence ('nearly', 'almost')",
}


def _share(stems: frozenset[str], found: frozenset[str]) -> float:
    return len(stems & found) / len(stems)


def _keeps(claim: Claim, kind: str, language: str | None) -> bool:
    """Whether the statement keeps a frame of ``kind``: a word of that kind, or (for a
    claim) a word that reports it, or (for a failure or a "nearly") a negation."""
    tokens = set(claim.tokens)
    if any(_frame_words(language).get(t, _NONE).kind == kind for t in tokens):
        return True
    if kind == "condition":
        own = claim_words(language)
        maybe = own.maybe if own is not None else frozenset()
        return not tokens.isdisjoint(_HEDGING_MODALS | maybe)
    if kind == "intent":
        return not tokens.isdisjoint(_MODALS)
    if kind == "future":  # "is produced" for "will be produced" is read as said
        return (
            not tokens.isdisjoint(_MODALS | _FUTURE)
            or any(ENGLISH.get(t, _NONE).kind == "intent" for t in tokens)
            or not _told_as_past(claim.tokens)
        )
    if kind == "claim":
        return not tokens.isdisjoint(_REPORTING)
    if kind in ("failure", "nearly"):
        return bool(claim.negations)
    return False


def _told_as_past(tokens: tuple[str, ...]) -> bool:
    """Whether the statement tells of the past: a past auxiliary, a past form of a
    common irregular verb, or an "-ed" form not just after "be", "is", "are" (a passive:
    "is also produced")."""
    if not _PAST.isdisjoint(tokens):
        return True
    return any(
        t.endswith("ed")
        and len(t) > 4
        and t not in _NOT_PAST
        and _PASSIVE.isdisjoint(tokens[max(0, i - 2) : i])
        for i, t in enumerate(tokens)
    )


_PAST = frozenset(
    "was were had did met went held sent left began took gave won lost fought struck fled "
    "came became brought built chose drew drove fell found flew got grew hit kept knew led "
    "made paid put ran rose saw sold shot spoke spent stood swore taught threw wrote".split()
)
_PASSIVE = frozenset("be been being is are am".split())
# Words ending in "-ed" that tell no past ("two hundred", "the United Nations").
_NOT_PAST = frozenset(
    "hundred united indeed speed need proceed exceed succeed feed seed breed".split()
)
_NONE = FrameWord("")


@lru_cache(maxsize=64)
def _frame_words(language: str | None) -> dict[str, FrameWord]:
    """The frame words of ``language``: English's all; another language's conditions and
    its words for "nearly" (its lexicon's), the frames whose word comes before what it
    frames in every language read; none for a language without them."""
    if language in (None, "en"):
        return ENGLISH
    own = claim_words(language)
    if own is None:
        return {}
    return {
        **{w: FrameWord("condition") for w in own.conditions},
        **{w: FrameWord("nearly") for w in own.nearly},
    }


@lru_cache(maxsize=64)
def _numbers(language: str | None) -> frozenset[str]:
    """The number words of English and ``language`` ("nearly 300", "почти триста")."""
    return _NUMBER_WORDS | frozenset(words_for(language).numbers)


# What a position or an allegation keeps by naming who holds it.
_HOLDERS_KEEP = frozenset({"claim", "intent"})


@lru_cache(maxsize=4096)
def _clauses(text: str, language: str | None) -> tuple[_Clause, ...]:
    # A cited "sentence" may hold several a splitter missed: each read on its own.
    return tuple(
        _clause(part, language) for sentence in _STOPS.split(text) for part in clauses(sentence)
    )


def _clause(text: str, language: str | None) -> _Clause:
    """The clause's stems, free or framed. A frame governs the rest of its stretch between
    commas; a condition its whole stretch, and the stretch it conditions: the next one
    when it opens the clause ("If A, B"), the one before when it opens a later one ("B,
    if A")."""
    parts = [read_claim(part, language) for part in _COMMA.split(text) if part.strip()]
    frames = _frame_words(language)
    framed: dict[str, set[tuple[int, int]]] = {}
    for n, part in enumerate(parts):
        tokens = part.tokens
        for at, token in enumerate(tokens):
            word = frames.get(token)
            if word is None or not _applies(word, tokens, at, language):
                continue
            if word.kind == "condition" and not any(i > at for i, _ in part.content):
                continue  # a condition has words of its own: "Sí, dijo" is "yes"
            governed = {(n, i) for i in range(at + 1, _clause_end(tokens, at, word))}
            if word.kind == "nearly":  # the verb it says nearly happened, and no more
                governed = {(n, i) for i, _ in part.content if i > at}
                governed = {min(governed)} if governed else set()
            elif word.kind == "condition" and at == 0:
                other = n + 1 if n == 0 else n - 1
                if 0 <= other < len(parts):
                    governed |= {(other, i) for i in range(len(parts[other].tokens))}
            elif word.kind == "condition":  # "B if A": B is the few words before it
                before = [i for i, _ in part.content if i < at][-_CONSEQUENT:]
                governed |= {(n, i) for i in before}
            framed.setdefault(word.kind, set()).update(governed)
    content = {(n, i): stem for n, part in enumerate(parts) for i, stem in part.content}
    inside = set().union(*framed.values()) if framed else set()
    return _Clause(
        free=frozenset(s for at, s in content.items() if at not in inside),
        framed={
            kind: frozenset(content[at] for at in places if at in content)
            for kind, places in framed.items()
        },
    )


def _clause_end(tokens: tuple[str, ...], at: int, word: FrameWord) -> int:
    """Where what the frame word at ``at`` governs ends: its stretch's end, or a "that"
    opening what its verb says ("plans to tell Tillerson that it is not ready": the
    plan is to tell; what is told is a report), unless "that" is its own particle."""
    if word.kind == "condition":
        return len(tokens)
    start = at + 2 if "that" in tokens[at + 1 : at + 2] else at + 1
    return next((i for i in range(start, len(tokens)) if tokens[i] == "that"), len(tokens))


def _applies(word: FrameWord, tokens: tuple[str, ...], at: int, language: str | None) -> bool:
    """Whether the frame word at ``at`` frames: its particle follows ("plans to", not
    "plan in a bid to"; "accused the army of"), and "if" is no comparison or concession
    ("as if", "even if"); outside English a condition word opens its stretch between
    commas."""
    # Outside English only where it opens its stretch: "même si", "auch wenn" are
    # concessions, and French "si" is also "so" ("si faible que").
    if (
        word.kind == "condition"
        and at > 0
        and (language not in (None, "en") or tokens[at - 1] in _NOT_CONDITION)
    ):
        return False
    if word.kind == "nearly":  # "nearly collapsed", not "nearly 300": a bound, read as one
        after = tokens[at + 1 : at + 2]
        return bool(after) and not (after[0][:1].isdigit() or after[0] in _numbers(language))
    if not word.then:
        return True
    reach = _OF_REACH if word.then == {"of"} else 1
    if not word.then.isdisjoint(tokens[at + 1 : at + 1 + reach]):
        return True
    after = tokens[at + 1 : at + 1 + _CLAUSE_REACH]
    return "<clause>" in word.then and not _AUXILIARIES.isdisjoint(after)
