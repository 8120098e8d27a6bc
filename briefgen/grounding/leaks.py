"""Text that is not about the article at all: JSON fragments, the answer schema's own field
names, and lines of the prompt copied back into prose. Found in any field, it is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from pydantic import BaseModel

from briefgen.extract.schema import Extraction, SinglePass
from briefgen.memo import fields as memo_fields
from briefgen.memo import items as memo_items
from briefgen.text.words import words

# Runs of this many words shared with the prompt (and not in the article) are a copy.
PROMPT_RUN = 6
_JSON = re.compile(r'[{\[]\s*"|"\s*:\s*[\[{"\d]|[}\]]\s*,\s*[{\["]|\\[nrt"]')


@lru_cache(maxsize=1)
def schema_field_names() -> frozenset[str]:
    """The answer schemas' field names that no prose uses (``sentence_ids``, ...)."""
    names: set[str] = set()
    models: list[type[BaseModel]] = [Extraction, SinglePass]
    for module in (memo_items, memo_fields):
        models += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, BaseModel)
        ]
    for model in models:
        names.update(name for name in model.model_fields if "_" in name)
    return frozenset(names)


class LeakFinder:
    """Finds what an answer copied from the request instead of the article."""

    def __init__(self, article: str, prompts: Sequence[str] = ()):
        prompt_runs = _prompt_runs(tuple(prompts))
        if prompt_runs:
            # A run the article itself contains is the article's, whoever else says it.
            tokens = words(article)
            in_article = {
                run
                for i in range(len(tokens) - PROMPT_RUN + 1)
                if (run := tuple(tokens[i : i + PROMPT_RUN])) in prompt_runs
            }
            prompt_runs = prompt_runs - in_article
        self._prompt_runs = prompt_runs
        self._fields = _field_names()

    def find(self, text: str) -> str | None:
        """Why ``text`` is not article content, or None."""
        if _JSON.search(text):
            return "looks like JSON, not prose"
        field = self._fields.search(text)
        if field:
            return f"names the answer schema's field '{field.group(1)}'"
        if self._prompt_runs and not self._prompt_runs.isdisjoint(_runs(words(text))):
            return "copies the instructions of the prompt"
        return None


@lru_cache(maxsize=32)
def _prompt_runs(prompts: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The word runs of the prompts, read once: every memo is asked with the same ones."""
    return frozenset().union(*(_runs(words(p)) for p in prompts))


@lru_cache(maxsize=1)
def _field_names() -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, schema_field_names()))) + r")\b")


def _runs(tokens: Iterable[str]) -> frozenset[tuple[str, ...]]:
    seq = list(tokens)
    return frozenset(tuple(seq[i : i + PROMPT_RUN]) for i in range(len(seq) - PROMPT_RUN + 1))
