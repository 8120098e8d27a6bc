"""One identity per person or organisation across a story's memos: "Kabbar", "General
Kabbar" and "General Rashid Osman Kabbar" are one actor, so that an actor is new to the
story only when no earlier memo named them in any of these forms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from briefgen.grounding.changes._base import StoryBase, name_look
from briefgen.text.names import name_key, name_tokens, same_actor
from briefgen.text.normalise import fold_text


class Identities:
    """The actors a story has named so far, each under every form it was written in:
    those of ``base`` (looked up in it), then those added here."""

    def __init__(self, base: StoryBase | None = None) -> None:
        self._base = base
        self._by_surname: dict[str, list[str]] = defaultdict(list)
        self._words: set[str] = set()
        self._first: dict[str, int] = {}
        self._based: dict[str, list[tuple[str, int]]] = {}
        """The base's forms of each surname asked for so far (read once)."""

    def add(self, name: str, memo: int = 0) -> None:
        """``name`` as a form of an actor first named in memo ``memo``."""
        key = name_key(name)
        if not key:
            return
        forms = self._by_surname[key.split()[-1]]
        if name not in forms:
            forms.append(name)
            self._first.setdefault(name, memo)

    def add_words(self, found: Iterable[str]) -> None:
        """Folded words of what the story carried: names mentioned in passing."""
        self._words.update(found)

    def forms(self, name: str) -> list[str]:
        """The earlier forms that name the same actor as ``name``."""
        surname = name_look(name)
        if not surname:
            return []
        return [form for form in self._candidates(surname) if same_actor(form, name)]

    def prefetch(self, names: Iterable[str]) -> None:
        """Read the base's forms of all ``names``' surnames at once (inside its reading)."""
        surnames = {name_look(name) for name in names} - {""} - self._based.keys()
        if self._base is not None and surnames:
            self._based.update(self._base.forms(surnames))

    def _candidates(self, surname: str) -> list[str]:
        found = self._by_surname.get(surname, [])
        if self._base is None:
            return found
        if surname not in self._based:
            self._based.update(self._base.forms([surname]))
        based = self._based[surname]
        for form, memo in based:  # the base's memos come before those added here
            self._first[form] = min(memo, self._first.get(form, memo))
        return [*dict.fromkeys([form for form, _ in based] + found)]

    def known(self, name: str) -> bool:
        """Whether an earlier memo named the actor ``name`` names (as an item, or in a
        sentence it carried: every word of the name, surname included)."""
        if self.forms(name):
            return True
        tokens = [fold_text(t) for t in name_tokens(name)]
        missing = [t for t in tokens if t not in self._words]
        if not tokens or not missing:
            return bool(tokens)
        return self._base is not None and self._base.has_words(missing)

    def first_memo(self, name: str) -> int | None:
        """The memo that first named the actor ``name`` names, as an item."""
        found = [self._first[form] for form in self.forms(name) if form in self._first]
        return min(found) if found else None

    def canonical(self, name: str) -> str:
        """The fullest form of the actor's name the story has (``name`` when new)."""
        return max([name, *self.forms(name)], key=lambda form: (len(name_tokens(form)), form))
