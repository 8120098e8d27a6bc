"""Contradictions between the sources of a dossier, found by rules, without a model.

The pass compares what *different* used sources report about the same thing:

* numbers bound to the same measure (killed, injured, arrested ..., a count of troops or
  votes, an amount of money, a percentage) in sentences about the same event;
* who claimed or is said to be behind an attack;
* who spoke the same quotation.

Every side quotes its own source's sentence (a verbatim piece of it), so the memo can show
the disagreement with the exact evidence, never resolve it. Precision comes first: two
sentences are about the same event only when their articles share many words, their event
nouns (bombing, earthquake, vote ...) do not differ, their names do not differ and they
share words beyond the measure itself; a number the other source also reports (as part of
a wider story) is not disputed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import combinations

from briefgen.grounding.attribution import attribute
from briefgen.grounding.claims import (
    CURRENCY_SIGNS,
    UNITS,
    WORD_SCALES,
    read_claim,
    read_quantities,
    word_number,
)
from briefgen.ingest.article import Article, Sentence, sentence_order, source_of
from briefgen.ingest.dossier import Dossier
from briefgen.memo.items import Contradiction, Side
from briefgen.text.lexicon import MONTHS, STOPWORDS, WEEKDAYS
from briefgen.text.names import name_tokens, same_actor
from briefgen.text.normalise import fold_text
from briefgen.text.quotations import quotations
from briefgen.text.words import stem, words

# --- measures -------------------------------------------------------------------------

# A word (folded token) and the measure it names.
_CASUALTY_WORDS: dict[str, str] = {}
for _measure, _words in {
    "killed": "killed kill kills killing dead died die dies deaths death fatalities toll",
    "injured": "injured injuring injuries wounded wounding hurt",
    "missing": "missing",
    "arrested": "arrested arresting arrests detained detaining detentions",
    "displaced": "displaced homeless",
    "evacuated": "evacuated evacuating evacuees",
}.items():
    for _word in _words.split():
        _CASUALTY_WORDS[_word] = _measure
_TOPIC = {
    "killed": "number killed",
    "injured": "number injured",
    "missing": "number missing",
    "arrested": "number arrested",
    "displaced": "number displaced",
    "evacuated": "number evacuated",
    "percent": "percentage",
}
# Who a casualty count is of. Counts of different groups (soldiers, civilians) are parts,
# not rival totals; "people" and no noun at all are the same, general count.
_GENERIC_SUBJECTS = frozenset({"", "people", "persons", "person", "others"})
_SUBJECTS = _GENERIC_SUBJECTS | frozenset(
    """
    civilians soldiers troops police policemen officers children women men students workers
    militants fighters attackers insurgents rebels protesters demonstrators passengers
    tourists pilgrims worshippers residents villagers miners migrants refugees prisoners
    suspects guards guests members staff employees crew
    """.split()
)
# Between a number and the casualty word after it ("12 people have been killed").
_BEFORE_MEASURE = _SUBJECTS | frozenset(
    "more other were was have has had been are is being reportedly also confirmed now all "
    "further additional".split()
)
# Between a casualty word and the number after it ("killing at least 12").
_AFTER_MEASURE = frozenset(
    "at least more than some about around nearly almost approximately roughly an estimated "
    "the another over up to rose risen reached stood stands has have had now climbed "
    "increased jumped is was of further as many hit topped".split()
)
# Nouns a number counts ("5,000 troops"): the noun is the measure.
_COUNT_NOUNS = frozenset(
    """
    troops soldiers police officers protesters demonstrators votes seats delegates refugees
    migrants hostages prisoners passengers people residents workers jobs members lawmakers
    ballots voters
    """.split()
)
_MONEY_UNITS = frozenset({"dollar", "pound", "euro", "yen", "yuan", "rupee"})
_UNIT_WORDS = frozenset(UNITS) | WORD_SCALES
_LOWER_BOUND = {("at", "least"): "at least", ("more", "than"): "more than", ("over",): "over"}
_APPROXIMATE = frozenset(
    "about around some nearly almost approximately roughly estimated up".split()
)
# A number in this company is part of a larger count or of the past, not a rival total.
_PART_OF = frozenset({"including", "among", "whom", "them"})
# Casualty words that take no object: a number after them is an age or a time ("died at 85").
_NO_OBJECT = frozenset({"die", "died", "dies", "dead", "hurt", "missing", "homeless"})
# "below $28", "$39 a barrel": a threshold or a price per unit moves with the day, it is
# not one event's figure.
_INEQUALITY = frozenset({"below", "above", "under", "beneath", "exceeding"})
_RATE = frozenset({"a", "an", "per", "each"})
_BACKGROUND = frozenset(
    "last previous ago since anniversary former past earlier history decade decades".split()
)
# Wording that says a number has changed since an earlier report.
_CHANGE = frozenset(
    "rose risen rise rises rising climbed climbs climbing increased increases jumped grew "
    "updated revised".split()
)
# "new toll", "latest figure": said of the number itself.
_FRESH = frozenset({"new", "latest", "updated", "revised"})
_COUNT_WORDS = frozenset({"toll", "figure", "figures", "count", "tally"})
# Words that say a count changed in either direction (others only say it rose).
_REVISED = frozenset({"revised", "updated", "new", "latest"})
_CLAUSE_BREAK = frozenset('.;:!?()"') | {"but", "while", "whereas", "although", "though"}

# Event nouns, grouped so that "bombing" and "blast" are one kind of event and "vote" and
# "earthquake" are not.
_EVENT_GROUPS: dict[str, str] = {}
for _group, _words in {
    "violence": "attack attacks attacked bomb bombs bombing bombings bomber bombers blast "
    "blasts explosion explosions exploded suicide raid raids ambush shooting shootings "
    "gunmen gunman gunfire shelling airstrike airstrikes strike strikes assault massacre",
    "quake": "earthquake earthquakes quake quakes tremor tremors aftershock",
    "flood": "flood floods flooding flooded",
    "storm": "storm storms hurricane typhoon cyclone tornado",
    "fire": "fire fires blaze wildfire wildfires",
    "crash": "crash crashes crashed collision derailed derailment",
    "vote": "vote votes voted voting ballot referendum election elections poll polls",
    "protest": "protest protests protesters demonstration demonstrations rally riot riots clashes",
    "collapse": "collapse collapsed",
    "landslide": "landslide landslides mudslide",
    "outbreak": "outbreak epidemic",
}.items():
    for _word in _words.split():
        _EVENT_GROUPS[_word] = _group
# Words too common in news to show that two sentences are about one thing.
_GENERIC = frozenset(
    """
    people official officials police report reports reported year years day days time week
    tuesday monday wednesday thursday friday saturday sunday today yesterday news local
    government statement told added least more people's including number city area new
    last now out around part cent percent per rise fall expect according
    """.split()
)
_GENERIC_STEMS = _GENERIC | frozenset(stem(w) for w in _GENERIC)
# Share of the smaller article's distinctive words the other must use for the two to be
# read as reports of the same story: 38 of the 27,495 pairs of unrelated CNN/DailyMail
# articles of the development corpus share this much; reports of one event share more.
RELATED = 0.2
_MIN_QUOTE_WORDS = 5


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    values: frozenset[str]
    value: float
    unit: str | None


@dataclass(frozen=True)
class _Fact:
    """A number one source binds to a measure in one sentence."""

    sentence: Sentence
    measure: str
    number: _Number
    bound: str  # "", "at least", "more than", "over", "about"
    subject: str
    measure_token: int
    tokens: tuple[str, ...]
    local: frozenset[str]

    @property
    def source(self) -> int:
        return source_of(self.sentence.id)

    @property
    def number_text(self) -> str:
        return " ".join(self.tokens[self.number.start : self.number.end])

    @property
    def changed(self) -> bool:
        """Whether the sentence says its number changed ("has risen to", "the new toll")."""
        tokens = self.tokens
        return any(
            t in _CHANGE
            or (t == "has" and "now" in tokens[i + 1 : i + 3])
            or (t in _FRESH and _COUNT_WORDS & set(tokens[i + 1 : i + 4]))
            for i, t in enumerate(tokens)
        )


@dataclass(frozen=True)
class _Responsibility:
    sentence: Sentence
    actor: str
    how: str  # "claimed", "behind" or "blamed"
    span: tuple[int, int]  # of the actor and verb inside the sentence text


@dataclass(frozen=True)
class _Said:
    sentence: Sentence
    quote: str
    folded: str
    speaker: str


def find_conflicts(dossier: Dossier) -> list[Contradiction]:
    """Contradictions between different used sources of ``dossier``, found by rules.

    One ``Contradiction(found_by="rules")`` per disputed point and pair of sources; each
    side cites one source's sentence (``A<n>:S<m>``) and its claim is a verbatim piece of
    that sentence. ``kind`` is "update" when the later source (by ``published``) says its
    number changed; sides are then in publication order."""
    used = [s.number for s in dossier.used if s.number in dossier.members]
    if len(used) < 2:
        return []
    by_source = _by_source(dossier.article, used)
    related = _related_pairs(by_source)
    if not related:
        return []
    # Only sources that have a related source are read further.
    involved = {n for pair in related for n in pair}
    by_source = {n: sentences for n, sentences in by_source.items() if n in involved}
    published = {s.number: s.published for s in dossier.sources}
    found: list[Contradiction] = []
    found += _number_conflicts(dossier.article.text, by_source, related, published)
    found += _responsibility_conflicts(by_source, related)
    found += _quote_conflicts(dossier, related)
    return found


# --- what two articles and two sentences share -----------------------------------------


def same_story_pairs(article: Article) -> set[tuple[int, int]]:
    """Pairs (a, b), a < b, of the sources of a dossier's joined ``article`` that report
    the same story: the smaller's distinctive words are found in the other (RELATED)."""
    numbers = sorted({source_of(s.id) for s in article.sentences} - {0})
    return _related_pairs(_by_source(article, numbers))


