"""A deterministic stand-in for a model answering briefgen's dossier traffic.

It reads only what a model reads: the request's schema name and the text of its last
user message. It knows nothing of briefgen's internals, so a test that passes with it
shows that briefgen copes with answers written from the request alone.

- An extraction request (``briefgen_extraction``) lists one article's sentences as
  ``[S3] text`` lines. The answer: events (the first clause of the first few sentences
  that report something), key facts (the sentences that carry a number), quotations
  (the words inside “...” or "...", with the speaker read from the said-clause), actors
  (runs of capitalised words) and positions ("X said that ...").
- A synthesis request (``briefgen_dossier``, or ``briefgen_synthesis`` for one long
  article) carries ``<facts>{json}</facts>``. The answer: a memo whose bottom line puts
  what most sources carry first, and contradictions wherever two items of different
  sources share most of their words but not their numbers.
- A single-pass request (``briefgen_memo``) gets both, as ``generate_brief`` asks.

``planting_responder`` answers the same way but also invents a quotation, in the
extraction answers and in the bottom line, as a lying model would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from scripted_server import Recorded, Step, completion, echo_responder

Json = dict[str, Any]

EXTRACTION = "briefgen_extraction"
DOSSIER = "briefgen_dossier"
SYNTHESIS = "briefgen_synthesis"
SINGLE_PASS = "briefgen_memo"

MAX_EVENTS = 4  # per request: "a few", as a model keeps an extraction short
MAX_CLAUSE_WORDS = 18
MAX_FACT_WORDS = 30
MAX_ACTORS = 6
MIN_QUOTE_WORDS = 4
# Two items "say the same thing" when this share of the shorter one's words is in the
# other; with different numbers they then disagree.
SHARED_WORDS = 0.5

_SENTENCE_LINE = re.compile(r"^\[(S\d+)\] (.*)$", re.MULTILINE)
_FACTS = re.compile(r"<facts>\s*(.*?)\s*</facts>", re.DOTALL)
# "KARVANA, March 4 (Northwire) - ": the wire dateline before the first sentence's news.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,[^()]{0,30}\([^)]*\)\s*[-–—]+\s*")
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[a-z]+")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)+")
_NAME = r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)"
# '"...," said Amir Daud' and '"...," Lena Sorvik said' / 'Jonas Berg told reporters'.
_SAID_AFTER = re.compile(r"^[,.]?\s*(?:said|says|told \w+|added)\s+" + _NAME)
_SAID_BEFORE = re.compile(_NAME + r"\s+(?:said|says|told|added)\b")
_POSITION = re.compile(r"^" + _NAME + r" said (?:that )?(.+?)[.!]?$")
_ORGANISATION_WORDS = frozenset(
    {"army", "front", "party", "council", "ministry", "government", "union", "police", "press"}
    | {"news", "agency", "forces", "league", "movement", "committee", "bank", "court"}
)
_STOPWORDS = frozenset(
    "a an the of in on at to for from by with and or but as is was were be been are it its "
    "this that these those when which who whom whose after before than then there their "
    "they he she his her we our you your not no said says told".split()
)


# -- reading the request ----------------------------------------------------------------


def _request(body: Json) -> tuple[str, str]:
    """(schema name, last user message): all this model looks at."""
    record = Recorded("", body, {}, 0.0)
    return record.schema_name or "", record.last_user_text


def sentence_lines(user_text: str) -> list[tuple[str, str]]:
    """The ``[S3] text`` lines of an extraction request, as (id, text)."""
    return _SENTENCE_LINE.findall(user_text)


def facts_of(user_text: str) -> Json:
    """The ``<facts>`` JSON of a synthesis request ({} when there is none)."""
    match = _FACTS.search(user_text)
    if match is None:
        return {}
    # The prompt escapes "</" inside the facts so they cannot close the fence.
    return dict(json.loads(match.group(1).replace("<\\/", "</")))


# -- extraction -------------------------------------------------------------------------


def _reports_something(text: str) -> bool:
    # A headline has no closing punctuation; a fragment is too short to report anything.
    return text.rstrip("”\"' ").endswith((".", "!", "?")) and len(text.split()) >= 6


def _news(text: str) -> str:
    return _DATELINE.sub("", text).strip()


def first_clause(text: str) -> str:
    """The sentence up to its first comma or semicolon after a few words, at most
    MAX_CLAUSE_WORDS words, without the dateline and the closing stop."""
    words = _news(text).split()
    clause: list[str] = []
    for word in words[:MAX_CLAUSE_WORDS]:
        if word.endswith((",", ";")) and len(clause) >= 4:
            clause.append(word[:-1])
            break
        clause.append(word)
    return " ".join(clause).rstrip(".!?,;:")


def _shortened(text: str, limit: int) -> str:
    words = _news(text).split()
    return " ".join(words[:limit]).rstrip(".!?,;:")


def _speaker(text: str, quote_end: int, quote_start: int) -> str | None:
    after = _SAID_AFTER.match(text[quote_end:].strip())
    if after:
        return after.group(1)
    # Only the words right after the quotation: "..., Interior Minister Lena Sorvik said."
    before = _SAID_BEFORE.search(text[quote_end:])
    if before:
        return before.group(1)
    ahead = _SAID_BEFORE.search(text[:quote_start])
    return ahead.group(1) if ahead else None


def _quotes(sid: str, text: str) -> list[Json]:
    found: list[Json] = []
    for match in _QUOTED.finditer(text):
        words = (match.group(1) or match.group(2)).strip().rstrip(",")
        if len(words.split()) < MIN_QUOTE_WORDS:
            continue
        speaker = _speaker(text, match.end(), match.start())
        found.append(
            {
                "speaker": speaker or "an official",
                "text": words,
                "source": "named" if speaker else "anonymous",
                "sentence_ids": [sid],
            }
        )
    return found


def _names(text: str) -> list[str]:
    names = []
    for run in _CAPITALISED_RUN.findall(_news(text)):
        name = run.removeprefix("The ").rstrip(".'’")
        if " " in name:
            names.append(name)
    return names


def _actor(name: str, sid: str) -> Json:
    last = name.rsplit(maxsplit=1)[-1].lower()
    kind = "organisation" if last in _ORGANISATION_WORDS else "person"
    return {"name": name, "kind": kind, "title": None, "affiliation": None, "sentence_ids": [sid]}


def extraction_from(lines: list[tuple[str, str]]) -> Json:
    """What this model extracts from an article's ``[S<m>]`` lines."""
    reporting = [(sid, text) for sid, text in lines if _reports_something(text)]
    actors: dict[str, Json] = {}
    for sid, text in reporting:
        for name in _names(text):
            if name in actors:
                actors[name]["sentence_ids"].append(sid)
            elif len(actors) < MAX_ACTORS:
                actors[name] = _actor(name, sid)
    events = [
        {
            "what": first_clause(text),
            "when": None,
            "where": None,
            "who": [name for name in actors if name in text],
            "sentence_ids": [sid],
        }
        # A quotation is the speaker's words, not an event: it goes to quotes.
        for sid, text in [line for line in reporting if not _QUOTED.search(line[1])][:MAX_EVENTS]
    ]
    key_facts = [
        {"fact": _shortened(text, MAX_FACT_WORDS), "sentence_ids": [sid]}
        for sid, text in reporting
        if _NUMBER.search(_news(text))
    ]
    positions = []
    for sid, text in reporting:
        said = _POSITION.match(_news(text))
        if said and not _QUOTED.search(text):
            party = said.group(1).removeprefix("The ")
            positions.append({"party": party, "stance": said.group(2), "sentence_ids": [sid]})
    return {
        "actors": list(actors.values()),
        "positions": positions,
        "events": events,
        "quotes": [quote for sid, text in reporting for quote in _quotes(sid, text)],
        "allegations": [],
        "key_facts": key_facts,
        "agenda_items": [],
    }


