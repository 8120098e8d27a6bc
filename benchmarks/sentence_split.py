"""briefgen's sentence splitting beside pysbd and sentencex: hard cases, agreement on real
news, the golden suites of both libraries per language, and speed.

    python benchmarks/sentence_split.py [--pysbd PATH] [--sentencex PATH]

pysbd comes with the bench extra, sentencex with the languages extra. The hard cases are
the ones users met (glued full stops, lower-case text, ordinal dates in German,
abbreviations, quotations of several sentences, decimals), each split as an article is
(its language identified, the splitter chosen by it). On the corpus there is no gold
standard: agreement says where briefgen and pysbd differ, and the disagreements printed
show who is right. All split line by line, as briefgen does (a line is a paragraph).

With a checkout of pySBD (``--pysbd``) and of sentencex (``--sentencex``), their golden
suites (``golden_suites``: read from the checkout, nothing copied here) are counted per
language: the cases briefgen gets right as it splits an article in that language
("briefgen"), with its own rules alone ("own"), and each library's. Then the speed of each
in microseconds a character, and the splitting's share of a memo's CPU time, per
language, on an article made of that language's golden texts (an instant model answers).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from golden_suites import Suite, pysbd_cases, same_sentences, sentencex_cases  # noqa: E402

from briefgen.ingest.article import normalise, split_sentences  # noqa: E402
from briefgen.ingest.sentences import split_line  # noqa: E402
from briefgen.ingest.splitters import splitter_for  # noqa: E402
from briefgen.text.language import identify_language  # noqa: E402

Split = Callable[[str], list[str]]

CASES: list[tuple[str, int]] = [
    (
        "Thousands attended the service.Anzac Day commemorates the battle."
        + "A service was also held.",
        3,
    ),
    (
        "natalia moon learned tagalog . the darwin woman moved in 2012 . "
        + "she landed a role on a show .",
        3,
    ),
    ("Am 3. Dezember trafen sich die Minister in Berlin. Sie sprachen über die Ukraine.", 2),
    ("Le 14 juillet, le président a parlé. Il a annoncé des mesures.", 2),
    ("Mr. Smith met Dr. Jones at 10 a.m. on Jan. 5. They discussed the U.S. position.", 2),
    ("He said: “We will not go. Never.” Officials disagreed.", 2),
    ("The deal is worth $4.5 billion. Shares rose 3.2 per cent.", 2),
    ("El Sr. García llegó a las 5. Después habló con la Sra. López.", 2),
    ("Die Regierung, z.B. das Innenministerium, widersprach. Der Minister schwieg.", 2),
    ("“It is over,” she said. “We go home.”", 2),
]


def ours(line: str) -> list[str]:
    """briefgen's own rules on one line of English."""
    return [line[a:b] for a, b in split_line(line)]


def as_article(text: str, language: str | None) -> list[str]:
    """briefgen's sentences of ``text`` as an article in ``language`` is split
    (normalised first; the checks an article gets are not the splitter's)."""
    return [s.text for s in split_sentences(normalise(text), language)]


def pysbd_splitter(language: str = "en") -> Split | None:
    try:
        import pysbd
    except ImportError:
        return None
    try:
        segmenter = pysbd.Segmenter(language=language, clean=False)
    except (ValueError, KeyError):
        return None  # a language pysbd has no rules for
    return lambda line: [s.strip() for s in segmenter.segment(line) if s.strip()]


def sentencex_splitter(language: str = "en") -> Split | None:
    try:
        from sentencex import segment
    except ImportError:
        return None
    return lambda line: [s.strip() for s in segment(language, line) if s.strip()]


def corpus_lines(limit: int) -> list[str]:
    folder = Path(os.environ.get("BRIEFGEN_CORPUS", ROOT.parent / "shared" / "corpus"))
    lines: list[str] = []
    for name in ("qags_cnndm.jsonl", "qags_xsum.jsonl"):
        path = folder / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            for row in list(handle)[:limit]:
                lines += [ln for ln in json.loads(row)["article"].split("\n") if ln.strip()]
    return lines


def boundaries(parts: list[str]) -> set[int]:
    """Letters and digits before each sentence end but the last: a closing quote mark
    put at the end of one sentence or the start of the next is the same split."""
    ends, total = set(), 0
    for part in parts[:-1]:
        total += sum(ch.isalnum() for ch in part)
        ends.add(total)
    return ends


def hard_cases() -> None:
    """briefgen as an article in the language identified; the libraries in it too."""
    print("hard cases (expected sentences), each split as an article is:")
    right = {"briefgen": 0, "pysbd": 0, "sentencex": 0}
    missing = False
    for text, want in CASES:
        language = identify_language(text) or "en"
        marks = []
        for name, split in (
            ("briefgen", lambda t, code=language: as_article(t, code)),
            ("pysbd", pysbd_splitter(language) or pysbd_splitter()),
            ("sentencex", sentencex_splitter(language)),
        ):
            if split is None:
                missing = True
                marks.append(f"{name} -    ")
                continue
            count = len(split(text))
            right[name] += count == want
            marks.append(f"{name} {count} {'ok ' if count == want else 'BAD'}")
        print(f"  {language:<3}{splitter_for(language):<10} {'  '.join(marks)}  {text[:44]}")
    print("  " + ", ".join(f"{name} {n}/{len(CASES)}" for name, n in right.items()))
    if missing:
        print("  (pysbd: pip install -e '.[bench]'; sentencex: pip install -e '.[languages]')")