def _by_source(article: Article, numbers: list[int]) -> dict[int, list[Sentence]]:
    by_source: dict[int, list[Sentence]] = defaultdict(list)
    wanted = set(numbers)
    for sentence in article.sentences:
        number = source_of(sentence.id)
        if number in wanted:
            by_source[number].append(sentence)
    return by_source


def _related_pairs(by_source: dict[int, list[Sentence]]) -> set[tuple[int, int]]:
    vocab = {n: _vocabulary(sentences) for n, sentences in by_source.items()}
    return {
        (a, b) for a, b in combinations(sorted(vocab), 2) if _related(vocab[a], vocab[b]) >= RELATED
    }


def _distinctive(text: str) -> frozenset[str]:
    # read_claim is cached: every sentence is read once for all the pairs it is in.
    return read_claim(text).stems - _GENERIC_STEMS


def _vocabulary(sentences: list[Sentence]) -> frozenset[str]:
    found: set[str] = set()
    for sentence in sentences:
        found |= _distinctive(sentence.text)
    return frozenset(found)


def _related(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _events(tokens: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_EVENT_GROUPS[t] for t in tokens if t in _EVENT_GROUPS)


@dataclass(frozen=True)
class _Context:
    """The event kinds and names a sentence is about, each read from the sentence before
    when the sentence has none ("A bomb went off in Kabul. Twelve people died.")."""

    events: frozenset[str]
    names: frozenset[str]
    previous_names: frozenset[str]

    def names_without(self, drop: frozenset[str]) -> frozenset[str]:
        return (self.names - drop) or (self.previous_names - drop)


def _contexts(sentences: list[Sentence]) -> dict[str, _Context]:
    context: dict[str, _Context] = {}
    events: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    for sentence in sentences:
        claim = read_claim(sentence.text)
        own_events, own_names = _events(claim.tokens), claim.names
        context[sentence.id] = _Context(own_events or events, own_names, names)
        events, names = own_events, own_names
    return context


_MEASURE_WORDS = frozenset(stem(w) for w in (*_CASUALTY_WORDS, *_COUNT_NOUNS, *_EVENT_GROUPS))


def _same_event(
    a: Sentence, b: Sentence, context: dict[str, _Context], drop: frozenset[str] = frozenset()
) -> int | None:
    """How strongly two sentences are about one event (None: not the same). ``drop``: names
    that differ by the nature of the dispute (the rival claimants)."""
    ca, cb = context[a.id], context[b.id]
    if ca.events and cb.events and not ca.events & cb.events:
        return None
    names_a, names_b = ca.names_without(drop), cb.names_without(drop)
    if names_a and names_b and not names_a & names_b:
        return None  # different places or actors
    shared = (_distinctive(a.text) & _distinctive(b.text)) - _MEASURE_WORDS - drop
    shared_events = len(ca.events & cb.events)
    if not shared_events and len(shared) < 2:
        return None
    return len(shared) + 2 * shared_events + 2 * len(names_a & names_b)


# --- numbers ---------------------------------------------------------------------------


def _numbers(tokens: tuple[str, ...]) -> list[_Number]:
    """Every number of a tokenised sentence with its token span (as claims reads it)."""
    found: list[_Number] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        starts = (
            token[:1].isdigit()
            or word_number(token) is not None
            or (token in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1] in WORD_SCALES)
        )
        if not starts or re.fullmatch(r"\d+(?:st|nd|rd|th|s)", token):
            i += 1
            continue
        if token.isdigit() and i + 1 < len(tokens) and re.fullmatch(r"\d{3}", tokens[i + 1]):
            # "5, 000" in tokenised text: one number split in two, read neither half.
            i += 2
            continue
        lead = 1 if i > 0 and tokens[i - 1] in CURRENCY_SIGNS else 0
        parsed = read_quantities(list(tokens[i - lead : i + 6]))
        if not parsed or parsed[0].text.split()[0] != token:
            i += 1
            continue
        quantity = parsed[0]
        end = i + len(quantity.text.split())
        value = max(float(v) for v in quantity.values)
        found.append(_Number(i, end, quantity.values, value, quantity.unit))
        i = end
    return found


