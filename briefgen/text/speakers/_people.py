"""The people an article names, and the one a "he" or "she" stands for, when it is plain.

A run of capitalised words is a person only on the article's own evidence: a title
before it ("Sen.", "Mr"), a role noun before it ("activist Bob Klaus"), an age or a role
after it (", 45," ", a Democrat from Ohio,"), a verb of speech beside it, or its last word
used again on its own (news names a person in full, then by surname). A name with a word
of a body or a place in it ("Justice Department", "Islamic State", "Clark County") is
never a person; neither is a name with no such evidence ("Las Vegas").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.text.given_names import given_name_gender
from briefgen.text.names import ALIAS_GROUPS
from briefgen.text.speakers._tokens import Token, Words

_APPOSITION_REACH = 6
# Countries and their capitals by every name news gives them ("Germany", "Kremlin").
_PLACES = frozenset(alias for group in ALIAS_GROUPS for alias in group)


@dataclass
class Mention:
    """One naming of someone in one sentence, outside quotation marks."""

    sentence: int
    start: int
    name: tuple[str, ...]
    """The name's own words, titles left out, possessive dropped."""
    shown: str
    """As the sentence writes it, titles kept ("Sen. Patty Murray")."""
    gender: str | None
    evidence: bool
    body: bool
    head: bool = False
    """Used on its own as a name: not after a determiner, and followed by a mark, a
    verb of speech or a function word ("Zimmerman said", "Trump, who", "Trump's")."""
    subject: bool = False
    """It opens its sentence and a lower-case word follows: the sentence's subject."""


@dataclass
class Person:
    """Someone the article names, with every spelling it uses."""

    full: tuple[str, ...]
    gender: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    gender_by_name: bool = False
    """Its gender is only its given name's usual one: it rules the person out for a
    pronoun of the other gender, never picks them among several who fit."""


