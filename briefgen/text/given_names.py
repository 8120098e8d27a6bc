"""The gender most bearers of a given name have, from a maintained name dataset
(nomquamgender's, made into ``given_names.tsv`` by ``benchmarks/make_given_names.py``).

It is a prior, never a reading of the article: "he" and "she" use it only where the
article's own pronouns and titles say nothing of a person. A name the dataset finds
ambiguous ("Jordan", "Sandy"), rare, or written in a script other than Latin has none.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

_TABLE = Path(__file__).with_name("given_names.tsv")
_GENDERS = {"m": "male", "f": "female"}
# Latin letters that decompose to no base letter; the dataset writes them as these.
_LATIN = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "ł": "l", "Ł": "l", "æ": "ae"})


@cache
def _table() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if line and line[0] != "#":
            name, _, gender = line.partition("\t")
            found[name] = _GENDERS[gender]
    return found


def _key(name: str) -> str:
    """``name`` as the dataset writes it: lower case, accents dropped ("José" -> "jose")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LATIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def given_name_gender(name: str) -> str | None:
    """ "male" or "female" when most people called ``name`` (a given name) are; else None."""
    key = _key(name)
    if not key.isascii() or not key.isalpha():
        return None
    return _table().get(key)