def corpus() -> None:
    other = pysbd_splitter()
    lines = corpus_lines(100)
    if not lines or other is None:
        return
    started = time.perf_counter()
    mine_all = [ours(line) for line in lines]
    mine_s = time.perf_counter() - started
    started = time.perf_counter()
    theirs_all = [other(line) for line in lines]
    theirs_s = time.perf_counter() - started
    agree = both = only_ours = only_theirs = 0
    shown = 0
    for line, mine, theirs in zip(lines, mine_all, theirs_all, strict=True):
        a, b = boundaries(mine), boundaries(theirs)
        both += len(a & b)
        only_ours += len(a - b)
        only_theirs += len(b - a)
        agree += a == b
        if a != b and shown < 6:
            shown += 1
            print(f"\n  differ: {line[:160]}")
            print(f"    ours : {' | '.join(s[:50] for s in mine)}")
            print(f"    pysbd: {' | '.join(s[:50] for s in theirs)}")
    print(f"\ncorpus: {len(lines)} paragraphs of 200 articles (CNN/DM and XSum, lower-cased)")
    print(f"  paragraphs split the same: {agree / len(lines):.1%}")
    print(f"  sentence ends: both {both}, only ours {only_ours}, only pysbd {only_theirs}")
    print(f"  time: ours {mine_s * 1000:.0f} ms, pysbd {theirs_s * 1000:.0f} ms")


SPLITTERS = ("briefgen", "own", "pysbd", "sentencex")


def splitters_for(code: str) -> dict[str, Split | None]:
    return {
        "briefgen": lambda text: as_article(text, code),
        "own": lambda text: as_article(text, None),
        "pysbd": pysbd_splitter(code),
        "sentencex": sentencex_splitter(code),
    }


def right_cases(split: Split, cases: list[tuple[str, list[str]]]) -> int:
    """How many cases ``split`` gets right."""
    right = 0
    for text, expected in cases:
        # A library that fails on a case gets it wrong; the run goes on.
        with contextlib.suppress(Exception):
            right += same_sentences(split(text), expected)
    return right


def golden_table(name: str, suite: Suite) -> None:
    """Per language, the cases each splitter gets right."""
    print(f"\n{name}'s golden suite, cases right per language:")
    print(f"  {'lang':<6}{'cases':>6}{'splitter':>11}" + "".join(f"{n:>11}" for n in SPLITTERS))
    totals = dict.fromkeys(SPLITTERS, 0)
    behind: list[str] = []
    for code, cases in sorted(suite.items()):
        row: dict[str, int | None] = {}
        for key, split in splitters_for(code).items():
            if split is None:
                row[key] = None
                continue
            row[key] = right_cases(split, cases)
            totals[key] += row[key]
        best = max(
            (v for k, v in row.items() if k in ("pysbd", "sentencex") and v is not None), default=0
        )
        if (row["briefgen"] or 0) < best:
            behind.append(f"{code} ({row['briefgen']} < {best})")
        cells = "".join(f"{'-' if row[k] is None else row[k]:>11}" for k in SPLITTERS)
        print(f"  {code:<6}{len(cases):>6}{splitter_for(code):>11}{cells}")
    count = sum(len(c) for c in suite.values())
    print(f"  {'all':<6}{count:>6}{'':>11}" + "".join(f"{totals[k]:>11}" for k in SPLITTERS))
    print(f"  briefgen behind the better library: {', '.join(behind) or 'nowhere'}")


def fastest(run: Callable[[], object], times: int) -> float:
    """The least CPU time of ``times`` runs: other work on the machine only adds to it.
    What the script made before (the suites, pysbd's memos) is set aside from the garbage
    collector, which would otherwise walk it in every run, as a memo's process need not."""
    gc.collect()
    gc.freeze()
    best = float("inf")
    for _ in range(times):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def golden_articles(suites: list[Suite], at_least: int = 0) -> dict[str, str]:
    """Per language, its golden texts (each once) one a line, as paragraphs, repeated
    until the text has ``at_least`` characters."""
    texts: dict[str, list[str]] = {}
    for suite in suites:
        for code, cases in suite.items():
            texts.setdefault(code, []).extend(text for text, _ in cases)
    articles = {}
    for code, found in texts.items():
        lines = list(dict.fromkeys(found))
        text = "\n".join(lines)
        while len(text) < at_least:
            text += "\n" + "\n".join(lines)
        articles[code] = text
    return articles


