"""Whether two names in different sources may be one actor, so that naming them is no
dispute: the same actor, one the other's acronym, or a distinctive word in common."""

from __future__ import annotations

import re

from briefgen.text.names import name_tokens, same_actor
from briefgen.text.words import stem

# Words that name the kind of a group, not which group ("Islamic State", "Islamic Jihad").
_GROUP_WORDS = frozenset(
    "group state front army movement brigade brigades islamic national liberation party "
    "militants militant the of al el bin and people's popular forces".split()
)


def compatible_actors(a: str, b: str) -> bool:
    """Whether two names may be one actor: the same actor, one the other's acronym, or a
    distinctive word in common ("Pakistani Taliban", "Tehrik-i-Taliban Pakistan")."""
    if same_actor(a, b):
        return True
    ta = {t for t in name_tokens(a) if t not in _GROUP_WORDS}
    tb = {t for t in name_tokens(b) if t not in _GROUP_WORDS}
    if {stem(t) for t in ta} & {stem(t) for t in tb}:
        return True
    for short, long in ((a, b), (b, a)):
        parts = re.findall(r"[A-Za-z]+", long)
        if len(parts) == 1 and parts[0].isupper():
            letters = parts[0]  # an acronym itself
        else:
            letters = "".join(w[0] for w in parts if w[0].isupper())
        bare = re.sub(r"[^A-Za-z]", "", short)
        # "IS" and "ISIS": an acronym may spell more of the name than the text gives.
        if (
            bare.isupper()
            and len(bare) >= 2
            and len(letters) >= 2
            and (letters.startswith(bare) or bare.startswith(letters))
        ):
            return True
    return False