def _is_year_or_date(tokens: tuple[str, ...], number: _Number) -> bool:
    text = tokens[number.start]
    if re.fullmatch(r"1[89]\d\d|20\d\d", text) and number.end == number.start + 1:
        return True
    near = tokens[max(0, number.start - 1) : number.end + 1]
    return any(t in MONTHS and t != "may" for t in near)


def _bound(tokens: tuple[str, ...], number: _Number) -> str:
    before = tokens[max(0, number.start - 2) : number.start]
    for bound_words, name in _LOWER_BOUND.items():
        if tuple(before[-len(bound_words) :]) == bound_words:
            return name
    if tokens[number.end : number.end + 2] == ("or", "more"):
        return "at least"
    if any(t in _APPROXIMATE for t in before):
        return "about"
    return ""


def _in_background(tokens: tuple[str, ...], number: _Number) -> bool:
    near = tokens[max(0, number.start - 6) : number.end + 6]
    return any(t in _BACKGROUND or re.fullmatch(r"1[89]\d\d|20\d\d", t) for t in near)


def _facts(sentence: Sentence, next_text: str) -> list[_Fact]:
    """The numbers of a sentence bound to a measure; ``next_text`` is what follows it in
    the article (a next sentence opening with a digit means the split cut a number)."""
    claim = read_claim(sentence.text)
    if not claim.quantities:
        return []  # most sentences: nothing to read
    tokens = claim.tokens
    found = _numbers(tokens)
    if (
        found
        and next_text.lstrip()[:1].isdigit()
        and all(t == "." for t in tokens[found[-1].end :])
    ):
        found.pop()  # "$ 1." + "5 million": a decimal the sentence split broke
    # "Ahmed Khan, 25, died": an age between commas, not a count.
    ages = set(re.findall(r"(?:^|,)\s*(\d{1,3})\s*,", sentence.text))
    numbers = [
        n
        for n in found
        if not _is_year_or_date(tokens, n)
        and not _in_background(tokens, n)
        and not (n.start > 0 and tokens[n.start - 1] in _PART_OF | _INEQUALITY)
        and not (n.start > 1 and tokens[n.start - 2] in {"including", "among"})
        and not (n.end == n.start + 1 and tokens[n.start] in ages)
        and not (n.end < len(tokens) and tokens[n.end] in _RATE)
        and tokens[n.end : n.end + 2] not in (("of", "them"), ("of", "the"), ("of", "those"))
    ]
    if not numbers:
        return []
    bound: dict[int, tuple[str, int, str]] = {}  # number index -> (measure, at, subject)
    taken: set[int] = set()
    # A number before its casualty word binds first ("12 killed and 30 injured").
    for at, token in enumerate(tokens):
        measure = _CASUALTY_WORDS.get(token)
        if measure is None or token == "toll":
            continue
        for index, number in enumerate(numbers):
            between = tokens[number.end : at]
            if (
                number.end <= at
                and len(between) <= 4
                and all(t in _BEFORE_MEASURE for t in between)
            ):
                if index not in bound and number.unit is None:
                    subject = next((t for t in between if t in _SUBJECTS), "")
                    bound[index] = (measure, at, subject)
                    taken.add(at)
                break
    # Then a casualty word before its number ("killing at least 12", "the toll rose to 19").
    for at, token in enumerate(tokens):
        measure = _CASUALTY_WORDS.get(token)
        if measure is None or at in taken or token in _NO_OBJECT:
            continue
        width = 8 if token == "toll" else 4
        for index, number in enumerate(numbers):
            if number.start <= at:
                continue
            between = tokens[at + 1 : number.start]
            if len(between) > width or any(t in _CLAUSE_BREAK for t in between):
                break
            ok = token == "toll" or all(t in _AFTER_MEASURE for t in between)
            if ok and index not in bound and number.unit is None:
                after = tokens[number.end] if number.end < len(tokens) else ""
                bound[index] = (measure, at, after if after in _SUBJECTS else "")
            break
    facts: list[_Fact] = []
    for index, number in enumerate(numbers):
        measure_token = -1
        subject = ""
        if index in bound:
            measure, measure_token, subject = bound[index]
        elif number.unit == "percent":
            measure = "percent"
        elif number.unit in _MONEY_UNITS:
            measure = f"money:{number.unit}"
        elif number.unit is None and number.end < len(tokens):
            noun = tokens[number.end]
            if noun not in _COUNT_NOUNS and number.end + 1 < len(tokens) and _modifier(noun):
                noun = tokens[number.end + 1]  # "5,000 US troops", "300 more police"
            if noun not in _COUNT_NOUNS:
                continue
            measure = f"count:{stem(noun)}"
        else:
            continue
        local = _local(tokens, number)
        facts.append(
            _Fact(
                sentence,
                measure,
                number,
                _bound(tokens, number),
                subject if subject not in _GENERIC_SUBJECTS else "",
                measure_token,
                tokens,
                local,
            )
        )
    return facts


