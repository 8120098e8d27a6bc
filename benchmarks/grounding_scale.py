"""Grounding scale: briefgen's own time per memo as the article grows, model time zero.

The model is a FunctionBackend that answers at once, so every second measured is
briefgen's: reading the article, chunking, prompts, grounding (quote alignment, support
checks) and rendering. Its answers quote near-matches (one word dropped from a real
sentence), so every quote goes through the fuzzy stage of the alignment. Articles of
50k, 200k, 600k and 1.99M characters show how the time grows; a single sentence of
112,000 characters with no full stop is the worst case for the fuzzy search; a German
report of 200,000 characters, a language that capitalises every noun, is the worst case
for the speaker reading; a 50 MB string must be refused before any work.

    python benchmarks/grounding_scale.py [--sizes 50000,200000] [--quotes 6]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

import briefgen  # noqa: E402
from briefgen.extract.schema import Extraction  # noqa: E402
from briefgen.grounding.grounder import Grounder  # noqa: E402
from briefgen.llm.backend import CompletionRequest  # noqa: E402

SEED = HERE.parent / "examples" / "articles" / "pakistan_us_joint_ops.txt"
SIZES = (50_000, 200_000, 600_000, 1_990_000)
HUGE_SENTENCE = 112_000
REFUSED_SIZE = 50_000_000
GOAL_HUGE_SENTENCE_S = 20.0
GOAL_REFUSAL_S = 1.5

_NUMBERED = re.compile(r"^\[(S\d+)\] (.*)$", re.MULTILINE)
_FACTS = re.compile(r"<facts>\s*(.*?)\s*</facts>", re.DOTALL)
_CITIES = ["Kabul", "Islamabad", "Doha", "Geneva", "Vienna", "Tashkent", "Ankara", "Riyadh"]
_EMPTY: dict[str, list[Any]] = {name: [] for name in Extraction.model_fields}


# -- articles ---------------------------------------------------------------------------


def article_of(seed: str, size: int) -> str:
    """The seed article's paragraphs again and again, each copy with its own city and day
    (so sentences repeat in shape, not in every word), cut to ``size`` characters."""
    title, _, body = seed.partition("\n")
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    lines = [f"{title} (scale test)"]
    length = len(lines[0])
    copy = 0
    while length < size:
        copy += 1
        city = _CITIES[copy % len(_CITIES)]
        for paragraph in paragraphs:
            line = f"{city}, day {copy}: {paragraph}"
            lines.append(line)
            length += len(line) + 1
            if length >= size:
                break
    return "\n".join(lines)[:size].rsplit(" ", 1)[0]


def huge_sentence_article(seed: str, size: int = HUGE_SENTENCE) -> str:
    """One line of ``size`` characters and no full stop: the seed's words, commas only."""
    words = re.sub(r"[.!?…]", ",", seed.partition("\n")[2]).split()
    out: list[str] = []
    length = 0
    i = 0
    while length < size:
        word = words[i % len(words)]
        out.append(word)
        length += len(word) + 1
        i += 1
    return "A sentence that does not end\n" + " ".join(out)[:size].rstrip(" ,")


GERMAN_SIZE = 200_000
_GERMAN = (
    "Die Bundesregierung will die Mietpreisbremse um vier Jahre verlängern, und das Kabinett "
    "beschloss am Mittwoch in Berlin einen entsprechenden Gesetzentwurf. „Wir lassen die "
    "Mieterinnen und Mieter nicht im Stich“, sagte Justizminister Marco Buschmann bei der "
    "Vorstellung. Der Mieterbund begrüßte die Pläne, forderte aber schärfere Regeln."
)


def german_article(size: int) -> str:
    """A German report of ``size`` characters: its paragraph again and again."""
    out, length, n = ["Regierung plant neue Regeln für Mieten"], 0, 0
    while length < size:
        n += 1
        out.append(f"Absatz {n}: {_GERMAN}")
        length += len(out[-1]) + 1
    return "\n".join(out)


