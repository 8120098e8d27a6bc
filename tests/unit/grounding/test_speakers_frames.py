"""Who speaks a quotation outside English, read past the words right next to it: a pronoun
speaker resolved to the one person the text before it names (never with two candidates,
never to a body or a place, never to a name inside the quotation); the second part of a
quotation a said-clause interrupts; a German verb whose particle ends the clause
("stellte X fest", "ließ X wissen"); a short aside in parentheses ("Merkel (CDU)
sagte:"); a said-clause inside the quotation's own marks ("« A, a-t-il dit, B »"); "Pour
X, « … »" opening the sentence; a list of quotations sharing the
said-clause after the last; a said-clause that closes or opens the sentence around reported
words; a sentence that introduces the next quotation; "so X" and "selon X" between
commas; a subject and verb right before a quotation; a said-clause going on with "and"
into a colon; German "X hat ... gesagt", "Am Montag hat X gesagt", "X soll gesagt
haben". The sentences are our own, in German, French, Spanish, Russian and a few other
languages."""

from __future__ import annotations

import pytest

from briefgen.grounding.attribution import attribute
from briefgen.ingest.article import Article
from briefgen.text.quotations import quotations

# (language, text, the quotation's first words, the speaker to read or None, the pattern;
# "unsure": a pronoun or clause that must leave the quotation unattributed).
CASES: list[tuple[str, str, str, str | None, str]] = [
    # pronoun
    (
        "de",
        "Karl Brandt kam am Abend nach Bonn. „Wir bleiben bei unserer Linie“, sagte er.",
        "Wir",
        "Karl Brandt",
        "pronoun",
    ),
    (
        "de",
        "Anna Weber kam am Abend nach Bonn. Sie erklärte: „Wir bleiben bei unserer Linie.“",
        "Wir",
        "Anna Weber",
        "pronoun",
    ),
    (
        "fr",
        "Paul Martin est arrivé lundi à Paris. « Nous ne "
        "signerons pas cet accord », a-t-il déclaré.",
        "Nous",
        "Paul Martin",
        "pronoun",
    ),
    (
        "fr",
        "Marie Dupont est arrivée lundi à Paris. Elle a déclaré : "
        "« Nous ne signerons pas cet accord. »",
        "Nous",
        "Marie Dupont",
        "pronoun",
    ),
    (
        "es",
        "Ana García llegó el lunes a Madrid. «No vamos a firmar este acuerdo», dijo.",
        "No vamos",
        "Ana García",
        "pronoun",
    ),
    (
        "es",
        "Pedro Ruiz llegó el lunes a Madrid. «No vamos a firmar este acuerdo», dijo él.",
        "No vamos",
        "Pedro Ruiz",
        "pronoun",
    ),
    (
        "ru",
        "Сергей Лавров прибыл в Женеву в понедельник. «Мы не подпишем этот договор», — сказал он.",
        "Мы",
        "Сергей Лавров",
        "pronoun",
    ),
    # pronoun negatives
    (
        "de",
        "Karl Brandt traf Anna Weber in Bonn. „Wir bleiben bei unserer Linie“, sagte er.",
        "Wir",
        None,
        "unsure",
    ),
    (
        "fr",
        "Paul Martin a rencontré Marie Dupont lundi. « Nous ne "
        "signerons pas cet accord », a-t-il déclaré.",
        "Nous",
        None,
        "unsure",
    ),
    (
        "es",
        "Ana García se reunió con Pedro Ruiz el lunes. «No vamos a firmar este acuerdo», dijo.",
        "No vamos",
        None,
        "unsure",
    ),
    (
        "ru",
        "Сергей Лавров встретился с Антонио Гутерришем в Женеве. "
        "«Мы не подпишем этот договор», — сказал он.",
        "Мы",
        None,
        "unsure",
    ),
    (
        "de",
        "Die Siemens AG legte am Montag ihre Zahlen vor. „Wir "
        "bleiben bei unserer Linie“, sagte sie.",
        "Wir",
        None,
        "unsure",
    ),
    (
        "fr",
        "Le groupe Renault a publié ses comptes lundi. « Nous ne "
        "fermerons aucune usine », a-t-il déclaré.",
        "Nous",
        None,
        "unsure",
    ),
    (
        "es",
        "El partido Podemos presentó su programa el lunes. «No vamos a firmar este acuerdo», dijo.",
        "No vamos",
        None,
        "unsure",
    ),
    (
        "ru",
        "Компания Газпром опубликовала отчёт в понедельник. «Мы "
        "не подпишем этот договор», — сказал он.",
        "Мы",
        None,
        "unsure",
    ),
    (
        "fr",
        "Paris a réagi lundi soir. « Nous ne signerons pas cet accord », a-t-il déclaré.",
        "Nous",
        None,
        "unsure",
    ),
    (
        "de",
        "Der Streit dauert an. „Karl Brandt wird das nie unterschreiben“, sagte er.",
        "Karl",
        None,
        "unsure",
    ),
    (
        "fr",
        "La dispute continue. « Paul Martin ne signera jamais cet accord », a-t-il déclaré.",
        "Paul",
        None,
        "unsure",
    ),
    (
        "es",
        "La disputa continúa. «Pedro Ruiz no va a firmar nunca este acuerdo», dijo.",
        "Pedro",
        None,
        "unsure",
    ),
    (
        "ru",
        "Спор продолжается. «Сергей Лавров никогда не подпишет этот договор», — сказал он.",
        "Сергей",
        None,
        "unsure",
    ),
    (
        "de",
        "Karl Brandt kam am Abend nach Bonn. „Wir bleiben bei unserer Linie“, sagten sie.",
        "Wir",
        None,
        "unsure",
    ),
    (
        "es",
        "Ana García llegó el lunes a Madrid. «No vamos a firmar este acuerdo», dijeron.",
        "No vamos",
        None,
        "unsure",
    ),
    # list
    (
        "de",
        "Die Lage sei „sehr ernst und gefährlich“, „kaum noch zu "
        "halten und teuer“, sagte Anna Weber.",
        "sehr ernst",
        "Anna Weber",
        "list",
    ),
    (
        "fr",
        "La réforme est « injuste pour les salariés », « coûteuse "
        "pour les retraités » selon Marie Dupont.",
        "injuste",
        "Marie Dupont",
        "list",
    ),
    (
        "es",
        "La reforma es «injusta para los trabajadores», «cara "
        "para los jubilados», según Ana García.",
        "injusta",
        "Ana García",
        "list",
    ),
    (
        "ru",
        "Реформа «несправедлива для всех работников», «дорога для "
        "всех пенсионеров», — сказал Сергей Лавров.",
        "несправедлива",
        "Сергей Лавров",
        "list",
    ),
    # closing
    (
        "de",
        "Er wolle „in der EU für mehr Transparenz“ sorgen, antwortete der Minister.",
        "in der EU",
        "der Minister",
        "closing",
    ),
    (
        "fr",
        "Il veut « plus de transparence dans l'Union » pour tous, a déclaré le ministre.",
        "plus de",
        "le ministre",
        "closing",
    ),
    (
        "es",
        "Quiere «más transparencia en la Unión» para todos, dijo el ministro.",
        "más transparencia",
        "el ministro",
        "closing",
    ),
    (
        "ru",
        "Он хочет «больше прозрачности в Евросоюзе» для всех, сказал министр.",
        "больше",
        "министр",
        "closing",
    ),
    # opening
    (
        "de",
        "Nun schreibt das Gericht, man könne nicht von „erfahrenen Nutzern der Medien“ ausgehen.",
        "erfahrenen",
        "das Gericht",
        "opening",
    ),
    (
        "fr",
        "Le ministre a estimé que la situation était « très grave pour tout le pays » lundi.",
        "très grave",
        "Le ministre",
        "opening",
    ),
    (
        "es",
        "El ministro dijo que la situación era «muy grave para todo el país» el lunes.",
        "muy grave",
        "El ministro",
        "opening",
    ),
    (
        "ru",
        "Министр заявил, что ситуация «очень серьёзная для всей страны» сейчас.",
        "очень",
        "Министр",
        "opening",
    ),
    # introduction
    (
        "de",
        "Auf Nachfrage sagte Karl Brandt, er werde nicht "
        "unterschreiben. „Das ist unser letztes Wort.“",
        "Das ist",
        "Karl Brandt",
        "introduction",
    ),
    (
        "de",
        "So viel koste das laut Anna Weber, Expertin für "
        "Verkehr. „Das zahlen am Ende die Fahrgäste.“",
        "Das zahlen",
        "Anna Weber",
        "introduction",
    ),
    (
        "fr",
        "Selon Marie Dupont, la réforme coûtera cher. « Ce sont les retraités qui paieront. »",
        "Ce sont",
        "Marie Dupont",
        "introduction",
    ),
    (
        "es",
        "Según Ana García, la reforma costará mucho. «Son los jubilados los que van a pagar.»",
        "Son los",
        "Ana García",
        "introduction",
    ),
    (
        "ru",
        "По словам Сергея Лаврова, переговоры продолжатся. «Мы готовы к любому развитию событий.»",
        "Мы готовы",
        "Сергея Лаврова",
        "introduction",
    ),
    (
        "de",
        "Karl Brandt sagte, er komme, Anna Weber erklärte, sie "
        "bleibe. „Das ist unser letztes Wort.“",
        "Das ist",
        None,
        "unsure",
    ),
    # so X / selon X mid
    (
        "de",
        "Die Lage sei, so der Minister, „sehr ernst und gefährlich“.",
        "sehr",
        "der Minister",
        "according",
    ),
    (
        "fr",
        "La situation est, selon le ministre, « très grave et dangereuse ».",
        "très",
        "le ministre",
        "according",
    ),
    (
        "es",
        "La situación es, según el ministro, «muy grave y peligrosa».",
        "muy",
        "el ministro",
        "according",
    ),
    (
        "ru",
        "Ситуация, по словам Сергея Лаврова, «очень серьёзная и опасная».",
        "очень",
        "Сергея Лаврова",
        "according",
    ),
    # adjacent
    (
        "de",
        "Die Richter schreiben „Die Klägerin ist keine Privatperson.“",
        "Die Klägerin",
        "Die Richter",
        "adjacent",
    ),
    (
        "fr",
        "Le procureur écrit « La plaignante n'est pas une personne privée. »",
        "La plaignante",
        "Le procureur",
        "adjacent",
    ),
    (
        "es",
        "El juez escribe «La demandante no es una persona privada.»",
        "La demandante",
        "El juez",
        "adjacent",
    ),
    ("ru", "Судья пишет «Истица не является частным лицом.»", "Истица", "Судья", "adjacent"),
    # shared
    (
        "de",
        "„Wir bleiben dabei“, sagte Anna Weber und fügte hinzu: „Das ist unser letztes Wort.“",
        "Das ist",
        "Anna Weber",
        "shared",
    ),
    (
        "fr",
        "« Nous restons fermes », a dit Marie Dupont et a ajouté : « C'est notre dernier mot. »",
        "C'est",
        "Marie Dupont",
        "shared",
    ),
    (
        "es",
        "«Seguimos firmes», dijo Ana García y añadió: «Es nuestra última palabra.»",
        "Es nuestra",
        "Ana García",
        "shared",
    ),
    (
        "ru",
        "«Мы остаёмся при своём», — сказал Сергей Лавров и добавил: «Это наше последнее слово.»",
        "Это наше",
        "Сергей Лавров",
        "shared",
    ),
    # perfect
    (
        "de",
        "Karl Brandt hatte der Zeitung im Mai gesagt, dass „die Brücke gesperrt bleibt“.",
        "die Brücke",
        "Karl Brandt",
        "perfect",
    ),
    (
        "de",
        "„Das stimmt nicht“, sagt uns die Sprecherin.",
        "Das stimmt",
        "die Sprecherin",
        "listener",
    ),
    # a preposition after the verb names where, not who
    (
        "de",
        "Lutz Brandt schreibt auf Facebook: „Ich bin sehr beeindruckt von euch.“",
        "Ich bin",
        "Lutz Brandt",
        "outlet",
    ),
    (
        "fr",
        "Paul Martin a écrit sur Facebook : « Je suis très fier de vous tous. »",
        "Je suis",
        "Paul Martin",
        "outlet",
    ),
    (
        "es",
        "Ana García escribió en Twitter: «Estoy muy orgullosa de todos vosotros.»",
        "Estoy",
        "Ana García",
        "outlet",
    ),
    (
        "ru",
        "Сергей Лавров написал в Telegram: «Я очень горжусь всеми вами.»",
        "Я очень",
        "Сергей Лавров",
        "outlet",
    ),
    (
        "de",
        "Anna Weber spricht nicht nur Fachleute an, sondern auch „die breite Öffentlichkeit "
        "und alle Kinder“.",
        "die breite",
        None,
        "unsure",
    ),
    # a German verb whose particle ends the clause
    (
        "de",
        "Das Gericht stellt dazu fest: „Die Klägerin ist keine Privatperson.“",
        "Die Klägerin",
        "Das Gericht",
        "particle",
    ),
    (
        "de",
        "Das Gericht stellt dazu Fragen: „Ist die Klägerin eine Privatperson?“",
        "Ist die",
        None,
        "unsure",
    ),
    # pronouns in Portuguese and Ukrainian too
    (
        "pt",
        "João Silva chegou a Lisboa na segunda-feira. «Não vamos assinar este acordo», disse ele.",
        "Não vamos",
        "João Silva",
        "pronoun",
    ),
    (
        "pt",
        "João Silva encontrou Maria Costa em Lisboa. «Não vamos assinar este acordo», disse ele.",
        "Não vamos",
        None,
        "unsure",
    ),
    (
        "uk",
        "Дмитро Кулеба прибув у Київ в понеділок. «Ми не підпишемо цю угоду», — сказав він.",
        "Ми не",
        "Дмитро Кулеба",
        "pronoun",
    ),
    (
        "uk",
        "Дмитро Кулеба зустрівся з Антоніу Гутеррешем у Женеві. «Ми не підпишемо цю угоду», "
        "— сказав він.",
        "Ми не",
        None,
        "unsure",
    ),
    # the second part of a quotation a said-clause interrupts
    (
        "de",
        "»Wir bleiben bei unserer Linie«, sagte Karl Brandt, »und zwar bis zum Ende des Jahres.«",
        "und zwar",
        "Karl Brandt",
        "interrupted",
    ),
    (
        "fr",
        "« Nous ne signerons pas », a déclaré Paul Martin, « ni aujourd'hui ni demain. »",
        "ni aujourd",
        "Paul Martin",
        "interrupted",
    ),
    (
        "es",
        "«No firmaremos este acuerdo», dijo Pedro Sánchez, «ni hoy ni mañana».",
        "ni hoy",
        "Pedro Sánchez",
        "interrupted",
    ),
    (
        "ru",
        "«Мы не подпишем это», — сказал Сергей Лавров, — «ни сегодня, ни завтра».",
        "ни сегодня",
        "Сергей Лавров",
        "interrupted",
    ),
    (
        "de",
        "Karl Brandt traf Anna Weber. »Wir bleiben dabei«, sagte er, »bis zum Ende des Jahres.«",
        "bis zum",
        None,
        "unsure",
    ),
    (
        "de",
        "»Wir bleiben bei unserer Linie«, sagte Karl Brandt, und Anna Weber meinte, »es bleibt "
        "bis zum Ende so.«",
        "es bleibt",
        "Anna Weber",
        "interrupted",
    ),
    # German: a verb whose particle ends the said-clause after the quotation
    (
        "de",
        "„Die Klägerin ist keine Privatperson“, stellte das Gericht fest.",
        "Die Klägerin",
        "das Gericht",
        "particle",
    ),
    (
        "de",
        "»Wir bleiben bei unserer Linie«, ließ der Minister seine Partei wissen, »und zwar bis "
        "zum Ende des Jahres.«",
        "und zwar",
        "der Minister",
        "particle",
    ),
    (
        "de",
        "»Wir bleiben bei unserer Linie«, ließ der Minister seine Partei wissen.",
        "Wir bleiben",
        "der Minister",
        "particle",
    ),
    (
        "de",
        "»Wir bleiben bei unserer Linie«, ließ der Sonnenkönig verlauten.",
        "Wir bleiben",
        "der Sonnenkönig",
        "particle",
    ),
    # a short aside in parentheses after the speaker
    (
        "de",
        "Angela Merkel (CDU) sagte: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "Angela Merkel",
        "aside",
    ),
    (
        "fr",
        "Marine Le Pen (RN) a déclaré : « Nous ne signerons pas cet accord. »",
        "Nous ne",
        "Marine Le Pen",
        "aside",
    ),
    (
        "de",
        "Angela Merkel und Olaf Scholz sagten: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        None,
        "unsure",
    ),
    (
        "de",
        "Angela Merkel (CDU) und Olaf Scholz (SPD) sagten: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        None,
        "unsure",
    ),
    # "for X," opening the sentence gives X's view (only there: elsewhere it is "for")
    (
        "fr",
        "Pour Gérald Darmanin, « la situation est grave et inquiétante ».",
        "la situation",
        "Gérald Darmanin",
        "opening according-to",
    ),
    (
        "es",
        "Para Pedro Sánchez, «la situación es grave e inquietante».",
        "la situación",
        "Pedro Sánchez",
        "opening according-to",
    ),
    (
        "it",
        "Per Mario Draghi, «la situazione è grave e preoccupante».",
        "la situazione",
        "Mario Draghi",
        "opening according-to",
    ),
    (
        "fr",
        "Il a voté pour Gérald Darmanin, « la situation est grave et inquiétante ».",
        "la situation",
        None,
        "unsure",
    ),
    (
        "fr",
        "Pour la première fois, « la situation est grave et inquiétante ».",
        "la situation",
        None,
        "unsure",
    ),
    # an adverb opening the clause before its verb; a demonstrative ends the speaker
    (
        "de",
        "Angela Merkel kam nach Bonn. Dort sagte sie: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "Angela Merkel",
        "pronoun",
    ),
    (
        "es",
        "«No vamos a ceder en nada», ha dicho Pedro Sánchez este lunes.",
        "No vamos",
        "Pedro Sánchez",
        "speaker",
    ),
    (
        "pt",
        "«Não vamos ceder em nada», disse Lula nesta segunda-feira.",
        "Não vamos",
        "Lula",
        "speaker",
    ),
    # German perfect and "soll": the subject after an opening adverb, or after the
    # auxiliary right after the quotation; the verb's own auxiliaries after it
    (
        "de",
        "Am Montag hat Angela Merkel gesagt: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "Angela Merkel",
        "perfect",
    ),
    (
        "de",
        "Angela Merkel soll gesagt haben: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "Angela Merkel",
        "perfect",
    ),
    (
        "de",
        "So soll Angela Merkel in Berlin gesagt haben, dass „wir bei unserer Linie bleiben“.",
        "wir bei",
        "Angela Merkel",
        "perfect",
    ),
    (
        "de",
        "„Wir bleiben bei unserer Linie“, soll Angela Merkel gesagt haben.",
        "Wir bleiben",
        "Angela Merkel",
        "perfect",
    ),
    (
        "de",
        "Am Montag hat die Zeitung berichtet: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        None,
        "unsure",
    ),
    # several quotations a word apart in the reported words after an opening said-clause
    (
        "de",
        "Angela Merkel sagte, sie sei „sehr zufrieden mit dem Ergebnis“ und „stolz auf die "
        "Partei“.",
        "stolz auf",
        "Angela Merkel",
        "opening",
    ),
    (
        "fr",
        "Le ministre a estimé que la situation était « très grave » et « inquiétante pour tous ».",
        "inquiétante",
        "Le ministre",
        "opening",
    ),
    (
        "de",
        "Angela Merkel sagte, sie sei „sehr zufrieden mit dem Ergebnis“, und dann nannte Olaf "
        "Scholz es „einen großen Erfolg für uns“.",
        "einen großen",
        None,
        "unsure",
    ),
    # before a colon: a listener with an article after the verb, or the verb's particle
    (
        "de",
        "Der Minister sagte dem Sender: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "Der Minister",
        "listener",
    ),
    (
        "de",
        "Karl Brandt kam am Abend nach Bonn. Er fügte hinzu: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "Karl Brandt",
        "particle",
    ),
    (
        "de",
        "Nach dem Treffen mit Anna Weber sagte der Minister den Journalisten: „Wir bleiben "
        "bei unserer Linie.“",
        "Wir bleiben",
        None,
        "unsure",
    ),
    # an outlet spoken to between the verb and its speaker
    (
        "fr",
        "« Nous ne signerons pas cet accord », explique à l'AFP Gérald Darmanin.",
        "Nous ne",
        "Gérald Darmanin",
        "listener",
    ),
    (
        "es",
        "«No firmaremos este acuerdo», dijo a Reuters el ministro.",
        "No firmaremos",
        "el ministro",
        "listener",
    ),
    # Spanish perfect, and a time after the verb with a demonstrative
    (
        "es",
        "«No firmaremos este acuerdo», ha asegurado Borja Sémper.",
        "No firmaremos",
        "Borja Sémper",
        "perfect",
    ),
    (
        "es",
        "«No firmaremos este acuerdo», aseguró este lunes el ministro en rueda de prensa.",
        "No firmaremos",
        "el ministro",
        "speaker",
    ),
    # a subject before an apposition or a relative clause between commas
    (
        "de",
        "Anna Weber, Chefin der Behörde, sagte: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "Anna Weber",
        "apposition",
    ),
    (
        "fr",
        "Gérald Darmanin, qui était en visite à Lille, a déclaré : « Nous ne signerons pas. »",
        "Nous ne",
        "Gérald Darmanin",
        "apposition",
    ),
    (
        "es",
        "Pedro Sánchez, presidente del Gobierno, dijo: «No firmaremos este acuerdo».",
        "No firmaremos",
        "Pedro Sánchez",
        "apposition",
    ),
    (
        "ru",
        "Сергей Лавров, который прибыл в Женеву, заявил: «Мы не подпишем это соглашение».",
        "Мы не",
        "Сергей Лавров",
        "apposition",
    ),
    (
        "de",
        "Anna Weber, Olaf Scholz und Karl Brandt sagten: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        None,
        "unsure",
    ),
    (
        "de",
        "Anna Weber, die Ministerin, und Olaf Scholz sagten: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        None,
        "unsure",
    ),
    # an opening phrase with a preposition and an article, the speaker after the verb
    (
        "de",
        "Zu den Vorwürfen sagte Anna Weber: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "Anna Weber",
        "opening phrase",
    ),
    (
        "es",
        "Ante la prensa dijo el ministro: «No firmaremos este acuerdo».",
        "No firmaremos",
        "el ministro",
        "opening phrase",
    ),
    # a role after a copula says what the person is: no second candidate
    (
        "de",
        "Karl Brandt ist Sprecher der Partei. Er sagt: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "Karl Brandt",
        "pronoun",
    ),
    (
        "fr",
        "Paul Martin est le ministre de l'Intérieur. « Nous ne signerons pas cet accord », "
        "a-t-il déclaré.",
        "Nous ne",
        "Paul Martin",
        "pronoun",
    ),
    (
        "de",
        "Karl Brandt ist der Chef von Anna Weber. Er sagt: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        None,
        "unsure",
    ),
    # a said-clause inside the quotation's own marks, between commas or dashes
    (
        "fr",
        "Paul Martin est arrivé lundi à Paris. « Nous ne signerons pas cet accord, a-t-il "
        "dit. Jamais. »",
        "Nous ne",
        "Paul Martin",
        "incise",
    ),
    (
        "es",
        "«No vamos a ceder —afirmó Pedro Sánchez—. Es nuestra posición».",
        "No vamos",
        "Pedro Sánchez",
        "incise",
    ),
    (
        "ru",
        "«Мы не уступим, — сказал Сергей Лавров. — Никогда и ни за что».",
        "Мы не",
        "Сергей Лавров",
        "incise",
    ),
    (
        "fr",
        "« Les chiffres, selon le ministre, sont faux et trompeurs. »",
        "Les chiffres",
        None,
        "unsure",
    ),
    # French: the subject pronoun written onto the verb
    (
        "fr",
        "Marie Dupont est arrivée lundi à Paris. « Nous ne signerons pas cet accord », "
        "déclare-t-elle.",
        "Nous ne",
        "Marie Dupont",
        "pronoun",
    ),
    (
        "fr",
        "Paul Martin et Marie Dupont sont arrivés. « Nous ne signerons pas cet accord », dit-il.",
        "Nous ne",
        None,
        "unsure",
    ),
    # German: an oblique article ("den", "dem") opens an object or a listener, no subject
    (
        "de",
        "Den Minister fragte die Journalistin: „Bleiben Sie bei Ihrer Linie?“",
        "Bleiben Sie",
        "die Journalistin",
        "oblique",
    ),
    (
        "de",
        "Dem Sender sagte die Ministerin: „Wir bleiben bei unserer Linie.“",
        "Wir bleiben",
        "die Ministerin",
        "oblique",
    ),
    # more verbs of speech: German particle verbs, French verbs of news
    (
        "de",
        "„Das ist ein Fehler gewesen“, räumte Karl Brandt ein.",
        "Das ist",
        "Karl Brandt",
        "particle",
    ),
    (
        "de",
        "„Das ist falsch und unfair“, wies Karl Brandt die Vorwürfe zurück.",
        "Das ist",
        "Karl Brandt",
        "particle",
    ),
    (
        "fr",
        "« Nous ne signerons pas cet accord », a rétorqué Paul Martin.",
        "Nous ne",
        "Paul Martin",
        "speaker",
    ),
    # a heading is no introduction
    (
        "de",
        "Die Lage ist ernst.\nWas Experten sagen\n„Die Preise steigen in diesem Jahr weiter.“",
        "Die Preise",
        None,
        "unsure",
    ),
    (
        "de",
        "Das Urteil ist lang.\nDie Richter schreiben\n„Die Klägerin ist keine Privatperson.“",
        "Die Klägerin",
        "Die Richter",
        "introduction",
    ),
]


def _speaker(text: str, first: str, language: str) -> str | None:
    article = Article.from_text(text).model_copy(update={"language": language})
    start, end = next(
        (s, e) for s, e in quotations(article.text) if article.text[s:e].startswith(first)
    )
    return attribute(article, start, end).speaker


@pytest.mark.parametrize(("language", "text", "first", "expected", "what"), CASES)
def test_the_speaker_is_read_past_the_words_next_to_the_quotation_or_none(
    language: str, text: str, first: str, expected: str | None, what: str
) -> None:
    assert _speaker(text, first, language) == expected, what


def test_every_pattern_is_shown_in_german_french_spanish_and_russian() -> None:
    for what in ("pronoun", "unsure", "list", "closing", "opening", "introduction", "interrupted"):
        languages = {code for code, *_, kind in CASES if kind == what}
        assert {"de", "fr", "es", "ru"} <= languages, what


def test_a_resolved_pronoun_says_which_sentence_names_the_person() -> None:
    text = "Karl Brandt kam am Abend nach Bonn. „Wir bleiben bei unserer Linie“, sagte er."
    article = Article.from_text(text).model_copy(update={"language": "de"})
    start = article.text.index("Wir")
    found = attribute(article, start, start + len("Wir bleiben bei unserer Linie"))
    assert found.speaker == "Karl Brandt"
    assert "read as Karl Brandt" in found.how
