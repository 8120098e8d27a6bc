"""Arabic: negation, dates and numbers as Arabic news writes them: the months of Egypt
and the Gulf (يناير) and of the Levant and Iraq (كانون), with the conjunction "و" that
joins a negator to the word before it ("ولم")."""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "ar",
    negators="لا لم لن ليس ليست ليسوا غير بدون دون ولا ولم ولن وليس",
    months="يناير | فبراير شباط | مارس آذار | أبريل إبريل نيسان | مايو أيار | يونيو حزيران "
    "| يوليو تموز | أغسطس آب | سبتمبر أيلول | أكتوبر | نوفمبر | ديسمبر",
    weekdays="الاثنين الإثنين | الثلاثاء | الأربعاء | الخميس | الجمعة | السبت | الأحد",
    numbers={
        "اثنان": 2,
        "اثنين": 2,
        "ثلاثة": 3,
        "أربعة": 4,
        "خمسة": 5,
        "ستة": 6,
        "سبعة": 7,
        "ثمانية": 8,
        "تسعة": 9,
        "عشرة": 10,
        "عشرون": 20,
        "عشرين": 20,
        "مئة": 100,
        "مائة": 100,
    },
    scales={
        "ألف": 1e3,
        "آلاف": 1e3,
        "مليون": 1e6,
        "ملايين": 1e6,
        "مليار": 1e9,
        "مليارات": 1e9,
    },
)
