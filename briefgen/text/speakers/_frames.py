"""Said-clauses that reach past the words right next to a quotation, in a language read
by its patterns (``_patterns``). Each is a word order of news in many languages:

- the two parts of a quotation a said-clause interrupts are both its speaker's: "„A“,
  sagte X, „B“", "« A », a déclaré X, « B »", "«A», — сказал X, — «B»";
- a short aside in parentheses after a word is read past: "Angela Merkel (CDU) sagte:
  „…“", "a déclaré Marine Le Pen (RN)";
- a said-clause inside the quotation's own marks, between commas or dashes: "« A,
  a-t-il dit, B »", "«A —dijo Sánchez—. B»";
- a list of quotations shares the said-clause after the last one: "« A », « B », selon
  X" / "„A“, „B“, sagte X";
- a said-clause that closes the sentence after a comma belongs to a quotation inside the
  reported words before it: "Er wolle „…“ sorgen, antwortete der Politiker.";
- a said-clause that opens the sentence, up to its first comma, gives the one quotation
  in the reported words after it: "Er argumentiert darin, Chefs seien „…“";
- a sentence introduces the quotation after it (the quotation its own sentence) with its
  one said-clause or according-to, wherever it stands: "Auf Nachfrage sagt Keuter, er
  ... . „…“", "So viel dürften laut Ulrich Müller ... gekostet haben. „…“", or when it
  is a subject and a verb of speech only ("Die Richter schreiben" ¶ "„…“");
- a subject and a verb of speech right before a quotation, with no mark: "Die Richter
  schreiben „…“";
- a German verb whose particle ends the clause: "Das Gericht stellt dazu fest: „…“",
  "„…“, stellte das Gericht fest", "„…“, ließ der Minister wissen";
- a subject before an apposition or a relative clause between commas: "Anna Weber,
  Chefin der Behörde, sagte: „…“";
- in German, the subject of a perfect tense opens its clause before the auxiliary, or
  follows it after an opening adverb: "Bendels hatte ... gesagt, dass „…“", "Am Montag
  hat X gesagt: „…“".

Each gives a speaker only when the clause reads one plainly; otherwise nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from briefgen.text.languages import Speech, lexicon
from briefgen.text.speakers._clauses import Clause
from briefgen.text.speakers._phrases import Phrase
from briefgen.text.speakers._tokens import Token, name_link, tokenise


class Patterns(Protocol):
    """What these frames read with: ``_patterns.Patterns`` (which calls them)."""

    speech: Speech
    text: str

    def after_quote(self, region: Sequence[Token]) -> Clause | None: ...
    def before_quote(self, region: Sequence[Token]) -> Clause | None: ...
    def phrase(self, tokens: Sequence[Token]) -> Phrase | None: ...
    def according_at(self, tokens: Sequence[Token], n: int) -> int: ...
    def _verb(self, token: Token) -> bool: ...
    def _forward(self, tokens: Sequence[Token], start: int) -> Phrase | None: ...
    def _adverbial(self, opening: Sequence[Token]) -> bool: ...
    def _skip(self, tokens: Sequence[Token], i: int) -> int: ...
    def _role(self, token: Token) -> bool: ...


_ENDS = frozenset({".", "!", "?", "…", ";"})
_MAX_ASIDE = 4
_MAX_GAP = 2
_INCISE = frozenset({",", "—", "–"})
_MAX_INCISE = 6
_MAX_SUBJECT_WORDS = 7  # as a speaker's phrase (_patterns)
_MARKS = frozenset({",", "—", "–"})
_MAX_SUBJECT = 6


def listed(patterns: Patterns, tokens: Sequence[Token], q: int) -> Clause | None:
    """The said-clause after the last of a list of quotations ``tokens[q]`` opens: only
    commas or a conjunction between them ("« A », « B » selon X")."""
    speech = patterns.speech
    n = q
    while True:
        following = next((m for m in range(n + 1, len(tokens)) if tokens[m].kind == "quote"), None)
        if following is None:
            break
        gap = tokens[n + 1 : following]
        if not gap or not all(t.text == "," or t.bare in speech.conjunctions for t in gap):
            break
        n = following
    if n == q:
        return None
    end = next((m for m in range(n + 1, len(tokens)) if tokens[m].kind == "quote"), len(tokens))
    clause = patterns.after_quote(tokens[n + 1 : end])
    return clause if clause is not None and clause.phrase is not None else None


def without_asides(tokens: Sequence[Token], q: int = -1) -> tuple[list[Token], int]:
    """The sentence without the short asides in parentheses that follow a word (a party,
    an age: "Angela Merkel (CDU) sagte"), and where the quotation ``tokens[q]`` is then."""
    kept: list[Token] = []
    n, at = 0, -1
    while n < len(tokens):
        close = None
        if tokens[n].text == "(":  # looked for only at an opening: no walk per word
            close = next((m for m in range(n + 1, len(tokens)) if tokens[m].text == ")"), None)
        inside = tokens[n + 1 : close] if close is not None else []
        if (
            tokens[n].text == "("
            and kept
            and kept[-1].is_word
            and 0 < len(inside) <= _MAX_ASIDE
            and all(t.is_word for t in inside)
            and close is not None
        ):
            n = close + 1
            continue
        at = len(kept) if n == q else at
        kept.append(tokens[n])
        n += 1
    return kept, at


def beyond(
    patterns: Patterns, tokens: Sequence[Token], q: int, start: int, following: Sequence[Token]
) -> Clause | None:
    """The said-clause of ``tokens[q]`` read past the words right next to it, with
    ``start`` where the words after the quotation before it begin, and ``following``
    the words after it up to the next one."""
    return (
        interrupted(patterns, tokens, start, q)
        or listed(patterns, tokens, q)
        or closing(patterns, following)
        or opening(patterns, tokens, q)
        or incise(patterns, tokens[q])
    )


def incise(patterns: Patterns, quote: Token) -> Clause | None:
    """ "« A, a-t-il dit, B »", "«A —dijo Sánchez—. B»", "«A, — сказал он. — B»": a
    said-clause the quotation's own marks hold, between commas or dashes after its first
    words: a verb of speech and its speaker, nothing else, as after a quotation."""
    inner = tokenise(patterns.text, quote.start + 1, quote.end - 1, [], lexicon("en"))
    marks = [n for n, t in enumerate(inner) if t.text in _INCISE or t.text in _ENDS]
    for a, b in pairwise(marks):
        part = inner[a + 1 : b]
        if not a or inner[a].text not in _INCISE or not 0 < len(part) <= _MAX_INCISE:
            continue
        if any(not t.is_word for t in part):
            continue
        clause = patterns.after_quote(part)  # None without a verb of speech
        # Not an according-to: "« Les chiffres, selon le ministre, sont faux »" is another's.
        if clause is not None and clause.phrase is not None and clause.how == "said-clause":
            last = clause.phrase.tokens[-1]  # the speaker, or the verb, ends it: no run-on
            if last.start == part[-1].start or patterns._verb(part[-1]):
                return clause
    return None


def interrupted(patterns: Patterns, tokens: Sequence[Token], start: int, q: int) -> Clause | None:
    """ "„A“, sagte X, „B“": the said-clause between the two parts of one quotation,
    from the mark after A to the mark before B, is B's too; nothing else stands there."""
    region, speech = list(tokens[start:q]), patterns.speech
    if not start or tokens[start - 1].kind != "quote" or len(region) < 3:
        return None
    if region[0].text not in _MARKS or region[-1].text not in _MARKS:
        return None  # "„A“ und „B“", "„A“, sagte X. „B“": no interruption
    while region and region[-1].text in _MARKS:
        region.pop()
    clause = patterns.after_quote(region)
    if clause is None or clause.phrase is None:
        return None
    end = next(n for n, t in enumerate(region) if t.start == clause.phrase.tokens[-1].start)
    # After the speaker, only a listener that opens with an article (the speaker ends
    # before one) and the particle of its verb: "sagte X der Zeitung", "ließ X Y wissen".
    rest = region[end + 1 :]
    if rest and {(t.bare, rest[-1].bare) for t in region[:end]} & set(speech.particle_verbs):
        rest = rest[:-1]
    return clause if not rest or rest[0].bare in speech.determiners else None


def closing(patterns: Patterns, following: Sequence[Token]) -> Clause | None:
    """ "Er wolle „…“ sorgen, antwortete der Politiker.": after the reported words a
    comma, a verb of speech and its speaker, and the sentence ends."""
    comma = next((n for n, t in enumerate(following) if t.text == ","), None)
    if comma is None or any(t.kind == "quote" for t in following):
        return None
    tail = list(following[comma + 1 :])
    while tail and tail[-1].text in _ENDS:
        tail.pop()
    verb = next((t for t in tail if t.bare not in patterns.speech.auxiliaries), None)
    if verb is None or not patterns._verb(verb) or any(not t.is_word for t in tail):
        return None  # "…, a déclaré le ministre": the auxiliary before the verb
    clause = patterns.after_quote(tail)
    if clause is None or clause.phrase is None:
        return None
    last = clause.phrase.tokens[-1]
    return clause if last.start == tail[-1].start else None  # the speaker ends it


def opening(patterns: Patterns, tokens: Sequence[Token], q: int) -> Clause | None:
    """ "Nun schreibt das Gericht, man könne nicht von „…“ ausgehen.", "Le ministre a
    estimé que la situation était « … ».": the sentence's quotations inside the reported
    words after a said-clause that opens the sentence (up to its first comma or "that"),
    with no other verb of speech after it; several only a word or two apart ("dass „A“
    werde und „B“"), as one list of reported words."""
    complementisers = patterns.speech.complementisers
    comma = next(
        (n for n in range(q) if tokens[n].text == "," or tokens[n].bare in complementisers), None
    )
    quotes = [n for n, t in enumerate(tokens) if t.kind == "quote"]
    if comma is None or quotes[0] < comma:
        return None
    if any(b - a > _MAX_GAP + 1 for a, b in pairwise(quotes)):
        return None  # "X sagte, „A“, und dann erklärte Y „B“": B may be another's
    if any(patterns._verb(t) for t in tokens[comma + 1 :]):
        return None  # "X sagte, Y habe erklärt, „…“": Y's, not X's
    clause = patterns.before_quote(tokens[: comma + 1])
    return clause if clause is not None and clause.phrase is not None else None


def introduction(patterns: Patterns, tokens: Sequence[Token]) -> Clause | None:
    """The speaker a sentence with no quotation gives the quotation after it: its one
    said-clause between commas, its one according-to, or all of it a subject and a verb
    of speech ("Die Richter schreiben")."""
    words = list(tokens)
    while words and words[-1].text in _ENDS:
        words.pop()
    if not words:
        return None
    if patterns._verb(words[-1]) and len(words) - 1 <= _MAX_SUBJECT:
        found = patterns.phrase(words[:-1])
        if found is not None:
            return Clause(found, "said-clause")
    found_all: list[Phrase] = []
    commas = [-1] + [n for n, t in enumerate(words) if t.text == ","] + [len(words)]
    for a, b in pairwise(commas):
        part = words[a + 1 : b]
        if not any(patterns._verb(t) for t in part):
            continue
        if patterns._verb(part[0]):
            clause = patterns.after_quote(part)  # "..., sagt de Decker, wo ..."
        else:
            clause = patterns.before_quote([*part, words[b] if b < len(words) else words[a]])
        if clause is None or clause.phrase is None:
            return None  # someone says something there, and who is not plain
        found_all.append(clause.phrase)
    found_all.extend(_according(patterns, words))
    if len({p.text for p in found_all}) != 1:
        return None
    return Clause(found_all[0], "introduction")


