"""The memo's banner and address block: built once from the config, carried by the Brief,
used by every renderer."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from briefgen.config import BriefConfig


class MemoHeader(BaseModel):
    """Banner, memo kind, TO, FROM and DATE, as rendered."""

    classification: str
    portion_mark: str
    memo_to: str
    memo_from: str
    memo_date: str
    memo_kind: str = "INFORMATION MEMO"

    @classmethod
    def from_config(cls, cfg: BriefConfig, memo_kind: str) -> MemoHeader:
        today = dt.date.today()
        return cls(
            classification=cfg.classification,
            portion_mark=cfg.portion_mark,
            memo_to=cfg.memo_to,
            memo_from=cfg.memo_from,
            memo_date=cfg.memo_date or f"{today.day} {today:%B %Y}",
            memo_kind=memo_kind,
        )
