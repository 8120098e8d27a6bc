"""German: negation, dates and numbers as German news writes them."""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "de",
    nearly="fast beinahe",
    bounds="min: mindestens, wenigstens | above: mehr als, über | max: bis zu, höchstens "
    "| below: weniger als, fast, beinahe, knapp | approx: etwa, rund, ungefähr, circa, ca",
    conditions="wenn falls sofern",
    maybe="könnte könnten dürfte dürften möglicherweise vielleicht eventuell",
    asking="fragen fragt fragte fragten gefragt frage fragend erkundigt erkundigte ob",
    negators="nicht kein keine keinen keinem keiner keines nie niemals nichts niemand weder ohne",
    months="januar jänner jan | februar feber feb | märz mrz | april apr | mai | juni jun "
    "| juli jul | august aug | september sept sep | oktober okt | november nov "
    "| dezember dez",
    weekdays="montag | dienstag | mittwoch | donnerstag | freitag | samstag sonnabend | sonntag",
    numbers={
        "null": 0,
        "eins": 1,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "elf": 11,
        "zwölf": 12,
        "zwanzig": 20,
        "dreißig": 30,
        "vierzig": 40,
        "fünfzig": 50,
        "hundert": 100,
        "tausend": 1000,
    },
    scales={
        "tausend": 1e3,
        "million": 1e6,
        "millionen": 1e6,
        "mio": 1e6,
        "milliarde": 1e9,
        "milliarden": 1e9,
        "mrd": 1e9,
        "billion": 1e12,
        "billionen": 1e12,
        "bio": 1e12,
    },
    decimal_comma=True,
)

# Attribution: verbs of speech in present, past and participle ("sagt", "sagte",
# "gesagt"); the word order is "„…“, sagte X", "X sagte: „…“", "„…“, so X", "laut X".
SPEECH = speech_of(
    "de",
    verbs="sagt sagte sagten sagen gesagt sprach spricht erklärt erklärte erklärten erklären "
    "betont betonte betonten betonen meint meinte meinten fügt fügte "
    "ergänzt ergänzte ergänzten warnt warnte warnten schreibt schrieb schrieben schreiben "
    "kommentiert kommentierte kritisiert kritisierte antwortet antwortete antworteten "
    "fragt fragte fragten räumt räumte versichert versicherte "
    "bekräftigt bekräftigte unterstreicht unterstrich berichtet berichtete "
    "erzählt erzählte erzählten mahnt mahnte fordert forderte kündigt kündigte "
    "verspricht versprach beklagt beklagte bestätigt bestätigte erwidert erwiderte "
    "twittert twitterte teilt teilte argumentiert argumentierte "
    # A message sent or posted: "Dann schickte sie ihm eine Nachricht: „…“".
    "schickt schickte schickten postet postete posteten",
    # "soll ... gesagt haben": reported speech, as the perfect is.
    auxiliaries="hat haben hatte soll sollen",
    phrases={
        "according": "laut | nach worten von | nach angaben von",
        "according_after": "so",
        "postpositions": "zufolge",
        "particle_verbs": "stellt fest | stellte fest | stellten fest | hält fest | hielt fest "
        "| führt aus | führte aus | gibt zu | gab zu | weist hin | wies hin | legt nach "
        "| legte nach | merkt an | merkte an | fügt hinzu | fügte hinzu | lässt wissen "
        "| ließ wissen | ließen wissen | lässt verlauten | ließ verlauten | räumt ein "
        "| räumte ein | gibt an | gab an | stellt klar | stellte klar | hebt hervor "
        "| hob hervor | weist zurück | wies zurück",
    },
    pronouns="er sie es ich wir ihr man",
    person_pronouns="er sie",
    number_ambiguous="sie",
    plural_endings="en",
    bodies="ag gmbh se kg verein verband partei stiftung gewerkschaft ministerium regierung "
    "behörde bank konzern unternehmen firma gruppe institut universität gericht fraktion "
    "initiative bundestag landtag rat kommission",
    body_suffixes="verein verband partei stiftung ministerium verwaltung behörde gericht "
    "kommission institut gesellschaft",
    # Possessives open a noun phrase as articles do: "ließ der Minister seine Partei
    # wissen" ends the speaker before the listener.
    determiners="der die das den dem des ein eine einen einem einer eines sein seine seinen "
    "seinem seiner seines ihre ihren ihrem ihrer ihres",
    titles="dr dr. prof prof. herr frau hr fr",
    roles="sprecher sprecherin minister ministerin kanzler kanzlerin präsident präsidentin "
    "vorsitzende vorsitzender chef chefin anwalt anwältin sprecher experte expertin "
    "bürgermeister bürgermeisterin direktor direktorin leiter leiterin abgeordnete "
    "abgeordneter botschafter botschafterin richter richterin staatsanwalt "
    "staatsanwältin polizei regierung ministerium gewerkschaft partei behörde "
    "sprecherinnen experten sprecher mitarbeiter mitarbeiterin ökonom ökonomin "
    "virologe virologin wissenschaftler wissenschaftlerin forscher forscherin "
    "quelle kreise insider ministerpräsident ministerpräsidentin gericht politiker politikerin "
    "autor autorin",
    role_suffixes="könig königin gericht ist istin isten sprecher sprecherin minister ministerin "
    "präsident präsidentin vorsitzende vorsitzender chef chefin leiter leiterin politiker "
    "politikerin experte expertin meister meisterin direktor direktorin anwalt anwältin",
    documents="erklärung mitteilung bericht studie umfrage brief schreiben papier "
    "pressemitteilung stellungnahme urteil gesetz text",
    outlets="dpa afp reuters ap spiegel zeit faz bild welt taz tagesschau ard zdf "
    "handelsblatt stern focus süddeutsche sz ntv n-tv rtl deutschlandfunk kna epd "
    "zeitung blatt magazin sender agentur nachrichtenagentur",
    outlet_suffixes="zeitung blatt magazin sender agentur nachrichten",
    stops="und oder aber doch denn dass ob wenn als wie weil da in im an am auf aus bei "
    "mit nach von vom zu zum zur für über unter vor gegen ohne um durch seit bis "
    "ist sind war waren wird werden wurde hat haben hatte sei seien nicht auch noch "
    "dessen deren welche welcher welches hinzu klar mit während wegen trotz gegenüber nachdem "
    "bevor was warum wieso weshalb",
    places="deutschland frankreich russland china amerika usa ukraine polen österreich schweiz "
    "italien spanien großbritannien england türkei iran israel europa berlin paris moskau "
    "kiew peking washington london wien brüssel bund",
    prepositions="auf in im bei über vor gegenüber mit nach zu zum zur",
    locatives="in im",
    # Adverbs that open a clause before its verb too ("Dort sagte sie:").
    modifiers="auch noch dazu zudem weiter später damals jetzt nun dann heute gestern dort "
    "hier danach anschließend zuvor außerdem zunächst schließlich daraufhin so "
    "bereits schon ebenfalls beispielsweise etwa zum beispiel gegenüber deshalb daher darin "
    "uns mir ihm ihnen",
    conjunctions="und doch aber",
    relatives="welcher welche",
    copulas="ist war",
    oblique="den dem einen einem",
    complementisers="dass",
    as_openers="wie",
    capitalised_nouns=True,
)
