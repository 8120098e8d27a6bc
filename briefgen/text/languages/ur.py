"""Urdu: negation, dates and numbers as Urdu news writes them, lakh and crore among
the scales."""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "ur",
    bounds="min: کم از کم | approx: تقریباً, لگ بھگ",
    conditions="اگر",
    maybe="شاید سکتا سکتی سکتے",
    asking="پوچھا پوچھی پوچھے پوچھتے سوال",
    negators="نہیں نہ مت بغیر",
    months="جنوری | فروری | مارچ | اپریل | مئی | جون | جولائی | اگست | ستمبر | اکتوبر "
    "| نومبر | دسمبر",
    weekdays="پیر | منگل | بدھ | جمعرات | جمعہ | ہفتہ | اتوار",
    numbers={
        "دو": 2,
        "تین": 3,
        "چار": 4,
        "پانچ": 5,
        "چھ": 6,
        "سات": 7,
        "آٹھ": 8,
        "دس": 10,
        "بیس": 20,
        "سو": 100,
    },
    scales={
        "ہزار": 1e3,
        "لاکھ": 1e5,
        "کروڑ": 1e7,
        "ارب": 1e9,
        "ملین": 1e6,
        "بلین": 1e9,
    },
)

# Attribution: "X نے کہا: «…»" (the ergative "نے" after the speaker), "X کے مطابق".
SPEECH = speech_of(
    "ur",
    verbs="کہا بتایا لکھا کہتے کہتی کہنا",
    phrases={"postpositions": "کے مطابق | کے بقول"},
    pronouns="وہ انہوں انھوں میں ہم",
    roles="وزیراعظم وزیر صدر ترجمان سفیر افسر عہدیدار ذرائع ماہر",
    documents="بیان رپورٹ خط",
    outlets="رائٹرز اے ایف پی جیو ڈان اخبار چینل",
    stops="میں سے کو پر کا کی کے اور یا کہ نہیں بھی تو",
    places="پاکستان بھارت امریکا افغانستان چین ایران اسلام آباد لاہور کراچی",
    subject_particles="نے",
    complementisers="کہ",
    cased=False,
)
