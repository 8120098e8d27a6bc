"""The extractive plan, for small models: the model selects sentences, briefgen writes
nothing either. The memo's statements are the article's sentences, verbatim but for a
leading dateline ("Islamabad:"); its quotes are every quotation the article prints; its
actors are the people the article names, with the titles it gives them.

What the model's selection leaves empty is filled by rule: the lead sentences for the
summary, sentences with a stance verb for positions, sentences with a future marker for
the outlook (as the article's own forecast, with no likelihood of ours). Everything then
goes through the same grounding as any answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from briefgen.extract.condense import kept_sentences, sentence_budget
from briefgen.extract.schema import Extraction, Selection
from briefgen.ingest.article import Article, Sentence
from briefgen.memo.fields import MemoFields
from briefgen.memo.items import (
    Actor,
    AgendaItem,
    Event,
    OutlookStatement,
    Position,
    Quote,
    Statement,
)
from briefgen.text.lexicon import MONTHS, WEEKDAYS
from briefgen.text.names import ALIAS_GROUPS, PERSON_NAME, person_title
from briefgen.text.questions import is_question
from briefgen.text.quotations import long_enough, quotations
from briefgen.text.speakers import Reading, read_holder, read_speaker, reading_language

# "Islamabad:", "ISLAMABAD (Reuters) -", "KYIV, March 3 (AP) —" at the start of a sentence.
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40}?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z .]+\))?"
    r"\s*(?::|\s[-–—])\s+(?=[A-Z“\"])"
)
_STANCE = re.compile(
    r"\b(?:said|says|insist\w*|reject\w*|demand\w*|call(?:ed|s)? for|urg\w*|warn\w*|"
    r"oppos\w*|support\w*|want\w*|refus\w*|deni\w*|den(?:y|ies)|accus\w*|vow\w*|pledg\w*)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|would|is expected to|are expected to|plans? to|is set to|are set to|"
    r"next (?:week|month|year)|upcoming|later this (?:week|month|year)|is due to|are due to)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:since|earlier|ago|last (?:year|month|week)|in (?:19|20)\d\d|has been|have been|"
    r"had been|previously|former(?:ly)?)\b",
    re.IGNORECASE,
)
_AGENDA = re.compile(r"\b(?:agenda|talks on|discuss\w*|issues?|priorit\w*)\b", re.IGNORECASE)
MAX_QUOTES = 5
_NOT_NAMES = frozenset("the a an this that these those".split())
# Words that make a run of capitals a place, a people or a date, not a person.
NOT_PERSON_WORDS = frozenset(a for g in ALIAS_GROUPS for a in g if " " not in a) | MONTHS | WEEKDAYS
MAX_ACTORS = 8
# The lead sentences an extractive memo always keeps: news puts what matters first.
_LEAD_SENTENCES = 2
# How each part is filled when the model picked nothing for it, in this order: the
# pattern a sentence must match (None: any sentence) and how many to take.
_RULES: tuple[tuple[str, re.Pattern[str] | None, int], ...] = (
    ("summary", None, 2),
    ("positions", _STANCE, 3),
    ("outlook", _FUTURE, 2),
    ("background", _PAST, 2),
    ("agenda", _AGENDA, 2),
    ("developments", None, 4),
)


def compose(
    article: Article,
    selections: Sequence[Selection],
    memo_fields: type[MemoFields] = MemoFields,
) -> tuple[Extraction, MemoFields]:
    """The extraction and memo fields of an extractive memo from the model's picks.

    A style's own field that the article can fill is filled with its sentences: the
    state of relations (background). What the other side wants shows in its positions,
    and advice (recommendations, talking points) is never taken from the article.
    """
    title = {s.id for s in article.sentences if article.title and s.text == article.title}
    body = [s for s in article.sentences if s.id not in title]
    kept = _kept(article, selections, title=title, body=body)
    body = [s for s in body if s.id in kept]
    chosen = _chosen_ids(article, selections, title=title, body=body)
    extraction = _extraction(article, chosen, kept)
    summary, background = chosen["summary"], chosen["background"]
    # The headline is the subject line, citing itself; without one, the lead sentence.
    lead = min(title) if title else (summary[0] if summary else body[0].id)
    own: dict[str, list[Statement]] = {"relations": _statements(article, background)}
    memo = memo_fields(
        **{name: value for name, value in own.items() if name in memo_fields.model_fields},
        subject=Statement(text=article.title or trimmed(article, lead), sentence_ids=[lead]),
        bluf=_statements(article, summary),
        background=_statements(article, background),
        outlook=[
            OutlookStatement(
                text=trimmed(article, sid), likelihood=None, basis="reported", sentence_ids=[sid]
            )
            for sid in chosen["outlook"]
        ],
        information_gaps=[],
    )
    return extraction, memo


def _kept(
    article: Article, selections: Sequence[Selection], *, title: set[str], body: Sequence[Sentence]
) -> set[str]:
    """The sentences the memo may cite, within the article's sentence budget: its lead,
    its quotations (up to half of the budget), the model's picks, then the most central
    of the rest; what is left out is the least central."""
    budget = max(1, sentence_budget(len(article.sentences)) - len(title))
    seen: set[str] = set()
    unique = []
    for sentence in body:  # a standfirst repeated in the story is one sentence
        if sentence.text not in seen:
            seen.add(sentence.text)
            unique.append(sentence)
    body = unique
    lead = [s.id for s in body[:_LEAD_SENTENCES]]
    quoted = [q.sentence_ids[0] for q in article_quotes(article)][: max(1, budget // 2)]
    picked = [sid for ids in _merge(selections, article, exclude=title).values() for sid in ids]
    return set(kept_sentences(body, budget, first=[*lead, *quoted, *picked]))


def _chosen_ids(
    article: Article,
    selections: Sequence[Selection],
    *,
    title: set[str],
    body: Sequence[Sentence],
) -> dict[str, list[str]]:
    """The sentence ids of each memo part: the model's picks first; what it left empty,
    the rules fill, each sentence once."""
    # A question reports nothing: it is no summary, development or position of the memo
    # (its quotations are still quotes).
    allowed = {s.id for s in body if not is_question(s.text)}
    picked = {
        part: [sid for sid in ids if sid in allowed]
        for part, ids in _merge(selections, article, exclude=title).items()
    }
    quoted = {q.sentence_ids[0] for q in article_quotes(article)}
    used = {sid for ids in picked.values() for sid in ids} | quoted
    free = [s for s in body if s.id not in used and s.id in allowed]
    chosen: dict[str, list[str]] = {part: list(picked[part]) for part, _, _ in _RULES}
    # The parts the model left empty take the free sentences in turns, one a round, so
    # that a short budget still reaches each part instead of the first one or two.
    open_parts = [(part, pattern, limit) for part, pattern, limit in _RULES if not picked[part]]
    if open_parts and open_parts[0][0] == "summary":  # the lead first, whole: it matters most
        part, _, limit = open_parts.pop(0)
        chosen[part] = [s.id for s in free if s.id not in used][:limit]
        used.update(chosen[part])
    for round_number in range(max((limit for _, _, limit in open_parts), default=0)):
        for part, pattern, limit in open_parts:
            if round_number >= limit:
                continue
            match = next(
                (s.id for s in free if s.id not in used and _fits(article, part, pattern, s)),
                None,
            )
            if match is not None:
                chosen[part].append(match)
                used.add(match)
    return chosen


def _fits(article: Article, part: str, pattern: re.Pattern[str] | None, sentence: Sentence) -> bool:
    """Whether a free sentence may fill ``part``: it matches the part's pattern, and a
    position's sentence makes plain who holds it."""
    if pattern is not None and not pattern.search(sentence.text):
        return False
    return part != "positions" or _position(article, sentence.id) is not None


