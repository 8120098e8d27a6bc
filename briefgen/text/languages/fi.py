"""Finnish: negation, dates and numbers as Finnish news writes them. A month takes case
endings ("tammikuussa", "tammikuuta"): its name is read as a stem."""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "fi",
    bounds="min: ainakin, vähintään | above: yli | max: enintään, korkeintaan, jopa "
    "| below: alle, lähes, melkein | approx: noin, arviolta",
    conditions="jos",
    maybe="voisi voisivat saattaa saattavat ehkä mahdollisesti",
    asking="kysyi kysyivät kysyy kysyvät kysymys kysymyksen kysyttiin",
    negators="ei en et emme ette eivät ilman",
    months="tammikuu | helmikuu | maaliskuu | huhtikuu | toukokuu | kesäkuu | heinäkuu "
    "| elokuu | syyskuu | lokakuu | marraskuu | joulukuu",
    month_stems=True,
    weekdays="maanantai maanantaina | tiistai tiistaina | keskiviikko keskiviikkona "
    "| torstai torstaina | perjantai perjantaina | lauantai lauantaina "
    "| sunnuntai sunnuntaina",
    numbers={
        "nolla": 0,
        "kaksi": 2,
        "kolme": 3,
        "neljä": 4,
        "viisi": 5,
        "seitsemän": 7,
        "kahdeksan": 8,
        "yhdeksän": 9,
        "kymmenen": 10,
        "sata": 100,
        "tuhat": 1000,
    },
    scales={
        "tuhatta": 1e3,
        "miljoona": 1e6,
        "miljoonaa": 1e6,
        "milj": 1e6,
        "miljardi": 1e9,
        "miljardia": 1e9,
        "mrd": 1e9,
    },
    decimal_comma=True,
)

# Attribution: "”…”, sanoi X", "X sanoi: ”…”", "”…”, X sanoo".
SPEECH = speech_of(
    "fi",
    verbs="sanoi sanoo sanovat sanoivat kertoi kertoo totesi toteaa painotti painottaa "
    "korosti korostaa kirjoitti kirjoittaa arvioi arvioi huomautti huomauttaa "
    "vastasi vastaa lisäsi lisää muistutti muistuttaa varoitti varoittaa",
    pronouns="hän he minä me",
    titles="tri prof",
    roles="ministeri presidentti pääministeri puhemies puheenjohtaja johtaja "
    "tiedottaja kansanedustaja asiantuntija tutkija professori lähde lähteet "
    "suurlähettiläs pormestari komentaja poliisi hallitus",
    role_suffixes="ministeri johtaja tutkija",
    documents="tiedote raportti kirje selvitys",
    outlets="yle hs helsingin sanomat iltalehti iltasanomat mtv stt lehti",
    stops="ja tai mutta että kun jos on oli ei myös vielä",
    places="suomi ruotsi venäjä saksa ranska yhdysvallat kiina ukraina eurooppa helsinki tukholma "
    "moskova",
    modifiers="myös vielä lisäksi",
    conjunctions="ja mutta",
    adverbial_endings="ssa ssä sta stä lla llä lta ltä lle",
    complementisers="että",
    inflected=True,
)
