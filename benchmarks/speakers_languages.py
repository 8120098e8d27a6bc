"""Speakers of quotations in non-English pages: trafilatura's cached test pages (German,
French), read as briefgen reads an HTML page. Of the quotations whose page names who
spoke them (read by hand, kept below), how many got that speaker, how many another.

    python benchmarks/speakers_languages.py --pages PATH [--show] [--show-unattributed K]

(``--show-unattributed K``: each attributed quotation that got no speaker, with K
characters of the page either side of it, to read what pattern was missed.)

Only ``tests/cache`` of adbar/trafilatura is read (``git clone
https://github.com/adbar/trafilatura`` and pass ``trafilatura/tests/cache``); its
``tests/eval`` pages are held out to judge the work and are not used here. A quotation
is one of four words or more inside a numbered sentence; English pages are left out
(``benchmarks/attribution.py`` measures those). Every such quotation is read by hand:
``CHECKED`` when the page says who spoke it, ``UNATTRIBUTED`` when no one does (a
title, a term, scare quotes, a law's text). A speaker printed is "right" when it shares
a word with the speaker read by hand, "wrong" when it does not; recall is right over
attributed. A quotation in neither list is "not read": a page or an extraction changed,
read it and add it.
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

# (page, the quotation's first words, who the page says spoke it), read by hand: every
# quotation of four words or more on these pages whose page names who spoke or wrote it,
# a pronoun ("Sie sagt:", "observe-t-il") read as the person it stands for, the writer of
# a tweet shown in the page as its speaker. Several names: any of them is right.
CHECKED: tuple[tuple[str, str, str], ...] = (
    (
        "basicthinking.de.tweets.html",
        "Meine Zutaten für einen erfolgreichen Tweet",
        "Peter Wittkamp",
    ),
    ("basicthinking.de.tweets.html", "Ich habe noch einmal aufgegriffen, was", "Carline Mohr"),
    (
        "basicthinking.de.tweets.html",
        "Das Ganze bekam eine erstaunliche Eigendynamik,",
        "Tijen Onaran",
    ),
    ("basicthinking.de.tweets.html", "Ich kann mit der Frau nicht", "Seehofer"),
    (
        "basicthinking.de.tweets.html",
        "grundsätzlich nicht im richtigen Verhalten auf",
        "Jürgen Braatz",
    ),
    ("basicthinking.de.tweets.html", "Höahn Sie auf mich zu filmen!", "Claudius Holler"),
    ("basicthinking.de.tweets.html", "Ich darf das, ich bin Leiter", "Claudius Holler"),
    (
        "brandenburg.de.homo-brandenburgensis.html",
        "haben in hervorragender Weise den ridikülen",
        "Fontane",
    ),
    (
        "brandenburg.de.homo-brandenburgensis.html",
        "Der liebe Gott hat euch auf",
        "der Soldatenkönig",
    ),
    (
        "brandenburg.de.homo-brandenburgensis.html",
        "nicht zum Faulenzen, sondern zum Arbeiten.",
        "der Soldatenkönig",
    ),
    ("brandenburg.de.homo-brandenburgensis.html", "Wollen Sie Ihre Frau denn in", "die Floristin"),
    (
        "brandenburg.de.homo-brandenburgensis.html",
        "Welche Blumen könnten Ihrer Frau denn",
        "die Floristin",
    ),
    (
        "brandenburg.de.homo-brandenburgensis.html",
        "Was ist denn die Lieblingsfarbe Ihrer",
        "die Floristin",
    ),
    (
        "brandenburg.de.homo-brandenburgensis.html",
        "Also, wie ich Ihre Frau kenne,",
        "die Floristin",
    ),
    ("brandenburg.de.homo-brandenburgensis.html", "Wie wäre es dann mit einem", "die Floristin"),
    (
        "cdu-fraktion-erfurt.de.waldorfschule.html",
        "Die Waldorfschule ist ein guter Beleg,",
        "der Fraktionsvorsitzende Michael Panse",
    ),
    ("correctiv.org.zusage.html", "Wir haben bereits die Zusage, dass", "Andreas Keith"),
    (
        "correctiv.org.zusage.html",
        "Falsch ist, dass unser Mandant die",
        "ein Anwalt der Kanzlei Höcker",
    ),
    (
        "correctiv.org.zusage.html",
        "Dies ist schon deshalb falsch, weil",
        "ein Anwalt der Kanzlei Höcker",
    ),
    (
        "correctiv.org.zusage.html",
        "Der Ihnen offensichtlich vorliegende Schriftwechsel erscheint",
        "Stefan Keuter",
    ),
    (
        "correctiv.org.zusage.html",
        "Wenn das als Parteispende gewertet wird,",
        "Ulrich Müller, Experte für Parteienfinanzierung",
    ),
    ("correctiv.org.zusage.html", "dass die AfD Wahlkampfunterstützung in Form", "Andreas Keith"),
    ("correctiv.org.zusage.html", "die Geldspender anonym bleiben wollten.", "David Bendels"),
    (
        "correctiv.org.zusage.html",
        "Die AfD hat uns dazu mitgeteilt,",
        "ein Sprecher des Bundestages",
    ),
    ("correctiv.org.zusage.html", "eine Zeitschrift mit dem Namen Extrablatt", "Stefan Keuter"),
    ("correctiv.org.zusage.html", "auch die würde von den Sponsoren", "Stefan Keuter"),
    ("correctiv.org.zusage.html", "in der EU für Transparenz", "Guido Reil, der Politiker"),
    ("faz.net.streaming.html", "Die Liste der Künstler, die die", "Gaby Allendorf"),
    (
        "franceculture.fr.idees.html",
        "qu’Emmanuel Macron est, ouvrez les guillemets,",
        "le conseiller com du président",
    ),
    (
        "franceculture.fr.idees.html",
        "Il faudrait rendre grâce à la",
        "Éric Chauvier, l'anthropologue",
    ),
    ("franceculture.fr.idees.html", "loin de l’éden de lumière attendu", "Éric Chauvier"),
    ("franceculture.fr.idees.html", "y reconnaître le point culminant d’un", "Éric Chauvier"),
    ("franceculture.fr.idees.html", "l’éther glauque désigné du mot de", "Éric Chauvier"),
    ("franceculture.fr.idees.html", "la nécessité impérieuse de se réapproprier", "Éric Chauvier"),
    ("franceculture.fr.idees.html", "une voix en mini-jupe", "Kriss Graffiti"),
    ("franceculture.fr.idees.html", "intime et rieuse. Un mélange de", "Kriss Graffiti"),
    (
        "franceculture.fr.idees.html",
        "alternatives, dissonantes, minoritaires et engagées",
        "Mathilde Wattecamps",
    ),
    ("franceculture.fr.idees.html", "le long terme ne peut être", "Mathilde Wattecamps"),
    (
        "modepilot.de.duschkopf.html",
        "mit kaltem Wasser, lauwarmem Wasser, warmem",
        "die fachkundige Gesprächspartnerin, die Spa-Kennerin",
    ),
    ("moritz-meyer.net.vreni.html", "dass das Landgericht Berlin allenfalls Auskunft", "der VSW"),
    ("moritz-meyer.net.vreni.html", "Das ist alles nicht gekennzeichnet, wie", "RobBubble"),
    ("moritz-meyer.net.vreni.html", "Alles ist gekennzeichnet, wie soll ich", "RobBubble"),
    (
        "moritz-meyer.net.vreni.html",
        "Mitnichten handelt es sich bei der",
        "das Gericht, die Richter",
    ),
    (
        "moritz-meyer.net.vreni.html",
        "zu kommerziellen Zwecken präsentiert und deren",
        "das Gericht, die Richter",
    ),
    (
        "moritz-meyer.net.vreni.html",
        "Die Antragsgegnerin ermöglicht es diesen Unternehmen,",
        "das Gericht, die Richter",
    ),
    ("moritz-meyer.net.vreni.html", "Das Taggen ist für mich eine", "Vreni"),
    (
        "moritz-meyer.net.vreni.html",
        "der Eingangsseite des Instagramblogs der Antragsgegnerin",
        "die Richter, das Gericht",
    ),
    (
        "moritz-meyer.net.vreni.html",
        "Zumindest Teile der angesprochenen Verkehrskreise, zu",
        "die Richter, das Gericht",
    ),
    (
        "moritz-meyer.net.vreni.html",
        "die breite Öffentlichkeit und insbesondere auch",
        "das Gericht, die Richter",
    ),
    ("moritz-meyer.net.vreni.html", "Social Media erfahrene Nutzer", "das Gericht, die Richter"),
    (
        "netzpolitik.org.abmahnungen.html",
        "Jungs, ich bin sehr beeindruckt!",
        "Rechtsanwalt Lutz S.",
    ),
    ("netzpolitik.org.abmahnungen.html", "Das macht Sebastian K.", "die Quelle"),
    ("netzpolitik.org.abmahnungen.html", "Jetzt also auch bei mir", "der Anwalt Lutz S."),
    (
        "psl.eu.luniversite.html",
        "La parution du décret portant création",
        "le président Alain Fuchs",
    ),
    ("sonntag-sachsen.de.emanuel.html", "Ich freue mich sehr auf den", "Emanuel Scobel"),
    (
        "sonntag-sachsen.de.emanuel.html",
        "An verantwortungsvoller Stelle die Rahmenbedingungen für",
        "Emanuel Scobel",
    ),
    ("spektrum.de.engelbart.html", "Mann mit Doppel-N muss sich mit", "Claus Kleber"),
    (
        "spektrum.de.engelbart.html",
        "fanatischen Minderheiten in Universitäten und Rathäusern",
        "Monika Maron",
    ),
    ("spektrum.de.engelbart.html", "lächerlich und falsch findet", "Monika Maron"),
    ("spiegel.de.albtraum.html", "Drückt uns die Daumen.", "Claas Relotius"),
    (
        "spiegel.de.albtraum.html",
        "zu einem echten Haufen Schweinebacken bekommen",
        "Claas Relotius",
    ),
    ("spiegel.de.albtraum.html", "Fünf Typen, die in Uniformen mit", "Claas Relotius"),
    ("spiegel.de.albtraum.html", "dass wir deren falschen Scheiß einfach", "Moreno"),
    (
        "spiegel.de.albtraum.html",
        "Wir glauben erst mal gar nichts.",
        "dessen Chef (der Dokumentation)",
    ),
    ("spiegel.de.albtraum.html", "Ich habe ihm dann geglaubt", "André Geicke"),
    ("spiegel.de.albtraum.html", "Ich komme jetzt gleich, und du", "Özlem Gezer"),
    ("spiegel.de.albtraum.html", "Es ist schlimmer als jeder Albtraum.", "Özlem Gezer"),
    ("sueddeutsche.de.flixtrain.html", "Man muss aufpassen, dass aus dem", "Fabian Stenger"),
    ("sueddeutsche.de.flixtrain.html", "Für den Fahrgast wäre das eine", "Fabian Stenger"),
    (
        "sueddeutsche.de.flixtrain.html",
        "größten Projekt im Eisenbahnbereich seit der",
        "Bundesverkehrsminister Scheuer",
    ),
    (
        "sueddeutsche.de.flixtrain.html",
        "Eigenwirtschaftliche Bahnen im freien Wettbewerb würden",
        "Fabian Stenger",
    ),
    ("sueddeutsche.de.flixtrain.html", "Warum sollte die DB allein ausgerechnet", "Fabian Stenger"),
    ("zeit.de.zugverkehr.html", "Und dafür zahle ich jetzt auch", "de Decker"),
    ("zeit.de.zugverkehr.html", "Schneller sind diese Fahrten dadurch für", "de Decker"),
)

# (page, first words, why no one speaks it), read by hand: titles, names, terms, scare
# quotes, sayings, and words a document "says" (a law, a ruling, a press release),
# which briefgen never gives a speaker. Out of the recall's denominator.
UNATTRIBUTED: tuple[tuple[str, str, str], ...] = (
    ("adac.de.kindersitze.html", "Jané Koos i-Size + iPlatform", "title, name or term"),
    ("austria.info.radfahren.html", "Frankfurter mit scharfem Senf", "title, name or term"),
    ("basicthinking.de.tweets.html", "Juden in der AfD", "title, name or term"),
    ("basicthinking.de.tweets.html", "Kommunisten in der FDP", "title, name or term"),
    ("basicthinking.de.tweets.html", "Walfänger bei den Grünen", "title, name or term"),
    ("basicthinking.de.tweets.html", "Hochbegabte in der NPD", "title, name or term"),
    (
        "basicthinking.de.tweets.html",
        "Polit-Gezwitscher: Der politische Diskurs auf und",
        "title, name or term",
    ),
    (
        "basicthinking.de.tweets.html",
        "Female founders must constantly consider how",
        "a tweet quoting an article, its speaker unnamed",
    ),
    ("basicthinking.de.tweets.html", "Warum ein CEO nicht twittern sollte", "title, name or term"),
    ("bmjv.de.konsum.html", "eine Preiserhöhung der Vorlieferanten", "title, name or term"),
    (
        "bmjv.de.konsum.html",
        "Verordnung über die versicherungsmathematischen Methoden zur",
        "title, name or term",
    ),
    ("bmjv.de.konsum.html", "Änderung der allgemeinen Tarifpreise eintritt", "title, name or term"),
    (
        "bmjv.de.konsum.html",
        "wenn eine Preisänderung durch den Vorlieferanten",
        "title, name or term",
    ),
    (
        "bmjv.de.konsum.html",
        "Preisänderungsklauseln dürfen nur so ausgestaltet sein,",
        "a regulation's text",
    ),
    (
        "bmjv.de.konsum.html",
        "Verordnung über Allgemeine Bedingungen für die",
        "title, name or term",
    ),
    (
        "bmjv.de.konsum.html",
        "Preisänderungsklauseln sind kostennah auszugestalten. Sie dürfen",
        "a regulation's text",
    ),
    (
        "brandenburg.de.homo-brandenburgensis.html",
        "ma auf’n Sprung vorbei",
        "dialect, scare quotes",
    ),
    ("brandenburg.de.homo-brandenburgensis.html", "Watt jibt’s n hier zu lachen?", "a saying"),
    ("brandenburg.de.homo-brandenburgensis.html", "Wie schön, dass du dich so", "a hypothetical"),
    ("brandenburg.de.homo-brandenburgensis.html", "Wer in Beruf und Pflicht wie", "an inscription"),
    (
        "brandenburg.de.homo-brandenburgensis.html",
        "Mühe und Arbeit war ihr Leben,",
        "an inscription",
    ),
    ("brandenburg.de.homo-brandenburgensis.html", "Wer treu gewirkt / Bis ihm", "an inscription"),
    ("brandenburg.de.homo-brandenburgensis.html", "Da redet der Mund dahin, und", "a saying"),
    (
        "brandenburg.de.homo-brandenburgensis.html",
        "Keiner ist in Treue stärker als",
        "a saying (der Volksmund)",
    ),
    ("brigitte.de.ikigai.html", "Ikigai - Den Sinn des Lebens", "title, name or term"),
    (
        "buchperlen.wordpress.com.html",
        "Leandra-Lou. Runway. Catwalk. Holzweg. (really not)",
        "title, name or term",
    ),
    ("correctiv.org.zusage.html", "Wir haben bereits die Zusage", "headline"),
    ("correctiv.org.zusage.html", "Kippt auch bald Ihr Viertel?", "title, name or term"),
    ("correctiv.org.zusage.html", "Wollen wir so leben? Besser AfD", "title, name or term"),
    (
        "de.creativecommons.org.endlich.html",
        "NC – Keine kommerzielle Nutzung",
        "title, name or term",
    ),
    (
        "erp-news.info.interview.html",
        "digitale Assistenten und künstliche Intelligenz (KI)",
        "title, name or term",
    ),
    (
        "erp-news.info.interview.html",
        "Im Allgemeinen bezeichnet künstliche Intelligenz oder",
        "Wikipedia",
    ),
    ("faz.net.streaming.html", "Die Liste der Künstler wird immer", "headline"),
    ("faz.net.streaming.html", "User Centric Payment System", "title, name or term"),
    (
        "faz.net.streaming.html",
        "Transparenz, Fairness und kulturelle Vielfalt",
        "a press release (Mitteilung)",
    ),
    (
        "faz.net.streaming.html",
        "Für die am meisten gespielten Künstler",
        "a press release (Mitteilung)",
    ),
    ("franceculture.fr.idees.html", "de la calomnie et du mensonge", "title, name or term"),
    (
        "franceculture.fr.idees.html",
        "Emmanuel Macron se dit “calme et",
        "the Élysée's communication",
    ),
    ("franceculture.fr.idees.html", "Comment le grain d’une voix peut-il", "title, name or term"),
    (
        "franceculture.fr.idees.html",
        "la fabrique d’un phonostyle radiophonique féminin",
        "title, name or term",
    ),
    ("franziska-elea.de.vuitton.html", "Louis Vuitton Palm Springs", "title, name or term"),
    ("gofeminin.de.abnehmen.html", "Wie kann ich schnell und dauerhaft", "title, name or term"),
    ("gofeminin.de.abnehmen.html", "Wie nehme ich schnell ab", "title, name or term"),
    ("gofeminin.de.abnehmen.html", "Wie kann ich schnell abnehmen", "title, name or term"),
    ("gofeminin.de.abnehmen.html", "Wie nehme ich schnell ab?", "title, name or term"),
    ("gruen-digital.de.jahrestagung.html", "Politik im Netz - Wie das", "title, name or term"),
    ("gruen-digital.de.jahrestagung.html", "Politik im Netz – Wie das", "title, name or term"),
    (
        "gruen-digital.de.jahrestagung.html",
        "Neuland?! Wer sind die Digitalen Citoyens?",
        "title, name or term",
    ),
    (
        "gruen-digital.de.jahrestagung.html",
        "Aktive Bürgerbeteiligung für eine starke Demokratie",
        "title, name or term",
    ),
    (
        "hundeverein-kreisunna.de.html",
        "e.V. Die Begleithundeübungen mussten leider relativ",
        "title, name or term",
    ),
    (
        "hundeverein-kreisunna.de.html",
        "in Bergkamen mussten wir nach Do.-Lanstrop",
        "title, name or term",
    ),
    ("iloveponysmag.com.barbour.html", "Es gibt kein schlechtes Wetter, es", "a proverb"),
    ("lady50plus.de.sekre.html", "Belle Femme du Monde No.1", "title, name or term"),
    ("lanouvellerepublique.fr.martin.html", "En attente de validation", "title, name or term"),
    ("laviedesidees.fr.evaluation.html", "à comité de lecture", "title, name or term"),
    ("laviedesidees.fr.evaluation.html", "aide à la décision et non", "a list's stated aim"),
    (
        "laviedesidees.fr.evaluation.html",
        "servir aux évaluateurs à mieux repérer",
        "a list's stated aim",
    ),
    (
        "laviedesidees.fr.evaluation.html",
        "dans un contexte où la bibliométrie",
        "a list's stated aim",
    ),
    (
        "laviedesidees.fr.evaluation.html",
        "qualification aux fonctions de maître de",
        "title, name or term",
    ),
    ("laviedesidees.fr.evaluation.html", "dictature de la publication", "title, name or term"),
    ("laviedesidees.fr.evaluation.html", "ce qu’on fait de mieux", "title, name or term"),
    (
        "laviedesidees.fr.evaluation.html",
        "l’ignorance de la langue française conduit",
        "a document (attendus)",
    ),
    ("laviedesidees.fr.evaluation.html", "la section [37] a estimé ne", "a document (attendus)"),
    ("laviedesidees.fr.evaluation.html", "l’esprit de la revue", "title, name or term"),
    ("laviedesidees.fr.evaluation.html", "gestion des ressources humaines", "title, name or term"),
    ("modepilot.de.duschkopf.html", "Ja, was haben Sie denn da", "an anecdote, speaker unnamed"),
    ("modepilot.de.duschkopf.html", "Darf ich fragen, wozu man einen", "the writer (ich)"),
    ("moritz-meyer.net.vreni.html", "Verband für Sozialer Wettbewerb", "title, name or term"),
    ("moritz-meyer.net.vreni.html", "Soweit in dem (…) Merkblatt der", "a ruling's text"),
    (
        "moritz-meyer.net.vreni.html",
        "das Internet nicht verstanden",
        "other blogs' charge, unnamed",
    ),
    (
        "ndr.de.podcastcoronavirus140.html",
        "Wir brauchen Abkürzungen bei der Impfstoffzulassung",
        "headline",
    ),
    ("ndr.de.podcastcoronavirus140.html", "Immer noch alles übertrieben.", "voices unnamed"),
    ("plentylife.blogspot.pamela-reif.html", "Strong is the new skinny", "a motto"),
    ("rechtambild.de.kochbuch.html", "Sigara Börek mit Hack", "title, name or term"),
    (
        "rechtambild.de.kochbuch.html",
        "Inhalte einzustellen, die bzw. deren Einstellung",
        "title, name or term",
    ),
    ("rnz.de.witzel.html", "Die Erfindung der Roten Armee Fraktion", "title, name or term"),
    ("shingon-reiki.de.schamanismus.html", "Der Weg der Götter", "title, name or term"),
    ("simplyscience.ch.erdoel.html", "Warum wird das Erdöl knapp?", "title, name or term"),
    ("soundofscience.fr.1927.html", "financements récurrents […] en rupture avec", "a letter"),
    ("soundofscience.fr.1927.html", "la séparation entre des managers de", "a letter"),
    ("spektrum.de.engelbart.html", "die Nase voll hat", "scare quotes"),
    ("spektrum.de.engelbart.html", "Mehrheit lehnt Gendersprache ab", "title, name or term"),
    ("spektrum.de.engelbart.html", "Die Umfrage liegt dieser Zeitung vor", "a news item"),
    (
        "spektrum.de.engelbart.html",
        "Henning-Kaufmann-Stiftung zur Pflege der Reinheit der",
        "title, name or term",
    ),
    ("spektrum.de.engelbart.html", "Nur so steckt jetzt der Teufel", "a TV piece's closing line"),
)


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", name) if len(w) > 3}  # no articles


def _reading(page: str, quote: str) -> tuple[str, str] | None:
    """("attributed", speaker) or ("unattributed", why) for a quotation read by hand:
    the entry with the longest opening the quotation starts with (a headline "„Wir
    haben bereits die Zusage“" and the full quotation under it start alike)."""
    found: list[tuple[int, str, str]] = []
    for label, rows in (("attributed", CHECKED), ("unattributed", UNATTRIBUTED)):
        for checked_page, opening, value in rows:
            if checked_page == page and quote.startswith(opening):
                found.append((len(opening), label, value))
    if not found:
        return None
    _, label, value = max(found)
    return label, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, required=True, help="trafilatura's tests/cache")
    parser.add_argument("--show", action="store_true", help="print each quotation's verdict")
    parser.add_argument(
        "--show-unattributed",
        type=int,
        metavar="K",
        help="print each attributed quotation left without a speaker, K characters around it",
    )
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
            tally["with a speaker"] += speaker is not None
            verdict = _verdict(path.name, quote, speaker)
            tally[verdict] += 1
            if args.show and verdict != "no speaker, none printed":
                print(f"  {verdict:26} {speaker!r:34} {path.name}: {quote[:50]!r}")
            if args.show_unattributed is not None and verdict == "attributed, none printed":
                _show_context(article.text, start, end, args.show_unattributed, path.name)
    _report(tally, languages)