def _modifier(token: str) -> bool:
    """A word that may stand between a number and what it counts without making it a count
    of something else ("two parliamentary votes" are ballots held, not a tally)."""
    return len(token) <= 3 or token in {"more", "additional", "extra", "foreign"}


def _local(tokens: tuple[str, ...], number: _Number) -> frozenset[str]:
    """Distinctive words next to a number inside its clause: what it is a number of."""
    found: set[str] = set()
    for step, edge in ((-1, number.start - 1), (1, number.end)):
        at, seen = edge, 0
        while 0 <= at < len(tokens) and seen < 3 and tokens[at] not in _CLAUSE_BREAK:
            token = tokens[at]
            if (
                token[0].isalpha()
                and token not in STOPWORDS
                and token not in _GENERIC
                and token not in _CHANGE
                and token not in _UNIT_WORDS
            ):
                found.add(stem(token))
                seen += 1
            at += step
    return frozenset(found)


def _agree(a: _Fact, b: _Fact) -> bool:
    if a.number.values & b.number.values:
        return True
    if "about" in (a.bound, b.bound):
        high = max(a.number.value, b.number.value)
        return abs(a.number.value - b.number.value) <= 0.1 * high
    return False


def _number_conflicts(
    text: str,
    by_source: dict[int, list[Sentence]],
    related: set[tuple[int, int]],
    published: dict[int, str | None],
) -> list[Contradiction]:
    facts: dict[int, list[_Fact]] = {}
    context: dict[str, _Context] = {}
    index: dict[str, dict[int, list[_Fact]]] = defaultdict(lambda: defaultdict(list))
    for number, sentences in by_source.items():
        context.update(_contexts(sentences))
        facts[number] = [f for s in sentences for f in _facts(s, text[s.end : s.end + 4])]
        for fact in facts[number]:
            index[fact.measure][number].append(fact)
    found: list[Contradiction] = []
    for measure, per_source in index.items():
        for a, b in combinations(sorted(per_source), 2):
            if (a, b) not in related:
                continue
            best: tuple[int, _Fact, _Fact] | None = None
            for fa in per_source[a]:
                for fb in per_source[b]:
                    pair = _disputed(fa, fb, per_source, context)
                    if pair is not None and (best is None or pair > best[0]):
                        best = (pair, fa, fb)
            if best is not None:
                # The later article may say the count changed in another sentence.
                says = {n for n, told in per_source.items() if any(f.changed for f in told)}
                found.append(_number_contradiction(measure, best[1], best[2], published, says))
    return found


