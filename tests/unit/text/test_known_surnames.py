"""known_surnames: the capitalised words a German text writes as surnames."""

from __future__ import annotations

from briefgen.text.languages import Speech, speech
from briefgen.text.speakers._known import known_surnames


def _german() -> Speech:
    found = speech("de")
    assert found is not None
    return found


def test_a_word_after_a_name_or_a_title_is_a_surname_and_after_an_article_is_not() -> None:
    text = "Gestern sprach Fabian Stenger mit Dr. Geicke über den Plan der Regierung."
    found = known_surnames(text, _german())
    assert {"stenger", "geicke"} <= found
    assert "plan" not in found and "regierung" not in found


def test_a_very_long_word_before_a_capital_is_read_whole() -> None:
    # Longer than the stretch read back from each capital: still the whole word.
    word = "Donaudampfschifffahrts" * 8
    found = known_surnames(f"Heute kam {word} Meier an.", _german())
    assert "meier" in found
    assert known_surnames(f"Heute kam {word.lower()} Meier an.", _german()) == set()
