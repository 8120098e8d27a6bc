"""Whom "he" or "she" stands for, in the sentences before it: the one person whose
gender fits; the speaker of the sentence before going on; or the person it opens with, as
the subject of its verb. Never the one the pronoun speaks to ("he told Rubio"), never a
place or a body, and nothing when in doubt.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from briefgen.text.speakers._people import Mention, People, Person
from briefgen.text.speakers._phrases import Phrase
from briefgen.text.speakers._tokens import Token, Words

# Words that open a clause put before its sentence's subject ("When he won, Lee said").
_FRONTED = frozenset("when after before as while since although though if because once".split())
# How far back a pronoun's person may be, in sentences; it looks across one paragraph
# break at most (news paragraphs are a sentence or two).
_PRONOUN_REACH = 3
# How many quotations in a row a "he" may go on from another "he" (each a sentence back).
_MAX_CHAIN = 12
_DATELINE_WORDS = 6
# Words that may come before the subject of a sentence that goes on: "And he ...".
_COORDINATORS = frozenset({"and", "but", "yet", "so"})
_SUBORDINATE_OPENERS = frozenset(
    "as when after while although though if because since before once until unless".split()
)


@dataclass(frozen=True)
class Reading:
    """The speaker the text gives a quotation, and how it was read."""

    speaker: str | None
    how: str
    kind: str | None = None
    """"name" when the speaker is named, "role" when described ("an official")."""
    sentence: int | None = None
    """The sentence that names the speaker, when a pronoun stands for them."""


def after_dateline(tokens: list[Token]) -> list[Token]:
    """The sentence without a dateline ("Islamabad:", "KYIV (Reuters) -") before it."""
    for n, token in enumerate(tokens[:_DATELINE_WORDS]):
        if token.text in (":", "-", "—", "–"):
            opening = tokens[:n]
            dateline = n and all(t.capitalised or t.text in "()" for t in opening)
            return tokens[n + 1 :] if dateline else tokens
        if not (token.capitalised or token.text in "()"):
            return tokens
    return tokens


def _names(name: tuple[str, ...], speaker: Phrase) -> bool:
    """Whether a speaker phrase ends in the surname of ``name``."""
    last = speaker.tokens[-1].text
    return bool(name) and last.removesuffix("’s").removesuffix("'s") == name[-1]


def _from(tokens: list[Token], offset: int) -> int:
    """The index of the first token that starts at or after ``offset`` (tokens are in
    order: a sentence of thousands of tokens is searched, not walked, for each name)."""
    return bisect.bisect_left(tokens, offset, key=lambda t: t.start)


class Antecedents:
    """Resolves "he" and "she" over one text's sentences, through the reader's own view
    of them: its people, each sentence's tokens, paragraph breaks and speakers."""

    def __init__(
        self,
        words: Words,
        people: Callable[[], People],
        tokens_of: Callable[[int], list[Token]],
        paragraph_break: Callable[[int, int], bool],
        sentence_speaker: Callable[[int], Phrase | None],
    ) -> None:
        self.words = words
        self._people = people
        self._tokens_of = tokens_of
        self._paragraph_break = paragraph_break
        self._sentence_speaker = sentence_speaker

    def resolve(
        self, pronoun: Phrase, sentence: int, quote: int | None = None, depth: int = 0
    ) -> Reading:
        """The one person "he" or "she" can stand for, in the nearest sentence that names
        anyone whose gender fits: its only person; its speaker (see ``_by_speaker``); the
        person it opens with as subject; or whom that sentence's own "he" stood for, when
        it is spoken by the same pronoun (``depth``: how many such steps back already). A
        sentence where the same pronoun comes before the names is that person going on:
        its names are not the antecedent. Any doubt leaves the quotation unattributed."""
        word = pronoun.tokens[0].text
        lexicon = self.words.lexicon
        bare = self.words.unclitic(pronoun.tokens[0])
        if lexicon.pronouns.get(bare) != "person":
            return Reading(None, f"'{word}' names no one in particular")
        gender = lexicon.pronoun_genders[bare]
        people = self._people()
        # "he told Rubio": whom the pronoun speaks to is never who it stands for.
        listeners = self._listeners(pronoun, sentence)
        excluded = {id(p) for p, m in people.in_sentence(sentence) if m.name in listeners}
        breaks = 0
        passed = False  # someone named on the way back, left out by their gender only
        for k in range(sentence, max(-1, sentence - 1 - _PRONOUN_REACH), -1):
            if k < sentence and self._paragraph_break(k, k + 1):
                breaks += 1
                if breaks > 1:
                    break
            limit = pronoun.start if quote is None else min(quote, pronoun.start)
            before = limit if k == sentence else None
            named = [
                (p, m)
                for p, m in people.in_sentence(k, before=before)
                if id(p) not in excluded and not self._attributive(k, m)
            ]
            fitting = {id(p): (p, m) for p, m in named if p.gender in (None, gender)}
            unknown = [m for m in people.maybe_people(k, before=before) if m.name not in listeners]
            names = bool(named or unknown)
            earlier = self._passed_on(word, bare, k, sentence, gender, depth=depth, names=names)
            if earlier is None and (fitting or unknown):
                same = self._same_before(k, sentence, gender, limit)
                first = min([m.start for _, m in fitting.values()] + [m.start for m in unknown])
                if same and same[0] < first and not self._cataphoric(k, same, first):
                    going_on = self._opening_pronoun(k, same[0]) if k < sentence else None
                    if going_on is None:
                        excluded.update(id(p) for p, _ in named)  # the same "he" going on
                        continue
                    # "He nodded to Cruz." ¶ "“…,” he said.": whom that "he" stands for.
                    earlier = self._stood_for(word, going_on, k, depth)
            if earlier is not None:
                return earlier
            speaker = self._sentence_speaker(k) if k < sentence else None
            if speaker is not None and speaker.kind == "role":
                # "The Republican incumbent said ...": the one described may be "she".
                return Reading(None, f"'{word}' could be {speaker.text}")
            if speaker is not None and speaker.kind == "name":
                reading = self._by_speaker(
                    word, speaker, k, fitting=fitting, unknown=unknown, gender=gender, passed=passed
                )
                if reading is not None:
                    return reading
            if len(fitting) == 1 and not unknown:
                [(_, mention)] = fitting.values()
                return self._resolved(word, mention.shown, k)
            # With no speaker of its own (", Stovall said" is who speaks of the subject).
            subject = (
                self._opening_subject(k, fitting, gender)
                if k < sentence and speaker is None
                else None
            )
            if subject is not None:
                return self._resolved(word, subject, k)
            if fitting or unknown:
                shown = ", ".join(
                    [m.shown for _, m in fitting.values()] + [m.shown for m in unknown]
                )
                return Reading(None, f"'{word}' could be any of {shown}")
            passed = passed or bool(named)
        return Reading(None, f"'{word}', and no one it can stand for is named before it")

    def _going_on(self, word: str, k: int, bare: str, depth: int) -> Reading | None:
        """When sentence ``k``'s speaker is the same "he" ("“…,” he said"), whom that one
        stands for, or no one: the same person goes on speaking. None when it is not."""
        speaker = self._sentence_speaker(k)
        if speaker is None or speaker.kind != "pronoun":
            return None
        if self.words.unclitic(speaker.tokens[0]) != bare:
            return None
        return self._stood_for(word, speaker, k, depth)

    def _stood_for(self, word: str, earlier: Phrase, k: int, depth: int) -> Reading:
        """``word`` read as whom the same pronoun ``earlier`` in sentence ``k`` stands for,
        or no one."""
        if depth >= _MAX_CHAIN:  # a transcript of "he said" after "he said": too far back
            return Reading(None, f"'{word}' goes on from a '{word}' too far back")
        found = self.resolve(earlier, k, depth=depth + 1)
        if found.speaker is None:
            return Reading(None, f"'{word}' goes on from a '{word}' read as no one")
        return self._resolved(word, found.speaker, found.sentence or k)

    def _passed_on(
        self, word: str, bare: str, k: int, sentence: int, gender: str, *, depth: int, names: bool
    ) -> Reading | None:
        """Whom the same pronoun in sentence ``k`` (before the pronoun's ``sentence``) stood
        for, when it is that sentence's speaker, or its opening subject and the sentence
        ``names`` no one; None when sentence ``k`` hands nothing on."""
        if k >= sentence:
            return None
        earlier = self._going_on(word, k, bare, depth)
        if earlier is None and not names:
            earlier = self._chained(word, k, gender, depth)
        return earlier

    def _same_before(self, k: int, sentence: int, gender: str, limit: int) -> list[int]:
        """Where a pronoun of ``gender`` stands in sentence ``k`` for someone named before
        it: a subject "he" in a sentence before, any "he", "his" or "him" before ``limit``
        in the pronoun's own ("Asked about her vote, should Clinton lose, she replied")."""
        if k < sentence:
            return self._subject_pronouns(k, gender)
        pronouns = self._people().pronouns.get(k, [])
        return [at for at, g, _ in pronouns if g == gender and at < limit]

    def _cataphoric(self, k: int, same: list[int], first: int) -> bool:
        """Whether sentence ``k`` opens with a clause that holds the pronouns and is set
        off by a comma right before the person it names first ("Noting he majored in
        philosophy, Allen said ..."): the pronoun looks ahead to its subject."""
        opening = self._first_word(k)
        if opening is None or not (opening.bare in _FRONTED or opening.bare.endswith("ing")):
            return False
        tokens = self._tokens_of(k)
        comma = next((n for n, t in enumerate(tokens) if t.text == ","), None)
        if comma is None or comma + 1 >= len(tokens) or tokens[comma + 1].start != first:
            return False
        return all(opening.start < at < tokens[comma].start for at in same if at < first)

    def _opening_pronoun(self, k: int, offset: int) -> Phrase | None:
        """The subject pronoun at ``offset`` when sentence ``k`` opens with it and has no
        speaker of its own: the person the sentence is about ("He nodded to Cruz."), not
        one inside a clause ("..., which he is expected to win, Jones said")."""
        opening = self._first_word(k)
        if opening is None or opening.start != offset or self._sentence_speaker(k) is not None:
            return None
        return Phrase((opening,), "pronoun")

    def _first_word(self, k: int) -> Token | None:
        """Sentence ``k``'s first word after any dateline and an opening "And" or "But"."""
        opening = [t for t in after_dateline(self._tokens_of(k)) if t.is_word][:2]
        if opening and opening[0].bare in _COORDINATORS:
            opening = opening[1:]  # "And he's predicted big wins."
        return opening[0] if opening else None

    def _chained(self, word: str, k: int, gender: str, depth: int) -> Reading | None:
        """When sentence ``k``, which names no one, opens with the same pronoun as its
        subject ("He's also supportive of the tests."), whom that one stands for (or no
        one); None when it does not open so."""
        opening = self._first_word(k)
        subjects = self._subject_pronouns(k, gender)
        if opening is None or not subjects or subjects[0] != opening.start:
            return None
        return self._stood_for(word, Phrase((opening,), "pronoun"), k, depth)

    def _by_speaker(
        self,
        word: str,
        speaker: Phrase,
        k: int,
        *,
        fitting: dict[int, tuple[Person, Mention]],
        unknown: list[Mention],
        gender: str,
        passed: bool,
    ) -> Reading | None:
        """ "He" as the speaker of sentence ``k`` going on: when the article says that
        speaker is a "he" (a "she"); or when no one else sentence ``k`` names is known to
        be, nor anyone named since (``passed``). None: read on."""
        said = [pair for pair in fitting.values() if _names(pair[1].name, speaker)]
        if len(said) == 1 and said[0][0].gender == gender:
            return self._resolved(word, said[0][1].shown, k)
        # A speaker the article's people do not hold is never read as someone else.
        unsure = None if said else Reading(None, f"'{word}' could be {speaker.text} or another")
        # Known by the article itself: a given name's usual gender rules no one in.
        if (
            passed
            or unknown
            or any(p.gender == gender and not p.gender_by_name for p, _ in fitting.values())
        ):
            return unsure
        if len(said) == 1:
            return self._resolved(word, said[0][1].shown, k)
        if not said and self._opens(k, speaker):
            return self._resolved(word, speaker.text, k)
        return unsure

    def _opens(self, k: int, phrase: Phrase) -> bool:
        """Whether ``phrase`` is where sentence ``k`` opens (after any dateline)."""
        tokens = after_dateline(self._tokens_of(k))
        return bool(tokens) and tokens[0].start == phrase.start

    def _opening_subject(
        self, k: int, fitting: dict[int, tuple[Person, Mention]], gender: str
    ) -> str | None:
        """The person sentence ``k`` opens with, as the subject of its verb ("Reid raised
        the example of Obama ..."), when the article says they are a "he" (a "she"): a
        pronoun in the next sentence goes on about the subject, not the others named."""
        tokens = after_dateline(self._tokens_of(k))
        first = next((t for t in tokens if t.is_word), None)
        if first is None or not fitting:
            return None
        # "Asked about Trump's remark, Christie blamed ...": after an opening phrase, the
        # subject is the name after its comma, and the names inside it are no subject.
        opening = self._opening_phrase_end(tokens, first, fitting)
        if opening is not None:
            first = next((t for t in tokens if t.is_word and t.start > opening), first)
        found = [pair for pair in fitting.values() if pair[1].start == first.start]
        if not found:
            return None
        person, mention = found[0]
        # Of unknown gender, only as the one person the sentence names; known only by a
        # given name's usual gender, only as the one who fits (the name rules others out,
        # never picks among them).
        if person.gender not in (None, gender):
            return None
        # The others only as owners ("Hollande denounced Trump's remarks"): no one the
        # next sentence goes on about in the subject's place.
        owners = all(
            self._owner(k, m) or (opening is not None and m.start < opening)
            for p, m in fitting.values()
            if p is not person
        )
        if len(fitting) > 1 and not owners and (person.gender is None or person.gender_by_name):
            return None
        # The name's words, then a verb of its own or an apposition ("Scott Reed, who ...").
        end = mention.start + len(mention.shown)
        at = _from(tokens, end)
        after = tokens[at : at + 2]
        if not after or self._owner(k, mention):
            return None  # "Trump's misinformation": the name is no subject
        if after[0].is_word and not after[0].capitalised:
            return mention.shown
        if after[0].text == "," and len(after) > 1:
            # "Scott Reed, who managed ...", not "Trump, Sexton said, has ...".
            return mention.shown if after[1].is_word and not after[1].capitalised else None
        return None

    def _opening_phrase_end(
        self, tokens: list[Token], first: Token, fitting: dict[int, tuple[Person, Mention]]
    ) -> int | None:
        """Where the phrase a sentence opens with ends (its comma), when it opens with a
        preposition, a subordinator or a participle ("In his assessment,", "Asked about
        ...,", "Following Sanders on MSNBC,"), not with a name; else None."""
        if any(m.start == first.start for _, m in fitting.values()):
            return None
        word = first.bare
        # A participle is never capitalised elsewhere ("Alfred" may be a name).
        participle = word.endswith(("ing", "ed")) and self.words.lone_opening(first)
        if not (
            participle
            or word in _SUBORDINATE_OPENERS
            or word in self.words.lexicon.phrase_prepositions
        ):
            return None
        return next((t.start for t in tokens if t.text == ","), None)

    def _owner(self, k: int, mention: Mention) -> bool:
        """Whether ``mention`` in sentence ``k`` is written as an owner ("Trump's")."""
        tokens = self._tokens_of(k)
        at = _from(tokens, mention.start + len(mention.shown))
        return any(self.words.possessive(t) for t in tokens[max(0, at - 1) : at + 1])

    def _attributive(self, k: int, mention: Mention) -> bool:
        """A name used as a modifier ("the Clinton phone bank", "a Trump rally"): no one
        a pronoun can stand for."""
        tokens = self._tokens_of(k)
        opening = _from(tokens, mention.start)
        following = _from(tokens, mention.start + len(mention.shown))
        return bool(
            opening
            and self.words.determiner(tokens[opening - 1])
            and following < len(tokens)
            and tokens[following].is_word
            and not tokens[following].capitalised
        )

    def _listeners(self, pronoun: Phrase, k: int) -> set[tuple[str, ...]]:
        """The names right after "told" (or "assured" ...) when that verb follows
        ``pronoun`` in sentence ``k``: "he told Rubio"."""
        tokens = self._tokens_of(k)
        verb = _from(tokens, pronoun.start + 1)
        if verb >= len(tokens) or tokens[verb].bare not in self.words.lexicon.listener_verbs:
            return set()
        rest = itertools.islice(tokens, verb + 1, None)
        stop = next((t.start for t in rest if not t.is_word), tokens[-1].end)
        return {
            m.name
            for m in [
                *(m for _, m in self._people().in_sentence(k)),
                *self._people().maybe_people(k),
            ]
            if tokens[verb].end <= m.start < stop
        }

    def _subject_pronouns(self, k: int, gender: str) -> list[int]:
        """Where sentence ``k`` has "he" (or "she") as a subject, outside an opening
        subordinate clause: in "As he has before, Cruz said" the "he" is Cruz."""
        tokens = self._tokens_of(k)
        opening_end = -1
        if tokens and tokens[0].bare in _SUBORDINATE_OPENERS:
            opening_end = next((t.start for t in tokens if t.text == ","), -1)
        return [
            at
            for at, g, subject in self._people().pronouns.get(k, [])
            if subject and g == gender and at > opening_end
        ]

    @staticmethod
    def _resolved(word: str, shown: str, sentence: int) -> Reading:
        return Reading(shown, f"pronoun '{word}' read as {shown}", "name", sentence)
