"""Memo styles: a template plus the memo fields its synthesis step must write.

Adding a style is one entry here, one template in ``render/templates/`` and, when it
needs fields of its own, a ``MemoFields`` subclass in ``memo/fields.py``, its sections in
``memo/sections.py`` and a prompt file ``prompts/style.<name>.j2`` with the instructions
for those fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import ConfigError
from briefgen.memo.fields import (
    ActionMemoFields,
    MemoFields,
    SceneSetterFields,
    SubmissionFields,
    TalkingPointsFields,
)
from briefgen.memo.sections import Section

TEMPLATE_SUFFIX = ".md.j2"
WORDS_PER_PAGE = 500
"""One printed page of memo prose, for the length budgets."""


@dataclass(frozen=True)
class Style:
    """A memo style: its template, its fields and how it prints."""

    name: str
    description: str
    memo_fields: type[MemoFields] = MemoFields
    heading: str = ""
    """The memo kind printed at its head ("INFORMATION MEMO"); default: from the name."""
    leads: tuple[str, ...] = ()
    """Sections moved to the top of the memo, in this order (evidence view)."""
    custom: bool = False
    """A template the user added; it gets the information memo's fields and sections."""
    date_format: str = "us"
    """How the memo writes its date unless the date_format setting says otherwise."""
    banner: str | None = None
    """The style's own classification, used while the setting is left at its default."""
    page_words: int | None = None
    """Length budget in words (pages times WORDS_PER_PAGE); None: no budget."""

    @property
    def template(self) -> str:
        return f"{self.name}{TEMPLATE_SUFFIX}"

    @property
    def memo_kind(self) -> str:
        return self.heading or self.name.replace("-", " ").upper()

    def shows(self, spec: Section) -> bool:
        return (DEFAULT_STYLE if self.custom else self.name) in spec.shown_in


SHIPPED_STYLES: dict[str, Style] = {
    style.name: style
    for style in (
        Style(
            "info-memo",
            "Information memo: summary, background, developments, positions, quotes, outlook.",
            heading="INFORMATION MEMO",
            page_words=2 * WORDS_PER_PAGE,
        ),
        Style(
            "action-memo",
            'Action memo: the information memo plus "That you ..." recommendations with '
            "Approve / Disapprove lines, and options with their pros and cons.",
            ActionMemoFields,
            heading="ACTION MEMO",
        ),
        Style(
            "scene-setter",
            "Scene-setter for a principal's visit (the visit setting): our objectives, their "
            "likely objectives, state of relations, issues, what to expect, talking points.",
            SceneSetterFields,
            heading="SCENE-SETTER",
        ),
        Style(
            "talking-points",
            "Talking points: objectives, points to make, reactive lines if raised, the "
            "press line and background.",
            TalkingPointsFields,
            heading="TALKING POINTS",
            leads=("talking_points",),
        ),
        Style(
            "one-pager",
            "One page: subject, bottom line, key facts, outlook, sources.",
            heading="ONE-PAGE BRIEF",
            page_words=WORDS_PER_PAGE,
        ),
        Style(
            "submission",
            "UK submission: issue, recommendation, timing, background, argument, "
            "presentation (handling and press); OFFICIAL markings, no portion marks.",
            SubmissionFields,
            heading="SUBMISSION",
            date_format="uk",
            banner="OFFICIAL",
        ),
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
    """The style called ``name``, shipped or in ``template_dir``; ConfigError if none is."""
    styles = available_styles(template_dir)
    if name not in styles:
        raise ConfigError(f"Unknown memo style {name!r}; styles: {', '.join(sorted(styles))}.")
    return styles[name]
