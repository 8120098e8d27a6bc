"""What the entry points take as an article: text, bytes, an Article, or a path, with a
typed error for anything else (no FunctionBackend call is made for a bad input)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from seed_answers import SEED_TEXT, good_single_pass

import briefgen
from briefgen import FunctionBackend, InputError


def _backend() -> FunctionBackend:
    return FunctionBackend(lambda request: good_single_pass(), model="test-model")


def test_generate_brief_reads_a_path_as_the_command_line_does(tmp_path: Path) -> None:
    page = tmp_path / "story.md"
    page.write_text(SEED_TEXT, encoding="utf-8")
    from_path = briefgen.generate_brief(page, client=_backend(), cache=False)
    from_text = briefgen.generate_brief(SEED_TEXT, client=_backend(), cache=False)
    assert from_path.article.text == from_text.article.text
    assert from_path.markdown.splitlines()[-3:] == from_text.markdown.splitlines()[-3:]


def test_estimate_and_generate_briefs_take_paths_too(tmp_path: Path) -> None:
    page = tmp_path / "story.txt"
    page.write_text(SEED_TEXT, encoding="utf-8")
    assert briefgen.estimate(page).calls == briefgen.estimate(SEED_TEXT).calls
    [made] = briefgen.generate_briefs([page], client=_backend(), cache=False)
    assert isinstance(made, briefgen.Brief)


@pytest.mark.parametrize("bad", [42, ["a text"], None])
def test_an_article_of_another_type_is_a_typed_input_error(bad: Any) -> None:
    backend = _backend()
    with pytest.raises(InputError, match=r"text .*Article or a path"):
        briefgen.generate_brief(bad, client=backend, cache=False)
    assert backend.requests == []


def test_a_missing_path_is_an_input_error_before_any_call(tmp_path: Path) -> None:
    backend = _backend()
    with pytest.raises(InputError):
        briefgen.generate_brief(tmp_path / "absent.txt", client=backend, cache=False)
    assert backend.requests == []


def test_load_article_is_public() -> None:
    from briefgen.ingest.sources import load_article

    assert briefgen.load_article is load_article
