"""Where a speaker's phrase ends and starts around a said-clause's verb: past the
modifiers before the verb, past whom a "told" or "asked" names after it, and never at the
region of a place ("from Monsey, New York, said")."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.text.given_names import given_name_gender
from briefgen.text.speakers._phrases import is_time
from briefgen.text.speakers._tokens import Token, Words

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