def _show_context(text: str, start: int, end: int, around: int, page: str) -> None:
    """The quotation in [[ ]] with ``around`` characters of the page either side."""
    before = text[max(0, start - around) : start]
    after = text[end : end + around]
    print(f"-- {page}: ...{before}[[{text[start:end]}]]{after}...".replace("\n", " / "))


def _verdict(page: str, quote: str, speaker: str | None) -> str:
    """The quotation's verdict against the reading by hand."""
    reading = _reading(page, quote)
    if reading is None:
        return "not read" if speaker is None else "not read, speaker printed"
    label, value = reading
    if label == "unattributed":
        return "no speaker, none printed" if speaker is None else "no speaker, one printed"
    if speaker is None:
        return "attributed, none printed"
    return "right" if _words(speaker) & _words(value) else "wrong"


def _report(tally: Counter[str], languages: Counter[str]) -> None:
    pages = ", ".join(f"{n} {code}" for code, n in sorted(languages.items()))
    attributed = tally["right"] + tally["wrong"] + tally["attributed, none printed"]
    print(f"== speakers on trafilatura's cached pages: {sum(languages.values())} ({pages}) ==")
    print(f"quotations ({_MIN_WORDS}+ words)        {tally['quotations']}")
    print(f"  with a speaker printed     {tally['with a speaker']}")
    print(f"attributed (read by hand)    {attributed}")
    print(f"  right speaker printed      {tally['right']}")
    print(f"  wrong speaker printed      {tally['wrong']}")
    print(f"  unattributed (none)        {tally['attributed, none printed']}")
    recall = tally["right"] / attributed if attributed else 0.0
    print(f"  recall                     {recall:.1%} ({tally['right']} of {attributed})")
    unspoken = tally["no speaker, none printed"] + tally["no speaker, one printed"]
    print(f"no speaker on the page       {unspoken} (titles, terms, documents)")
    print(f"  a speaker printed anyway   {tally['no speaker, one printed']}")
    not_read = tally["not read"] + tally["not read, speaker printed"]
    print(f"not yet read by hand         {not_read}")
    print(f"  of those with a speaker    {tally['not read, speaker printed']}")


if __name__ == "__main__":
    main()
