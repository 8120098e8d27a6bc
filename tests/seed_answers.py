"""Canned model answers for the seed article (examples/articles/pakistan_us_joint_ops.txt).

Sentence ids follow briefgen's split of that article (S1 is the headline).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

SEED_PATH = (
    Path(__file__).resolve().parent.parent / "examples" / "articles" / ("pakistan_us_joint_ops.txt")
)
SEED_TEXT = SEED_PATH.read_text(encoding="utf-8")

REAL_QUOTE = (
    "He (Mr Tillerson) will be told that only Pakistani security forces will conduct "
    "counterterrorism operations on its soil - and that a joint operation with American or "
    "Afghan forces is out of question,"
)
# The article writes this one with curly quotes and an apostrophe-free text; the model
# sends straight quotes and different case to exercise the normalised stage.
NORMALISED_QUOTE = (
    '"it would also be conveyed to Mr Tillerson that Pakistan wants to promote relationship '
    'with the US on the basis of sovereign equality"'
)
INVENTED_QUOTE = "We will never let American troops set foot in Waziristan, whatever happens."
INVENTED_SPEAKER = "General Ayub Qureshi"
INVENTED_ACTOR = "Ambassador Lena Marchetti"

GOOD_EXTRACTION: dict[str, Any] = {
    "actors": [
        {
            "name": "Rex Tillerson",
            "kind": "person",
            "title": "US secretary of state",
            "affiliation": "United States",
            "sentence_ids": ["S3"],
        },
        {
            "name": "Khawaja Mohammed Asif",
            "kind": "person",
            "title": "foreign minister",
            "affiliation": "Pakistan",
            "sentence_ids": ["S6"],
        },
        {
            "name": "Haqqani network",
            "kind": "armed_group",
            "title": None,
            "affiliation": "Afghan Taliban",
            "sentence_ids": ["S17"],
        },
    ],
    "positions": [
        {
            "party": "Pakistan",
            "stance": "Pakistan is not ready for joint action against "
            "militants in the tribal areas.",
            "sentence_ids": ["S3"],
        },
        {
            "party": "Pakistan",
            "stance": "Pakistan wants relations with the US on the basis of sovereign equality.",
            "sentence_ids": ["S14"],
        },
    ],
    "events": [
        {
            "what": "Mr Tillerson is expected to visit Pakistan this week.",
            "when": "this week",
            "where": "Pakistan",
            "who": ["Rex Tillerson"],
            "sentence_ids": ["S4"],
        },
        {
            "what": "Foreign minister Khawaja Mohammed Asif toured the US and said Pakistan "
            "offered a joint operation against terrorists.",
            "when": "earlier this month",
            "where": None,
            "who": ["Khawaja Mohammed Asif"],
            "sentence_ids": ["S6"],
        },
    ],
    "quotes": [
        {
            "speaker": "an official",
            "text": REAL_QUOTE,
            "source": "anonymous",
            "sentence_ids": ["S11"],
        },
        {
            "speaker": "one official",
            "text": NORMALISED_QUOTE,
            "source": "anonymous",
            "sentence_ids": ["S14"],
        },
    ],
    "allegations": [
        {
            "alleged_by": "US and Afghan officials",
            "against": "Pakistan",
            "claim": "The Haqqani network maintains safe havens inside Pakistan.",
            "denial": "Islamabad vehemently denies the allegation.",
            "sentence_ids": ["S17"],
        },
    ],
    "key_facts": [
        {"fact": "The Taliban regime was ousted in 2001.", "sentence_ids": ["S8"]},
    ],
    "agenda_items": [
        {"item": "Pakistan's role in the Afghan peace process", "sentence_ids": ["S12"]},
        {"item": "Intelligence sharing in the fight against terrorists", "sentence_ids": ["S15"]},
    ],
}

GOOD_MEMO: dict[str, Any] = {
    "subject": {
        "text": "Pakistan not ready for joint anti-terror operations with the US",
        "sentence_ids": ["S1", "S3"],
    },
    "bluf": [
        {
            "text": "Pakistan will tell Rex Tillerson that it is not ready for joint action "
            "against militants in the tribal areas.",
            "sentence_ids": ["S3"],
        },
        {
            "text": "Pakistan is willing to strengthen intelligence sharing with the US.",
            "sentence_ids": ["S10"],
        },
    ],
    "background": [
        {
            "text": "Taliban violence in Afghanistan has risen, where US-led coalition forces "
            "have fought an insurgency since 2001.",
            "sentence_ids": ["S8"],
        },
    ],
    "outlook": [
        {
            "text": "Pakistan will refuse joint operations with American forces on its soil.",
            "likelihood": "likely",
            "sentence_ids": ["S11"],
        },
    ],
    "information_gaps": ["How will the US respond to Pakistan's refusal of joint operations?"],
}


def good_single_pass() -> dict[str, Any]:
    return {"extraction": copy.deepcopy(GOOD_EXTRACTION), "memo": copy.deepcopy(GOOD_MEMO)}


def inventive_single_pass() -> dict[str, Any]:
    """A good answer plus an invented quote, an invented speaker and an invented actor."""
    answer = good_single_pass()
    extraction = answer["extraction"]
    extraction["quotes"].append(
        {
            "speaker": "an official",
            "text": INVENTED_QUOTE,
            "source": "anonymous",
            "sentence_ids": ["S11"],
        }
    )
    extraction["quotes"][0]["speaker"] = INVENTED_SPEAKER
    extraction["quotes"][0]["source"] = "named"
    extraction["actors"].append(
        {
            "name": INVENTED_ACTOR,
            "kind": "person",
            "title": "envoy",
            "affiliation": None,
            "sentence_ids": ["S4"],
        }
    )
    extraction["positions"].append(
        {"party": INVENTED_ACTOR, "stance": "The envoy opposes the visit.", "sentence_ids": ["S4"]}
    )
    answer["memo"]["bluf"].append(
        {"text": f"{INVENTED_SPEAKER} threatened to close the border.", "sentence_ids": ["S5"]}
    )
    return answer


def empty_extraction() -> dict[str, list[Any]]:
    """An extraction answer with every list empty (the lists of ``Extraction``)."""
    from briefgen.extract.schema import Extraction

    return {name: [] for name in Extraction.model_fields}
