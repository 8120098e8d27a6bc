"""Turkish: negation, dates and numbers as Turkish news writes them.

The verb's own negation (gel-me-di) is a suffix no word list holds; the words are.
A month takes its endings after an apostrophe ("Mart'ta"), read as the month (several
month names are also common nouns, "ocak" a stove: no stem is read without one). "yüz"
(hundred, and face) is left out of the numbers.
"""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "tr",
    bounds="min: en az | max: en fazla | below: neredeyse | approx: yaklaşık, tahminen",
    conditions="eğer",
    maybe="belki muhtemelen",
    asking="sordu sordular soruyor sorusu soru sormak",
    negators="değil değildir değildi yok hiç hiçbir asla",
    months="ocak | şubat | mart | nisan | mayıs | haziran | temmuz | ağustos | eylül "
    "| ekim | kasım | aralık",
    weekdays="pazartesi | salı | çarşamba | perşembe | cuma | cumartesi | pazar",
    numbers={
        "sıfır": 0,
        "iki": 2,
        "üç": 3,
        "dört": 4,
        "beş": 5,
        "altı": 6,
        "yedi": 7,
        "sekiz": 8,
        "dokuz": 9,
        "on": 10,
        "yirmi": 20,
        "otuz": 30,
        "kırk": 40,
        "elli": 50,
    },
    scales={"bin": 1e3, "milyon": 1e6, "milyar": 1e9, "trilyon": 1e12},
    decimal_comma=True,
)

# Attribution, verb last: "X, “…” dedi.", "X, “…” diye konuştu.", "X şunları söyledi:
# “…”", "X'e göre"; a name with a case ending ("Erdoğan'ın") is no subject.
SPEECH = speech_of(
    "tr",
    verbs="söyledi dedi açıkladı belirtti vurguladı kaydetti konuştu yazdı ekledi "
    "ifade savundu uyardı",
    phrases={
        "final_verbs": "dedi | diye konuştu | ifadesini kullandı | ifadelerini kullandı "
        "| diye yazdı | dedi ve",
        "postpositions": "göre",
    },
    pronouns="o onlar ben biz",
    titles="sayın dr prof",
    roles="bakan bakanı cumhurbaşkanı başbakan sözcü sözcüsü başkan başkanı milletvekili "
    "büyükelçi uzman yetkili kaynak kaynaklar vali müdür müdürü "
    "profesör general",
    documents="açıklama açıklamada rapor mektup bildiri",
    outlets="anadolu ajansı aa dha iha hürriyet sabah cumhuriyet sözcü milliyet trt "
    "ntv cnn gazete gazetesi ajans kanal",
    stops="ve ile için ama fakat de da ki bu şu bir çok daha en gibi kadar sonra önce",
    modifiers="şunları şöyle de da ayrıca",
    places="türkiye ankara istanbul rusya amerika abd çin almanya fransa ukrayna avrupa "
    "yunanistan suriye iran",
    locatives="",
)
