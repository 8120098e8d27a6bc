"""What one memo of a story carried, in the form the comparison reads: its statements
(with their stems and numbers), actors, quotations, positions and figures, each with the
sentence ids of that memo's article.

A digest is made once, when the memo is made or stored, and kept beside it: the memo
after fifty others compares with fifty digests without reading fifty articles again.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, Field

from briefgen.grounding.changes._claims import figure_claim, figure_topic
from briefgen.grounding.claims import read_claim
from briefgen.grounding.conflicts._events import context_at
from briefgen.grounding.conflicts._facts import Fact, read_facts
from briefgen.grounding.quantity_words import SMALL_NUMBERS, TENS, WORD_SCALES
from briefgen.grounding.stories import distinctive_stems
from briefgen.ingest.article import Article, Sentence, source_of
from briefgen.memo.sections import sections
from briefgen.text.normalise import fold_text
from briefgen.text.words import words

DIGEST_FORMAT = 1
"""Bump when what a digest holds or means changes: older digests are then made again
from their stored memos."""
# Sections whose items are statements the story has carried (what the principal read).
_STATEMENT_SECTIONS = (
    "bluf",
    "background",
    "developments",
    "positions",
    "allegations",
    "key_facts",
    "outlook",
    "counterpart_wants",
    "relations",
    "since_new",
)


class Carried(BaseModel):
    """One statement a memo carried: an item's text or a sentence it cited."""

    memo: int = Field(0, description="The memo of the story it is from (0: not known yet).")

    section: str = Field(description='Its section\'s field, or "cited" for a sentence.')
    text: str
    ids: list[str]
    stems: list[str]
    values: list[str] = Field(description="Its numbers' values and its dates.")


class CarriedActor(BaseModel):
    """A person, state or organisation a memo named, with the title it gave."""

    memo: int = Field(0, description="The memo of the story it is from (0: not known yet).")

    name: str
    title: str | None = None
    affiliation: str | None = None
    ids: list[str] = Field(default_factory=list)


class CarriedQuote(BaseModel):
    """A quotation a memo printed: its folded text, for comparison."""

    memo: int = Field(0, description="The memo of the story it is from (0: not known yet).")

    folded: str
    text: str
    speaker: str | None = None
    ids: list[str] = Field(default_factory=list)


class CarriedPosition(BaseModel):
    """A party's stated position as a memo gave it."""

    memo: int = Field(0, description="The memo of the story it is from (0: not known yet).")

    party: str
    stance: str
    ids: list[str] = Field(default_factory=list)


class Figure(BaseModel):
    """A number a memo's sentence binds to a measure (killed, displaced, a count of troops,
    an amount of money, a share), read by the dossier's number rules."""

    memo: int = Field(0, description="The memo of the story it is from (0: not known yet).")
    measure: str
    subject: str
    topic: str = Field(description='What it measures, in words: "number displaced".')
    values: list[str]
    value: float
    bound: str
    local: list[str] = Field(description="Stems next to the number: what it counts.")
    names: list[str] = Field(description="Names of its sentence (or the one before).")
    claim: str = Field(description="The clause of its sentence that holds it, verbatim.")
    number_text: str
    changed: bool = Field(description="The sentence says the number changed.")
    sentence_id: str
    time: str | None = Field(None, description="When its source was published.")


class MemoDigest(BaseModel):
    """What one memo carried, for comparing later memos of its story with it."""

    format: int = DIGEST_FORMAT
    names: list[str] = Field(default_factory=list)
    """Every name its items give (actors, parties, speakers, who took part)."""
    words: list[str] = Field(default_factory=list)
    """The folded words of everything it carried: a name it mentioned in passing."""
    actors: list[CarriedActor] = Field(default_factory=list)
    statements: list[Carried] = Field(default_factory=list)
    quotes: list[CarriedQuote] = Field(default_factory=list)
    positions: list[CarriedPosition] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)


def statement(section: str, text: str, ids: list[str]) -> Carried:
    """A carried statement with the stems and values the comparison reads."""
    stems, values = sorted(stems_of(text)), sorted(values_of(text))
    return Carried(section=section, text=text, ids=list(ids), stems=stems, values=values)


def stems_of(text: str) -> frozenset[str]:
    """The distinctive stems of ``text`` (content words less those of all news)."""
    return distinctive_stems(text)


def values_of(text: str) -> frozenset[str]:
    """The numbers (every value each may stand for) and dates of ``text``."""
    claim = read_claim(text)
    found: set[str] = set(claim.dates)
    for quantity in claim.quantities:
        found |= quantity.values
    return frozenset(found)


