"""No field reaches a memo without grounding: every field of every answer schema, and every
item attribute a template prints, is declared in the section registry with its check.
A new field or template variable that nobody grounds fails here."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from briefgen.extract.schema import Extraction
from briefgen.memo import fields as memo_fields
from briefgen.memo.data import BriefData, GroundedQuote
from briefgen.memo.sections import SECTIONS, Section, declared_fields, section

TEMPLATES = Path(__file__).resolve().parents[3] / "briefgen" / "render" / "templates"
# Set by grounding itself from the article, never taken from the model; and a quote's
# translation, set only when grounding.translation finds it agrees with the quotation.
DERIVED_BY_GROUNDING = {"start", "end", "match", "reported_speech", "translation"}


def _answer_models() -> list[type[BaseModel]]:
    models: list[type[BaseModel]] = [Extraction]
    for value in vars(memo_fields).values():
        if isinstance(value, type) and issubclass(value, memo_fields.MemoFields):
            models.append(value)
    return models


def _item_type(annotation: object) -> type[BaseModel] | None:
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _section_for(model: type[BaseModel], field: str) -> Section | None:
    origin = "extraction" if model is Extraction else "memo"
    return next((s for s in SECTIONS if s.origin == origin and s.answer_field == field), None)


@pytest.mark.parametrize("model", _answer_models(), ids=lambda m: m.__name__)
def test_every_list_of_every_answer_schema_is_a_registered_section(
    model: type[BaseModel],
) -> None:
    for name, info in model.model_fields.items():
        if name == "subject":  # a Statement of its own, grounded as one
            continue
        spec = _section_for(model, name)
        assert spec is not None, f"{model.__name__}.{name} has no entry in SECTIONS"
        item = _item_type(info.annotation)
        if item is None:  # a list of strings (information gaps): its check covers it
            assert spec.check == "gap", spec
            continue
        undeclared = set(item.model_fields) - declared_fields(spec)
        assert not undeclared, f"{item.__name__} fields {undeclared} are never grounded"


def test_every_registered_section_is_a_list_of_brief_data() -> None:
    for spec in SECTIONS:
        assert spec.field in BriefData.model_fields, spec


def _template_attributes() -> dict[str, set[str]]:
    """BriefData field -> item attributes the memo templates print."""
    used: dict[str, set[str]] = {}
    for path in TEMPLATES.glob("*.md.j2"):
        text = path.read_text(encoding="utf-8")
        for loop in re.finditer(r"\{%-? for (\w+) in data\.(\w+)", text):
            var, field = loop.groups()
            body = text[loop.end() : text.index("{% endfor", loop.end())]
            attrs = set(re.findall(rf"\b{var}\.(\w+)", body))
            used.setdefault(field, set()).update(attrs)
        # The shared statement macros print .text of whatever section they are given.
        for field in re.findall(r"sec\.(?:statements|bullets)\(data\.(\w+)", text):
            used.setdefault(field, set()).add("text")
    return used


def test_every_attribute_a_template_prints_is_grounded() -> None:
    used = _template_attributes()
    assert {"developments", "quotes", "allegations", "outlook"} <= set(used)  # parsed at all
    for field, attrs in used.items():
        # The annex's quotations go through the quotes' own grounding (quotation_record).
        spec = section("quotes" if field == "annex_quotes" else field)
        grounded = declared_fields(spec)
        if spec.field == "quotes":
            grounded |= DERIVED_BY_GROUNDING & set(GroundedQuote.model_fields)
        assert attrs <= grounded, f"{field}: {attrs - grounded} printed but never grounded"
