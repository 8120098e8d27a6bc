"""French: negation, dates and numbers as French news writes them.

"neuf" (nine, and new) and "personne" (nobody, and person) are left out: read as a
number or a negator, the other sense would be misread.
"""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "fr",
    nearly="presque",
    bounds="min: au moins, au minimum | above: plus de | max: jusqu'à, au plus, au maximum "
    "| below: moins de, presque, près de | approx: environ, quelque",
    conditions="si s'il s'ils",
    maybe="pourrait pourraient pourrais serait seraient peut-être éventuellement",
    asking="demande demandé demandée demandent demandait demandaient demander interroge "
    "interrogé interrogent interrogeait question questionne",
    negators="ne pas jamais rien aucun aucune ni sans non nullement guère",
    negating_prefixes=("n'", "n’"),
    months="janvier janv | février févr fév | mars | avril avr | mai | juin | juillet juil "
    "| août | septembre | octobre oct | novembre nov | décembre déc",
    weekdays="lundi | mardi | mercredi | jeudi | vendredi | samedi | dimanche",
    numbers={
        "zéro": 0,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "vingt": 20,
        "trente": 30,
        "quarante": 40,
        "cinquante": 50,
        "soixante": 60,
        "cent": 100,
        "mille": 1000,
    },
    scales={"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9},
    decimal_comma=True,
)

# Attribution: "« … », a déclaré X", "« … », déclare X", "X a déclaré : « … »",
# "selon X"; "a-t-il déclaré" is a pronoun written onto the verb.
SPEECH = speech_of(
    "fr",
    verbs="dit déclaré déclare déclarait affirmé affirme affirmait ajouté ajoute ajoutait "
    "expliqué explique expliquait souligné souligne estimé estime assuré assure "
    "indiqué indique précisé précise lancé lance confié confie écrit écrivait "
    "martelé martèle insisté insiste averti avertit prévenu prévient répondu répond "
    "rappelé rappelle reconnu reconnaît admis admet dénoncé dénonce regretté regrette "
    "commenté commente raconté raconte tweeté twitté annoncé annonce conclu conclut "
    "poursuivi poursuit résumé résume protesté proteste interrogé demandé demande "
    "jugé juge déploré déplore observé observe noté note relevé relève "
    # Not "lâche", "tranche", "tonne", "glisse": nouns or adjectives as often as verbs.
    "rétorqué rétorque lâché glissé tonné ironisé ironise plaidé plaide détaillé "
    "nuancé témoigné témoigne avoué avoue soufflé asséné assène fustigé fustige "
    "tranché renchéri renchérit complété",
    auxiliaries="a ont avait avaient aurait",
    phrases={
        "according": "selon | d'après | d’après | pour reprendre les mots de",
        "according_opening": "pour",
    },
    pronouns="il elle ils elles on je nous vous lui",
    person_pronouns="il elle",
    bodies="sa sas sarl groupe société entreprise compagnie parti association fédération "
    "ministère gouvernement syndicat "
    "banque institut université conseil commission assemblée sénat tribunal cour",
    determiners="le la les l' l’ un une des du",
    titles="m m. mme mme. mlle me dr pr",
    roles="ministre président présidente porte-parole député députée sénateur sénatrice "
    "maire directeur directrice secrétaire avocat avocate procureur procureure expert "
    "experte responsable dirigeant dirigeante chef cheffe patron patronne conseiller "
    "conseillère ambassadeur ambassadrice diplomate source sources juge commissaire "
    "chercheur chercheuse professeur professeure médecin syndicaliste élu élue "
    "gouvernement police ministère syndicat parquet préfet préfète général colonel",
    role_suffixes="iste istes",
    documents="communiqué rapport texte lettre déclaration étude document arrêté décret "
    "tweet message courrier sondage",
    outlets="afp reuters monde figaro libération libé parisien express obs nouvel "
    "l'express l'obs bfmtv bfm tf1 lci france24 rfi ouest-france journal quotidien "
    "hebdomadaire magazine agence chaîne radio",
    stops="à au aux de d' d’ en dans sur pour par avec sans sous chez contre vers entre "
    "et ou mais donc car que qui quoi dont où est sont était ont avait sera ne pas "
    "lors après avant depuis pendant devant durant selon",
    places="france allemagne russie chine amérique états-unis ukraine pologne italie espagne "
    "royaume-uni angleterre belgique suisse turquie iran israël europe paris berlin moscou "
    "kiev kyiv pékin washington londres bruxelles élysée matignon",
    prepositions="sur dans à au aux devant lors en",
    locatives="en au aux dans",
    modifiers="aussi encore ensuite alors également enfin déjà plus tard",
    conjunctions="et mais puis",
    relatives="qui",
    copulas="est était",
    complementisers="que qu' qu’",
    as_openers="comme",
)
