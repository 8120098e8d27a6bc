"""Folding text for comparison, with an index back into the original characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.text.normalise import fold, fold_text


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_fold_index_points_at_the_character_each_folded_piece_came_from(raw: str) -> None:
    folded, index = fold(raw)
    assert len(folded) == len(index)
    assert index == sorted(index)
    for piece, source in zip(folded, index, strict=True):
        if piece != " ":
            assert piece in fold_text(raw[source]) or piece in fold(raw[source])[0]
