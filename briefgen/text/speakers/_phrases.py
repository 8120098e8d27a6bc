"""A speaker's noun phrase: read from whole tokens, kept only when it has a head.

The head is the phrase's last word: a name ("Murray"), a noun for a person by role ("the
official", "Trump's spokesman") or for a body ("the newspaper"), or a lone pronoun. A
phrase with a clause word in it ("and", "has", "that"), a verb of speech, a time phrase
or punctuation is not a speaker, whatever the pattern around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.text.speakers._tokens import Token, Words

_MAX_WORDS = 10
_MAX_MODIFIERS = 5
# Words that may follow a speaker read after its verb: the end of the clause, a
# preposition ("said Pitt of his role"), a relative ("said one source who ...").
_RELATIVES = frozenset({"who", "whose", "which"})
# What may stand before an "as" that opens a clause ("But as The Hill pointed out"), not
# one that follows a noun ("a job as Secretary of Defense").
_AS_OPENERS = frozenset({"and", "but", "so", "yet", "just", "exactly"})


@dataclass(frozen=True)
class Phrase:
    """A speaker as the article writes it."""

    tokens: tuple[Token, ...]
    kind: str
    """"name" (its head is a name), "role" (a person or body described), "document" (a
    statement, a letter, an editorial) or "pronoun"."""

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)

    @property
    def start(self) -> int:
        return self.tokens[0].start


def phrase(tokens: Sequence[Token], words: Words) -> Phrase | None:
    """``tokens`` as a speaker's noun phrase, or None when they are not one.

    A phrase may end in a complement ("a spokesman for the campaign"): the part before
    the preposition is then the one that must be a speaker.
    """
    tokens = tuple(tokens)
    if not tokens or len(tokens) > _MAX_WORDS or not all(t.is_word for t in tokens):
        return None
    if len(tokens) == 1 and words.pronoun_kind(tokens[0]):
        return Phrase(tokens, "pronoun")
    core = _owned(tokens, words) if _owner(tokens[0], words) else _core(tokens, words)
    if core is not None:
        return core
    lexicon = words.lexicon
    for i in range(1, len(tokens) - 1):
        if tokens[i].text in lexicon.phrase_prepositions:
            if i == 1 and tokens[0].bare in lexicon.partitives and tokens[1].bare == "of":
                # "one of those advisers": people, not "one of the campaign"
                rest = tokens[3:] if _of_determiner(tokens[2], words) else tokens[2:]
                people = bool(rest) and words.role_noun(rest[-1]) and _plural(rest[-1], words)
                return Phrase(tokens, "role") if people and _core(rest, words) else None
            head = _core(tokens[:i], words)
            if head is not None and _complement(tokens[i + 1 :], words):
                return Phrase(tokens, head.kind)
            return None
    return None


def _core(tokens: tuple[Token, ...], words: Words) -> Phrase | None:
    """A phrase with no preposition but the links of a name ("Secretary of State")."""
    body = tokens[1:] if words.determiner(tokens[0]) else tokens
    if not body:
        return None
    lowercase = 0
    for i, token in enumerate(body):
        if words.determiner(token) or (
            words.speech_verb(token)
            and not _linked_noun(body, i, words)
            and not _document_head(tokens, body, i, words)
        ):
            return None
        if token.text in words.lexicon.name_links and 0 < i < len(body) - 1:
            if body[i - 1].capitalised and body[i + 1].capitalised:
                continue
            if words.role_noun(body[i - 1]):  # "the secretary of state"
                continue
        if words.function_word(token) or is_time(tokens, i + len(tokens) - len(body), words):
            return None
        if _gerund(token) and body is tokens:
            return None  # "White America embracing Obama" is a clause ("the outgoing" is not)
        lowercase = 0 if token.capitalised else lowercase + 1
        if lowercase > _MAX_MODIFIERS:
            return None
    if _is_name_head(tokens, words):
        return Phrase(_named(tokens, words), "name")
    described = body is not tokens or any(words.possessive(t) or t.capitalised for t in tokens[:-1])
    return _described(tokens, described, words)


def _described(tokens: tuple[Token, ...], described: bool, words: Words) -> Phrase | None:
    """A role or body ("the official"), or a document ("the statement said": the article
    puts the words in a document's mouth, and the memo keeps them there)."""
    head = tokens[-1]
    if words.role_noun(head) or words.body_noun(head):
        return Phrase(tokens, "role") if described or _plural(head, words) else None
    return Phrase(tokens, "document") if words.document_noun(head) and described else None


def _document_head(
    tokens: tuple[Token, ...], body: tuple[Token, ...], i: int, words: Words
) -> bool:
    """Whether ``body[i]`` is a document that heads the phrase after its determiner ("the
    report", "the congressional email"), not the verb of speech it may also be."""
    return i == len(body) - 1 and body is not tokens and words.document_noun(body[i])


def _linked_noun(tokens: Sequence[Token], i: int, words: Words) -> bool:
    """Whether ``tokens[i]`` is the noun a role's link governs ("secretary of *state*"),
    not a verb of speech."""
    return (
        i >= 2 and tokens[i - 1].text in words.lexicon.name_links and words.role_noun(tokens[i - 2])
    )


def _owned(tokens: tuple[Token, ...], words: Words) -> Phrase | None:
    """A phrase after a possessive determiner: "his nephew Ali Soheil" names Ali Soheil;
    "her lawyer" alone leaves open whose, and is no speaker."""
    named = _core(tokens[1:], words) if len(tokens) > 2 else None
    described = any(words.role_noun(t) or words.body_noun(t) for t in tokens[1:-1])
    if named is None or named.kind != "name" or not described:
        return None
    return Phrase(tokens, "name")


def _named(tokens: tuple[Token, ...], words: Words) -> tuple[Token, ...]:
    """A name without the description before it that says nothing of who it is ("A
    defensive Obama" -> "Obama"); a role stays ("conservative activist Bob Klaus")."""
    first = next(i for i, t in enumerate(tokens) if t.capitalised and not words.determiner(t))
    described = tokens[:first]
    if any(words.role_noun(t) or words.body_noun(t) for t in described):
        return tokens
    # "The New York Times" keeps its article; only a description goes.
    return tokens[first:] if any(not words.determiner(t) for t in described) else tokens


def _is_name_head(tokens: tuple[Token, ...], words: Words) -> bool:
    head = tokens[-1]
    if words.role_noun(head) or words.body_noun(head):
        return False  # "Officials" opening a sentence is a role, not a name
    if not words.name_word(head) and not _month_surname(tokens, len(tokens) - 1, words):
        return False
    if len(tokens) == 1 and words.lone_opening(head):
        return False
    # "Mr" or "Sen." alone names nobody.
    return not all(words.honorific(t) or words.determiner(t) for t in tokens)


def _month_surname(tokens: Sequence[Token], i: int, words: Words) -> bool:
    """Whether a month's name right after a name is a surname ("Theresa May")."""
    token = tokens[i]
    return (
        i > 0
        and token.capitalised
        and token.bare in words.lexicon.time_words
        and token.bare not in words.lexicon.weekdays
        and words.name_word(tokens[i - 1])
    )


def is_time(tokens: Sequence[Token], i: int, words: Words) -> bool:
    """Whether ``tokens[i]`` is a word of a time phrase (not "May" in "Theresa May", nor
    the year that describes a role: "a 2008 Clinton veteran")."""
    return (
        words.time_word(tokens[i])
        and not _month_surname(tokens, i, words)
        and not _year_modifier(tokens, i, words)
    )


def _year_modifier(tokens: Sequence[Token], i: int, words: Words) -> bool:
    """A year or a weekday between a determiner and the noun it describes: "a 2008
    Clinton veteran", "a Wednesday editorial"."""
    token = tokens[i]
    modifies = (len(token.text) == 4 and token.text.isdigit()) or (
        token.bare in words.lexicon.weekdays
    )
    if not modifies or i == 0 or i + 1 >= len(tokens):
        return False
    following = tokens[i + 1]
    return words.determiner(tokens[i - 1]) and following.is_word and not words.time_word(following)


def _plural(token: Token, words: Words) -> bool:
    word = token.bare
    return word.endswith(("s", "men", "people")) or word in words.lexicon.mass_nouns


def _complement(tokens: Sequence[Token], words: Words) -> bool:
    """What may follow a speaker's preposition: a short noun phrase ("the campaign",
    "the Armenian Patriarchate of Jerusalem")."""
    if not tokens or len(tokens) > _MAX_WORDS or not all(t.is_word for t in tokens):
        return False
    rest = tokens[1:] if words.determiner(tokens[0]) or words.possessive(tokens[0]) else tokens
    for i, token in enumerate(rest):
        link = (token.text in words.lexicon.name_links or _body_link(rest, i, words)) and (
            0 < i < len(rest) - 1
        )
        if link and rest[i - 1].capitalised and rest[i + 1].capitalised:
            continue
        # Right after the preposition a verb of speech's form is a noun ("of state").
        spoken = words.speech_verb(token) and (i > 0 or rest is not tokens)
        if words.function_word(token) or spoken or words.determiner(token):
            return False
    return bool(rest)


def _body_link(tokens: Sequence[Token], i: int, words: Words) -> bool:
    """A preposition inside a body's name: "Center *for* American Progress", "Council
    *on* Foreign Relations" (after a capitalised word for a body, before a capital)."""
    if not 0 < i < len(tokens) - 1 or tokens[i].text not in words.lexicon.phrase_prepositions:
        return False
    body = tokens[i - 1]
    return body.capitalised and words.organisation_word(body) and tokens[i + 1].capitalised


def before(
    tokens: Sequence[Token], end: int, words: Words, *, modified: bool = True
) -> tuple[Phrase | None, int]:
    """The speaker that ends just before ``tokens[end]``, and the index it starts at.

    Read leftwards: names, titles and modifiers, up to a determiner, a mark or a clause
    word. A speaker that turns out to be the object of a preposition ("the letter to
    Trump said") is read with what the preposition follows, and must still be one.
    """
    if end > 0 and words.pronoun_kind(tokens[end - 1]):
        return Phrase((tokens[end - 1],), "pronoun"), end - 1
    i = end - 1
    while i >= 0:
        token = tokens[i]
        if not token.is_word:
            break
        if words.determiner(token) or _owner(token, words):
            i -= 1
            break
        link = (token.text in words.lexicon.name_links or _body_link(tokens, i, words)) and (
            i > 0 and i + 1 < end
        )
        if link and (
            (tokens[i - 1].capitalised and tokens[i + 1].capitalised)
            or words.role_noun(tokens[i - 1])
        ):
            i -= 1
            continue
        if words.function_word(token) or (
            words.speech_verb(token)
            and not _linked_noun(tokens, i, words)
            and not (i == end - 1 and words.document_noun(token))  # "the report said"
        ):
            break
        if is_time(tokens, i, words) or _participle_opening(tokens, i, words):
            break
        i -= 1
    start = i + 1
    found = phrase(tokens[start:end], words)
    if start == 0:
        return found, start
    left = tokens[start - 1]
    if found is None:
        described = _described_by_place(tokens, start, end, words)
        if described is None and modified:
            described = _post_modified(tokens, end, words)
        return described or (None, start)
    if left.bare == "as" and (
        start < 2 or not tokens[start - 2].is_word or tokens[start - 2].bare in _AS_OPENERS
    ):
        return found, start  # "As Michael Dell said": the clause's "as", no preposition
    if left.is_word and left.bare in words.lexicon.phrase_prepositions:
        outer, outer_start = before(tokens, start - 1, words)
        if outer is None or outer.kind == "pronoun":
            # "an aide speaking to Fox News": the name is the role's complement.
            return (modified and _post_modified(tokens, end, words)) or (None, start)
        return phrase(tokens[outer_start:end], words), outer_start
    return found, start


def _described_by_place(
    tokens: Sequence[Token], start: int, end: int, words: Words
) -> tuple[Phrase, int] | None:
    """ "a Democratic staffer in the room": a role, then where it is (a preposition and a
    determined noun that is no speaker itself); None for anything else."""
    if start < 2 or end - start < 2 or not words.determiner(tokens[start]):
        return None
    if tokens[start - 1].bare not in words.lexicon.locative_prepositions:
        return None
    outer, outer_start = before(tokens, start - 1, words)
    if outer is None or outer.kind != "role":
        return None
    whole = phrase(tokens[outer_start:end], words)
    return (whole, outer_start) if whole is not None and whole.kind == "role" else None


def _post_modified(tokens: Sequence[Token], end: int, words: Words) -> tuple[Phrase, int] | None:
    """ "a source familiar with the talks", "an aide speaking to reporters", "an official
    who spoke anonymously": a role, then words that say more of it (a participle, a word
    and its preposition, a relative clause), with no mark, no clause and no verb of speech
    past their first word; the role is the speaker. None for anything else."""
    for k in range(end - 1, max(0, end - _MAX_WORDS) - 1, -1):
        if k == 0 or not tokens[k].is_word:
            return None
        if not (words.role_noun(tokens[k - 1]) or words.body_noun(tokens[k - 1])):
            continue
        if not _modifies(tokens[k:end], words):
            continue
        role, start = before(tokens, k, words, modified=False)
        return (role, start) if role is not None and role.kind == "role" else None
    return None


def _modifies(following: Sequence[Token], words: Words) -> bool:
    """Whether ``following`` may say more of the role before it (see _post_modified)."""
    opening = following[0]
    relative = opening.bare == "who" and len(following) > 2
    rest = following[1:]
    if relative:
        # "who spoke anonymously"; not "who Trump said" (someone else speaks).
        if rest[0].capitalised or words.determiner(rest[0]) or words.pronoun_kind(rest[0]):
            return False
        rest = rest[1:]
    elif opening.capitalised or words.function_word(opening) or words.determiner(opening):
        return False
    elif not _gerund(opening) and not (rest and rest[0].bare in words.lexicon.phrase_prepositions):
        return False  # "familiar with", "speaking to", "representing Trump"
    lexicon = words.lexicon
    for token in rest:
        if not token.is_word or words.speech_verb(token) or words.pronoun_kind(token):
            return False
        if token.bare in lexicon.clause_openers or token.bare in _RELATIVES:
            return False
    return True


def _of_determiner(token: Token, words: Words) -> bool:
    """What may follow a partitive's "of": "the", "those", "his", "two"."""
    word = token.bare
    return (
        words.determiner(token)
        or _owner(token, words)
        or word.isdigit()
        or word in words.lexicon.partitives
    )


def _owner(token: Token, words: Words) -> bool:
    """A possessive determiner before a speaker: "*his* campaign manager Jeff Weaver"."""
    word = token.bare
    return token.is_word and word != "whose" and word in words.lexicon.possessive_determiners


def _gerund(token: Token) -> bool:
    return not token.capitalised and len(token.text) > 4 and token.text.endswith("ing")


def _participle_opening(tokens: Sequence[Token], i: int, words: Words) -> bool:
    # "Speaking Tuesday Trump said": an opening participle is not part of a name; but
    # "“…,” Ebeling said" names Ebeling, whom no sentence opening capitalises.
    word = tokens[i].text
    return i == 0 and len(word) > 5 and word.endswith("ing") and words.lone_opening(tokens[i])


def after(tokens: Sequence[Token], start: int, words: Words) -> tuple[Phrase | None, int]:
    """The speaker that starts at ``tokens[start]`` ("said *Sen. Patty Murray* of ..."),
    and the index after it; None when what follows it makes it a clause's subject
    ("said *the plan* will fail")."""
    if start < len(tokens) and words.pronoun_kind(tokens[start]):
        return Phrase((tokens[start],), "pronoun"), start + 1
    j = start
    while j < len(tokens):
        token = tokens[j]
        if not token.is_word:
            break
        if j == start and (words.determiner(token) or _owner(token, words)):
            j += 1
            continue
        if j == start + 1 and token.bare == "of" and tokens[start].bare in words.lexicon.partitives:
            j += 2 if j + 1 < len(tokens) and _of_determiner(tokens[j + 1], words) else 1
            continue  # "one of (those, his) advisers"
        link = token.text in words.lexicon.name_links and j > start and j + 1 < len(tokens)
        # "Secretary of State", and "former secretary of state Hillary Clinton".
        if link and (
            (tokens[j - 1].capitalised and tokens[j + 1].capitalised)
            or (words.role_noun(tokens[j - 1]) and tokens[j + 1].is_word)
        ):
            j += 1
            continue
        spoken = (
            words.speech_verb(token)
            and not _linked_noun(tokens, j, words)
            and not _determined_document(tokens, start, j, words)
        )
        if words.function_word(token) or spoken or is_time(tokens, j, words):
            break
        j += 1
    # The longest run that is a speaker: "said a source *involved* in" stops at "source".
    end = next((e for e in range(j, start, -1) if phrase(tokens[start:e], words)), None)
    if end is None:
        return None, j
    found = phrase(tokens[start:end], words)
    if end >= len(tokens) or not tokens[end].is_word:
        return found, end
    following = tokens[end]
    word = following.bare
    lexicon = words.lexicon
    if word in lexicon.clause_openers and word not in _RELATIVES:
        return None, end  # "said the official *was* ...": a clause, not a said-clause
    if word in _RELATIVES or word in lexicon.phrase_prepositions or words.time_word(following):
        return found, end
    if word in lexicon.document_nouns:
        return None, end  # "according to a court *document*": its head is no speaker
    # A role described further ("an official familiar with", "a source involved in").
    return (found, end) if found is not None and _kind_of_person(found, words) else (None, end)


def _determined_document(tokens: Sequence[Token], start: int, j: int, words: Words) -> bool:
    """Whether ``tokens[j]`` is a document after the determiner that opens the phrase
    ("read *the email*", "said the campaign's tweet"), not a verb of speech."""
    opening = tokens[start]
    return (
        j > start
        and words.document_noun(tokens[j])
        and (words.determiner(opening) or _owner(opening, words))
    )


def _kind_of_person(found: Phrase, words: Words) -> bool:
    """A role, or a kind of person that the article capitalises after a determiner other
    than "the" ("one Democrat", "a Canadian"): someone described, not named."""
    if found.kind == "role":
        return True
    first = found.tokens[0]
    indefinite = words.determiner(first) and first.bare != "the"
    return found.kind == "name" and len(found.tokens) == 2 and indefinite
