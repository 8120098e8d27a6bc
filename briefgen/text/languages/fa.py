"""Persian: negation, dates and numbers as Persian news writes them.

Most Persian negation is the prefix "ن" on the verb (نمی‌خواهد), which no word list
holds; the split-off "نمی" and the negated copula are. The solar months that are also
common words (مهر, تیر, دی) count as dates only beside a number. "نه" is "no" here,
never nine.
"""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "fa",
    bounds="min: دست‌کم, حداقل | above: بیش از, بیشتر از | max: حداکثر | below: کمتر از "
    "| approx: حدود, حدودا, تقریبا",
    conditions="اگر",
    maybe="شاید ممکن",
    asking="پرسید پرسیدند پرسش سؤال سوال آیا",
    negators="نه نمی نیست نیستند نبود نبودند هیچ بدون نخواهد نکرد نکرده",
    months="ژانویه | فوریه | مارس | آوریل | مه | ژوئن | ژوئیه | اوت | سپتامبر | اکتبر "
    "| نوامبر | دسامبر",
    weekdays="دوشنبه | سه‌شنبه | چهارشنبه | پنجشنبه پنج‌شنبه | جمعه | شنبه | یکشنبه",
    numbers={
        "دو": 2,
        "سه": 3,
        "چهار": 4,
        "پنج": 5,
        "شش": 6,
        "هفت": 7,
        "هشت": 8,
        "ده": 10,
        "بیست": 20,
        "صد": 100,
    },
    scales={"هزار": 1e3, "میلیون": 1e6, "میلیارد": 1e9},
)

# Attribution, verb last: "X گفت: «…»", "به گفته X"; "می" before a present verb is
# written apart by the zero-width non-joiner, so it reads as its own word here.
SPEECH = speech_of(
    "fa",
    verbs="گفت گفته گوید افزود افزوده کرد نوشت نوشته تاکید اعلام",
    auxiliaries="می تاکید اعلام اظهار",
    phrases={"according": "به گفته | به اعتقاد | به نوشته"},
    pronouns="او وی آنها ایشان من ما",
    roles="وزیر رئیس سخنگوی سخنگو نماینده سفیر مقام مسئول منبع کارشناس تحلیلگر فرمانده مدیر دبیر",
    documents="بیانیه گزارش نامه سند",
    outlets="ایرنا ایسنا فارس تسنیم مهر خبرگزاری روزنامه شبکه",
    stops="در از به با برای که و یا اما تا بر را این آن نه روز دیروز امروز شنبه یکشنبه دوشنبه "
    "چهارشنبه پنجشنبه جمعه",
    places="ایران آمریکا روسیه چین عراق افغانستان ترکیه تهران",
    cased=False,
)
