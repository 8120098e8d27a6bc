"""Italian: negation, dates and numbers as Italian news writes them.

"sei" (six, and "you are") is left out of the numbers.
"""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "it",
    nearly="quasi",
    bounds="min: almeno, come minimo | above: più di, oltre | max: fino a, al massimo "
    "| below: meno di, quasi | approx: circa, intorno a",
    conditions="se qualora",
    maybe="potrebbe potrebbero sarebbe sarebbero forse",
    asking="chiede chiesto chiedono chiedeva domanda domandato domandano interroga interrogato",
    negators="non mai niente nulla nessuno nessuna né senza neanche nemmeno neppure",
    months="gennaio gen | febbraio feb | marzo | aprile apr | maggio mag | giugno giu "
    "| luglio lug | agosto ago | settembre set sett | ottobre ott | novembre nov "
    "| dicembre dic",
    weekdays="lunedì | martedì | mercoledì | giovedì | venerdì | sabato | domenica",
    numbers={
        "zero": 0,
        "due": 2,
        "tre": 3,
        "quattro": 4,
        "cinque": 5,
        "sette": 7,
        "otto": 8,
        "nove": 9,
        "dieci": 10,
        "undici": 11,
        "dodici": 12,
        "venti": 20,
        "trenta": 30,
        "quaranta": 40,
        "cinquanta": 50,
        "cento": 100,
        "mille": 1000,
    },
    scales={
        "mila": 1e3,
        "mille": 1e3,
        "milione": 1e6,
        "milioni": 1e6,
        "mln": 1e6,
        "miliardo": 1e9,
        "miliardi": 1e9,
        "mld": 1e9,
        "mrd": 1e9,
    },
    decimal_comma=True,
)

# Attribution: "«…», ha detto X", "«…», ha dichiarato X", "X ha detto: «…»",
# "secondo X".
SPEECH = speech_of(
    "it",
    verbs="detto dice diceva dichiarato dichiara affermato afferma aggiunto aggiunge "
    "spiegato spiega sottolineato sottolinea ribadito ribadisce commentato commenta "
    "scritto scrive precisato precisa annunciato annuncia avvertito avverte "
    "osservato osserva risposto risponde ammesso ammette denunciato denuncia "
    "confermato conferma assicurato assicura insistito insiste raccontato racconta "
    "chiesto chiede dichiarò disse affermò aggiunse spiegò sottolineò scrisse "
    "concluso conclude evidenziato evidenzia twittato",
    auxiliaries="ha hanno aveva avevano",
    phrases={"according": "secondo | stando a | a detta di", "according_opening": "per"},
    pronouns="lui lei loro egli ella io noi",
    # Demonstratives too: "ha detto Mario Draghi questo lunedì" ends the speaker there.
    determiners="il lo la l' l’ i gli le un uno una un' questo questa",
    titles="sig sig. sig.ra dott dott. dr prof prof. on on.",
    roles="presidente ministro ministra portavoce deputato deputata senatore senatrice "
    "sindaco sindaca direttore direttrice segretario segretaria avvocato avvocata "
    "procuratore esperto esperta responsabile dirigente capo leader consigliere "
    "ambasciatore diplomatico fonte fonti giudice commissario ricercatore ricercatrice "
    "professore professoressa medico governo polizia ministero sindacato generale "
    "premier",
    role_suffixes="ista isti",
    documents="comunicato rapporto testo lettera dichiarazione studio documento decreto "
    "messaggio sondaggio nota",
    outlets="ansa agi adnkronos reuters afp corriere repubblica stampa messaggero sole "
    "rai mediaset giornale quotidiano agenzia rete radio",
    stops="a al allo alla ai agli alle di del dello della dei degli delle da dal dalla "
    "in nel nella con su sul sulla tra fra e ed o ma che chi cui dove è sono era non dopo prima "
    "durante presso verso contro",
    places="italia francia germania russia cina america stati uniti ucraina spagna europa roma "
    "parigi berlino mosca pechino washington londra bruxelles chigi quirinale",
    locatives="in a",
    modifiers="anche poi inoltre ancora ieri oggi",
    conjunctions="e ma",
    copulas="è era",
    complementisers="che",
    as_openers="come",
)
