"""Attribution on real political news: who briefgen says spoke each quotation it prints,
against people's annotations (PolNeAR, the train split only).

Each article goes through the public API on the extractive plan with a model that selects
nothing (``FunctionBackend`` answering an empty selection), so every quotation and every
speaker in the memo is briefgen's own reading of the article. The memo prints its key
quotes (at most MAX_QUOTES) and, in its annex, every quotation of the article; each
quotation counts once. A printed quotation is matched to the annotated attribution whose
Content span holds it; its speaker is

- right when it names the annotated Source (a content word in common, titles such as
  "Mr." and "Sen." aside); when the Source is a pronoun ("he"), the nearest earlier
  annotated Source that is a name ("Sen. Murray", not "the candidate") stands for it;
- also right when the annotated Content itself says the speaker spoke, outside its
  quoted words: PolNeAR annotates "“…,” Sanders said, according to CNN" as said by CNN,
  with "Sanders said" inside the Content;
- wrong when it names someone else;
- unattributed when briefgen printed "speaker not stated".

The stand-in for a pronoun is a guess: a hand audit (``data/polnear_train_pronoun_audit.jsonl``:
200 pronoun Sources of the train split drawn at random, each resolved by a reader who saw
only the article's paragraphs, not briefgen's reading) scores the stand-in and briefgen
against the hand label; the share wrong is printed once more with the pronoun line at
the audit's rate of wrong (and at that rate's 95 % Wilson upper bound).

Wrong speakers are also counted apart by how the annotation writes the Source: a name,
or a pronoun, whose stand-in above is this script's own guess.

Annotations whose Source span is only a cue ("said", "According to") or a piece of a
word are left out: nothing printed could match them.

Beside it, the plain rule "the name nearest the quotation" (the closest run of
capitalised words in the same paragraph) is scored on the same quotations. Recall is the
share of the annotated direct quotations (a Content span that opens with a quotation mark,
with a Source) of at least four words whose right speaker briefgen printed.

    python benchmarks/attribution.py [--limit N] [--show-wrong K] [--show-unattributed K]

Reads ``polnear_train.jsonl`` from ``$BRIEFGEN_CORPUS`` (default ``../shared/corpus``
beside the checkout); exits with a message when it is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import briefgen  # noqa: E402
from briefgen.extract.extractive import MAX_QUOTES  # noqa: E402
from briefgen.ingest.article import normalise  # noqa: E402

CORPUS = Path(os.environ.get("BRIEFGEN_CORPUS", HERE.parent.parent / "shared" / "corpus"))
_OPENERS = '“"‘«„»'
_PRONOUNS = frozenset(
    "he she they i we you it his her their him them this that who which one".split()
)
_TITLES = frozenset(
    "mr mrs ms dr sen rep gov pres president senator representative governor the a an "
    "of former said".split()
)
_CUE_WORDS = frozenset("said says say asked told tells added wrote according".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NAME_RUN = re.compile(r"(?:[A-Z][a-zA-Z'’.-]+)(?:\s+[A-Z][a-zA-Z'’.-]+)*")
_MIN_WORDS = 4
_QUOTED = re.compile(r"[“\"][^”\"\n]*[”\"]")


@dataclass
class Gold:
    """One annotated direct quotation: where its Content lies in the article's text, and
    the name that stands for its Source."""

    start: int
    end: int
    source: str
    judged_by: str
    unquoted: str = ""
    """The Content span less its quoted words: where PolNeAR's Content holds an inner
    attribution ("“…,” Sanders said, according to CNN": Source CNN), its speaker."""
    origin: int = -1
    """Where the Content span starts in the corpus's own text (the audit's key)."""


def _words(text: str) -> set[str]:
    found = {w.lower().strip("'’") for w in _WORD.findall(text)}
    return {w.removesuffix("’s").removesuffix("'s") for w in found} - _TITLES


def _is_pronoun(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and all(w in _PRONOUNS for w in words)


def _not_a_source(text: str) -> bool:
    """An annotation slip: the Source span holds the cue ("said", "According to") or a
    piece of a word ("o"). Nobody can be judged against it, so it is not counted."""
    words = text.lower().split()
    if not words:
        return True
    return words[0] in _CUE_WORDS or (len(text.strip()) < 2 and not _is_pronoun(text))


def _is_name(text: str) -> bool:
    """A Source that names someone: the head of its noun phrase (the last word before
    any apposition) is capitalised ("Sen. Patty Murray", "Trump", not "the Republican
    nominee" or "his wife, Jane,")."""
    head = re.sub(r"\([^)]*\)", " ", text).split(",")[0].split()
    return bool(head) and not _is_pronoun(text) and head[-1][:1].isupper()


def _gold(row: dict[str, Any], text: str) -> list[Gold]:
    """The annotated direct quotations, placed in briefgen's normalised text."""
    found: list[Gold] = []
    named: list[tuple[int, str]] = []
    attributions = sorted(
        (a for a in row["attributions"] if a.get("content")), key=lambda a: a["content"]["start"]
    )
    for attribution in attributions:
        source = attribution.get("source")
        if source and _is_name(source["text"]):
            named.append((source["start"], source["text"]))
    cursor = 0
    for attribution in attributions:
        content, source = attribution["content"], attribution.get("source")
        words = content["text"].strip()
        if not source or not words or words[0] not in _OPENERS:
            continue
        if len(words.split()) < _MIN_WORDS or _not_a_source(source["text"]):
            continue
        # The Content text of a split quotation ("“A,” he said, “B”") joins its pieces, so
        # it is found nowhere: the article's own characters between its offsets are.
        needle = normalise(row["text"][content["start"] : content["end"]])
        at = text.find(needle, cursor)
        if at < 0:
            at = text.find(needle)
        if at < 0:
            continue
        cursor = at
        who, judged = source["text"], "named"
        if _is_pronoun(who):
            earlier = [name for begin, name in named if begin < source["start"]]
            if not earlier:
                continue
            who, judged = earlier[-1], "pronoun"
        unquoted = _QUOTED.sub(" | ", content["text"])
        found.append(Gold(at, at + len(needle), who, judged, unquoted, content["start"]))
    return found


def _nearest_name(text: str, start: int, end: int) -> str | None:
    """The closest run of capitalised words to the quotation in its paragraph, sentence
    starts and the quotation's own words aside."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    best: tuple[int, str] | None = None
    for match in _NAME_RUN.finditer(text, para_start, para_end):
        if start <= match.start() < end:
            continue
        before = text[max(para_start, match.start() - 2) : match.start()]
        starts = match.start() == para_start or before.endswith((". ", "“", '"'))
        if starts and len(match.group().split()) < 2:
            continue  # a capitalised sentence opening, not a name
        distance = start - match.end() if match.end() <= start else match.start() - end
        if best is None or distance < best[0]:
            best = (distance, match.group())
    return best[1] if best else None


def _speaks_inside(speaker: str, unquoted: str) -> bool:
    """Whether the Content span itself says ``speaker`` spoke: their name next to a cue
    ("Sanders said", "said Kristen Day"), outside the quoted words."""
    name = re.escape(speaker.strip())
    cue = "|".join(sorted(_CUE_WORDS - {"according"}))
    spoke = rf"\b{name}\b,?(?:\s+\w+)?\s+(?:{cue})\b|\b(?:{cue}),?\s+{name}\b"
    return re.search(spoke, unquoted) is not None


def _judge(speaker: str | None, gold: Gold) -> str:
    if not speaker:
        return "unattributed"
    printed, annotated = _words(speaker), _words(gold.source)
    if printed and _speaks_inside(speaker, gold.unquoted):
        return "right"
    if not printed and not annotated:  # a title alone on both sides: "the governor"
        return "right" if speaker.lower().strip(" .") in gold.source.lower() else "wrong"
    return "right" if printed & annotated else "wrong"


def _nothing_selected(request: briefgen.CompletionRequest) -> str:
    return "{}"


def _memo(text: str) -> briefgen.Brief:
    backend = briefgen.FunctionBackend(_nothing_selected, model="selects-nothing")
    return briefgen.generate_brief(text, client=backend, plan="extractive", cache=False)


@dataclass
class Tally:
    """What the run counted: verdicts for briefgen and for the nearest-name rule."""

    articles: int = 0
    failed: int = 0
    printed: int = 0
    annotated: int = 0
    recalled: int = 0
    in_body: int = 0
    """Of ``recalled``, those among the memo's key quotes (at most MAX_QUOTES)."""
    ours: Counter[str] = field(default_factory=Counter)
    nearest: Counter[str] = field(default_factory=Counter)
    judged_by: Counter[str] = field(default_factory=Counter)
    by_gold: dict[str, Counter[str]] = field(
        default_factory=lambda: {"named": Counter(), "pronoun": Counter()}
    )
    """briefgen's verdicts by how the annotated source is written: a name, or a pronoun
    that this script resolves to the nearest earlier named source (itself a guess)."""
    wrong: list[str] = field(default_factory=list)
    unattributed: list[str] = field(default_factory=list)
    audit: dict[tuple[str, int], str] = field(default_factory=dict)
    """Hand-resolved pronoun Sources: (article id, Content start) -> the speaker."""
    audited: Counter[str] = field(default_factory=Counter)
    """briefgen's verdicts on the audited quotations, against the hand label."""
    stand_in: Counter[str] = field(default_factory=Counter)
    """The script's stand-in for a pronoun, against the hand label."""


def _score(row: dict[str, Any], tally: Tally, show_wrong: int, show_unattributed: int = 0) -> None:
    try:
        brief = _memo(row["text"])
    except briefgen.BriefgenError:
        tally.failed += 1
        return
    text = brief.article.text
    golds = _gold(row, text)
    tally.annotated += len(golds)
    right_spans: set[int] = set()
    right_in_body: set[int] = set()
    body = {q.start for q in brief.data.quotes}
    # The key quotes and the annex of every quotation, each quotation once.
    printed = {q.start: q for q in [*brief.data.annex_quotes, *brief.data.quotes]}
    for quote in printed.values():
        tally.printed += 1
        gold = next((g for g in golds if g.start <= quote.start < g.end + 2), None)
        if gold is None:
            continue
        verdict = _judge(quote.speaker, gold)
        hand = tally.audit.get((row["id"], gold.origin))
        if hand is not None:
            by_hand = Gold(gold.start, gold.end, hand, "pronoun", gold.unquoted)
            tally.audited[_judge(quote.speaker, by_hand)] += 1
            tally.stand_in[_judge(gold.source, by_hand)] += 1
        tally.ours[verdict] += 1
        tally.judged_by[gold.judged_by] += 1
        tally.by_gold[gold.judged_by][verdict] += 1
        tally.nearest[_judge(_nearest_name(text, quote.start, quote.end), gold)] += 1
        if verdict == "right":
            right_spans.add(gold.start)
            if quote.start in body:
                right_in_body.add(gold.start)
        elif verdict == "unattributed" and len(tally.unattributed) < show_unattributed:
            opening = text.rfind("\n", 0, quote.start) + 1
            tally.unattributed.append(
                f"  {row['id']}: [{gold.judged_by}] annotated {gold.source!r}: "
                f"{text[opening : quote.end + 60]!r}"
            )
        elif verdict == "wrong" and len(tally.wrong) < show_wrong:
            tally.wrong.append(
                f"  {row['id']}: [{gold.judged_by}] printed {quote.speaker!r}, annotated "
                f"{gold.source!r}: {quote.text[:70]!r}"
            )
    tally.recalled += len(right_spans)
    tally.in_body += len(right_in_body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--show-wrong", type=int, default=0, metavar="K")
    parser.add_argument("--show-unattributed", type=int, default=0, metavar="K")
    args = parser.parse_args()
    path = CORPUS / "polnear_train.jsonl"
    if not path.is_file():
        print(f"PolNeAR train split not found at {path} (set BRIEFGEN_CORPUS); skipping.")
        return
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = rows[: args.limit] if args.limit else rows
    tally = Tally(articles=len(rows), audit=_audit())
    started = time.perf_counter()
    for row in rows:
        _score(row, tally, args.show_wrong, args.show_unattributed)
    elapsed = time.perf_counter() - started
    _report(tally)
    per_memo = 1000 * elapsed / max(1, len(rows))
    print(f"time              {elapsed:.1f} s, {per_memo:.0f} ms per memo")
    if tally.wrong:
        print("wrong speakers:")
        print("\n".join(tally.wrong))
    if tally.unattributed:
        print("printed with no speaker:")
        print("\n".join(tally.unattributed))


def _audit() -> dict[tuple[str, int], str]:
    """The hand audit of pronoun Sources (data/polnear_train_pronoun_audit.jsonl)."""
    path = HERE / "data" / "polnear_train_pronoun_audit.jsonl"
    if not path.is_file():
        return {}
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return {(r["id"], r["content_start"]): r["speaker"] for r in rows if r["speaker"] != "unclear"}


def _report_audit(tally: Tally) -> None:
    if not tally.audited:
        return
    judged = sum(tally.stand_in.values())
    print(
        f"hand audit of pronoun Sources ({len(tally.audit)} drawn at random, resolved by hand "
        f"from the article alone): briefgen printed {judged} quotations of them (a Content "
        "span of two quotations counts twice)"
    )
    print(
        f"  the stand-in above names the hand-resolved speaker for {tally.stand_in['right']} "
        f"of the {judged}"
    )
    shown = tally.audited["right"] + tally.audited["wrong"]
    share = tally.audited["wrong"] / shown if shown else 0.0
    print(
        f"  briefgen, against the hand label: right {tally.audited['right']}, wrong "
        f"{tally.audited['wrong']} ({share:.1%} of {shown} printed with a speaker), "
        f"unattributed {tally.audited['unattributed']}"
    )
    if not shown:
        return
    # The pronoun line judged by the audit's share instead of the stand-in's: the named
    # line as counted, the pronoun line at the audit's rate and at its 95 % upper bound.
    named, pronoun = tally.by_gold["named"], tally.by_gold["pronoun"]
    named_shown = named["right"] + named["wrong"]
    pronoun_shown = pronoun["right"] + pronoun["wrong"]
    total = named_shown + pronoun_shown
    rate, upper = share, _wilson_upper(tally.audited["wrong"], shown)
    estimate = (named["wrong"] + rate * pronoun_shown) / total
    bound = (named["wrong"] + upper * pronoun_shown) / total
    print(
        f"wrong among speakers printed, the pronoun line at the audit's rate: {estimate:.1%} "
        f"(at most {bound:.1%} at the audit's 95% upper bound of {upper:.1%})"
    )


def _wilson_upper(wrong: int, shown: int, z: float = 1.96) -> float:
    """The upper end of the Wilson score interval of ``wrong`` in ``shown``."""
    p = wrong / shown
    centre = p + z * z / (2 * shown)
    spread = z * ((p * (1 - p) + z * z / (4 * shown)) / shown) ** 0.5
    return (centre + spread) / (1 + z * z / shown)


def _report(tally: Tally) -> None:
    ours, nearest = tally.ours, tally.nearest
    matched = ours["right"] + ours["wrong"] + ours["unattributed"]
    print(f"== attribution on PolNeAR train: {tally.articles} articles ({tally.failed} failed) ==")
    print(f"quotations printed        {tally.printed} ({matched} annotated as direct quotations)")
    named, pronoun = tally.judged_by["named"], tally.judged_by["pronoun"]
    print(f"  gold speaker            {named} named, {pronoun} by a pronoun")
    print(f"{'':26}{'briefgen':>12}{'nearest name':>14}")
    for verdict in ("right", "wrong", "unattributed"):
        print(f"  {verdict:<24}{ours[verdict]:>12}{nearest[verdict]:>14}")
    for label, counts in (("briefgen", ours), ("nearest name", nearest)):
        shown = counts["right"] + counts["wrong"]
        share = counts["wrong"] / shown if shown else 0.0
        print(f"wrong among speakers printed, {label}: {share:.1%} of {shown}")
    for kind, label in (("named", "a name"), ("pronoun", "a pronoun, resolved here")):
        counts = tally.by_gold[kind]
        shown = counts["right"] + counts["wrong"]
        share = counts["wrong"] / shown if shown else 0.0
        print(f"  of those where the annotated source is {label}: {share:.1%} of {shown}")
    share = tally.recalled / max(1, tally.annotated)
    print(
        f"annotated direct quotations with their right speaker printed: {tally.recalled} of "
        f"{tally.annotated} = {share:.1%}"
    )
    print(
        f"  of those, among the key quotes (at most {MAX_QUOTES} a memo; the rest are in "
        f"its annex of quotations): {tally.in_body}"
    )
    _report_audit(tally)


if __name__ == "__main__":
    main()
