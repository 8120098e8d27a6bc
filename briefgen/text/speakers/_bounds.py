"""Where a speaker's phrase ends and starts around a said-clause's verb: past the
modifiers before the verb, past whom a "told" or "asked" names after it, and never at the
region of a place ("from Monsey, New York, said"); and what a said-clause's verb hangs
on or reports ("…,” before adding", "said Reid quieted them, telling")."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.text.given_names import given_name_gender
from briefgen.text.speakers._phrases import Phrase, before, is_time
from briefgen.text.speakers._tokens import Token, Words

# Words that start a clause: a speaker read before its verb may follow one ("and Trump
# said"), but never a preposition ("the letter to Trump said").
CLAUSE_BOUNDARY = frozenset(
    "and but or so then because while when whereas after before since though although if "
    "as where yet".split()
)
# Words that hang a participle on the clause before a quotation: "“…,” before adding".
_PARTICIPLE_OPENERS = frozenset({"before", "after", "while"})
# Words that open a relative clause, whose own subject a participle after it may share.
_RELATIVE_OPENERS = frozenset({"where", "who", "whom", "whose", "which"})
# Words a listener may take after "told" or "asked" ("Britain's ITV television station").
_LISTENER_WORDS = 4


def skip_modifiers(pre: Sequence[Token], i: int, words: Words) -> int:
    """Where a speaker ends before ``pre[i]``: past adverbs, auxiliaries, a time phrase
    ("on Tuesday") and a parenthesis ("(R-Ohio)")."""
    while i:
        token = pre[i - 1]
        if token.text == ")":
            opening = next((n for n in range(i - 2, -1, -1) if pre[n].text == "("), None)
            if opening is None:
                return i
            i = opening
        elif words.modifier(token):
            i -= 1
        elif is_time(pre, i - 1, words):
            i -= 1
            if i and pre[i - 1].bare in words.lexicon.time_prepositions:
                i -= 1
        else:
            return i
    return i


def after_listener(region: Sequence[Token], start: int, words: Words) -> list[Token]:
    """What follows the listener a verb like "told" names at ``region[start]`` (a
    determiner, then a few words of no clause of their own), marks left out."""
    n = start + 1 if start < len(region) and words.determiner(region[start]) else start
    end = n
    while (
        end < len(region)
        and end - n < _LISTENER_WORDS
        and region[end].is_word
        and not words.function_word(region[end])
        and region[end].bare not in words.lexicon.phrase_prepositions
        and not words.speech_verb(region[end])
        and not words.time_word(region[end])
    ):
        end += 1
    if end == n:
        return [t for t in region[start:] if t.kind != "mark"]
    return [t for t in region[end:] if t.kind != "mark"]


def region_start(pre: Sequence[Token], end: int, length: int, words: Words) -> int | None:
    """Where ``pre[end - length : end]`` follows a place as its region ("from Monsey, *New
    York*", "of Washington, *D.C.*", "in Aurora, *Colorado*"): the index just after the
    place's comma; None when it does not."""
    start = end - length
    if start < 3 or pre[start - 1].text != ",":
        return None
    if any(t.text in "()" or words.honorific(t) for t in pre[start:end]):
        return None  # "in Iowa, Sen. Ted Cruz (R-Texas), said": a person
    if length > 1 and given_name_gender(pre[start].text) is not None:
        return None  # "Speaking in Iowa, Ted Cruz, a senator, said": a given name
    k = start - 2
    while k >= 0 and pre[k].is_word and pre[k].capitalised:
        k -= 1
    place = k < start - 2 and k >= 0 and pre[k].bare in words.lexicon.phrase_prepositions
    return start if place else None


def opening_clause_end(region: Sequence[Token], subordinators: frozenset[str]) -> int:
    """Where a subordinate clause the region opens with ends (its comma), else -1: in
    "As the crowd began to chant, Lee joked", "chant" is not Lee's."""
    if not region or region[0].bare not in subordinators:
        return -1
    return next((n for n, t in enumerate(region) if t.text == ","), -1)


def may_open_subject(token: Token, words: Words) -> bool:
    """A word a clause's subject may open with: a determiner, "he" or "she", a name or a
    title."""
    if words.determiner(token) or words.pronoun_kind(token) == "person":
        return True
    return token.capitalised and (words.name_word(token) or words.honorific(token))


def verb_like(token: Token, words: Words) -> bool:
    """A lower-case word that a subject does not hold: the verb after it."""
    if token.capitalised:
        return False
    if token.bare.endswith("n't"):  # "didn't", "won't": a verb, negated
        return True
    if not token.text.isalpha() or words.determiner(token):
        return False
    if words.possessive(token):
        return False
    return not (words.role_noun(token) or words.body_noun(token)) or words.speech_verb(token)


def owned_role(pre: Sequence[Token], end: int, words: Words, *, whole: bool) -> bool:
    """Whether ``pre`` ends at ``end`` in a role after a possessive determiner ("his
    wife", "her spokesman"): no speaker alone, since it leaves open whose."""
    _, start = before(pre, end, words)
    owned = pre[start:end]
    if len(owned) < 2 or owned[0].bare not in words.lexicon.possessive_determiners:
        return False
    if not words.role_noun(owned[-1]):
        return False
    return start == 0 or (not whole and pre[start - 1].bare in CLAUSE_BOUNDARY)


def reports_subject(region: Sequence[Token], verb: int, end: int, words: Words) -> bool:
    """Whether what follows ``region[verb]`` before ``end`` has a subject of its own: a
    name and its verb ("said (that) Reid quieted the chatter"), or a relative clause
    ("spoke down the street, where protesters had gathered")."""
    if any(t.bare in _RELATIVE_OPENERS for t in region[verb + 1 : end]):
        return True
    k = verb + 1 + (verb + 1 < end and region[verb + 1].bare == "that")
    j = k
    while j < end and (words.name_word(region[j]) or words.honorific(region[j])):
        j += 1
    return k < j < end and verb_like(region[j], words)


def participle_after(region: Sequence[Token], words: Words) -> bool:
    """ "before (optimistically) predicting", "promising the club will ...": a participle
    hung on the clause before the quotation, whose subject it shares; not a said-clause
    of its own."""
    if region[0].bare.endswith("ing") and words.speech_verb(region[0]) and len(region) > 2:
        return True
    if region[0].bare not in _PARTICIPLE_OPENERS:
        return False
    rest = [t for t in region[1:3] if t.is_word and not words.modifier(t)]
    return bool(rest) and rest[0].bare.endswith("ing")


def relative_after(region: Sequence[Token], subject: Phrase | None, end: int, words: Words) -> bool:
    """Whether a relative clause opens after ``subject`` and its verb, before ``end``: a
    participle after it ("…, where protesters had gathered, chanting") may be its own."""
    if subject is None:
        return False
    later = [t for t in region[:end] if t.start > subject.tokens[-1].end]
    verb = next((n for n, t in enumerate(later) if verb_like(t, words)), len(later))
    return any(t.bare in _RELATIVE_OPENERS for t in later[verb + 1 :])