class People:
    """The people of an article, from the tokens of each of its sentences."""

    def __init__(self, sentences: Sequence[Sequence[Token]], words: Words) -> None:
        self.words = words
        mentions = [m for k, tokens in enumerate(sentences) for m in self._mentions(k, tokens)]
        self.by_sentence: dict[int, list[Mention]] = {}
        self._people = _people(mentions)
        for person in self._people.values():
            for mention in person.mentions:
                self.by_sentence.setdefault(mention.sentence, []).append(mention)
        self._of: dict[int, Person] = {id(m): p for p in self._people.values() for m in p.mentions}
        # Names that may be people with no evidence either way ("Kevin Ames revealed",
        # "Tiegen was troubled"): a pronoun after them is not plain.
        self._unknown: dict[int, list[Mention]] = {}
        for mention in mentions:
            if id(mention) in self._of or mention.body:
                continue
            if len(mention.name) > 1 or mention.subject:
                self._unknown.setdefault(mention.sentence, []).append(mention)
        genders = words.lexicon.pronoun_genders
        # Each gendered pronoun outside quotation marks: where, which gender, whether
        # it is a subject ("he", "she") rather than "his", "her", "him".
        self.pronouns: dict[int, list[tuple[int, str, bool]]] = {
            k: [
                (t.start, genders[words.unclitic(t)], words.pronoun_kind(t) == "person")
                for t in tokens
                if t.is_word and words.unclitic(t) in genders
            ]
            for k, tokens in enumerate(sentences)
        }
        self._openings = {k: tokens[0].start for k, tokens in enumerate(sentences) if tokens}
        self._learn_genders(len(sentences))

    def _learn_genders(self, count: int) -> None:
        """A person's gender from the article's own pronouns: "he", "his" or "him" in
        a sentence that names only them, after the name, and in the next sentence when
        it names no one ("Ann Lee won. She said ..."); failing those, from their given
        name, when the dataset of names finds it plain."""
        votes: dict[int, dict[str, int]] = {}
        for k in range(count):
            named = self.in_sentence(k)
            people = {id(p): (p, m) for p, m in named}
            if len(people) != 1 or self._unknown.get(k):
                continue
            [(person, mention)] = people.values()
            # Subject pronouns only: "Trump praised her" says nothing of Trump.
            said = [
                g for at, g, subject in self.pronouns.get(k, []) if at > mention.start and subject
            ]
            if k + 1 < count and not self.by_sentence.get(k + 1):
                # "Ann Lee won. She said ...": only a pronoun opening the next sentence.
                opening = self._openings.get(k + 1)
                said += [
                    g
                    for at, g, subject in self.pronouns.get(k + 1, [])[:1]
                    if subject and at == opening
                ]
            tally = votes.setdefault(id(person), {})
            for gender in said:
                tally[gender] = tally.get(gender, 0) + 1
        for person in self._people.values():
            tally = votes.get(id(person), {})
            if person.gender is None and len(tally) == 1:
                person.gender = next(iter(tally))
            elif person.gender is None and not tally and len(person.full) > 1:
                # The article says nothing: the given name's usual gender ("Hillary
                # Clinton" is no "he"). Votes both ways leave it unknown.
                person.gender = _given_gender(person.full)
                person.gender_by_name = person.gender is not None

    def in_sentence(self, index: int, before: int | None = None) -> list[tuple[Person, Mention]]:
        """The people named in sentence ``index`` (before offset ``before``), in order."""
        found = [
            (self._of[id(m)], m)
            for m in self.by_sentence.get(index, [])
            if before is None or m.start < before
        ]
        return sorted(found, key=lambda pair: pair[1].start)

    def maybe_people(self, index: int, before: int | None = None) -> list[Mention]:
        """Names in sentence ``index`` that may be people, with no evidence either way
        ("Kevin Ames revealed ..."): a pronoun after them is not plain."""
        return [m for m in self._unknown.get(index, []) if before is None or m.start < before]

    def _mentions(self, k: int, tokens: Sequence[Token]) -> list[Mention]:
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            j = self._run_end(tokens, i)
            if j > i:
                for a, b in self._parts(tokens, i, j):
                    mention = self._mention(k, tokens, a, b)
                    if mention is not None:
                        found.append(mention)
                i = j
            else:
                i += 1
        return found

    def _run_end(self, tokens: Sequence[Token], i: int) -> int:
        """The end of the run of name words (titles and name links in it) from ``i``."""
        words = self.words
        j = i
        while j < len(tokens):
            token = tokens[j]
            if words.name_word(token) or words.honorific(token):
                j += 1
                if words.possessive(token):
                    break
                continue
            link = token.text in words.lexicon.name_links and j > i
            if link and j + 1 < len(tokens) and words.name_word(tokens[j + 1]):
                j += 1
                continue
            break
        while j > i and tokens[j - 1].text in words.lexicon.name_links:
            j -= 1
        return j

    def _parts(self, tokens: Sequence[Token], i: int, j: int) -> list[tuple[int, int]]:
        """A run split at a link to a place: "Gov. Jerry Brown of California" is a
        person and a place; "Secretary of State John Kerry" is one title and name."""
        words = self.words
        links = [n for n in range(i + 1, j - 1) if tokens[n].text in words.lexicon.name_links]
        if not links:
            return [(i, j)]
        after = tokens[links[-1] + 1 : j]
        if any(
            words.honorific(t) or words.role_noun(t) or words.organisation_word(t) for t in after
        ):
            return [(i, j)]
        return [(i, links[-1]), (links[-1] + 1, j)]

    def _mention(self, k: int, tokens: Sequence[Token], i: int, j: int) -> Mention | None:
        words = self.words
        run = list(tokens[i:j])
        # A title is an honorific or a capitalised role noun ("Majority Leader").
        titled = [t for t in run if words.honorific(t) or words.role_noun(t)]
        # The person's own name is what follows the last title, link or word of a body
        # ("Secretary of State John Kerry" -> "John Kerry").
        cut = 0
        for n, token in enumerate(run):
            if (
                token in titled
                or words.organisation_word(token)
                or token.text in words.lexicon.name_links
            ):
                cut = n + 1
        own = run[cut:]
        previous = tokens[i - 1] if i > 0 else None
        not_a_person = previous is not None and previous.bare in words.lexicon.locative_prepositions
        if j < len(tokens) and tokens[j].text == ",":
            head = self._apposition_head(tokens, j)
            not_a_person = not_a_person or (head is not None and words.body_noun(head))
            # "Salem, N.H., resident named Caroline": a town, not the woman.
            region = tokens[j + 1].bare if j + 1 < len(tokens) else ""
            not_a_person = not_a_person or region in words.lexicon.region_abbreviations
        body = (
            any(words.organisation_word(t) for t in run[-1:])
            or (not_a_person and not words.possessive(run[-1]))  # "in California", "X, the group,"
            or " ".join(t.bare for t in own) in _PLACES
            or (len(own) > 1 and own[0].bare in words.lexicon.place_prefixes)
        )
        if not own:
            return None
        if len(own) == 1 and not titled and (words.lone_opening(own[0]) or own[0].text.isupper()):
            return None  # "Signs" opening a sentence; "AIDS", "FBI": not a person's name
        if len(own) == 1 and words.pronoun_kind(own[0]) is not None:
            return None  # "He’s also supportive": a pronoun, however the article writes it
        name = tuple(_bare_name(t.text) for t in own)
        gender = _gender(titled + list(tokens[max(0, i - 2) : i]), words)
        evidence = bool(titled) or self._evidence(tokens, i, j)
        shown = " ".join(t.text for t in run[_first_title(run, cut, words) :])
        shown = _bare_name(shown)
        return Mention(
            k,
            run[0].start,
            name,
            shown,
            gender,
            evidence,
            body,
            head=self._head(tokens, i, j),
            subject=run[0].opens
            and j < len(tokens)
            and tokens[j].is_word
            and not tokens[j].capitalised,
        )

    def _head(self, tokens: Sequence[Token], i: int, j: int) -> bool:
        words = self.words
        if i > 0 and words.determiner(tokens[i - 1]):
            return False
        if j >= len(tokens) or words.possessive(tokens[j - 1]):
            return True
        following = tokens[j]
        return (
            not following.is_word or words.speech_verb(following) or words.function_word(following)
        )

    def _evidence(self, tokens: Sequence[Token], i: int, j: int) -> bool:
        """Whether the sentence treats the run ``tokens[i:j]`` as a person."""
        words = self.words
        previous = tokens[i - 1] if i > 0 else None
        following = tokens[j] if j < len(tokens) else None
        if previous is not None and previous.is_word and not previous.capitalised:
            if words.role_noun(previous):  # "activist Bob Klaus"
                return True
            # "said Trump." speaks; "told Fox 35" only listens.
            if words.speech_verb(previous) and (following is None or not following.is_word):
                return True
        if i > 1 and tokens[i - 1].text == "," and words.role_noun(tokens[i - 2]):
            return True  # "his wife, Jane,"
        for opening in words.lexicon.according_to:
            if tuple(t.bare for t in tokens[max(0, i - len(opening)) : i]) == opening:
                return True
        rest = tokens[j : j + _APPOSITION_REACH]
        if rest and words.speech_verb(rest[0]):
            return True
        if len(rest) >= 2 and rest[0].text == ",":
            if rest[1].text.isdigit():
                return True  # an age: "Ann Lee, 45,"
            head = self._apposition_head(tokens, j)
            return head is not None and words.role_noun(head)  # "Ann Lee, the treasurer,"
        return False

    def _apposition_head(self, tokens: Sequence[Token], j: int) -> Token | None:
        """The head of the apposition after ``tokens[j]`` (a comma): its last word before
        the next mark or preposition ("Al-Shabaab, the terrorist *group* based in")."""
        words = self.words
        window = tokens[j + 1 : j + 1 + _APPOSITION_REACH]
        # "the former New Jersey governor": in a noun phrase (not "who managed Bob
        # Dole's campaign"), a name goes on to the phrase's noun when the word before it
        # names no kind of person or body.
        phrase = bool(window) and words.determiner(window[0])
        head = None
        for token in window:
            if not token.is_word or token.bare in words.lexicon.phrase_prepositions:
                break
            if token.capitalised or words.function_word(token):
                kind = head is not None and (words.role_noun(head) or words.body_noun(head))
                if head is not None and not (phrase and token.capitalised and not kind):
                    break
                continue
            head = token
        return head


