"""The said-clause of one quotation, inside its own sentence.

Read in this order: right after the quotation ("…,” X said; "…,” said X; "…,” according
to X), then right before it ("X said: “…”"; "X told reporters that “…”"; "According to X,
“…”"; "X, the minister, added, “…”"), then an introducing clause that ends in a colon
("X summed up the mood: “…”"). A clause that is found but names no one plainly is an
answer too: "unsure", and nothing else is tried.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.text.speakers._bounds import (
    CLAUSE_BOUNDARY,
    after_listener,
    may_open_subject,
    opening_clause_end,
    owned_role,
    participle_after,
    region_start,
    relative_after,
    reports_subject,
    skip_modifiers,
    verb_like,
)
from briefgen.text.speakers._phrases import Phrase, after, before
from briefgen.text.speakers._tokens import Token, Words

_LEADING_MARKS = frozenset({",", "—", "–", "-", "--", ";", "”", "’", '"', "'"})
_TRAILING_MARKS = frozenset({",", ":", "—", "–", "-", "--"})
_MAX_TAIL = 12
_MAX_TO_VERB = 20
_MAX_SUBJECT = 10
# The longest apposition or relative clause set off after a name between two halves.
_MAX_SET_OFF = 20
_MAX_ASIDE = 6  # the words of a parenthesis after a name: "(D-N.Y.)", "(R-Ohio)"
_RELATIVE = frozenset({"who", "which", "that"})
_RELATIVE_PERSON = frozenset({"who", "whose", "whom"})
_SUBORDINATORS = frozenset({"when", "if", "once", "unless", "after", "before", "as", "while"})
_OPENING_CONJUNCTIONS = frozenset({"and", "but", "so", "then", "yet"})
_SUBJECT_PRONOUNS = frozenset({"person", "group", "speaker", "thing"})


@dataclass(frozen=True)
class Clause:
    """What a said-clause gives: a speaker phrase, or None when it names no one plainly."""

    phrase: Phrase | None
    how: str


class Clauses:
    """Said-clauses, read with one language's words."""

    def __init__(self, words: Words) -> None:
        self.words = words

    def around(self, tokens: Sequence[Token], q: int) -> Clause | None:
        """The said-clause of the quotation ``tokens[q]``: after it, else before it."""
        end = _next_quote(tokens, q + 1, len(tokens))
        found = self.after_quote(tokens[q + 1 : end])
        if found is not None:
            return found
        start = _previous_quote(tokens, q)
        if start and self._bare_verb(tokens[start:q]):
            found = self.around(tokens, start - 1)  # "“…,” she said, adding, “…”"
            [verb] = [t for t in tokens[start:q] if t.kind != "mark"]
            if found is not None or not verb.bare.endswith("ing"):
                return found
            # "X called it “a breach,” adding: “…”": it hangs on the fragment's clause.
            opening = tokens[_previous_quote(tokens, start - 1) : start - 1]
            return Clause(self.opening_subject(opening), "said-clause") if opening else None
        return self.before_quote(tokens[start:q])

    def after_quote(self, region: Sequence[Token]) -> Clause | None:
        """After the quotation: "…,” X said", "…,” said X", "…,” according to X"."""
        i = 0
        while i < len(region) and region[i].text in _LEADING_MARKS:
            i += 1
        region = region[i:]
        if not region or participle_after(region, self.words):
            return None  # "Lee cautioned “…,” before optimistically predicting that ..."
        words = self.words
        opening = self.according_length(region, 0)
        if opening:
            return Clause(after(region, opening, words)[0], "according-to")
        if self._bare_verb(region):
            return None  # "“…,” adding, “…”": the next quotation goes on with this one
        first = 0
        while first < len(region) - 1 and words.modifier(region[first]):
            first += 1  # "“…,” later added the aide"
        if words.speech_verb(region[first]):
            if region[first].bare in words.lexicon.listener_verbs:
                return Clause(None, "a verb of speech with no speaker before it")
            return Clause(after(region, first + 1, words)[0], "said-clause")
        verb = self._verb(region, _MAX_TO_VERB)
        if verb is None:
            return None
        found = self.subject(region[:verb], whole=True) or self._closing(region, verb)
        return Clause(found, "said-clause")

    def _closing(self, region: Sequence[Token], verb: int) -> Phrase | None:
        """A said-clause that closes the sentence the quotation opens, after a comma:
        "“…” that he can win, said X." / "“…” that is sexist, X said."."""
        if region[verb - 1].text == "," and verb + 1 < len(region) and region[verb + 1].is_word:
            if region[verb].bare in self.words.lexicon.listener_verbs:
                return None  # ", told POLITICO": who follows "told" listens
            return after(region, verb + 1, self.words)[0]
        found, start = before(region, skip_modifiers(region, verb, self.words), self.words)
        if found is None or start == 0 or region[start - 1].text != ",":
            return None
        return found if self._tail(region[verb + 1 :]) else None

    def closes(self, region: Sequence[Token]) -> bool:
        """Whether ``region`` is a said-clause and nothing more: its verb of speech is
        followed by the end, a mark, a preposition or a time ("Trump asked.", "said
        Lee of the plan"), not by a clause of its own ("Trump said the polls ...")."""
        verb = self._verb(region, _MAX_TO_VERB)
        if verb is None:
            return False
        rest = [t for t in region[verb + 1 :] if t.kind != "mark"]
        if not rest:
            return True
        # "X tweeted, quoting the memo", "X declared, a point he likes to make": after
        # its comma, what follows says how or why it was said, not what; but in "Ohio,
        # he said, was ..." the said-clause is an aside in a clause of its own.
        if region[verb + 1].text == "," and (
            rest[0].bare.endswith("ing") or all(t.text != "," for t in region[:verb])
        ):
            return True
        if verb == 0 or (region[0].kind == "mark" and verb == 1):
            return True  # "said X ...": after() has read where X ends
        following = rest[0]
        lexicon = self.words.lexicon
        if (
            region[verb].bare in lexicon.listener_verbs
            or region[verb].bare in lexicon.question_verbs
        ):
            # "Obama asked Republican politicians.", "X told Britain's ITV in an
            # interview": whom it was said to, then nothing of its own.
            rest = after_listener(region, verb + 1, self.words)
            if not rest:
                return True
            following = rest[0]
        return following.bare in lexicon.phrase_prepositions or self.words.time_word(following)

    def _bare_verb(self, region: Sequence[Token]) -> bool:
        """Just a verb of speech between marks: ", adding," "—saying"."""
        found = [t for t in region if t.kind != "mark"]
        return len(found) == 1 and self.words.speech_verb(found[0])

    def before_quote(self, region: Sequence[Token]) -> Clause | None:
        """Before the quotation: "X said: “…”", "According to X, “…”", "X put it: “…”"."""
        colon = bool(region) and region[-1].text == ":"
        end = len(region)
        while end and (region[end - 1].text in _TRAILING_MARKS or region[end - 1].bare == "that"):
            end -= 1
        region = region[:end]
        if not region:
            return None
        for i in range(len(region)):
            opening = self.according_length(region, i)
            if opening:
                found, stop = after(region, i + opening, self.words)
                if stop == len(region):
                    return Clause(found, "according-to")
        verb = self._last_verb(region)
        if verb is None and self._opening_verb(region[0]):
            verb = 0  # "Said Comey, “…”": the sentence opens with its verb of speech
        if verb is not None and all(t.kind == "mark" for t in region[:verb]):
            # Between two halves: "“…,” said Sen. Ann Lee, “…”", or "said X, an
            # economist who ..., “…”" (what is set off after the name says who X is).
            found, stop = after(region, verb + 1, self.words)
            if stop < len(region) and not self._set_off(region[stop:]):
                found = None
            return Clause(found, "said-clause")
        if verb is not None:
            if not self._tail(region[verb + 1 :]):
                return Clause(None, "the verb of speech before it is not the quotation's")
            return Clause(self.subject_of(region, verb), "said-clause")
        if colon:
            return Clause(self._labelled(region) or self.opening_subject(region), "introduction")
        return None

    def _set_off(self, rest: Sequence[Token]) -> bool:
        """Whether ``rest`` is an apposition or a relative clause after a comma, with no
        verb of speech of its own: ", an economist who directs the forecast"."""
        if len(rest) < 2 or rest[0].text != "," or len(rest) > _MAX_SET_OFF:
            return False
        return not any(t.kind == "quote" or self.is_verb(rest, n) for n, t in enumerate(rest))

    def _opening_verb(self, token: Token) -> bool:
        """A verb of speech in the past that opens its sentence ("Said Comey, “…”"),
        and that the article capitalises nowhere else (not "Edward Said")."""
        word = token.bare
        past = word.endswith(("ed", "aid", "ote")) and word in self.words.lexicon.speech_verbs
        return past and token.capitalised and self.words.lone_opening(token)

    def subject_of(self, region: Sequence[Token], verb: int) -> Phrase | None:
        """Who does ``region[verb]``: the phrase before it; for "..., adding", "... but
        added" or "X, who told ...", the speaker of the clause it hangs on."""
        carried = self._carried(region, verb)
        if carried is not None:
            return self.subject_of(region, carried)  # "X went on to say"
        before_verb = skip_modifiers(region, verb, self.words)
        left = region[before_verb - 1].bare if before_verb else ""
        if verb and region[verb - 1].bare in CLAUSE_BOUNDARY:
            before_verb, left = verb, region[verb - 1].bare  # "said before adding"
        # "..., adding", "by saying", "upon saying": a participle hung on a clause.
        hangs = region[verb].bare.endswith("ing") and (
            left == "," or left in self.words.lexicon.phrase_prepositions
        )
        if hangs or left in CLAUSE_BOUNDARY:
            inner = self._last_verb(region[: before_verb - 1])
            if inner is not None and inner > opening_clause_end(region, _SUBORDINATORS):
                if hangs and reports_subject(region, inner, before_verb - 1, self.words):
                    return None  # "X said Reid quieted them, telling ...": whose telling?
                return self.subject_of(region, inner)  # "X said ... but added"
            found = self.opening_subject(region[: before_verb - 1])  # "X paused and said"
            if hangs and relative_after(region, found, before_verb, self.words):
                return None  # "X spoke there, where protesters gathered, chanting": theirs?
            if found is None and left == "then":  # "Williams then said"
                return self.subject(region[: before_verb - 1], whole=True)
            return found
        if left in _RELATIVE and before_verb > 1 and region[before_verb - 2].text == ",":
            return self.subject(region[: before_verb - 2], whole=False)  # "X, who told ..."
        end = verb
        if region[verb].bare.endswith("ing"):  # "X was saying", "X has been telling"
            while end and region[end - 1].bare in self.words.lexicon.progressive_auxiliaries:
                end -= 1
        return self.subject(region[:end], whole=False)

    def _carried(self, region: Sequence[Token], verb: int) -> int | None:
        """The verb that carries a speaker on to ``region[verb]``: "went (on) to say"."""
        k = verb - 1
        if k < 1 or region[k].bare != "to":
            return None
        k -= 1 if region[k - 1].bare == "on" else 0
        carrying = region[k - 1] if k >= 1 else None
        if carrying is None or carrying.bare not in self.words.lexicon.continuing_verbs:
            return None
        return k - 1

    def subject(self, pre: Sequence[Token], *, whole: bool) -> Phrase | None:
        """The speaker just before a verb of speech: modifiers ("also", "on Tuesday"), a
        parenthesis or an apposition (", the minister,") between them are skipped.
        ``whole``: the speaker must be all of ``pre``."""
        words = self.words
        i = skip_modifiers(pre, len(pre), words)
        if not (i and pre[i - 1].text == ","):
            return self._subject_at(pre, i, whole=whole)
        # "X, who managed the campaign of Y, said": a relative clause is set off, and the
        # name that ends it is no speaker.
        opened = next((n for n in range(i - 2, 0, -1) if pre[n].text == ","), None)
        if opened is not None and pre[opened + 1].bare in _RELATIVE_PERSON:
            found = self._subject_at(pre, opened, whole=whole)
            if found is not None:
                return found
        # "Gov. John Kasich (R-Ohio), said": a name right before the comma is the speaker;
        # else an apposition ("X, the minister, said") opens at one of the commas before.
        end = skip_modifiers(pre, i - 1, words)
        direct = self._subject_at(pre, end, whole=whole)
        if direct is not None and direct.kind == "name":
            return self._unless_region(pre, end, direct, whole=whole)
        for opening in range(i - 2, 0, -1):
            if pre[opening].text != ",":
                continue
            # A clause of speech set off ("X, who said Y, said") ends the search; a
            # participle that opens the set-off phrase (", noting the polls,") does not.
            spoken = pre[opening + 1 : i]
            if spoken and spoken[0].bare.endswith("ing"):
                spoken = spoken[1:]
            if any(words.speech_verb(t) for t in spoken):
                break
            # "Sen. Durbin (D-Ill.), noting ..., said": the parenthesis is the name's.
            end = skip_modifiers(pre, opening, words)
            found = self._subject_at(pre, end, whole=whole)
            if (found is not None and found.kind == "role") or (
                found is None and owned_role(pre, end, self.words, whole=whole)
            ):
                # "the governor's deputy chief of staff, Ann Lee, told", "his wife,
                # Ann Lee, wrote": the name set off after the role is who it is.
                named, named_start = before(pre, skip_modifiers(pre, i - 1, words), words)
                if named is not None and named.kind == "name" and named_start == opening + 1:
                    return named
            if found is not None:
                return self._unless_region(pre, end, found, whole=whole)
        return direct

    def _unless_region(
        self, pre: Sequence[Token], end: int, found: Phrase, *, whole: bool
    ) -> Phrase | None:
        """``found`` (ending at ``pre[end]``), unless it is the region of a place: "X, a
        philanthropist from Monsey, New York, said" is read as if it ended at the place."""
        region = region_start(pre, end, len(found.tokens), self.words)
        return found if region is None else self.subject(pre[:region], whole=whole)

    def _subject_at(self, pre: Sequence[Token], i: int, *, whole: bool) -> Phrase | None:
        found, start = before(pre, i, self.words)
        if found is None or start == 0:
            return found
        if whole:
            return None
        left = pre[start - 1]
        if left.bare == "that":  # not "adding that Bob Smith had warned her": reported
            return None if any(self.words.speech_verb(t) for t in pre[: start - 1]) else found
        return found if not left.is_word or left.bare in CLAUSE_BOUNDARY else None

    def _labelled(self, region: Sequence[Token]) -> Phrase | None:
        """A name set off right before the colon: "Pollsters agree - Ann Lee: “…”", or
        that is all before it: "Clinton: “…”" (a transcript's or a headline's label)."""
        # "Rep. Trey Gowdy (R-S.C.): “…”": the parenthesis is the name's.
        found, start = before(region, skip_modifiers(region, len(region), self.words), self.words)
        if found is None or found.kind != "name":
            return None
        return found if start == 0 or region[start - 1].text in _LEADING_MARKS else None

    def opening_subject(self, region: Sequence[Token]) -> Phrase | None:
        """The subject a clause opens with ("Trump *took* aim:"), after an opening
        phrase and its comma ("On Tuesday, Trump ..."), an apposition skipped."""
        words = self.words
        start = 0
        # "And then Trump went on the attack, saying": a conjunction and a modifier that
        # open the clause stand before its subject.
        while start < len(region) - 1 and (
            region[start].bare in _OPENING_CONJUNCTIONS or (start and words.modifier(region[start]))
        ):
            start += 1
        if region and not may_open_subject(region[start], words):
            commas = [n for n, t in enumerate(region) if t.text == ","]
            if not commas:
                return None
            start = commas[0] + 1
        j = start + 1
        limit = start + _MAX_SUBJECT
        while j < min(len(region), limit):
            token = region[j]
            if token.text == ",":  # an apposition runs to the next comma
                closing = next(
                    (n for n in range(j + 1, len(region)) if region[n].text == ","), None
                )
                if closing is None:
                    return None
                limit += closing + 1 - j  # the subject's own words are what is counted
                j = closing + 1
                continue
            if token.text == "(":  # "Rep. Hakeem Jeffries (D-N.Y.) reacted": the name's
                closing = next(
                    (
                        n
                        for n in range(j + 1, min(len(region), j + _MAX_ASIDE + 2))
                        if region[n].text == ")"
                    ),
                    None,
                )
                if closing is None:
                    return None
                j = closing + 1
                continue
            if not token.is_word:
                return None
            if verb_like(token, words):
                return self.subject(region[start:j], whole=True)
            j += 1
        return None

    def according_length(self, region: Sequence[Token], i: int) -> int:
        """The length of an according-to phrase at ``region[i]``, or 0."""
        for opening in self.words.lexicon.according_to:
            got = tuple(t.bare for t in region[i : i + len(opening)])
            if got == opening:
                return len(opening)
        return 0

    def _verb(self, region: Sequence[Token], reach: int) -> int | None:
        """The first verb of speech, not one inside a relative clause (", who said ...,")."""
        relative = False
        for n, token in enumerate(region[:reach]):
            if token.kind == "quote":
                return None
            if token.bare in _RELATIVE:
                relative = True
            elif token.text == ",":
                relative = False
            elif self.is_verb(region, n) and not relative:
                return n
        return None

    def _last_verb(self, region: Sequence[Token]) -> int | None:
        for n in range(len(region) - 1, -1, -1):
            if self.is_verb(region, n) and not self._passive(region, n):
                return n
        return None

    def is_verb(self, region: Sequence[Token], n: int) -> bool:
        """Whether ``region[n]`` is a verb of speech used as a verb: not the noun after a
        determiner or a preposition ("in a tweet", "secretary of state")."""
        if not self.words.speech_verb(region[n]):
            return False
        if n == 0:
            return True
        left = region[n - 1]
        lexicon = self.words.lexicon
        if self.words.determiner(left) or self.words.possessive(left):
            return False
        if left.bare in lexicon.possessive_determiners:
            return False  # "his remarks", "their claims"
        verb_next = n + 1 < len(region) and self.words.speech_verb(region[n + 1])
        if verb_next and self.words.document_noun(region[n]):
            return False  # "the congressional report said": the document speaks
        return left.bare == "to" or left.bare not in lexicon.phrase_prepositions

    def _passive(self, region: Sequence[Token], n: int) -> bool:
        """Whether ``region[n]`` is a participle after a subordinator ("when asked"): it
        says who was spoken to, not who speaks."""
        return n > 0 and region[n - 1].bare in _SUBORDINATORS and region[n].bare.endswith("ed")

    def _tail(self, tail: Sequence[Token]) -> bool:
        """What may stand between a verb of speech and its quotation: a listener, a
        place, a time ("told reporters in Ohio on Tuesday"), but no clause of its own."""
        if len(tail) > _MAX_TAIL:
            return False
        words = self.words
        for n, token in enumerate(tail):
            # A verb of speech is a clause of its own; the noun is not ("in an email").
            if token.kind == "quote" or self.is_verb(tail, n):
                return False
            if token.bare in words.lexicon.clause_openers:
                return False
            # "X put it this way:": "it" right after the verb is what was said.
            spoken_of = n == 0 and token.bare == "it"
            if words.pronoun_kind(token) in _SUBJECT_PRONOUNS and not spoken_of:
                return False
        return True


def _next_quote(tokens: Sequence[Token], start: int, end: int) -> int:
    for n in range(start, end):
        if tokens[n].kind == "quote":
            return n
    return end


def _previous_quote(tokens: Sequence[Token], q: int) -> int:
    for n in range(q - 1, -1, -1):
        if tokens[n].kind == "quote":
            return n + 1
    return 0
