"""Short news texts in fourteen languages, each with statements a lying model writes from
them: the faithful copy, a dropped negation, a swapped month, a changed number word."""

from __future__ import annotations

# language: (article, [(statement, what it does)]); the first statement is faithful.
CASES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "de": (
        "Die Regierung hat den Vertrag am 3. März nicht unterzeichnet. Drei Minister "
        "reisten nach Genf.",
        [
            ("Die Regierung hat den Vertrag am 3. März nicht unterzeichnet.", "faithful"),
            ("Die Regierung hat den Vertrag am 3. März unterzeichnet.", "negation"),
            ("Die Regierung hat den Vertrag am 3. April nicht unterzeichnet.", "month"),
            ("Vier Minister reisten nach Genf.", "number"),
        ],
    ),
    "fr": (
        "Le ministre n'a pas signé l'accord en septembre. Trois délégations sont arrivées "
        "à Genève.",
        [
            ("Le ministre n'a pas signé l'accord en septembre.", "faithful"),
            ("Le ministre a signé l'accord en septembre.", "negation"),
            ("Le ministre n'a pas signé l'accord en octobre.", "month"),
            ("Cinq délégations sont arrivées à Genève.", "number"),
        ],
    ),
    "es": (
        "El gobierno no firmó el acuerdo en marzo. Tres ministros viajaron a Ginebra.",
        [
            ("El gobierno no firmó el acuerdo en marzo.", "faithful"),
            ("El gobierno firmó el acuerdo en marzo.", "negation"),
            ("El gobierno no firmó el acuerdo en abril.", "month"),
            ("Cuatro ministros viajaron a Ginebra.", "number"),
        ],
    ),
    "it": (
        "Il governo non ha firmato l'accordo a marzo. Tre ministri sono arrivati a Ginevra.",
        [
            ("Il governo non ha firmato l'accordo a marzo.", "faithful"),
            ("Il governo ha firmato l'accordo a marzo.", "negation"),
            ("Il governo non ha firmato l'accordo ad aprile.", "month"),
            ("Cinque ministri sono arrivati a Ginevra.", "number"),
        ],
    ),
    "pt": (
        "O governo não assinou o acordo em março. Três ministros chegaram a Genebra.",
        [
            ("O governo não assinou o acordo em março.", "faithful"),
            ("O governo assinou o acordo em março.", "negation"),
            ("O governo não assinou o acordo em abril.", "month"),
            ("Cinco ministros chegaram a Genebra.", "number"),
        ],
    ),
    "ru": (
        "Правительство не подписало договор в марте. Три министра прибыли в Женеву.",
        [
            ("Правительство не подписало договор в марте.", "faithful"),
            ("Правительство подписало договор в марте.", "negation"),
            ("Правительство не подписало договор в апреле.", "month"),
            ("Пять министров прибыли в Женеву.", "number"),
        ],
    ),
    "uk": (
        "Уряд не підписав угоду у березні. Три міністри прибули до Женеви.",
        [
            ("Уряд не підписав угоду у березні.", "faithful"),
            ("Уряд підписав угоду у березні.", "negation"),
            ("Уряд не підписав угоду у квітні.", "month"),
            ("П’ять міністрів прибули до Женеви.", "number"),
        ],
    ),
    "ar": (
        "لم توقع الحكومة الاتفاق في مارس الماضي بعد مفاوضات طويلة. وصل ثلاثة وزراء إلى جنيف.",
        [
            ("لم توقع الحكومة الاتفاق في مارس الماضي بعد مفاوضات طويلة.", "faithful"),
            ("توقع الحكومة الاتفاق في مارس الماضي بعد مفاوضات طويلة.", "negation"),
            ("لم توقع الحكومة الاتفاق في أبريل الماضي بعد مفاوضات طويلة.", "month"),
            ("وصل خمسة وزراء إلى جنيف.", "number"),
        ],
    ),
    "fa": (
        "دولت این توافق را در ماه مارس امضا نکرد. سه وزیر به ژنو رفتند.",
        [
            ("دولت این توافق را در ماه مارس امضا نکرد.", "faithful"),
            ("دولت این توافق را در ماه مارس امضا کرد.", "negation"),
            ("دولت این توافق را در ماه آوریل امضا نکرد.", "month"),
            ("پنج وزیر به ژنو رفتند.", "number"),
        ],
    ),
    "ur": (
        "حکومت نے مارچ میں معاہدے پر دستخط نہیں کیے۔ تین وزیر جنیوا پہنچے۔",
        [
            ("حکومت نے مارچ میں معاہدے پر دستخط نہیں کیے۔", "faithful"),
            ("حکومت نے مارچ میں معاہدے پر دستخط کیے۔", "negation"),
            ("حکومت نے اپریل میں معاہدے پر دستخط نہیں کیے۔", "month"),
            ("پانچ وزیر جنیوا پہنچے۔", "number"),
        ],
    ),
    "tr": (
        "Hükümetin kararı kesin değil. Anlaşma 3 Mart'ta imzalandı. Üç bakan Cenevre'ye gitti.",
        [
            ("Anlaşma 3 Mart'ta imzalandı.", "faithful"),
            ("Hükümetin kararı kesin.", "negation"),
            ("Anlaşma 3 Nisan'da imzalandı.", "month"),
            ("Beş bakan Cenevre'ye gitti.", "number"),
        ],
    ),
    "fi": (
        "Hallitus ei allekirjoittanut sopimusta maaliskuussa. Kolme ministeriä saapui Geneveen.",
        [
            ("Hallitus ei allekirjoittanut sopimusta maaliskuussa.", "faithful"),
            ("Hallitus allekirjoittanut sopimusta maaliskuussa.", "negation"),
            ("Hallitus ei allekirjoittanut sopimusta huhtikuussa.", "month"),
            ("Viisi ministeriä saapui Geneveen.", "number"),
        ],
    ),
    "zh": (
        "政府三月没有签署协议，谈判仍在继续。三名部长抵达日内瓦。",
        [
            ("政府三月没有签署协议。", "faithful"),
            ("政府三月签署了协议。", "negation"),
            ("政府四月没有签署协议。", "month"),
            ("五名部长抵达日内瓦。", "number"),
        ],
    ),
    "ja": (
        "政府は三月に協定に署名しなかった。三人の大臣がジュネーブに到着した。",
        [
            ("政府は三月に協定に署名しなかった。", "faithful"),
            ("政府は三月に協定に署名した。", "negation"),
            ("政府は四月に協定に署名しなかった。", "month"),
            ("五人の大臣がジュネーブに到着した。", "number"),
        ],
    ),
}

