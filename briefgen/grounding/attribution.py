"""Who spoke a quotation, read from the article as a reader reads it.

In order: a said-clause after the quotation ("…,” an official said) or before it
("The minister said: “…”"), an according-to, then a pronoun ("he said") resolved to the
one person the paragraph names before it, then the speaker of an earlier quotation in the
same paragraph that this one continues. Every reading stays inside the quotation's own
sentence (a speaker never runs across a sentence end) and outside quotation marks (a
name inside the quotation is what is talked about, not who talks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefgen.ingest.article import Article, Sentence
from briefgen.text.lexicon import HONORIFICS, MONTHS, WEEKDAYS
from briefgen.text.names import ALIAS_GROUPS, PERSON_NAME
from briefgen.text.quotations import QUOTE_MARKS, QUOTED_SPAN, blank_quotations, quotations

_VERBS = (
    "say said says tell told tells add added adds state stated states warn warned warns "
    "note noted notes insist insisted insists claim claimed claims write wrote writes ask "
    "asked asks explain explained explains declare declared declares argue argued argues "
    "reply replied replies announce announced announces quip quipped quips joke joked jokes "
    "recall recalled recalls remark remarked remarks admit admitted admits concede conceded "
    "concedes continue continued continues observe observed observes stress stressed "
    "stresses emphasise emphasised emphasises emphasize emphasized emphasizes urge urged "
    "urges promise promised promises vow vowed vows predict predicted predicts suggest "
    "suggested suggests acknowledge acknowledged acknowledges tweet tweeted tweets respond "
    "responded responds counter countered counters caution cautioned cautions complain "
    "complained complains boast boasted boasts"
).split()
_SPEECH_VERB = "(?:" + "|".join(sorted(set(_VERBS), key=len, reverse=True)) + ")"
_SPEAKER = r"((?:(?:an?|the|one|another|two|three|several)\s+)?[\w'’-]+(?:\.?\s+[\w'’-]+){0,5}?)"
_AFTER_QUOTE = re.compile(r"^[\s,;:]*" + _SPEAKER + r"\s+" + _SPEECH_VERB + r"\b")
# After the verb, a speaker is a name or a noun phrase, not a clause ("argued that ...").
_VERB_THEN_SPEAKER = re.compile(
    r"^[\s,;:]*"
    + _SPEECH_VERB
    + r"\s+(?=[A-Z]|(?:an?|the|one|another)\s)"
    + _SPEAKER
    + r"(?=\s*[.,;:]|\s*$)"
)
# "X said:", "X told reporters on Monday:", "X said that" before the quotation.
_BEFORE_QUOTE = re.compile(
    _SPEAKER + r"\s+" + _SPEECH_VERB + r"(?:\s+[\w'’-]+){0,4}?\s*(?:[:,;]|\s+that)?\s*$"
)
_ACCORDING = re.compile(r"according to\s+" + _SPEAKER + r"(?=\s*[.,;:]|\s*$)", re.IGNORECASE)
_PERSON_PRONOUNS = frozenset({"he", "she"})
_DETERMINERS = frozenset("a an the one another two three several some".split())
_PREPOSITIONS = frozenset(
    "of to in on at about during after before with while as from for into over through "
    "via when since".split()
)
_PRONOUNS = frozenset("he she they it we i you who this that".split())
_CAPITALISED_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*")
_NOT_PEOPLE = frozenset(alias for group in ALIAS_GROUPS for alias in group) | MONTHS | WEEKDAYS


@dataclass(frozen=True)
class Attribution:
    """The speaker the article gives a quotation, and how it was read."""

    speaker: str | None
    how: str
    """"said-clause", "according-to", "pronoun", "continued", or why there is none."""


def attribute(article: Article, start: int, end: int) -> Attribution:
    """Who the article says spoke the quotation at ``start:end``."""
    sentence = article.sentence_at(start)
    if sentence is None:
        return Attribution(None, "outside every sentence")
    # A quote may be part of a longer quotation: the said-clause is after the whole.
    for span_start, span_end in quotations(article.text):
        if span_start <= start and end <= span_end:
            start, end = span_start, span_end
            break
    found = _in_sentence(article, sentence, start, end)
    if found is not None:
        return found
    return _continued(article, sentence, start)


def _in_sentence(article: Article, sentence: Sentence, start: int, end: int) -> Attribution | None:
    text = article.text
    last = article.sentence_at(max(start, end - 1)) or sentence
    close = end
    while close < last.end and text[close] in QUOTE_MARKS + ",;: ":
        close += 1
    after = text[close : last.end]  # never past the sentence that closes the quotation
    for pattern in (_AFTER_QUOTE, _VERB_THEN_SPEAKER):
        match = pattern.match(after)
        if match:
            return _speaker(
                article,
                sentence,
                match.group(1),
                "said-clause",
                after_verb=pattern is _VERB_THEN_SPEAKER,
            )
    open_ = start
    while open_ > sentence.start and text[open_ - 1] in QUOTE_MARKS + " ":
        open_ -= 1
    before = blank_quotations(text[sentence.start : open_])
    match = _BEFORE_QUOTE.search(before)
    if match:
        return _speaker(article, sentence, match.group(1), "said-clause")
    outside = blank_quotations(text[sentence.start : sentence.end])
    match = _ACCORDING.search(outside)
    if match:
        return _speaker(article, sentence, match.group(1), "according-to")
    return None


def _speaker(
    article: Article, sentence: Sentence, found: str, how: str, *, after_verb: bool = False
) -> Attribution:
    words = _noun_phrase(found.strip(" ,.;:").split(), after_verb=after_verb)
    if not words:
        return Attribution(None, "no speaker in the said-clause")
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return _resolve_pronoun(article, sentence, words[0])
    return Attribution(" ".join(words), how)


def _noun_phrase(words: list[str], *, after_verb: bool) -> list[str]:
    """The speaker's own words out of what a pattern caught.

    Before the verb, the phrase ends at the verb and may start too early: a pronoun last
    is the speaker ("Speaking through an interpreter he"), and an opening adverbial gives
    way to the first determiner after it ("On Monday the official"). After the verb, the
    phrase may run on: it stops at a preposition ("quipped Pitt of his role").
    """
    if not words:
        return words
    if after_verb:
        for i, word in enumerate(words):
            if i and word.lower() in _PREPOSITIONS:
                return words[:i]
        return words
    if words[-1].lower() in _PRONOUNS:
        return words[-1:]
    if words[0].lower() in _PREPOSITIONS or words[0].lower().endswith("ing"):
        for i, word in enumerate(words[1:], start=1):
            if word.lower() in _DETERMINERS or (word[:1].isupper() and i > 1):
                return words[i:]
    return words


def _resolve_pronoun(article: Article, sentence: Sentence, pronoun: str) -> Attribution:
    """The person named last before the quotation, when the nearest sentence that names
    anyone (its own, or one of the two before it) names exactly one; otherwise nobody."""
    if pronoun.lower() not in _PERSON_PRONOUNS:
        return Attribution(None, f"'{pronoun}' names no one in particular")
    index = article.sentences.index(sentence)
    known = _surnames(article)
    for earlier in reversed(article.sentences[max(0, index - 2) : index + 1]):
        people: list[str] = []
        for name in _people_in(earlier, known):
            if not any(_same(name, p) for p in people):
                people.append(name)
        if len(people) == 1:
            return Attribution(people[0], f"pronoun '{pronoun}' read as {people[0]}")
        if people:
            return Attribution(None, f"'{pronoun}' could be any of {', '.join(people)}")
    return Attribution(None, f"'{pronoun}' said, and no person is named before it")


def _people_in(sentence: Sentence, surnames: frozenset[str]) -> list[str]:
    """People a sentence names outside quotation marks: full names, and surnames the
    article gave in full somewhere ("Della" after "Tahir Della")."""
    text = blank_quotations(sentence.text)
    found = []
    for match in PERSON_NAME.finditer(text):
        name = _drop_leading_capital(match.group(1), match.start())
        if name and _is_person(name):
            found.append(name)
    for match in _CAPITALISED_WORD.finditer(text):
        word = match.group(0)
        if word.lower() in surnames and not any(word in name.split() for name in found):
            found.append(word)
    return found


def _surnames(article: Article) -> frozenset[str]:
    return _surnames_of(article.text)


@lru_cache(maxsize=32)
def _surnames_of(text: str) -> frozenset[str]:
    names = set()
    for match in PERSON_NAME.finditer(blank_quotations(text)):
        words = match.group(1).split()
        if len(words) > 1 and _is_person(match.group(1)):
            names.add(words[-1].lower())
    return frozenset(names - _NOT_PEOPLE)


def _continued(article: Article, sentence: Sentence, start: int) -> Attribution:
    """The speaker of the quotation this one continues, earlier in the same paragraph."""
    for earlier in reversed(_paragraph_before(article, sentence, 3)):
        spans = [m for m in QUOTED_SPAN.finditer(earlier.text)]
        if not spans:
            return Attribution(None, "no said-clause, and the sentence before holds no quotation")
        last = spans[-1]
        found = _in_sentence(
            article, earlier, earlier.start + last.start() + 1, earlier.start + last.end() - 1
        )
        if found is not None and found.speaker is not None:
            return Attribution(found.speaker, f"continues the quotation of {earlier.id}")
        if found is not None:
            return found
    return Attribution(None, "no said-clause in its sentence or paragraph")


def _paragraph_before(article: Article, sentence: Sentence, count: int) -> list[Sentence]:
    """Up to ``count`` sentences before ``sentence`` on its line (a line is a paragraph)."""
    index = article.sentences.index(sentence)
    found: list[Sentence] = []
    for earlier in reversed(article.sentences[max(0, index - count) : index]):
        if "\n" in article.text[earlier.end : sentence.start]:
            break
        found.insert(0, earlier)
    return found


def _drop_leading_capital(name: str, at: int) -> str:
    # "Tuesday Asif said" or "The Prime Minister": a sentence's first word is capitalised
    # whatever it is; keep the name after it when the first word is not a name.
    words = name.split()
    if at == 0 and len(words) > 1 and words[0].lower() in _SENTENCE_WORDS:
        return " ".join(words[1:]) if len(words) > 2 else ""
    return name


_SENTENCE_WORDS = frozenset(
    "the a an but and in on at this that these when after before while his her their "
    "its our we they he she it as for with from by".split()
)


def _is_person(name: str) -> bool:
    folded = name.lower()
    if folded in _NOT_PEOPLE:
        return False
    words = [w.strip(".").lower() for w in name.split()]
    return not all(w in HONORIFICS or w in _NOT_PEOPLE for w in words)


def _same(a: str, b: str) -> bool:
    return a.rsplit(maxsplit=1)[-1].lower() == b.rsplit(maxsplit=1)[-1].lower()