def _disputed(
    fa: _Fact,
    fb: _Fact,
    per_source: dict[int, list[_Fact]],
    context: dict[str, _Context],
) -> int | None:
    """How well two facts of one measure match as rival values (None: no dispute)."""
    if fa.subject != fb.subject or _agree(fa, fb):
        return None
    strength = _same_event(fa.sentence, fb.sentence, context)
    if strength is None:
        return None
    # A count, an amount or a share: of what must be the same, not only the event; an
    # amount or a share is of many things in one story, so two words must say which.
    of_what = fa.local & fb.local - {fa.measure.partition(":")[2]}
    needed = 1 if fa.measure.startswith("count:") else 2
    if (fa.measure not in _TOPIC or fa.measure == "percent") and len(of_what) < needed:
        return None
    # A value the other source also gives is not disputed: the two report several figures.
    for mine, theirs in ((fa, fb), (fb, fa)):
        echoed = any(
            _agree(mine, other) and other.subject == mine.subject
            for other in per_source[theirs.source]
        )
        if echoed and not theirs.changed:
            return None
    return strength


def _number_contradiction(
    measure: str,
    fa: _Fact,
    fb: _Fact,
    published: dict[int, str | None],
    says_changed: set[int],
) -> Contradiction:
    first, second = fa, fb
    kind: str = "conflict"
    note: str | None = None
    times = _time(published.get(fa.source)), _time(published.get(fb.source))
    if times[0] is not None and times[1] is not None and times[0] != times[1]:
        if times[1] < times[0]:
            first, second = fb, fa
        rising = second.number.value > first.number.value
        changed = second.changed or second.source in says_changed
        if changed and (rising or _REVISED & set(second.tokens)):
            kind = "update"
            note = (
                f"A{second.source} (published {published[second.source]}) reports a "
                f"later count than A{first.source} (published {published[first.source]})"
            )
    if kind == "conflict":
        low, high = sorted((fa, fb), key=lambda f: f.number.value)
        if low.bound in ("at least", "more than", "over"):
            note = (
                f"A{low.source} gives {low.bound} {low.number_text}, a lower bound that "
                f"A{high.source}'s {high.number_text} does not contradict"
            )
    return _contradiction(
        _topic(measure, fa),
        [(first.sentence, _number_claim(first)), (second.sentence, _number_claim(second))],
        kind,
        note,
    )