def shared(patterns: Patterns, region: Sequence[Token]) -> Clause | None:
    """ "„A“, sagt X und greift die Bahn an: „B“": the said-clause of A goes on with
    "and" into a colon that introduces B; X speaks both."""
    if region and region[0].kind == "title":
        region = region[1:]  # "„Wir bleiben dabei“" is short enough to pass for a title
    if not region or region[0].text not in (",", "—", "–") or region[-1].text != ":":
        return None
    clause = patterns.after_quote(region[:-1])
    if clause is None or clause.phrase is None:
        return None
    end = clause.phrase.tokens[-1].start
    after = next(n for n, t in enumerate(region) if t.start == end) + 1
    if after >= len(region) or region[after].bare not in patterns.speech.conjunctions:
        return None
    return Clause(clause.phrase, "said-clause")


def adjacent(patterns: Patterns, region: Sequence[Token]) -> Clause | None:
    """ "Die Richter schreiben „…“": a subject and a verb of speech right before the
    quotation, with no mark, and nothing else before them in the sentence."""
    if not region or not patterns._verb(region[-1]):
        return None
    found = patterns.phrase(region[:-1])
    return Clause(found, "said-clause") if found is not None else None


def particle_verb(
    patterns: Patterns, region: Sequence[Token]
) -> tuple[int | None, Sequence[Token]]:
    """Where the verb of a German verb with its particle at the clause's end stands
    ("Das Gericht stellt dazu fest"), and the clause without the particle."""
    if not region or not region[-1].is_word:
        return None, region
    particle = region[-1].bare
    for n in range(len(region) - 2, -1, -1):
        if (region[n].bare, particle) in patterns.speech.particle_verbs:
            return n, region[:-1]
    return None, region


def without_particle(patterns: Patterns, region: Sequence[Token], verb: int) -> Sequence[Token]:
    """ "„…“, stellte das Gericht fest.": the clause after a quotation without the particle
    that ends it, when ``region[verb]`` is the verb it belongs to (the speaker between
    them ends the clause then); else the clause as it is."""
    end = next((n for n in range(verb + 1, len(region)) if _ends_clause(region, n)), len(region))
    if end - verb < 3 or (region[verb].bare, region[end - 1].bare) not in (
        patterns.speech.particle_verbs
    ):
        return region
    return [*region[: end - 1], *region[end:]]


def _ends_clause(region: Sequence[Token], n: int) -> bool:
    """A mark that ends a clause; not the full stop of an ordinal or an abbreviation
    inside the sentence, before a word in lower case ("Friedrich II. wissen")."""
    if region[n].is_word:
        return False
    following = region[n + 1] if n + 1 < len(region) else None
    inside = following is not None and following.is_word and not following.capitalised
    return not (region[n].text == "." and inside)


def subject_first(
    patterns: Patterns, region: Sequence[Token], verb: int, tail: Sequence[Token]
) -> bool:
    """Whether the speaker of a said-clause before a colon is the subject before its verb
    ``region[verb]``, from what follows the verb (``tail``): nothing but auxiliaries ("X
    soll gesagt haben:"), a place or listener after a preposition ("X schreibt auf
    Facebook:"), or a listener with an article when no adverb opens the clause ("X
    sagte dem Sender:"; "Dann sagte der Minister:" has its speaker after the verb)."""
    speech = patterns.speech
    if all(t.bare in speech.auxiliaries for t in tail) or tail[0].bare in speech.prepositions:
        return True
    listener = tail[0].is_word and tail[0].bare in speech.determiners
    return listener and verb > 0 and not patterns._adverbial(region[:verb])