def run_of(key: str, split: Split, text: str, code: str) -> Callable[[], object]:
    """One run of a splitter over ``text``: briefgen's on the whole text, as an article's
    is split; a library's a line at a time."""
    if key in ("briefgen", "own"):
        return lambda: list(split_sentences(text, code if key == "briefgen" else None))
    return lambda: [split(line) for line in text.split("\n")]


Timings = dict[str, dict[str, float]]


def measure_speeds(articles: dict[str, str], keys: tuple[str, ...]) -> Timings:
    """Per language, the CPU seconds of each splitter in ``keys`` on its article (the
    fastest of three runs; of one for pysbd, which takes seconds)."""
    took: Timings = {}
    for code, text in sorted(articles.items()):
        for key, split in splitters_for(code).items():
            if key in keys and split is not None:
                runs = 1 if key == "pysbd" else 3
                took.setdefault(code, {})[key] = fastest(run_of(key, split, text, code), runs)
    return took


def print_speeds(articles: dict[str, str], took: Timings) -> None:
    """Per language, microseconds a character of each splitter on 8,000 characters or
    more of its golden texts: briefgen's on the whole text, as an article's is split,
    the libraries a line at a time."""
    print("\nspeed per language, microseconds a character (8,000+ characters of its texts):")
    print(f"  {'lang':<6}{'chars':>7}" + "".join(f"{n:>11}" for n in SPLITTERS))
    totals = dict.fromkeys(SPLITTERS, 0.0)
    chars = dict.fromkeys(SPLITTERS, 0)  # a library's over the languages it has
    for code, text in sorted(articles.items()):
        cells = ""
        for key in SPLITTERS:
            seconds = took.get(code, {}).get(key)
            if seconds is None:
                cells += f"{'-':>11}"
                continue
            totals[key] += seconds
            chars[key] += len(text)
            cells += f"{seconds / len(text) * 1e6:>11.2f}"
        print(f"  {code:<6}{len(text):>7}{cells}")
    cells = "".join(f"{totals[k] / max(chars[k], 1) * 1e6:>11.2f}" for k in SPLITTERS)
    print(f"  {'all':<6}{chars['briefgen']:>7}{cells}")


def memo_shares(suites: list[Suite]) -> None:
    """The CPU time of splitting an article's sentences against its memo's (made with an
    instant model): the seed news article, and per language an article of its golden
    texts (one a paragraph; dense with the stops the suites test, a hard case). Five memos
    and five splittings each, in turn, so that both meet the same load; the fastest."""
    from grounding_scale import SEED, instant_model

    import briefgen
    from briefgen.ingest.article import Article

    logging.getLogger("briefgen").setLevel(logging.ERROR)  # the memos' own warnings
    backend = briefgen.FunctionBackend(instant_model(6), model="bench")
    seed = SEED.read_text(encoding="utf-8")
    briefgen.generate_brief(seed, client=backend, cache=False)  # warm-up
    print("\nsplitting's share of a memo's CPU time:")
    worst = 0.0
    for code, text in [("news", seed), *sorted(golden_articles(suites).items())]:
        article = Article.from_text(text)
        memos, splits = [], []
        for _ in range(5):
            memos.append(
                fastest(lambda t=text: briefgen.generate_brief(t, client=backend, cache=False), 1)
            )
            splits.append(fastest(lambda a=article: list(split_sentences(a.text, a.language)), 1))
        memo, split = min(memos), min(splits)
        worst = max(worst, split / memo)
        print(
            f"  {code:<5}{len(text):>6} chars, as '{article.language}' by {article.splitter:<9}"
            f" memo {memo * 1000:6.1f} ms, splitting {split * 1000:5.2f} ms ({split / memo:.1%})"
        )
    print(f"  at most {worst:.1%} of a memo's CPU time (budget 5 %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pysbd", type=Path, help="a checkout of pySBD (its tests/lang)")
    parser.add_argument("--sentencex", type=Path, help="a checkout of sentencex (test/unit)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    suites = []
    if args.pysbd:
        suites.append(("pySBD", pysbd_cases(args.pysbd)))
    if args.sentencex:
        suites.append(("sentencex", sentencex_cases(args.sentencex)))
    for name, suite in suites:
        if not suite:
            sys.exit(f"no golden cases in the {name} checkout given")
    # briefgen's and sentencex's times first: once pysbd has run in this process,
    # briefgen's splitting takes half as long again (measured; the cause is pysbd's).
    articles = golden_articles([suite for _, suite in suites], at_least=8000)
    took = measure_speeds(articles, ("briefgen", "own", "sentencex")) if suites else {}
    shares = io.StringIO()
    if suites:
        with contextlib.redirect_stdout(shares):
            memo_shares([suite for _, suite in suites])
    hard_cases()
    corpus()
    for name, suite in suites:
        golden_table(name, suite)
    if suites:
        for code, seconds in measure_speeds(articles, ("pysbd",)).items():
            took.setdefault(code, {}).update(seconds)
        print_speeds(articles, took)
        print(shares.getvalue(), end="")


if __name__ == "__main__":
    main()
