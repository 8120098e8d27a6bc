"""Who spoke a quotation, over the sentences and paragraphs of one text.

In order: the said-clause of the quotation's own sentence (``_clauses``); an
according-to anywhere in that sentence; then, with none, the speaker of the quotation it
continues (earlier in the paragraph, or the paragraph before when that one ends inside an
open quotation), or the speaker a sentence introduces it with ("X put it this way:").
A pronoun is resolved by ``_antecedents``, and only to the one person it can stand for.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from briefgen.text.languages import lexicon, speech
from briefgen.text.quotations import quoted_spans
from briefgen.text.speakers._antecedents import Antecedents, Reading, after_dateline
from briefgen.text.speakers._clauses import Clause, Clauses
from briefgen.text.speakers._patterns import Patterns
from briefgen.text.speakers._people import People
from briefgen.text.speakers._phrases import Phrase, after
from briefgen.text.speakers._referents import Referents
from briefgen.text.speakers._tokens import Token, Words, given_surnames, proper_words, tokenise

# How far back a continuation may be, in sentences (a pronoun's reach: _antecedents).
_CONTINUATION_REACH = 3
_MAX_DEPTH = 4
# Characters read on each side of a quotation for its said-clause (a long sentence's).
_WINDOW_REACH = 1500
_JOINS = frozenset({"and", "or", "nor", "&"})
_JOINED_CLAUSE = frozenset({"and", "but", "while", "whereas"})
# A quotation shorter than this with no closing punctuation is a title or scare quotes
# ("the “rigged” system"): it does not end a said-clause.
_UTTERANCE_WORDS = 4
_UTTERANCE_END = re.compile(r"[,.?!…:;。！？，]\W*$")
_OPENERS = '“"«„「『'
_ASKED = re.compile(r"[?!…][’'”\"»]*$")
# In Chinese a full stop ends the quotation's sentence too: "“…。”钟南山说。"
_ENDED = re.compile(r"[?!…。！？][’'”\"»」]*$")
# A quotation closed after its own full stop, its said-clause a sentence of its own.
_STOPPED = re.compile(r"\.[’'”\"]*$")
_SAID_ALONE = 5
_CLOSERS = {"“": "”", "«": "»", "„": "“”"}


class Reader:
    """Reads speakers in one text, split into sentences (offsets into the text)."""

    def __init__(self, text: str, sentences: tuple[tuple[int, int], ...], language: str) -> None:
        self.text = text
        self.sentences = sentences
        self.language = language
        patterns = speech(language)
        # A language with its own patterns is read by them; English by its lexicon, whose
        # tokens (titles keep their full stops) every language shares.
        self.patterns = Patterns(patterns, text) if patterns is not None else None
        language_words = lexicon("en" if patterns is not None else language)
        proper = frozenset() if patterns is not None else proper_words(text, language_words)
        surnames = frozenset() if patterns is not None else given_surnames(text)
        self.words = Words(language_words, proper, surnames)
        self.clauses = Clauses(self.words)
        spans = quoted_spans(text)
        self.quotes = sorted(spans + _unclosed(text, spans))
        self._starts = [start for start, _ in sentences]
        self._tokens: dict[int, list[Token]] = {}
        self._people: People | None = None
        self._resolver: Referents | None = None
        self._antecedents: Antecedents | None = None

    def read(self, start: int, end: int, depth: int = 0) -> Reading:
        """Who the text says spoke the quotation at ``start:end`` (its inside)."""
        span = next(((a, b) for a, b in self.quotes if a < start + 1 and end - 1 < b), None)
        span = span or (start, end)
        first = self._sentence_at(span[0])
        first = self._sentence_at(start) if first is None else first
        last = self._sentence_at(max(start, span[1] - 1))
        if first is None or last is None:
            return Reading(None, "outside every sentence")
        tokens = self._window(first, last, span)
        q = next(
            (n for n, t in enumerate(tokens) if t.kind == "quote" and t.start <= start < t.end),
            None,
        )
        if q is None:
            return Reading(None, "outside every quotation")
        if self.patterns is not None:
            clause = self.patterns.around(tokens, q) or self.patterns.according_anywhere(tokens)
        else:
            clause = self.clauses.around(tokens, q) or self._according_anywhere(tokens)
        clause = clause or self._said_next(last, tokens, q)
        if clause is not None:
            opening = min(t.start for t in tokens if t.kind == "quote")
            return self._reading(clause, first, opening)
        if depth >= _MAX_DEPTH:
            return Reading(None, "no said-clause near it")
        alone = all(t.kind == "mark" for n, t in enumerate(tokens) if n != q)
        return self._continued(first, alone=alone, depth=depth)

    def _reading(self, clause: Clause, sentence: int, quote: int | None = None) -> Reading:
        """The reading a clause gives; a pronoun resolved before offset ``quote`` in its
        own sentence (a name between the parts of a quotation is no antecedent)."""
        found = clause.phrase
        if found is None:
            return Reading(None, f"{clause.how} names no one plainly")
        if found.kind == "pronoun" and self.patterns is not None:
            shown, how, named = self._referents().resolve(found, sentence, quote)
            return Reading(shown, f"{clause.how}: {how}", "name" if shown else None, named)
        if found.kind == "pronoun":
            return self._pronoun(found, sentence, quote)
        return Reading(found.text, clause.how, found.kind)

    def _said_next(self, last: int, tokens: list[Token], q: int) -> Clause | None:
        """The said-clause of the next sentence, when a quotation's own question or
        exclamation mark ended the sentence: "“Are you kidding?” Trump asked."."""
        if any(t.kind != "mark" for t in tokens[q + 1 :]):
            return None
        ends = _ENDED if self.patterns is not None and self.patterns.speech.after else _ASKED
        asked = ends.search(tokens[q].text) is not None
        stopped = not asked and self.patterns is None and _STOPPED.search(tokens[q].text)
        if not asked and not stopped:
            return None
        following = last + 1
        if following >= len(self.sentences) or self._paragraph_break(last, following):
            return None
        words = self._sentence_tokens(following)
        if words and self.patterns is None:
            # Its first word follows the quotation, which opened the sentence as read:
            # "“…?” Will Estrada said" (a name, not the verb "will").
            words = [replace(words[0], opens=False), *words[1:]]
        end = next((n for n, t in enumerate(words) if t.kind == "quote"), len(words))
        if self.patterns is not None:
            clause = self.patterns.after_quote(words[:end])
            return clause if clause is not None and clause.phrase is not None else None
        clause = self.clauses.after_quote(words[:end])
        if clause is None or not self.clauses.closes(words[:end]):
            return None
        if clause.phrase is None:
            return clause  # its said-clause, naming no one plainly: not the one before
        # After a full stop only a sentence that is the said-clause and nothing more
        # ("“…missing.” Trump said.") is the quotation's: not "Trump said in May ...".
        spoken = [t for t in words[:end] if t.kind != "mark"]
        if stopped and len(spoken) > _SAID_ALONE:
            return None
        return clause

    def _according_anywhere(self, tokens: list[Token]) -> Clause | None:
        """One according-to anywhere in the sentence: "The plan, according to X, is “…”"."""
        found: list[Phrase | None] = []
        for n in range(len(tokens)):
            length = self.clauses.according_length(tokens, n)
            if length:
                found.append(after(tokens, n + length, self.words)[0])
        if len(found) != 1:
            return None
        return Clause(found[0], "according-to")

    def _continued(self, index: int, *, alone: bool, depth: int) -> Reading:
        """The speaker of the quotation this one continues, or of the sentence before it
        that introduces it. Outside English only a quotation that is its sentence goes on
        with the one before ("»…«, so X. »…«"): one inside a clause of its own words
        belongs to that clause."""
        if self.patterns is not None and not alone:
            return Reading(None, "no said-clause in its sentence")
        for k in range(index - 1, max(-1, index - 1 - _CONTINUATION_REACH), -1):
            if self._paragraph_break(k, k + 1):
                break
            tokens = self._sentence_tokens(k)
            spoken = [t for t in tokens if t.kind == "quote"]
            if spoken:
                last = spoken[-1]
                if self.patterns is None and _joins_another(tokens, last):
                    return Reading(None, "the sentence before goes on to another clause")
                found = self.read(last.start + 1, last.end - 1, depth + 1)
                if found.speaker is None:
                    return found
                return Reading(
                    found.speaker, f"continues the quotation of sentence {k + 1}", found.kind
                )
            if k == index - 1 and alone:
                return self._introduced(k) or Reading(
                    None, "no said-clause, and the sentence before names no speaker"
                )
            return Reading(None, "no said-clause, and the sentence before holds no quotation")
        if index and alone and self._paragraph_break(index - 1, index):
            return self._over_paragraphs(index - 1, depth)
        return Reading(None, "no said-clause in its sentence or paragraph")

    def _over_paragraphs(self, k: int, depth: int) -> Reading:
        """A quotation that opens its paragraph: the one before ends inside an open
        quotation (this one goes on with it) or with a colon (it introduces this one)."""
        tokens = self._sentence_tokens(k)
        if tokens and tokens[-1].kind == "quote" and tokens[-1].text[-1:] not in '”"»“':
            found = self.read(tokens[-1].start + 1, tokens[-1].end, depth + 1)
            if found.speaker is not None:
                return Reading(
                    found.speaker, "continues the quotation of the paragraph before", found.kind
                )
            return found
        ends = tokens[-1] if tokens else None
        spoken = ends is not None and self.patterns is not None and self.patterns._verb(ends)
        if ends is not None and (ends.text == ":" or spoken):  # "Die Richter schreiben" ¶
            return self._introduced(k) or Reading(
                None, "the introduction before it names no speaker"
            )
        return self._quoted_before(tokens, k + 1, depth)

    def _quoted_before(self, tokens: list[Token], index: int, depth: int) -> Reading:
        """A quotation that opens its paragraph with no said-clause, after a paragraph
        whose last sentence (``tokens``) holds someone's quotation: that speaker goes on
        ("“…,” Collins told MSNBC. ¶ “So the best way we do it …”"). Not after a
        question: an answer is another's, and not when the quotation's own paragraph
        goes on in words of its own ("“…” Sen. Smith, the chairman, said on Tuesday.")."""
        quoted = [t for t in tokens if t.kind == "quote"]
        if not quoted or quoted[-1].text.rstrip("”’\"'»«“ ").endswith("?"):
            return Reading(None, "no said-clause in its sentence or paragraph")
        if not self._only_quoted(index):
            return Reading(None, "its paragraph goes on after it, naming no speaker plainly")
        found = self.read(quoted[-1].start + 1, quoted[-1].end - 1, depth + 1)
        if found.speaker is None:
            return Reading(None, "no said-clause, and the paragraph before names no speaker")
        return Reading(found.speaker, "goes on from the paragraph before", found.kind)

    def _only_quoted(self, index: int) -> bool:
        """Whether the paragraph from sentence ``index`` on holds quotations and marks
        only."""
        k = index
        while k < len(self.sentences):
            if any(t.kind not in ("quote", "mark") for t in self._sentence_tokens(k)):
                return False
            if k + 1 >= len(self.sentences) or self._paragraph_break(k, k + 1):
                return True
            k += 1
        return True

    def _introduced(self, k: int) -> Reading | None:
        """The speaker of sentence ``k`` when it introduces a quotation: its one verb of
        speech, or its colon."""
        tokens = self._sentence_tokens(k)
        if any(t.kind == "quote" for t in tokens):
            return None
        if self.patterns is not None:
            clause = self.patterns.introduces(tokens)
        elif tokens and tokens[-1].text == ":":
            clause = self.clauses.before_quote(tokens)
        else:
            verbs = [n for n in range(len(tokens)) if self.clauses.is_verb(tokens, n)]
            if len(verbs) != 1:
                return None
            clause = Clause(self.clauses.subject_of(tokens, verbs[0]), "introduction")
        if clause is None or clause.phrase is None:
            return None
        found = self._reading(Clause(clause.phrase, f"introduced by sentence {k + 1}"), k)
        return found if found.speaker is not None else None

    def _pronoun(self, pronoun: Phrase, sentence: int, quote: int | None = None) -> Reading:
        if self._antecedents is None:
            self._antecedents = Antecedents(
                self.words,
                self._people_index,
                self._sentence_tokens,
                self._paragraph_break,
                self._sentence_speaker,
            )
        return self._antecedents.resolve(pronoun, sentence, quote)

    def holder(self, k: int) -> Reading:
        """Who sentence ``k`` says holds what it reports: the subject of its first verb
        of speech or stance ("However, *he* later clarified ..."), a pronoun resolved as
        for a quotation. None when that is not plain: no such verb, a subject that is
        one of several joined by "and" ("US and Afghan officials allege"), or a subject
        read only from where the sentence opens (a noun is no verb: "Pakistani
        policymakers have ...")."""
        tokens = after_dateline(self._sentence_tokens(k))
        verb = self._first_stance(tokens)
        if verb is None:
            return Reading(None, "no verb of speech or stance")
        found = self.clauses.subject_of(tokens, verb)
        if found is None:
            return Reading(None, "the sentence names no holder plainly")
        at = next(n for n, t in enumerate(tokens) if t.start == found.start)
        if at and tokens[at - 1].bare in _JOINS:
            return Reading(None, f"{found.text} is one of several holders")
        if found.kind == "pronoun":
            return self._pronoun(found, k)
        return Reading(found.text, "subject of its verb", found.kind)

    def _first_stance(self, tokens: list[Token]) -> int | None:
        """The first verb of speech or stance before any quotation."""
        stance = self.words.lexicon.stance_verbs
        for n, token in enumerate(tokens):
            if token.kind == "quote":
                return None
            if self.clauses.is_verb(tokens, n) or (
                token.is_word
                and not token.capitalised
                and token.bare in stance
                and n > 0
                and not self.words.determiner(tokens[n - 1])
                and not self.words.possessive(tokens[n - 1])
            ):
                return n
        return None

    def _sentence_speaker(self, k: int) -> Phrase | None:
        """Who speaks in sentence ``k``: the speaker of its first said-clause."""
        tokens = self._sentence_tokens(k)
        for n, token in enumerate(tokens):
            if token.kind == "quote":
                clause = self.clauses.around(tokens, n)
                if clause is not None:
                    return clause.phrase
        for n in range(len(tokens) - 1, -1, -1):
            if self.clauses.is_verb(tokens, n):
                found = self.clauses.subject(tokens[:n], whole=False)
                if found is not None:
                    return found
        return None

    def _referents(self) -> Referents:
        if self._resolver is None:
            assert self.patterns is not None
            self._resolver = Referents(self.patterns, self._sentence_tokens, self._paragraph_break)
        return self._resolver

    def _people_index(self) -> People:
        if self._people is None:
            sentences = [self._sentence_tokens(k) for k in range(len(self.sentences))]
            self._people = People(sentences, self.words)
        return self._people

    def _sentence_at(self, offset: int) -> int | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        if k < 0 or offset >= self.sentences[k][1]:
            return None
        return k

    def _paragraph_break(self, k: int, following: int) -> bool:
        return "\n" in self.text[self.sentences[k][1] : self.sentences[following][0]]

    def _sentence_tokens(self, k: int) -> list[Token]:
        if k not in self._tokens:
            start, end = self.sentences[k]
            self._tokens[k] = self._mark_titles(self._tokenise(start, end, None))
        return self._tokens[k]

    def _window(self, first: int, last: int, span: tuple[int, int]) -> list[Token]:
        start, end = self.sentences[first][0], self.sentences[last][1]
        # A said-clause stands near its quotation: a sentence of thousands of words (a
        # page with no full stop) is read around the quotation only, not whole for each.
        start = max(start, self._word_start(span[0] - _WINDOW_REACH))
        end = min(end, self._word_end(span[1] + _WINDOW_REACH))
        return self._mark_titles(self._tokenise(start, end, span), keep=span[0])

    def _word_start(self, offset: int) -> int:
        """The start of the word at ``offset`` (or of the text)."""
        if offset <= 0:
            return 0
        space = max(self.text.rfind(" ", 0, offset), self.text.rfind("\n", 0, offset))
        return space + 1

    def _word_end(self, offset: int) -> int:
        """The end of the word at ``offset`` (or of the text)."""
        found = [i for i in (self.text.find(" ", offset), self.text.find("\n", offset)) if i >= 0]
        return min(found) if found else len(self.text)

    def _tokenise(self, start: int, end: int, span: tuple[int, int] | None) -> list[Token]:
        quotes = [(max(a, start), min(b, end)) for a, b in self.quotes if a < end and b > start]
        if span is not None and span not in self.quotes:
            quotes = [q for q in quotes if q[1] <= span[0] or q[0] >= span[1]] + [span]
        tokens = tokenise(self.text, start, end, quotes, self.words.lexicon)
        first = bisect.bisect_left(self._starts, start)
        opening = set(self._starts[first : bisect.bisect_left(self._starts, end)])
        found: list[Token] = []
        pending = False  # a sentence opened, and only marks so far ("~ As Vulture put it")
        for t in tokens:
            pending = (pending or t.start in opening) and t.kind in ("mark", "word")
            opens = pending and t.kind == "word"
            found.append(Token(t.text, t.start, t.end, t.kind, opens=True) if opens else t)
            pending = pending and not opens
        return found

    def _mark_titles(self, tokens: list[Token], keep: int = -1) -> list[Token]:
        return [
            Token(t.text, t.start, t.end, "title")
            if t.kind == "quote" and t.start != keep and not _utterance(t.text)
            else t
            for t in tokens
        ]


def _joins_another(tokens: list[Token], last: Token) -> bool:
    """Whether the sentence goes on after its last quotation to a clause joined by a
    comma and a conjunction ("“…,” Ebeling said, and her husband cut in."): who speaks
    next may be that clause's subject, not the quotation's speaker."""
    after = [t for t in tokens if t.start >= last.end]
    return any(
        t.bare in _JOINED_CLAUSE and n > 0 and after[n - 1].text == "," for n, t in enumerate(after)
    )


def _utterance(quoted: str) -> bool:
    inside = quoted.strip(_OPENERS + "”»' ")
    return len(inside.split()) >= _UTTERANCE_WORDS or bool(_UTTERANCE_END.search(inside))


def _unclosed(text: str, closed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations left open at the end of their paragraph: news closes a quotation that
    goes on in the next paragraph only there."""
    found: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        straight = [offset + n for n, c in enumerate(line) if c == '"']
        curly = [offset + n for n, c in enumerate(line) if c == "“"]
        last_open = curly[-1] if curly else None
        if last_open is not None and "”" not in text[last_open:end]:
            found.append((last_open, end))
        elif len(straight) % 2 == 1:
            found.append((straight[-1], end))
        offset = end + 1
    return [s for s in found if not any(a <= s[0] < b for a, b in closed) and s[1] > s[0] + 1]