def _extraction(article: Article, chosen: dict[str, list[str]], kept: set[str]) -> Extraction:
    """The extraction of an extractive memo: the chosen sentences, verbatim, and the
    quotations of the sentences it keeps."""
    return Extraction(
        actors=actors(article),
        positions=[
            position
            for sid in chosen["positions"]
            if (position := _position(article, sid)) is not None
        ],
        events=[
            Event(what=trimmed(article, sid), when=None, where=None, who=[], sentence_ids=[sid])
            for sid in chosen["developments"]
        ],
        quotes=[q for q in article_quotes(article) if q.sentence_ids[0] in kept],
        allegations=[],
        key_facts=[],
        agenda_items=[
            AgendaItem(item=trimmed(article, sid), sentence_ids=[sid]) for sid in chosen["agenda"]
        ],
    )


def _statements(article: Article, ids: Iterable[str]) -> list[Statement]:
    return [Statement(text=trimmed(article, sid), sentence_ids=[sid]) for sid in ids]


def trimmed(article: Article, sid: str) -> str:
    """The sentence's own words without a leading dateline."""
    sentence = article.sentence(sid)
    text = sentence.text if sentence is not None else ""
    return _DATELINE.sub("", text, count=1) or text


def every_quotation(article: Article) -> list[tuple[int, int, Quote]]:
    """(start, end, quote) of each quotation of the article long enough to print, in its
    order, with no speaker yet: grounding reads it from the article."""
    found = []
    for start, end in quotations(article.text):
        words = article.text[start:end]
        sentence = article.sentence_at(start)
        if sentence is not None and long_enough(words):
            quote = Quote(speaker="", text=words, source="named", sentence_ids=[sentence.id])
            found.append((start, end, quote))
    return found


