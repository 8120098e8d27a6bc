"""Spanish: negation, dates and numbers as Spanish news writes them.

"mar" is the sea, not March: only the full name is a month.
"""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "es",
    nearly="casi",
    bounds="min: al menos, por lo menos, como mínimo | above: más de | max: hasta, como máximo "
    "| below: menos de, casi, cerca de | approx: unos, unas, alrededor de, aproximadamente",
    conditions="si",
    maybe="podría podrían sería serían quizá quizás posiblemente",
    asking="pregunta preguntó preguntan preguntaron preguntaba preguntar preguntado "
    "cuestiona cuestionó",
    negators="no nunca jamás nada nadie ningún ninguna ninguno ni sin tampoco",
    months="enero ene | febrero feb | marzo | abril abr | mayo | junio jun | julio jul "
    "| agosto ago | septiembre setiembre sept | octubre oct | noviembre nov "
    "| diciembre dic",
    weekdays="lunes | martes | miércoles | jueves | viernes | sábado | domingo",
    numbers={
        "cero": 0,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "once": 11,
        "doce": 12,
        "veinte": 20,
        "treinta": 30,
        "cuarenta": 40,
        "cincuenta": 50,
        "cien": 100,
        "ciento": 100,
        "mil": 1000,
    },
    scales={
        "mil": 1e3,
        "millón": 1e6,
        "millones": 1e6,
        "mdd": 1e6,
        "billón": 1e12,
        "billones": 1e12,
    },
    decimal_comma=True,
)

# Attribution: "«…», dijo X", "«…», afirmó X", "X dijo: «…»", "según X".
SPEECH = speech_of(
    "es",
    verbs="dijo dice decía dicho afirmó afirma afirmaba aseguró asegura aseguraba "
    "declaró declara explicó explica añadió añade agregó agrega señaló señala "
    "indicó indica subrayó subraya destacó destaca advirtió advierte alertó alerta "
    "sostuvo sostiene manifestó manifiesta insistió insiste apuntó apunta "
    "escribió escribe comentó comenta respondió responde preguntó pregunta "
    "reconoció reconoce admitió admite denunció denuncia lamentó lamenta "
    "recordó recuerda expresó expresa precisó precisa concluyó concluye "
    "manifestó anunció anuncia tuiteó aclaró aclara enfatizó enfatiza criticó critica "
    # Participles: Spain's news writes the perfect ("ha asegurado X").
    "afirmado asegurado declarado explicado añadido agregado señalado indicado subrayado "
    "destacado advertido sostenido manifestado insistido apuntado escrito comentado "
    "respondido preguntado reconocido admitido denunciado lamentado recordado expresado "
    "precisado concluido anunciado aclarado criticado",
    auxiliaries="ha han había habían",
    phrases={
        "according": "según | de acuerdo con | en palabras de | a juicio de",
        "according_opening": "para",
    },
    pronouns="él ella ellos ellas yo nosotros usted",
    person_pronouns="él ella",
    plural_endings="n",
    null_subject=True,
    bodies="sa empresa compañía sociedad partido asociación federación ministerio gobierno "
    "sindicato banco instituto universidad consejo comisión congreso senado tribunal corte grupo",
    # Demonstratives too: "ha dicho Pedro Sánchez este lunes" ends the speaker there.
    determiners="el la los las un una unos unas este esta estos estas ese esa",
    titles="sr sr. sra sra. srta dr dr. dra don doña",
    roles="presidente presidenta ministro ministra portavoz diputado diputada senador "
    "senadora alcalde alcaldesa director directora secretario secretaria abogado "
    "abogada fiscal experto experta responsable dirigente jefe jefa líder consejero "
    "consejera embajador embajadora diplomático fuente fuentes juez jueza comisario "
    "investigador investigadora profesor profesora médico médica gobierno policía "
    "ministerio sindicato general coronel vocero vocera canciller",
    role_suffixes="ista istas",
    documents="comunicado informe texto carta declaración estudio documento decreto "
    "tuit mensaje encuesta",
    outlets="efe afp reuters ap país mundo abc vanguardia razón clarín nación "
    "europa press europapress periódico diario agencia cadena radio televisión",
    stops="a al de del en con sin sobre para por ante tras desde hasta entre contra "
    "y e o u pero que quien quienes cual cuyo donde es son fue era ha no se después antes durante "
    "mediante según",
    places="españa francia alemania rusia china estados unidos ucrania méxico argentina colombia "
    "venezuela chile perú cuba italia europa madrid parís berlín moscú pekín washington "
    "londres bruselas moncloa",
    prepositions="en a al ante sobre durante",
    locatives="en",
    modifiers="también además luego después ayer hoy entonces",
    conjunctions="y pero",
    relatives="quien quienes",
    copulas="es era",
    complementisers="que",
    as_openers="como",
)