# -- synthesis --------------------------------------------------------------------------


def _sources(ids: list[str]) -> frozenset[str]:
    """The A-numbers an item cites ("A2:S3" -> "A2"); one article's "S3" is source ""."""
    return frozenset(i.split(":", 1)[0] if ":" in i else "" for i in ids)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS}


def _numbers(text: str) -> frozenset[str]:
    return frozenset(_NUMBER.findall(text))


def _counted(item: Json) -> int:
    """How many sources carry an item: its "n", else the sources its ids name."""
    return int(item.get("n") or len(_sources(list(item.get("ids", [])))) or 1)


def claims_of(facts: Json) -> list[tuple[str, list[str], int]]:
    """(text, ids, n) of the facts and events: what a memo's statements are made of."""
    claims = [(f["fact"], list(f["ids"]), _counted(f)) for f in facts.get("facts", [])]
    claims += [(e["what"], list(e["ids"]), _counted(e)) for e in facts.get("events", [])]
    return [(text, ids, n) for text, ids, n in claims if text and ids]


def _noun_after_number(text: str) -> str | None:
    match = re.search(r"\d[\d.,]*\s+([a-z]+)", text)
    return match.group(1) if match else None


def contradictions_from(claims: list[tuple[str, list[str], int]]) -> list[Json]:
    """Pairs of claims from different sources that share most words but not numbers."""
    found: list[Json] = []
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for i, (text_a, ids_a, _) in enumerate(claims):
        for text_b, ids_b, _ in claims[i + 1 :]:
            if _sources(ids_a) & _sources(ids_b):
                continue
            numbers_a, numbers_b = _numbers(text_a), _numbers(text_b)
            if not numbers_a or not numbers_b or numbers_a == numbers_b:
                continue
            words_a, words_b = _content_words(text_a), _content_words(text_b)
            smaller = min(len(words_a), len(words_b)) or 1
            if len(words_a & words_b) / smaller < SHARED_WORDS:
                continue
            key = (tuple(ids_a), tuple(ids_b))
            if key in seen:
                continue
            seen.add(key)
            noun = _noun_after_number(text_a)
            same_noun = noun is not None and noun == _noun_after_number(text_b)
            found.append(
                {
                    "topic": f"Number of {noun} reported" if same_noun else "Figures reported",
                    "sides": [
                        {"claim": text_a, "sentence_ids": ids_a},
                        {"claim": text_b, "sentence_ids": ids_b},
                    ],
                }
            )
    return found[:4]


