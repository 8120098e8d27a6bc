"""Speakers of quotations in non-English pages: trafilatura's cached test pages (German,
French), read as briefgen reads an HTML page. How many quotations got a speaker, and how
many of those are right, by a reading by hand kept below.

    python benchmarks/speakers_languages.py --pages PATH     (trafilatura's tests/cache)

Only ``tests/cache`` of adbar/trafilatura is read (``git clone
https://github.com/adbar/trafilatura`` and pass ``trafilatura/tests/cache``); its
``tests/eval`` pages are held out to judge the work and are not used here. A quotation
is one of four words or more inside a numbered sentence; English pages are left out
(``benchmarks/attribution.py`` measures those). A speaker printed is "right" when it
shares a word with the speaker read by hand for that quotation, "wrong" when it does
not, and "not checked" when the quotation is not in the list (a later change printed a
speaker for a quotation nobody has read yet: read it and add it).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.grounding.attribution import attribute  # noqa: E402
from briefgen.ingest.html import article_from_html  # noqa: E402
from briefgen.text.quotations import quotations  # noqa: E402

_MIN_WORDS = 4

# (page, the quotation's first words, who the page says spoke it), read by hand.
CHECKED: tuple[tuple[str, str, str], ...] = (
    ("basicthinking.de.tweets.html", "Das Ganze bekam eine", "Tijen Onaran"),
    ("brandenburg.de.homo-brandenburgensis.html", "Wollen Sie Ihre Frau", "die Floristin"),
    ("cdu-fraktion-erfurt.de.waldorfschule.html", "Die Waldorfschule ist", "Michael Panse"),
    ("correctiv.org.zusage.html", "Falsch ist, dass", "ein Anwalt der Kanzlei Höcker"),
    ("correctiv.org.zusage.html", "Dies ist schon deshalb", "ein Anwalt der Kanzlei Höcker"),
    ("faz.net.streaming.html", "Die Liste der Künstler", "Allendorf"),
    ("franceculture.fr.idees.html", "intime et rieuse", "Kriss Graffiti"),
    ("netzpolitik.org.abmahnungen.html", "Jetzt also auch bei mir", "der Anwalt Lutz S."),
    ("psl.eu.luniversite.html", "La parution du décret", "le président Alain Fuchs"),
    ("sonntag-sachsen.de.emanuel.html", "Ich freue mich sehr", "Emanuel Scobel"),
    ("sonntag-sachsen.de.emanuel.html", "An verantwortungsvoller Stelle", "Emanuel Scobel"),
    ("spiegel.de.albtraum.html", "Drückt uns die Daumen", "Claas Relotius"),
    ("spiegel.de.albtraum.html", "Ich habe ihm dann", "André Geicke"),
    ("sueddeutsche.de.flixtrain.html", "Man muss aufpassen", "Fabian Stenger"),
    ("sueddeutsche.de.flixtrain.html", "Für den Fahrgast", "Fabian Stenger"),
    ("sueddeutsche.de.flixtrain.html", "Eigenwirtschaftliche Bahnen", "Fabian Stenger"),
    ("sueddeutsche.de.flixtrain.html", "größten Projekt im", "Bundesverkehrsminister Scheuer"),
    ("zeit.de.zugverkehr.html", "Schneller sind diese", "de Decker"),
)


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", name) if len(w) > 3}  # no articles


def _verdict(page: str, quote: str, speaker: str) -> str:
    for checked_page, opening, right in CHECKED:
        if checked_page == page and quote.startswith(opening):
            return "right" if _words(speaker) & _words(right) else "wrong"
    return "not checked"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, required=True, help="trafilatura's tests/cache")
    parser.add_argument("--show", action="store_true", help="print each speaker printed")
    args = parser.parse_args()
    tally: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for path in sorted(args.pages.glob("*.html")):
        article = article_from_html(path.read_bytes())
        if article.language in (None, "en"):
            continue
        languages[article.language] += 1
        for start, end in quotations(article.text):
            quote = article.text[start:end]
            if len(quote.split()) < _MIN_WORDS or article.sentence_at(start) is None:
                continue
            tally["quotations"] += 1
            speaker = attribute(article, start, end).speaker
            if speaker is None:
                continue
            tally["with a speaker"] += 1
            verdict = _verdict(path.name, quote, speaker)
            tally[verdict] += 1
            if args.show:
                print(f"  {verdict:11} {speaker!r:40} {path.name}: {quote[:50]!r}")
    pages = ", ".join(f"{n} {code}" for code, n in sorted(languages.items()))
    print(f"== speakers on trafilatura's cached pages: {sum(languages.values())} ({pages}) ==")
    print(f"quotations ({_MIN_WORDS}+ words)     {tally['quotations']}")
    print(f"  with a speaker printed  {tally['with a speaker']}")
    checked = tally["right"] + tally["wrong"]
    print(f"  of those checked by hand {checked}: right {tally['right']}, wrong {tally['wrong']}")
    print(f"  not checked             {tally['not checked']}")


if __name__ == "__main__":
    main()