# language: [(text, the quotation's first words, the speaker to read or None, what it
# tests)]. "speaker": the article's speaker is read; "outlet" and "place": what the
# sentence names there is an outlet or a place, never a speaker; "unsure": a pronoun,
# or a verb of speech whose subject is not plain, gives none.
SPEAKER_CASES: dict[str, list[tuple[str, str, str | None, str]]] = {
    "de": [
        (
            "„Wir unterschreiben das nicht“, sagte Innenministerin Anna Weber am Montag.",
            "Wir unterschreiben",
            "Innenministerin Anna Weber",
            "speaker",
        ),
        (
            "Karl Brandt ist Bürgermeister. „Die Brücke bleibt gesperrt“, so Brandt.",
            "Die Brücke",
            "Brandt",
            "speaker",
        ),
        (
            "Der Sprecher erklärte: „Die Gespräche gehen weiter.“",
            "Die Gespräche",
            "Der Sprecher",
            "speaker",
        ),
        ("„Die Lage ist ernst“, schreibt die „Süddeutsche Zeitung“.", "Die Lage", None, "outlet"),
        ("„Die Lage ist ernst“, berichtet der Spiegel.", "Die Lage", None, "outlet"),
        ("Sie lebt in Berlin. „Die Lage ist ernst“, sagte Berlin.", "Die Lage", None, "place"),
        ("„Die Lage ist ernst“, sagte er.", "Die Lage", None, "unsure"),
        ("„Die Lage ist ernst“, sagt der Volksmund.", "Die Lage", None, "unsure"),
        (
            "Kanzlerin Merkel reiste ab. Merkel sagte am Montag: „Wir bleiben dabei.“",
            "Wir bleiben dabei",
            "Merkel",
            "speaker",
        ),
        (
            "Am Dienstag sagte der Minister: „Wir bleiben bei unserer Linie.“",
            "Wir bleiben",
            "der Minister",
            "speaker",
        ),
        ("Der Minister fragte Merkel: „Wie geht es weiter?“", "Wie geht", None, "unsure"),
        (
            "„Wir bleiben dabei“ – diesen Satz sagte der Minister oft.",
            "Wir bleiben",
            None,
            "unsure",
        ),
        (
            "Die Strecke sei teurer, berichtet de Decker. „Schneller sind die Fahrten nicht.“",
            "Schneller",
            "de Decker",
            "speaker",
        ),
        (
            "Merkel fragte Macron: „Wie geht es weiter?“ Emmanuel Macron schwieg.",
            "Wie geht",
            None,
            "unsure",
        ),
        ("Die Erklärung sagt: „Wir bleiben bei unserer Linie.“", "Wir bleiben", None, "unsure"),
        (
            "„Die Lage ist ernst“, sagten Angela Merkel und Emmanuel Macron.",
            "Die Lage",
            None,
            "unsure",
        ),
    ],
    "fr": [
        (
            "« Nous ne signerons pas cet accord », a déclaré Jean-Yves Le Drian à Paris.",
            "Nous ne signerons",
            "Jean-Yves Le Drian",
            "speaker",
        ),
        (
            "Le président Emmanuel Macron a déclaré : « Nous ne céderons pas. »",
            "Nous ne céderons",
            "Le président Emmanuel Macron",
            "speaker",
        ),
        ("« La crise est grave », selon Le Monde.", "La crise", None, "outlet"),
        ("« La crise est grave », a affirmé l'AFP.", "La crise", None, "outlet"),
        (
            "Elle vit en France. « La crise est grave », a déclaré France.",
            "La crise",
            None,
            "place",
        ),
        ("« La crise est grave », a-t-il déclaré.", "La crise", None, "unsure"),
        ("« La crise est grave », a déclaré la France.", "La crise", None, "place"),
        (
            "« La crise est grave », a déclaré lundi le porte-parole du gouvernement, Gabriel "
            "Attal.",
            "La crise",
            "Gabriel Attal",
            "speaker",
        ),
        (
            "Paul Martin a rencontré Marc Dupont. Il a déclaré : « La crise est grave. »",
            "La crise",
            None,
            "unsure",
        ),
    ],
    "es": [
        (
            "«No vamos a rendirnos nunca», alertó Murátov tras la reunión.",
            "No vamos",
            "Murátov",
            "speaker",
        ),
        (
            "Según el ministro, «la economía crecerá este año».",
            "la economía",
            "el ministro",
            "speaker",
        ),
        ("«La economía crecerá», según El País.", "La economía", None, "outlet"),
        ("Vive en Madrid. «La economía crecerá», dijo Madrid.", "La economía", None, "place"),
        (
            "«Vamos a ganar», dijo el presidente del Gobierno, Pedro Sánchez.",
            "Vamos",
            "Pedro Sánchez",
            "speaker",
        ),
        ("«La economía crecerá», dijo él.", "La economía", None, "unsure"),
        ("«La economía crecerá», afirmó España.", "La economía", None, "place"),
        (
            "«La economía crecerá», dijeron Pedro Sánchez y Alberto Feijóo.",
            "La economía",
            None,
            "unsure",
        ),
    ],
    "it": [
        ("«L'accordo è morto», ha detto Roma.", "L'accordo", None, "place"),
        (
            "«Non firmeremo questo accordo», ha detto il premier Mario Draghi.",
            "Non firmeremo",
            "il premier Mario Draghi",
            "speaker",
        ),
        ("Secondo il ministro, «l'accordo è morto».", "l'accordo", "il ministro", "speaker"),
        ("«L'accordo è morto», ha scritto il Corriere della Sera.", "L'accordo", None, "outlet"),
        ("«L'accordo è morto», ha detto lui.", "L'accordo", None, "unsure"),
    ],
    "pt": [
        ("“O acordo morreu”, disse o Brasil.", "O acordo", None, "place"),
        (
            "“Não vamos assinar este acordo”, disse a ministra da Saúde.",
            "Não vamos",
            "a ministra",
            "speaker",
        ),
        (
            "“Não vamos assinar este acordo”, afirmou Lula em Brasília.",
            "Não vamos",
            "Lula",
            "speaker",
        ),
        ("“O acordo morreu”, segundo a Folha.", "O acordo", None, "outlet"),
        ("“O acordo morreu”, disse ele.", "O acordo", None, "unsure"),
    ],
    "ru": [
        (
            "«Мы не подпишем этот договор», — заявил министр иностранных дел России Сергей Лавров.",
            "Мы не подпишем",
            "министр иностранных дел России Сергей Лавров",
            "speaker",
        ),
        ("«Это была ошибка», — написал Подольски.", "Это была", "Подольски", "speaker"),
        ("«Это была ошибка», — сказал Путин журналистам.", "Это была", "Путин", "speaker"),
        ("По словам Пескова, «никаких переговоров не будет».", "никаких", "Пескова", "speaker"),
        ("«Переговоров не будет», — заявило агентство ТАСС.", "Переговоров", None, "outlet"),
        ("«Переговоров не будет», — заявили в Кремле.", "Переговоров", None, "place"),
        (
            "Он живет в Москве. «Переговоров не будет», — заявила Москва.",
            "Переговоров",
            None,
            "place",
        ),
        ("«Переговоров не будет», — сказал он.", "Переговоров", None, "unsure"),
    ],
    "uk": [
        ("«Переговорів не буде», — заявила Москва.", "Переговорів", None, "place"),
        (
            "«Ми не підпишемо цю угоду», — заявив міністр закордонних справ Дмитро Кулеба.",
            "Ми не підпишемо",
            "міністр закордонних справ Дмитро Кулеба",
            "speaker",
        ),
        ("«Переговорів не буде», — повідомило агентство Укрінформ.", "Переговорів", None, "outlet"),
        ("«Переговорів не буде», — сказав він.", "Переговорів", None, "unsure"),
    ],
    "ar": [
        (
            "وقال وزير الخارجية سامح شكري: «لن نقبل بهذا الاتفاق».",
            "لن نقبل",
            "وزير الخارجية سامح شكري",
            "speaker",
        ),
        ("«لن نقبل بهذا الاتفاق»، قالت وكالة الأنباء.", "لن نقبل", None, "outlet"),
        ("«لن نقبل بهذا الاتفاق»، قالت مصر.", "لن نقبل", None, "place"),
        ("«لن نقبل بهذا الاتفاق»، قال مسؤول أمريكي لرويترز.", "لن نقبل", "مسؤول أمريكي", "speaker"),
        ("«لن نقبل بهذا الاتفاق»، قال في بيان.", "لن نقبل", None, "unsure"),
    ],
    "tr": [
        ("Türkiye, “Bu anlaşmayı imzalamayacağız” dedi.", "Bu anlaşmayı", None, "place"),
        (
            "Cumhurbaşkanı Erdoğan, “Bu anlaşmayı imzalamayacağız” dedi.",
            "Bu anlaşmayı",
            "Cumhurbaşkanı Erdoğan",
            "speaker",
        ),
        ("Anadolu Ajansı, “Bu anlaşmayı imzalamayacağız” dedi.", "Bu anlaşmayı", None, "outlet"),
        ("Erdoğan'a göre “bu anlaşma imzalanmayacak”.", "bu anlaşma", "Erdoğan", "speaker"),
        ("O, “Bu anlaşmayı imzalamayacağız” dedi.", "Bu anlaşmayı", None, "unsure"),
    ],
    "zh": [
        ("钟南山院士说：“疫情还没有结束。”", "疫情", "钟南山院士", "speaker"),
        ("外交部发言人赵立坚表示：“美方的做法是错误的。”", "美方", "外交部发言人赵立坚", "speaker"),
        ("新华社说：“疫情还没有结束。”", "疫情", None, "outlet"),
        ("“局势非常严重，”王毅对记者说。", "局势", "王毅", "speaker"),
        ("中方表示：“我们坚决反对。”", "我们", None, "place"),
        ("他在接受采访时说：“疫情还没有结束。”", "疫情", None, "unsure"),
    ],
    "ja": [
        ("岸田首相は記者団に対し「増税は考えていない」と述べた。", "増税", "岸田首相", "speaker"),
        ("共同通信は「増税は考えていない」と伝えた。", "増税", None, "outlet"),
        ("日本は「増税は考えていない」と述べた。", "増税", None, "place"),
        ("「事態は深刻だ」と林官房長官は述べた。", "事態", "林官房長官", "speaker"),
        ("「事態は深刻だ」と述べた。", "事態", None, "unsure"),
        ("彼は「増税は考えていない」と述べた。", "増税", None, "unsure"),
    ],
    "fa": [
        ("ایران گفت: «مذاکره ادامه دارد.»", "مذاکره", None, "place"),
        ("وزیر خارجه گفت: «ما این توافق را امضا نمی‌کنیم.»", "ما این", "وزیر خارجه", "speaker"),
        ("به گفته خبرگزاری ایرنا، «مذاکره ادامه دارد».", "مذاکره", None, "outlet"),
        ("او گفت: «مذاکره ادامه دارد.»", "مذاکره", None, "unsure"),
    ],
    "ur": [
        ('پاکستان نے کہا: "ہم یہ معاہدہ نہیں کریں گے۔"', "ہم یہ", None, "place"),
        ('وزیراعظم نے کہا: "ہم یہ معاہدہ نہیں کریں گے۔"', "ہم یہ", "وزیراعظم", "speaker"),
        ('انہوں نے کہا: "ہم یہ معاہدہ نہیں کریں گے۔"', "ہم یہ", None, "unsure"),
    ],
    "fi": [
        ("”Emme allekirjoita sopimusta”, sanoi Suomi.", "Emme", None, "place"),
        (
            "”Emme allekirjoita sopimusta”, sanoi pääministeri Sanna Marin.",
            "Emme",
            "pääministeri Sanna Marin",
            "speaker",
        ),
        ("”Emme allekirjoita sopimusta”, kertoi Yle.", "Emme", None, "outlet"),
        ("”Emme allekirjoita sopimusta”, hän sanoi.", "Emme", None, "unsure"),
        (
            "”Tilanne on vakava”, sanoi Niinistö tiedotustilaisuudessa.",
            "Tilanne",
            "Niinistö",
            "speaker",
        ),
    ],
}

