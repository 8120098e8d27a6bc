"""Persian: negation, dates and numbers as Persian news writes them.

Most Persian negation is the prefix "ن" on the verb (نمی‌خواهد), which no word list
holds; the split-off "نمی" and the negated copula are. The solar months that are also
common words (مهر, تیر, دی) count as dates only beside a number. "نه" is "no" here,
never nine.
"""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "fa",
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