# -- the instant model -------------------------------------------------------------------


def near_quote(text: str, length: int = 12) -> str | None:
    """A run of ``length`` words from ``text`` with one inner word dropped."""
    words = text.split()
    if len(words) < length:
        return None
    start = (len(words) - length) // 2
    run = words[start : start + length]
    return " ".join(run[: length // 2] + run[length // 2 + 1 :])


def huge_near_quotes(text: str, count: int) -> list[str]:
    """Near-quotes from the start, middle and end of one very long sentence."""
    words = text.split()
    quotes = []
    for k in range(count):
        start = (len(words) - 12) * k // max(1, count - 1)
        run = words[start : start + 12]
        quotes.append(" ".join(run[:6] + run[7:]))
    return quotes


def instant_model(quotes_per_chunk: int) -> Callable[[CompletionRequest], dict[str, Any]]:
    def answer(request: CompletionRequest) -> dict[str, Any]:
        user = [m["content"] for m in request.messages if m["role"] == "user"][-1]
        if request.name == "briefgen_synthesis":
            return memo_from_facts(user)
        sentences = _NUMBERED.findall(user)
        if len(sentences) <= 2 and sentences and len(sentences[-1][1]) > 10_000:
            sid, text = sentences[-1]
            texts = [(sid, q) for q in huge_near_quotes(text, quotes_per_chunk)]
        else:
            step = max(1, len(sentences) // max(1, quotes_per_chunk))
            picked = sentences[1::step][:quotes_per_chunk]
            texts = [(sid, q) for sid, t in picked if (q := near_quote(t)) is not None]
        quotes = [
            {"speaker": "an official", "text": q, "source": "anonymous", "sentence_ids": [sid]}
            for sid, q in texts
        ]
        events = [
            {"what": t[:300], "when": None, "where": None, "who": [], "sentence_ids": [sid]}
            for sid, t in sentences[1:4]
        ]
        extraction = {**_EMPTY, "quotes": quotes, "events": events}
        if request.name == "briefgen_extraction":
            return extraction
        statements = [{"text": e["what"], "sentence_ids": e["sentence_ids"]} for e in events]
        return {"extraction": extraction, "memo": memo_of(statements)}

    return answer


def memo_from_facts(user: str) -> dict[str, Any]:
    match = _FACTS.search(user)
    facts = json.loads(match.group(1).replace("<\\/", "</")) if match else {}
    statements = [
        {"text": item["what"], "sentence_ids": item["ids"]} for item in facts.get("events", [])[:4]
    ]
    return memo_of(statements)


def memo_of(statements: list[dict[str, Any]]) -> dict[str, Any]:
    first = statements[0] if statements else {"text": "Nothing to report.", "sentence_ids": []}
    return {
        "subject": first,
        "bluf": statements[:2],
        "background": [],
        "outlook": [],
        "information_gaps": ["What happens next?"],
    }


# -- timing ------------------------------------------------------------------------------


@contextmanager
def grounding_clock() -> Iterator[dict[str, list[tuple[float, float]]]]:
    """When each Grounder stage ran while the block runs: (start, end) per call. Chunks
    are checked on worker threads while others are out, so calls overlap."""
    spans: dict[str, list[tuple[float, float]]] = defaultdict(list)
    originals = {}
    for name in ("warm", "prepare", "ground_extraction", "ground_memo"):
        original = getattr(Grounder, name)
        originals[name] = original

        def timed(self: Grounder, *args: Any, _f: Any = original, _n: str = name) -> Any:
            started = time.perf_counter()
            try:
                return _f(self, *args)
            finally:
                spans[_n].append((started, time.perf_counter()))

        setattr(Grounder, name, timed)
    try:
        yield spans
    finally:
        for name, original in originals.items():
            setattr(Grounder, name, original)


def covered(spans: list[tuple[float, float]]) -> float:
    """Seconds of wall time during which at least one of ``spans`` ran."""
    total = 0.0
    end = float("-inf")
    for start, stop in sorted(spans):
        if stop > end:
            total += stop - max(start, end)
            end = stop
    return total


def run_memo(text: str, quotes: int) -> tuple[float, dict[str, float], briefgen.Brief]:
    """Wall time of one memo, and per Grounder stage the wall time it was running."""
    backend = briefgen.FunctionBackend(instant_model(quotes), model="gpt-4o-mini")
    with grounding_clock() as spans:
        started = time.perf_counter()
        brief = briefgen.generate_brief(text, client=backend, cache=False)
        wall = time.perf_counter() - started
    spent = {name: covered(runs) for name, runs in spans.items()}
    spent["any"] = covered([run for runs in spans.values() for run in runs])
    return wall, spent, brief


def line(label: str, chars: int, wall: float, spent: dict[str, float], brief: Any) -> str:
    grounding = spent["any"]
    # Every quote the model gave, and those only the fuzzy stage found (strict grounding
    # then drops them as "only approximately in the article": the work was done).
    quotes = [r for r in brief.report.grounding if r.kind == "quote"]
    fuzzy = sum(1 for r in quotes if "fuzzy" in (r.reason or ""))
    fuzzy += sum(1 for q in brief.data.quotes if q.match == "fuzzy")
    return (
        f"{label:<22}{chars:>11,}{len(brief.article.sentences):>8,}{brief.report.chunks:>7}"
        f"{wall:>9.2f}{grounding:>11.2f}{wall / chars * 1e6:>10.2f}"
        f"{len(quotes):>7}{fuzzy:>7}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--quotes", type=int, default=6, help="near-quotes per answer")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    seed = SEED.read_text(encoding="utf-8")

    run_memo(seed, args.quotes)  # warm: imports, prompts, tokenizer
    print("memo s: generate_brief's wall time (the model answers at once); ground s: the")
    print("wall time during which a Grounder stage was running; us/char: memo s per char;")
    print("quotes: quotes the model gave; fuzzy: those only the fuzzy stage could match")
    print(
        f"{'article':<22}{'chars':>11}{'sents':>8}{'chunks':>7}{'memo s':>9}"
        f"{'ground s':>11}{'us/char':>10}{'quotes':>7}{'fuzzy':>7}"
    )
    for size in sizes:
        text = article_of(seed, size)
        wall, spent, brief = run_memo(text, args.quotes)
        print(line(f"paragraphs {size // 1000}k", len(text), wall, spent, brief))

    text = huge_sentence_article(seed)
    wall, spent, brief = run_memo(text, args.quotes)
    print(line("one 112k sentence", len(text), wall, spent, brief))
    print(
        "  grounding by stage: "
        + ", ".join(f"{name} {sec:.2f} s" for name, sec in sorted(spent.items()) if name != "any")
    )
    met = "met" if wall < GOAL_HUGE_SENTENCE_S else "NOT MET"
    print(f"goal: 112k-character sentence memo < {GOAL_HUGE_SENTENCE_S:.0f} s: {wall:.2f} s, {met}")

    # German capitalises every noun: the speaker reading looks at each capital's word.
    text = german_article(GERMAN_SIZE)
    wall, spent, brief = run_memo(text, args.quotes)
    print(line(f"German, {GERMAN_SIZE // 1000}k", len(text), wall, spent, brief))

    huge = "Words and more words, " * (REFUSED_SIZE // 22 + 1)
    started = time.perf_counter()
    try:
        briefgen.generate_brief(huge, client=briefgen.FunctionBackend(instant_model(1)))
    except briefgen.InputError:
        refused = time.perf_counter() - started
    else:
        raise SystemExit("a 50 MB article was not refused")
    met = "met" if refused < GOAL_REFUSAL_S else "NOT MET"
    print(
        f"goal: {len(huge) / 1e6:.0f} MB string refused < {GOAL_REFUSAL_S} s: "
        f"{refused:.3f} s, {met}"
    )


if __name__ == "__main__":
    sys.exit(main())