def memo_from(facts: Json, *, with_contradictions: bool) -> Json:
    """Memo fields written from synthesis facts: most-carried first, every line cited."""
    claims = claims_of(facts)
    # Most sources first; among equals, the order the facts came in (sorted is stable).
    ranked = sorted(claims, key=lambda claim: -claim[2])
    picked: list[tuple[str, list[str], int]] = []
    for claim in ranked:
        if all(claim[1] != other[1] for other in picked):
            picked.append(claim)
    bluf = [{"text": text, "sentence_ids": ids} for text, ids, _ in picked[:3]]
    background = [{"text": text, "sentence_ids": ids} for text, ids, _ in picked[3:5]]
    subject = (
        {"text": _shortened(picked[0][0], 12), "sentence_ids": picked[0][1]}
        if picked
        else {"text": "Nothing to report", "sentence_ids": []}
    )
    outlook = [
        {
            "text": text,
            "likelihood": None,
            "basis": "reported",
            "confidence": None,
            "confidence_basis": None,
            "sentence_ids": ids,
        }
        for text, ids, _ in claims
        if re.search(r"\b(will|expected to)\b", text)
    ][:2]
    memo: Json = {
        "subject": subject,
        "bluf": bluf,
        "background": background,
        "outlook": outlook,
        "information_gaps": ["What happens next?"],
    }
    if with_contradictions:
        memo["contradictions"] = contradictions_from(claims)
        if memo["contradictions"]:
            memo["information_gaps"].append("Which of the differing figures is right?")
    return memo


def _as_facts(extraction: Json) -> Json:
    """An extraction in the compact form a synthesis request carries (for single pass)."""
    return {
        "events": [{"what": e["what"], "ids": e["sentence_ids"]} for e in extraction["events"]],
        "facts": [{"fact": f["fact"], "ids": f["sentence_ids"]} for f in extraction["key_facts"]],
    }


# -- the responders -----------------------------------------------------------------------


def _plant_in_extraction(extraction: Json, fake_quote: str) -> None:
    anchor = extraction["events"][0]["sentence_ids"] if extraction["events"] else ["S1"]
    extraction["quotes"].append(
        {
            "speaker": "an official",
            "text": fake_quote,
            "source": "anonymous",
            "sentence_ids": anchor,
        }
    )


def _plant_in_memo(memo: Json, fake_quote: str) -> None:
    anchor = memo["bluf"][0]["sentence_ids"] if memo["bluf"] else memo["subject"]["sentence_ids"]
    planted = {"text": f"An official warned: “{fake_quote}.”", "sentence_ids": anchor}
    memo["bluf"] = [*memo["bluf"][:1], planted, *memo["bluf"][1:3]]


def _answer(body: Json, fake_quote: str | None) -> Step:
    name, text = _request(body)
    if name in (DOSSIER, SYNTHESIS):
        memo = memo_from(facts_of(text), with_contradictions=name == DOSSIER)
        if fake_quote:
            _plant_in_memo(memo, fake_quote)
        return completion(memo)
    if name not in (EXTRACTION, SINGLE_PASS):
        return echo_responder(body)  # verification, selection: not this model's job
    extraction = extraction_from(sentence_lines(text))
    if fake_quote:
        _plant_in_extraction(extraction, fake_quote)
    if name == EXTRACTION:
        return completion(extraction)
    memo = memo_from(_as_facts(extraction), with_contradictions=False)
    if fake_quote:
        _plant_in_memo(memo, fake_quote)
    return completion({"extraction": extraction, "memo": memo})


def dossier_responder(body: Json) -> Step:
    """Answers briefgen's extraction, single-pass and synthesis requests like a model."""
    return _answer(body, None)


def planting_responder(fake_quote: str) -> Callable[[Json], Step]:
    """``dossier_responder`` that also plants ``fake_quote`` (a quotation no article
    contains) in every extraction and in every bottom line it writes."""

    def respond(body: Json) -> Step:
        return _answer(body, fake_quote)

    return respond