def _topic(measure: str, fact: _Fact) -> str:
    if measure in _TOPIC:
        return _TOPIC[measure]
    if measure.startswith("money:"):
        return "amount of money"
    return f"number of {_plain_noun(fact)}"


def _plain_noun(fact: _Fact) -> str:
    after = fact.tokens[fact.number.end : fact.number.end + 2]
    return next((t for t in after if t in _COUNT_NOUNS), after[0] if after else "")


def _number_claim(fact: _Fact) -> str:
    """The clause of the fact's sentence that holds its number and measure word, verbatim."""
    text = fact.sentence.text
    spans = [_find(text, fact.tokens[fact.number.start : fact.number.end])]
    if fact.measure_token >= 0:
        spans.append(_find(text, fact.tokens[fact.measure_token : fact.measure_token + 1]))
    located = [s for s in spans if s is not None]
    if not located:
        return text
    return _clause(text, min(s[0] for s in located), max(s[1] for s in located))


def _find(text: str, tokens: tuple[str, ...]) -> tuple[int, int] | None:
    if not tokens:
        return None
    pattern = r"(?<![^\W_])" + r"\W{0,3}".join(re.escape(t) for t in tokens) + r"(?![^\W_])"
    match = re.search(pattern, text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


_CLAUSE_EDGE = re.compile(r"[,;:()—–]\s|\s[—–]\s")


def _clause(text: str, start: int, end: int) -> str:
    """The comma-delimited stretch of ``text`` around ``start:end``, or all of it when that
    stretch is too short to read alone."""
    left = 0
    for edge in _CLAUSE_EDGE.finditer(text):
        if edge.end() <= start:
            left = edge.end()
        elif edge.start() >= end:
            piece = text[left : edge.start()].strip()
            break
    else:
        piece = text[left:].strip()
    piece = piece.rstrip(" .,;:")
    return piece if len(piece.split()) >= 4 else text.strip()


# --- responsibility ----------------------------------------------------------------------

_LINKS = r"al|ul|el|of|bin|ibn|abu|i|e"
_ACTOR = (
    r"((?:[A-Z][\w'’-]*|the|" + _LINKS + r")(?:[\s-]+(?:[A-Z][\w'’-]*|and|" + _LINKS + r"))*),?"
)
# "The Islamic State group claimed": the kind of actor after its name is not part of it.
_KIND = r"(?:\s+(?:group|militants|militia|movement|network|faction|rebels|fighters))?"
_CLAIMED = re.compile(
    _ACTOR + _KIND + r"\s+(?:has\s+|have\s+|had\s+)?(?:claimed|claims|claiming)\s+"
    r"(?:responsibility|credit|(?:the\s+)?(?:attacks?|bombings?|blasts?|killings?|assault|raid|"
    r"shooting|kidnapping))\b"
    r"|" + _ACTOR + _KIND + r"\s+(?:has\s+|have\s+)?said\s+(?:it|they)\s+(?:had\s+)?"
    r"(?:carried\s+out|was\s+behind|were\s+behind|staged|launched)\b"
    r"|" + _ACTOR + r"\s+(?:was|were|is|are)\s+behind\s+the\b"
)
_RESPONSIBILITY_HINT = re.compile(r"claim|behind|carried out|staged|launched|blamed")
_BLAMED = re.compile(r"\bblamed\s+(?:the\s+)?" + _ACTOR + r"\s+for\b")
_NOT_ACTORS = frozenset(
    "no none nobody it they he she we this that the a an officials police authorities".split()
)
# Words that name the kind of a group, not which group ("Islamic State", "Islamic Jihad").
_GROUP_WORDS = frozenset(
    "group state front army movement brigade brigades islamic national liberation party "
    "militants militant the of al el bin and people's popular forces".split()
)


_OPENERS = STOPWORDS | WEEKDAYS | MONTHS | {"later", "earlier", "meanwhile", "separately"}


def _actor(raw: str) -> str | None:
    words = raw.split()
    # A sentence's first word is capitalised whatever it is ("Later Hamas claimed").
    while len(words) > 1 and (words[0].lower() in _OPENERS or words[0].endswith("ly")):
        words.pop(0)
    if not words or words[0].lower() in _NOT_ACTORS or not words[0][:1].isupper():
        return None
    if len(words) == 1 and words[0].lower().endswith(("ist", "ists", "ian", "ish", "ese", "ic")):
        return None  # "The Islamist group": what kind of group, not which
    return " ".join(words)


def _responsibilities(sentence: Sentence) -> list[_Responsibility]:
    found: list[_Responsibility] = []
    text = sentence.text
    if not _RESPONSIBILITY_HINT.search(text):
        return found  # spare the actor patterns most sentences
    for match in _CLAIMED.finditer(text):
        which, raw = next((i, g) for i, g in enumerate(match.groups()) if g is not None)
        negated = re.search(
            r"\b(?:not|no|never|denied|deny|denies)\b",
            text[max(0, match.start() - 20) : match.end()],
        )
        actor = _actor(raw)
        if actor and not negated:
            how = "claimed" if which < 2 else "behind"  # "X was behind" is said of X
            found.append(_Responsibility(sentence, actor, how, (match.start(), match.end())))
    for match in _BLAMED.finditer(text):
        actor = _actor(match.group(1))
        if actor:
            found.append(_Responsibility(sentence, actor, "blamed", (match.start(), match.end())))
    return found


def _name_stems(name: str) -> set[str]:
    # Every word, titles too: "State" in "Islamic State" is a name here, not an office.
    return {stem(w.removesuffix("'s")) for w in words(name)}


def _compatible_actors(a: str, b: str) -> bool:
    """Whether two names may be one actor: the same actor, one the other's acronym, or a
    distinctive word in common ("Pakistani Taliban", "Tehrik-i-Taliban Pakistan")."""
    if same_actor(a, b):
        return True
    ta = {t for t in name_tokens(a) if t not in _GROUP_WORDS}
    tb = {t for t in name_tokens(b) if t not in _GROUP_WORDS}
    if {stem(t) for t in ta} & {stem(t) for t in tb}:
        return True
    for short, long in ((a, b), (b, a)):
        parts = re.findall(r"[A-Za-z]+", long)
        if len(parts) == 1 and parts[0].isupper():
            letters = parts[0]  # an acronym itself
        else:
            letters = "".join(w[0] for w in parts if w[0].isupper())
        bare = re.sub(r"[^A-Za-z]", "", short)
        # "IS" and "ISIS": an acronym may spell more of the name than the text gives.
        if (
            bare.isupper()
            and len(bare) >= 2
            and len(letters) >= 2
            and (letters.startswith(bare) or bare.startswith(letters))
        ):
            return True
    return False


def _responsibility_conflicts(
    by_source: dict[int, list[Sentence]], related: set[tuple[int, int]]
) -> list[Contradiction]:
    claims = {
        n: [r for s in sentences for r in _responsibilities(s)]
        for n, sentences in by_source.items()
    }
    context: dict[str, _Context] = {}
    for sentences in by_source.values():
        context.update(_contexts(sentences))
    found: list[Contradiction] = []
    for a, b in sorted(related):
        best: tuple[_Responsibility, _Responsibility] | None = None
        for ra in claims.get(a, []):
            for rb in claims.get(b, []):
                if _compatible_actors(ra.actor, rb.actor):
                    continue
                rivals = frozenset(_name_stems(ra.actor) | _name_stems(rb.actor))
                if _same_event(ra.sentence, rb.sentence, context, rivals) is None:
                    continue
                # A source naming both actors already reports the dispute (or two claims).
                if any(_compatible_actors(rb.actor, r.actor) for r in claims[a]) or any(
                    _compatible_actors(ra.actor, r.actor) for r in claims[b]
                ):
                    continue
                best = (ra, rb)
                break
            if best:
                break
        if best is None:
            continue
        ra, rb = best
        topic = (
            "who claimed the attack"
            if ra.how == rb.how == "claimed"
            else "who carried out the attack"
        )
        found.append(
            _contradiction(
                topic,
                [(r.sentence, _clause(r.sentence.text, *r.span)) for r in best],
                "conflict",
                None,
            )
        )
    return found


# --- quotations --------------------------------------------------------------------------


def _said(dossier: Dossier, number: int) -> list[_Said]:
    member = dossier.members[number]
    found: list[_Said] = []
    for start, end in quotations(member.text):
        quote = member.text[start:end]
        if len(quote.split()) < _MIN_QUOTE_WORDS:
            continue  # scare quotes and titles, not statements
        speaker = attribute(member, start, end).speaker
        sentence = member.sentence_at(start)
        if speaker is None or sentence is None or not _named(speaker):
            continue
        joined = dossier.article.sentence(f"A{number}:{sentence.id}")
        if joined is None:
            continue
        folded = " ".join(re.findall(r"\w+", fold_text(quote)))
        found.append(_Said(joined, quote, folded, speaker))
    return found


def _named(speaker: str) -> bool:
    """A speaker given by name ("Khawaja Asif"), not a description ("an official")."""
    first = speaker.split(maxsplit=1)[0].lower()
    if first in {"a", "an", "one", "another", "two", "three", "several", "some"}:
        return False
    return any(w[:1].isupper() for w in speaker.split() if w.lower() not in STOPWORDS)


def _same_words(a: _Said, b: _Said) -> bool:
    shorter, longer = sorted((a.folded, b.folded), key=len)
    return len(shorter.split()) >= _MIN_QUOTE_WORDS and f" {shorter} " in f" {longer} "


def _quote_conflicts(dossier: Dossier, related: set[tuple[int, int]]) -> list[Contradiction]:
    sources = sorted({n for pair in related for n in pair})
    said = {n: _said(dossier, n) for n in sources}
    found: list[Contradiction] = []
    seen: set[tuple[int, int, str]] = set()
    for a, b in sorted(related):
        for qa in said[a]:
            for qb in said[b]:
                if not _same_words(qa, qb) or _compatible_actors(qa.speaker, qb.speaker):
                    continue
                # A source that also gives the other speaker these words is not disputing.
                if any(
                    _same_words(qa, other) and _compatible_actors(qa.speaker, other.speaker)
                    for other in said[b]
                ) or any(
                    _same_words(qb, other) and _compatible_actors(qb.speaker, other.speaker)
                    for other in said[a]
                ):
                    continue
                shorter = qa if len(qa.folded) <= len(qb.folded) else qb
                if (a, b, shorter.folded) in seen:
                    continue
                seen.add((a, b, shorter.folded))
                quoted = shorter.quote.split()
                shown = " ".join(quoted[:8]) + ("…" if len(quoted) > 8 else "")
                found.append(
                    _contradiction(
                        f"who said: “{shown}”",
                        [(q.sentence, q.sentence.text.strip()) for q in (qa, qb)],
                        "conflict",
                        None,
                    )
                )
    return found


# --- assembling ----------------------------------------------------------------------


def _contradiction(
    topic: str, sides: list[tuple[Sentence, str]], kind: str, note: str | None
) -> Contradiction:
    ids = sorted({s.id for s, _ in sides}, key=sentence_order)
    return Contradiction(
        topic=topic,
        sides=[Side(claim=claim, sentence_ids=[s.id]) for s, claim in sides],
        kind="update" if kind == "update" else "conflict",
        found_by="rules",
        note=note,
        sentence_ids=ids,
    )


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    # Compare all times as naive UTC: a time without a zone is read as UTC.
    return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed
