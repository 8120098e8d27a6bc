"""The memo's banner, address block and closing: built once from the config, carried by the
Brief, used by every renderer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import BaseModel, Field

from briefgen.config import BriefConfig, Visit, default_portion_mark

# The date conventions: a name of ``date_format`` and how it writes 29 November 2026.
DEFAULT_CLASSIFICATION = BriefConfig.model_fields["classification"].default
DATE_FORMATS: dict[str, Callable[[dt.date], str]] = {
    "us": lambda d: f"{d:%B} {d.day}, {d:%Y}",
    "uk": lambda d: f"{d.day} {d:%B %Y}",
    "iso": lambda d: d.isoformat(),
}


def format_date(day: dt.date, date_format: str) -> str:
    """``day`` in a named convention ("us", "uk", "iso") or a strftime pattern."""
    named = DATE_FORMATS.get(date_format.lower())
    return named(day) if named is not None else day.strftime(date_format)


class MemoHeader(BaseModel):
    """Banner, memo kind, TO, FROM, DATE and the closing block, as rendered."""

    classification: str
    portion_mark: str | None = Field(description="None: the memo carries no portion marks.")
    memo_to: str
    memo_from: str
    memo_date: str
    memo_kind: str = "INFORMATION MEMO"
    office: str | None = None
    cleared: list[str] = Field(default_factory=list)
    decision_by: str | None = None
    visit: Visit | None = None

    @classmethod
    def from_config(
        cls,
        cfg: BriefConfig,
        memo_kind: str,
        *,
        date_format: str = "us",
        banner: str | None = None,
    ) -> MemoHeader:
        """The header ``cfg`` asks for. ``date_format`` is the style's own convention,
        used unless ``cfg.date_format`` names another; ``banner`` is the style's own
        classification, used while ``cfg.classification`` is left at its default."""
        classification = cfg.classification
        if banner is not None and classification == DEFAULT_CLASSIFICATION:
            classification = banner
        mark = cfg.portion_mark
        if mark == "auto":
            mark = default_portion_mark(classification)
        return cls(
            classification=classification,
            portion_mark=mark,
            memo_to=cfg.memo_to,
            memo_from=cfg.memo_from,
            memo_date=cfg.memo_date or format_date(dt.date.today(), cfg.date_format or date_format),
            memo_kind=memo_kind,
            office=cfg.office,
            cleared=list(cfg.cleared),
            decision_by=cfg.decision_by,
            visit=cfg.visit,
        )
