"""Banner, portion marks and the header's date (issue 13)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from briefgen.config import BriefConfig, Visit, build_config, default_portion_mark
from briefgen.errors import ConfigError
from briefgen.memo.header import MemoHeader, format_date
from briefgen.memo.items import LIKELIHOOD_RANGES, LIKELIHOOD_SCALE, OutlookStatement


@pytest.mark.parametrize(
    ("classification", "mark"),
    [
        ("UNCLASSIFIED", "S"),
        ("UNCLASSIFIED", "C"),
        ("UNCLASSIFIED", "SBU"),
        ("UNCLASSIFIED//SBU", "C"),
        ("CUI", "S"),
        ("CONFIDENTIAL", "S"),
        ("SECRET//NOFORN", "TS"),
        ("OFFICIAL", "OS"),
        ("OFFICIAL-SENSITIVE", "S"),
        ("SECRET", "TS//SI"),
    ],
)
def test_a_portion_mark_above_the_banner_is_refused(classification: str, mark: str) -> None:
    with pytest.raises(ConfigError, match="above the banner"):
        build_config(None, {"classification": classification, "portion_mark": mark})
    with pytest.raises(ValidationError, match="above the banner"):
        BriefConfig(classification=classification, portion_mark=mark)


@pytest.mark.parametrize(
    ("classification", "mark"),
    [
        ("UNCLASSIFIED", "U"),
        ("UNCLASSIFIED//SBU", "SBU"),
        ("UNCLASSIFIED//SBU", "U"),
        ("CUI", "CUI"),
        ("CONFIDENTIAL", "C"),
        ("SECRET//NOFORN", "S//NF"),
        ("TOP SECRET", "TS"),
        ("OFFICIAL-SENSITIVE", "OS"),
        ("OFFICIAL", "O"),
        ("HOUSE RULES", "ZZ"),  # an unknown scale: not checked
    ],
)
def test_a_portion_mark_at_or_below_the_banner_is_accepted(classification: str, mark: str) -> None:
    assert BriefConfig(classification=classification, portion_mark=mark).portion_mark == mark


@pytest.mark.parametrize(
    ("classification", "mark"),
    [
        ("UNCLASSIFIED", "U"),
        ("UNCLASSIFIED//SBU", "SBU"),
        ("CUI", "CUI"),
        ("CONFIDENTIAL", "C"),
        ("SECRET//NOFORN", "S"),
        ("TOP SECRET", "TS"),
        ("OFFICIAL", None),
        ("OFFICIAL-SENSITIVE", None),
        ("SOMETHING ELSE", "U"),
    ],
)
def test_auto_portion_mark_follows_the_banner(classification: str, mark: str | None) -> None:
    assert default_portion_mark(classification) == mark
    header = MemoHeader.from_config(BriefConfig(classification=classification), "X")
    assert header.portion_mark == mark


def test_portion_mark_none_and_the_style_banner() -> None:
    assert MemoHeader.from_config(BriefConfig(portion_mark=None), "X").portion_mark is None
    uk = MemoHeader.from_config(BriefConfig(), "SUBMISSION", banner="OFFICIAL")
    assert (uk.classification, uk.portion_mark) == ("OFFICIAL", None)
    chosen = MemoHeader.from_config(
        BriefConfig(classification="SECRET"), "SUBMISSION", banner="OFFICIAL"
    )
    assert (chosen.classification, chosen.portion_mark) == ("SECRET", "S")


def test_dates_follow_the_style_or_the_setting() -> None:
    day = dt.date(2026, 11, 29)
    assert format_date(day, "us") == "November 29, 2026"
    assert format_date(day, "uk") == "29 November 2026"
    assert format_date(day, "iso") == "2026-11-29"
    assert format_date(day, "%d/%m/%Y") == "29/11/2026"
    today = dt.date.today()
    us = MemoHeader.from_config(BriefConfig(), "X").memo_date
    assert us == format_date(today, "us")
    uk = MemoHeader.from_config(BriefConfig(), "X", date_format="uk").memo_date
    assert uk == format_date(today, "uk")
    iso = MemoHeader.from_config(BriefConfig(date_format="iso"), "X", date_format="uk")
    assert iso.memo_date == today.isoformat()
    fixed = MemoHeader.from_config(BriefConfig(memo_date="1 May", date_format="iso"), "X")
    assert fixed.memo_date == "1 May"


def test_closing_settings_and_the_visit_reach_the_header() -> None:
    visit = Visit(principal="P", counterpart="C", objectives=["one"])
    cfg = build_config(
        None, {"office": "SCA/P", "cleared": ["A", "B"], "decision_by": "Friday", "visit": visit}
    )
    header = MemoHeader.from_config(cfg, "ACTION MEMO")
    assert (header.office, header.cleared, header.decision_by) == ("SCA/P", ["A", "B"], "Friday")
    assert header.visit == visit


def test_icd_203_ranges_and_both_term_sets() -> None:
    assert tuple(LIKELIHOOD_RANGES) == LIKELIHOOD_SCALE
    assert LIKELIHOOD_RANGES["likely"] == "55–80%"
    assert LIKELIHOOD_RANGES["almost no chance"] == "01–05%"
    assert LIKELIHOOD_RANGES["almost certain"] == "95–99%"
    for said, term in [
        ("probable", "likely"),
        ("Probably", "likely"),
        ("remote", "almost no chance"),
        ("highly improbable", "very unlikely"),
        ("improbable", "unlikely"),
        ("roughly even odds", "roughly even chance"),
        ("highly probable", "very likely"),
        ("nearly certain", "almost certain"),
    ]:
        item = OutlookStatement(text="x", likelihood=said, sentence_ids=["S1"])
        assert item.likelihood == term, said
    with pytest.raises(ValidationError):
        OutlookStatement(text="x", likelihood="maybe", sentence_ids=["S1"])
    graded = OutlookStatement(
        text="x", likelihood="likely", confidence="Medium", sentence_ids=["S1"]
    )
    assert graded.confidence == "moderate"
