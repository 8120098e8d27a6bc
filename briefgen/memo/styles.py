"""Memo styles: a template plus the memo fields its synthesis step must write.

Adding a style is one entry here, one template in ``templates/`` and, when it needs
fields of its own, a ``MemoFields`` subclass in ``schema.py`` and a prompt file
``prompts/style.<name>.j2`` with the instructions for those fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import ConfigError
from briefgen.extract.schema import (
    ActionMemoFields,
    ActionSinglePass,
    MemoFields,
    SceneSetterFields,
    SceneSetterSinglePass,
    SinglePass,
    TalkingPointsFields,
    TalkingPointsSinglePass,
)

TEMPLATE_SUFFIX = ".md.j2"


@dataclass(frozen=True)
class Style:
    name: str
    description: str
    memo_fields: type[MemoFields] = MemoFields
    single_pass: type[SinglePass] = SinglePass
    custom: bool = False
    """A template the user added; it gets the information memo's fields."""

    @property
    def template(self) -> str:
        return f"{self.name}{TEMPLATE_SUFFIX}"


SHIPPED_STYLES: dict[str, Style] = {
    style.name: style
    for style in (
        Style(
            "info-memo",
            "Information memo: summary, background, developments, positions, quotes, outlook.",
        ),
        Style(
            "action-memo",
            'Action memo: the information memo plus "Recommendation: That you ..." '
            "with Approve / Disapprove lines.",
            ActionMemoFields,
            ActionSinglePass,
        ),
        Style(
            "scene-setter",
            "Scene-setter for a principal's visit: what the counterpart wants, state of "
            "relations, issues, what to expect, suggested talking points.",
            SceneSetterFields,
            SceneSetterSinglePass,
        ),
        Style(
            "talking-points",
            "Talking points: short lines the principal can say, with background.",
            TalkingPointsFields,
            TalkingPointsSinglePass,
        ),
        Style("one-pager", "One page: subject, bottom line, key facts, outlook, sources."),
    )
}
DEFAULT_STYLE = "info-memo"


def available_styles(template_dir: Path | None = None) -> dict[str, Style]:
    """The shipped styles plus one per ``NAME.md.j2`` the user adds to ``template_dir``."""
    styles = dict(SHIPPED_STYLES)
    if template_dir is not None and template_dir.is_dir():
        for path in sorted(template_dir.glob(f"*{TEMPLATE_SUFFIX}")):
            name = path.name.removesuffix(TEMPLATE_SUFFIX)
            if name and not name.startswith("_") and name not in styles:
                styles[name] = Style(name, f"Custom template {path}", custom=True)
    return styles


def get_style(name: str, template_dir: Path | None = None) -> Style:
    styles = available_styles(template_dir)
    if name not in styles:
        raise ConfigError(f"Unknown memo style {name!r}; styles: {', '.join(sorted(styles))}.")
    return styles[name]