def apposed_subject(patterns: Patterns, region: Sequence[Token], end: int) -> Phrase | None:
    """ "Anna Weber, Chefin der Behörde, sagte:", "Anna Weber, die seit 2010 im Amt ist,
    sagte:": the subject that opens the sentence before an apposition or a relative clause
    between commas, right before the verb (and its auxiliaries) at ``region[end]``. Not a
    list ("A, B und C sagten"): the part between the commas opens with an article, a
    relative or a noun of role, holds no "and" and no verb of speech, and the verb is in
    the singular."""
    speech = patterns.speech
    plural = bool(speech.plural_endings) and region[end].bare.endswith(speech.plural_endings)
    if end < 4 or region[end - 1].text != "," or plural:
        return None
    first = next(n for n, t in enumerate(region) if t.text == ",")
    inserted = region[first + 1 : end - 1]
    opener = inserted[0] if inserted else None
    if opener is None or not (
        opener.bare in speech.determiners | speech.relatives or patterns._role(opener)
    ):
        return None
    if any(not t.is_word or t.bare in speech.conjunctions or patterns._verb(t) for t in inserted):
        return None
    found = patterns.phrase(region[:first])
    return found if found is not None and found.kind != "pronoun" else None


def subject_end(tokens: Sequence[Token], verb: int, speech: Speech) -> int:
    """Where the subject ends before ``tokens[verb]``: past auxiliaries, adverbs and a
    subject particle ("X hat gesagt", "X نے کہا")."""
    end = verb
    skipped = speech.auxiliaries | speech.modifiers | speech.subject_particles
    while end and tokens[end - 1].is_word and tokens[end - 1].bare in skipped:
        end -= 1
    return end


def subject_start(tokens: Sequence[Token], end: int, speech: Speech) -> int | None:
    """Where the subject that ends at ``end`` begins, when it opens its clause: at the
    start, after a mark or after a conjunction ("Und X sagte:"; not after a name, nor
    before a verb in the plural: "Merkel und Scholz sagten" are two); None otherwise."""
    start = end
    while start and tokens[start - 1].is_word and end - start < _MAX_SUBJECT_WORDS:
        word = tokens[start - 1].bare
        if word in speech.conjunctions or (
            word in speech.stops and not name_link(tokens, start - 1)
        ):
            break
        start -= 1
    if start == end:
        return None
    if start == 0 or tokens[start - 1].kind == "mark":
        return start
    joined = start > 1 and tokens[start - 2].capitalised and not tokens[start - 2].opens
    plural = bool(speech.plural_endings) and tokens[end].bare.endswith(speech.plural_endings)
    return (
        start if tokens[start - 1].bare in speech.conjunctions and not (joined or plural) else None
    )


def perfect_subject(patterns: Patterns, region: Sequence[Token]) -> Phrase | None:
    """German "X hat ... gesagt": the subject that opens the clause before the auxiliary
    of the participle after ``region`` (the clause's words before it), or after it when
    an adverb or a time opens the clause ("Am Montag hat X gesagt", "So soll X gesagt
    haben")."""
    speech = patterns.speech
    aux = next((n for n, t in enumerate(region) if t.bare in speech.auxiliaries), None)
    if aux is None or not aux or aux > _MAX_SUBJECT:
        return None
    if any(t.kind == "quote" or t.text == "," for t in region):
        return None  # one clause: "Die Abteilung hat 60 Leute, deren Chef sagt:" is two
    found = patterns.phrase(region[:aux])
    if found is None and patterns._adverbial(region[:aux]):  # "Am Montag hat X ... gesagt"
        found = patterns._forward(region, patterns._skip(region, aux + 1))
    return found if found is not None and found.kind != "pronoun" else None


def _according(patterns: Patterns, words: Sequence[Token]) -> list[Phrase]:
    """The speakers of the according-to phrases of a sentence ("laut X")."""
    found: list[Phrase] = []
    for n in range(len(words)):
        length = patterns.according_at(words, n)
        if length:
            phrase = patterns._forward(words, n + length)
            if phrase is not None:
                found.append(phrase)
    return found
