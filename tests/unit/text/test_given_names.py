"""The given-name table: read as nomquamgender writes names, plain names only."""

from __future__ import annotations

import pytest

from briefgen.text.given_names import given_name_gender


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hillary", "female"),
        ("HILLARY", "female"),
        ("Donald", "male"),
        ("José", "male"),  # the dataset writes it "jose"
        ("Jürgen", "male"),
        ("Özlem", "female"),
        ("Sandy", None),  # borne by men and women alike
        ("Jordan", None),
        ("Лотар", None),  # a script the table does not hold
        ("O'Brien", None),
        ("", None),
    ],
)
def test_a_given_name_reads_as_the_dataset_classifies_it(name: str, expected: str | None) -> None:
    assert given_name_gender(name) == expected