def _people(mentions: list[Mention]) -> dict[tuple[str, ...], Person]:
    """Mentions grouped by person; evidence for one spelling is evidence for every
    spelling with its surname ("Sen. Bernie Sanders" makes "Sanders" a person)."""
    named = [m for m in mentions if not m.body]
    full = {m.name[-1].lower() for m in named if len(m.name) > 1}
    # News names a person in full, then by surname alone: a surname that stands on its
    # own as a name confirms the full name ("Hillary Clinton" ... "Clinton said").
    reused = {m.name[0].lower() for m in named if len(m.name) == 1 and m.head} & full
    confirmed = reused | {m.name[-1].lower() for m in named if m.evidence}
    by_surname: dict[str, set[tuple[str, ...]]] = {}
    for mention in named:
        mention.evidence = mention.name[-1].lower() in confirmed
        if mention.evidence and len(mention.name) > 1:
            by_surname.setdefault(mention.name[-1].lower(), set()).add(mention.name)
    people: dict[tuple[str, ...], Person] = {}
    for mention in named:
        surname = mention.name[-1].lower()
        if not mention.evidence or (
            len(mention.name) == 1 and surname.endswith("s") and surname not in full
        ):
            continue  # "Democrats", "Republicans": a group, not a surname
        spellings = by_surname.get(surname, set())
        # A surname two people share ("Clinton" for Bill and Hillary) stays itself.
        key = (
            mention.name if len(mention.name) > 1 or len(spellings) != 1 else next(iter(spellings))
        )
        person = people.setdefault(key, Person(key))
        person.mentions.append(mention)
        person.gender = person.gender or mention.gender
    return people


def _given_gender(full: tuple[str, ...]) -> str | None:
    """The gender of the first given name before the surname ("Republican Christine Todd
    Whitman": Christine's), or None."""
    return next(filter(None, (given_name_gender(part) for part in full[:-1])), None)


def _bare_name(text: str) -> str:
    for ending in ("’s", "'s"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text.rstrip("’'") if text.endswith(("s’", "s'")) else text


def _first_title(run: Sequence[Token], cut: int, words: Words) -> int:
    """Where the shown name starts: the titles right before the person's own name."""
    start = cut
    while start > 0 and words.honorific(run[start - 1]):
        start -= 1
    return start


def _gender(tokens: Sequence[Token], words: Words) -> str | None:
    lexicon = words.lexicon
    for token in tokens:
        if token.bare in lexicon.male_words:
            return "male"
        if token.bare in lexicon.female_words:
            return "female"
    return None