# language: (a quotation's sentence, its first words, the article's speaker, a person the
# same sentence names who did not say it). A lying model gives the quotation to the
# latter: named outside the quotation marks, it would stand were the sentence not read.
WRONG_SPEAKERS: dict[str, tuple[str, str, str, str]] = {
    "de": (
        "„Wir werden dieses Abkommen niemals unterschreiben“, sagte Innenministerin Anna "
        "Weber über Karl Brandt.",
        "Wir werden dieses",
        "Innenministerin Anna Weber",
        "Karl Brandt",
    ),
    "fr": (
        "« Nous ne signerons jamais cet accord avec eux », a déclaré Marie Dupont à propos "
        "de Paul Martin.",
        "Nous ne signerons",
        "Marie Dupont",
        "Paul Martin",
    ),
    "es": (
        "«No vamos a firmar nunca este acuerdo con ellos», dijo Ana García sobre Pedro Ruiz.",
        "No vamos a firmar",
        "Ana García",
        "Pedro Ruiz",
    ),
    "ru": (
        "«Мы никогда не подпишем этот договор с ними», — заявил Сергей Лавров после встречи "
        "с Антонио Гутерришем.",
        "Мы никогда",
        "Сергей Лавров",
        "Антонио Гутерришем",
    ),
}

# language: (a question the article asks, a sentence it states, the question's content
# stated as a fact, as a lying model writes it). The statement is faithful; the fact is
# only asked.
QUESTION_CASES: dict[str, tuple[str, str, str]] = {
    "en": (
        "Will the government resume talks with the rebels?",
        "Three ministers arrived in Geneva.",
        "The government will resume talks with the rebels.",
    ),
    "de": (
        "Wird die Regierung die Gespräche mit den Rebellen wieder aufnehmen?",
        "Drei Minister reisten nach Genf.",
        "Die Regierung wird die Gespräche mit den Rebellen wieder aufnehmen.",
    ),
    "fr": (
        "Le gouvernement va-t-il reprendre les négociations avec les rebelles ?",
        "Trois délégations sont arrivées à Genève.",
        "Le gouvernement va reprendre les négociations avec les rebelles.",
    ),
    "es": (
        "¿Reanudará el gobierno las negociaciones con los rebeldes?",
        "Tres ministros viajaron a Ginebra.",
        "El gobierno reanudará las negociaciones con los rebeldes.",
    ),
    "it": (
        "Il governo riprenderà i negoziati con i ribelli?",
        "Tre ministri sono arrivati a Ginevra.",
        "Il governo riprenderà i negoziati con i ribelli.",
    ),
    "pt": (
        "O governo vai retomar as negociações com os rebeldes?",
        "Três ministros chegaram a Genebra.",
        "O governo vai retomar as negociações com os rebeldes.",
    ),
    "ru": (
        "Возобновит ли правительство переговоры с повстанцами?",
        "Три министра прибыли в Женеву.",
        "Правительство возобновит переговоры с повстанцами.",
    ),
    "uk": (
        "Чи відновить уряд переговори з повстанцями?",
        "Три міністри прибули до Женеви.",
        "Уряд відновить переговори з повстанцями.",
    ),
    "ar": (
        "هل ستستأنف الحكومة المفاوضات مع المتمردين؟",
        "وصل ثلاثة وزراء إلى جنيف.",
        "ستستأنف الحكومة المفاوضات مع المتمردين.",
    ),
    "fa": (
        "آیا دولت مذاکرات با شورشیان را از سر می‌گیرد؟",
        "سه وزیر به ژنو رسیدند.",
        "دولت مذاکرات با شورشیان را از سر می‌گیرد.",
    ),
    "ur": (
        "کیا حکومت باغیوں کے ساتھ مذاکرات دوبارہ شروع کرے گی؟",
        "تین وزراء جنیوا پہنچے۔",
        "حکومت باغیوں کے ساتھ مذاکرات دوبارہ شروع کرے گی۔",
    ),
    "zh": ("政府会恢复与叛军的谈判吗？", "三名部长抵达日内瓦。", "政府会恢复与叛军的谈判。"),
    "ja": (
        "政府は反政府勢力との交渉を再開するのか？",
        "三人の大臣がジュネーブに到着した。",
        "政府は反政府勢力との交渉を再開する。",
    ),
    "tr": (
        "Hükümet isyancılarla müzakereleri yeniden başlatacak mı?",
        "Üç bakan Cenevre'ye ulaştı.",
        "Hükümet isyancılarla müzakereleri yeniden başlatacak.",
    ),
    "fi": (
        "Jatkaako hallitus neuvotteluja kapinallisten kanssa?",
        "Kolme ministeriä saapui Geneveen.",
        "Hallitus jatkaa neuvotteluja kapinallisten kanssa.",
    ),
}

# language: (a sentence that says what happens only if something else does, a sentence it
# states, what it conditions stated as a fact, as a lying model writes it).
CONDITION_CASES: dict[str, tuple[str, str, str]] = {
    "en": (
        "If the talks collapse, the army will resume its offensive in the north.",
        "Three ministers arrived in Geneva.",
        "The army will resume its offensive in the north.",
    ),
    "de": (
        "Wenn die Gespräche scheitern, wird die Armee ihre Offensive im Norden fortsetzen.",
        "Drei Minister reisten nach Genf.",
        "Die Armee wird ihre Offensive im Norden fortsetzen.",
    ),
    "fr": (
        "Si les négociations échouent, l'armée reprendra son offensive dans le nord.",
        "Trois délégations sont arrivées à Genève.",
        "L'armée reprendra son offensive dans le nord.",
    ),
    "es": (
        "Si las negociaciones fracasan, el ejército reanudará su ofensiva en el norte.",
        "Tres ministros viajaron a Ginebra.",
        "El ejército reanudará su ofensiva en el norte.",
    ),
    "it": (
        "Se i negoziati falliscono, l'esercito riprenderà l'offensiva nel nord.",
        "Tre ministri sono arrivati a Ginevra.",
        "L'esercito riprenderà l'offensiva nel nord.",
    ),
    "ru": (
        "Если переговоры сорвутся, армия возобновит наступление на севере.",
        "Три министра прибыли в Женеву.",
        "Армия возобновит наступление на севере.",
    ),
    "uk": (
        "Якщо переговори зірвуться, армія відновить наступ на півночі.",
        "Три міністри прибули до Женеви.",
        "Армія відновить наступ на півночі.",
    ),
    "tr": (
        "Eğer müzakereler başarısız olursa, ordu kuzeydeki saldırısına yeniden başlayacak.",
        "Üç bakan Cenevre'ye ulaştı.",
        "Ordu kuzeydeki saldırısına yeniden başlayacak.",
    ),
    "fi": (
        "Jos neuvottelut epäonnistuvat, armeija jatkaa hyökkäystään pohjoisessa.",
        "Kolme ministeriä saapui Geneveen.",
        "Armeija jatkaa hyökkäystään pohjoisessa.",
    ),
    "ar": (
        "إذا فشلت المفاوضات، سيستأنف الجيش هجومه في الشمال.",
        "وصل ثلاثة وزراء إلى جنيف.",
        "سيستأنف الجيش هجومه في الشمال.",
    ),
    "fa": (
        "اگر مذاکرات شکست بخورد، ارتش حمله خود را در شمال از سر می‌گیرد.",
        "سه وزیر به ژنو رسیدند.",
        "ارتش حمله خود را در شمال از سر می‌گیرد.",
    ),
    "ur": (
        "اگر مذاکرات ناکام ہوئے، تو فوج شمال میں اپنی کارروائی دوبارہ شروع کرے گی۔",
        "تین وزراء جنیوا پہنچے۔",
        "فوج شمال میں اپنی کارروائی دوبارہ شروع کرے گی۔",
    ),
    "zh": (
        "如果谈判破裂，军队将恢复在北方的攻势。",
        "三名部长抵达日内瓦。",
        "军队将恢复在北方的攻势。",
    ),
    "ja": (
        "もし交渉が決裂したら、軍は北部で攻勢を再開する。",
        "三人の大臣がジュネーブに到着した。",
        "軍は北部で攻勢を再開する。",
    ),
}

# (the article's sentence with a number, a faithful sentence, the number given a bound the
# article's does not imply, the number as the article bounds it): grounding.bounds.
BOUND_CASES: dict[str, tuple[str, str, str, str]] = {
    "en": (
        "The attack killed 20 people in the market on Friday.",
        "Three ministers arrived in Geneva.",
        "The attack killed more than 20 people in the market on Friday.",
        "20",
    ),
    "de": (
        "Bei dem Angriff auf den Markt wurden 20 Menschen getötet.",
        "Drei Minister reisten nach Genf.",
        "Bei dem Angriff auf den Markt wurden mehr als 20 Menschen getötet.",
        "20",
    ),
    "fr": (
        "L'attaque du marché a tué 20 personnes vendredi.",
        "Trois délégations sont arrivées à Genève.",
        "L'attaque du marché a tué plus de 20 personnes vendredi.",
        "20",
    ),
    "es": (
        "El ataque contra el mercado mató a 20 personas el viernes.",
        "Tres ministros viajaron a Ginebra.",
        "El ataque contra el mercado mató a más de 20 personas el viernes.",
        "20",
    ),
    "it": (
        "L'attacco al mercato ha ucciso 20 persone venerdì.",
        "Tre ministri sono arrivati a Ginevra.",
        "L'attacco al mercato ha ucciso più di 20 persone venerdì.",
        "20",
    ),
    "pt": (
        "O ataque ao mercado matou 20 pessoas na sexta-feira.",
        "Três ministros chegaram a Genebra.",
        "O ataque ao mercado matou mais de 20 pessoas na sexta-feira.",
        "20",
    ),
    "ru": (
        "В результате нападения на рынок в пятницу погибли 20 человек.",
        "Три министра прибыли в Женеву.",
        "В результате нападения на рынок в пятницу погибли более 20 человек.",
        "20",
    ),
    "ar": (
        "قتل 20 شخصا في الهجوم على السوق يوم الجمعة.",
        "وصل ثلاثة وزراء إلى جنيف.",
        "قتل أكثر من 20 شخصا في الهجوم على السوق يوم الجمعة.",
        "20",
    ),
    "fa": (
        "در حمله به بازار در روز جمعه 20 نفر کشته شدند.",
        "سه وزیر به ژنو رسیدند.",
        "در حمله به بازار در روز جمعه بیش از 20 نفر کشته شدند.",
        "20",
    ),
    "fi": (
        "Perjantaina torille tehdyssä iskussa kuoli 20 ihmistä.",
        "Kolme ministeriä saapui Geneveen.",
        "Perjantaina torille tehdyssä iskussa kuoli yli 20 ihmistä.",
        "20",
    ),
    "tr": (
        "Cuma günü pazara düzenlenen saldırıda 20 kişi öldü.",
        "Üç bakan Cenevre'ye ulaştı.",
        "Cuma günü pazara düzenlenen saldırıda neredeyse 20 kişi öldü.",
        "20",
    ),
    "uk": (
        "Внаслідок нападу на ринок у п'ятницю загинули 20 людей.",
        "Три міністри прибули до Женеви.",
        "Внаслідок нападу на ринок у п'ятницю загинули понад 20 людей.",
        "20",
    ),
    "zh": (
        "周五市场遇袭，造成20人死亡。",
        "三名部长抵达日内瓦。",
        "周五市场遇袭，造成超过20人死亡。",
        "20",
    ),
    # Japanese puts "more than" after its number ("20人以上"): a bound turned round.
    "ja": (
        "金曜日の市場への攻撃で最大20人が死亡した。",
        "三人の大臣がジュネーブに到着した。",
        "金曜日の市場への攻撃で少なくとも20人が死亡した。",
        "最大20",
    ),
}