def article_quotes(article: Article) -> list[Quote]:
    """The article's quotations of some length, at most ``MAX_QUOTES``, in order; its
    speaker is left to grounding, which reads it from the article.

    When there are more, those the article attributes come first: to a named person,
    then to one described ("an official"), each utterance once (the second half of
    "“A,” she said, “B.”" only when nothing else is attributed); quotations nobody is
    said to have spoken fill what is left. A memo's quotes then carry their speakers.
    """
    found: list[tuple[tuple[int, int], Quote]] = []
    spans = tuple((s.start, s.end) for s in article.sentences)
    for start, end, quote in every_quotation(article):
        reading = read_speaker(
            article.text, spans, start, end, language=reading_language(article.language)
        )
        rank = 2 * _QUOTE_RANK.get(reading.kind or "", 2) + _continues(reading)
        found.append(((rank, start), quote))
    if len(found) <= MAX_QUOTES:
        return [quote for _, quote in found]
    chosen = sorted(found, key=lambda item: item[0])[:MAX_QUOTES]
    return [quote for _, quote in sorted(chosen, key=lambda item: item[0][1])]


# Which quotations the memo keeps first: one whose speaker is named, then described.
_QUOTE_RANK = {"name": 0, "role": 1}


def _continues(reading: Reading) -> int:
    # A quotation that goes on with the one before comes after the fresh ones of its rank.
    return 1 if reading.speaker is not None and reading.how.startswith("continues") else 0


def actors(article: Article) -> list[Actor]:
    """The people the article names, each with the title it gives them, first mention."""
    found: dict[str, Actor] = {}
    for sentence in article.sentences:
        for match in PERSON_NAME.finditer(sentence.text):
            name = _clean_name(match.group(1))
            if name is None:
                continue
            key = name.split()[-1].lower()
            if key in found:
                continue
            found[key] = Actor(
                name=name,
                kind="person",
                title=person_title(sentence.text[: match.start()]),
                affiliation=None,
                sentence_ids=[sentence.id],
            )
            if len(found) >= MAX_ACTORS:
                return list(found.values())
    return list(found.values())


def _clean_name(found: str) -> str | None:
    """A person's name out of a run of capitalised words, or None when it is not one
    ("The Pakistani", "United States", "Afghan Taliban")."""
    words = [w.removesuffix("’s").removesuffix("'s") for w in found.split()]
    while words and words[0].lower() in _NOT_NAMES:
        words = words[1:]
    if len(words) < 2 or any(w.lower() in NOT_PERSON_WORDS for w in words):
        return None
    if any(" ".join(words).lower() in group for group in ALIAS_GROUPS):
        return None
    return " ".join(words)


def _merge(
    selections: Sequence[Selection], article: Article, *, exclude: set[str]
) -> dict[str, list[str]]:
    """The picks of every chunk, each id once, only ids the article has (the headline is
    the subject, not a statement)."""
    merged: dict[str, list[str]] = {}
    used: set[str] = set(exclude)
    for part in Selection.model_fields:
        ids: list[str] = []
        for selection in selections:
            for sid in getattr(selection, part):
                if sid not in used and article.sentence(sid) is not None:
                    ids.append(sid)
                    used.add(sid)
        merged[part] = ids
    return merged


def _matching(
    sentences: Sequence[Sentence], pattern: re.Pattern[str], limit: int, *, skip: Sequence[str]
) -> list[str]:
    return [s.id for s in sentences if s.id not in skip and pattern.search(s.text)][:limit]


def _position(article: Article, sid: str) -> Position | None:
    """The position sentence ``sid`` states, held by the subject of its verb of speech or
    stance; a "he" read as the one person it stands for cites the sentence naming them
    too. None when the sentence does not make its holder plain: no party is guessed
    from the first name or place it mentions."""
    sentence = article.sentence(sid)
    if sentence is None:
        return None
    spans = tuple((s.start, s.end) for s in article.sentences)
    reading = read_holder(article.text, spans, article.sentences.index(sentence))
    if reading.speaker is None:
        return None
    ids = [sid]
    if reading.sentence is not None:
        ids.insert(0, article.sentences[reading.sentence].id)
    return Position(party=reading.speaker, stance=trimmed(article, sid), sentence_ids=ids)