def sentence_times(article: Article, sources: list[Any]) -> dict[int, str | None]:
    """When each source was published: a dossier's by its number, one article's as 0."""
    times: dict[int, str | None] = {0: article.published}
    for source in sources:
        times[source.number] = source.published
    return times


def read_figures(
    article: Article, sentences: list[Sentence], times: dict[int, str | None]
) -> list[Figure]:
    """The figures of ``sentences`` of ``article``, each with its source's time."""
    found: list[Figure] = []
    for index, sentence in enumerate(sentences):
        if not may_count(sentence.text):
            continue  # most sentences: no number to read, none of their words read
        following = article.text[sentence.end : sentence.end + 4]
        facts = read_facts(sentence, following)
        context = context_at(sentences, index) if facts else None
        for fact in facts:
            found.append(_figure(fact, context, times))
    return found


# What every quantity the claim reader finds holds: a digit, or an English number or scale
# word as a whole run of letters (read_quantities' own lists), looked for in the folded
# text before it is read.
_NUMBER_WORDS = frozenset({*SMALL_NUMBERS, *TENS, *WORD_SCALES})
_DIGIT = re.compile(r"\d|[〇零一二两兩三四五六七八九十百千万萬亿億兆]")  # Han numerals too
_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8192)
def may_count(text: str) -> bool:
    """Whether ``text`` may hold a quantity (False: ``read_claim`` finds none in it): a
    digit, a Han numeral or an English number word."""
    folded = fold_text(text)
    return _DIGIT.search(folded) is not None or not _NUMBER_WORDS.isdisjoint(
        _LETTERS.findall(folded)
    )


def _figure(fact: Fact, context: Any, times: dict[int, str | None]) -> Figure:
    return Figure(
        measure=fact.measure,
        subject=fact.subject,
        topic=figure_topic(fact),
        values=sorted(fact.number.values),
        value=fact.number.value,
        bound=fact.bound,
        local=sorted(fact.local),
        names=sorted(context.names or context.previous_names),
        claim=figure_claim(fact),
        number_text=fact.number_text,
        changed=fact.changed,
        sentence_id=fact.sentence.id,
        time=times.get(source_of(fact.sentence.id), times.get(0)),
    )


def digest_memo(data: Any, article: Article) -> MemoDigest:
    """What the memo of ``data`` (a ``BriefData``) over ``article`` carried: its items and
    the sentences it cites."""
    digest = MemoDigest()
    names: set[str] = set()
    for spec in sections():
        if spec.field not in _STATEMENT_SECTIONS:
            continue
        for item in spec.items(data):
            text = _item_text(spec.field, item, data.checked_wording)
            if text.strip():
                digest.statements.append(statement(spec.field, text, item.sentence_ids))
    for actor in data.actors:
        digest.actors.append(
            CarriedActor(
                name=actor.name,
                title=actor.title,
                affiliation=actor.affiliation,
                ids=list(actor.sentence_ids),
            )
        )
        names.add(actor.name)
    for quote in data.quotes:
        digest.quotes.append(
            CarriedQuote(
                folded=fold_text(quote.text),
                text=quote.text,
                speaker=quote.speaker,
                ids=list(quote.sentence_ids),
            )
        )
        if quote.speaker:
            names.add(quote.speaker)
    for position in data.positions:
        stance = data.checked_wording.get(position.stance, position.stance)
        digest.positions.append(
            CarriedPosition(party=position.party, stance=stance, ids=position.sentence_ids)
        )
        names.add(position.party)
    for event in data.developments:
        names.update(event.who)
    for allegation in data.allegations:
        names.update((allegation.alleged_by, allegation.against))
    cited = [s for sid in data.cited_ids() if (s := article.sentence(sid)) is not None]
    digest.statements += [statement("cited", s.text, [s.id]) for s in cited]
    digest.figures = read_figures(article, cited, sentence_times(article, data.sources))
    digest.names = sorted(n for n in names if n and n.strip())
    carried_words: set[str] = set()
    for entry in digest.statements:
        carried_words.update(words(entry.text))
    digest.words = sorted(carried_words)
    return digest


def _item_text(field: str, item: Any, wording: dict[str, str]) -> str:
    """The item's statement as it was checked: a memo shown in another language than its
    article's (memo_language) is compared in the article's, as its next article is."""
    if field == "positions":
        return f"{item.party}: {wording.get(item.stance, item.stance)}"
    attr = {"developments": "what", "allegations": "claim", "key_facts": "fact"}.get(field, "text")
    text = str(getattr(item, attr, ""))
    return wording.get(text, text)
