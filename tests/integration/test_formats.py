"""Memo formats a foreign ministry would accept (issue 13), end to end: the seed article,
the scripted server, the real openai client."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from scripted_server import ScriptedServer, completion
from seed_answers import good_single_pass

import briefgen
from briefgen import Brief, ConfigError
from briefgen.cli import main

RECOMMENDATION = {
    "text": "That you raise the need for intelligence sharing in the fight against terrorists "
    "with Pakistan.",
    "sentence_ids": ["S15"],
}
PRESS_LINE = {
    "text": "We welcome Pakistan's willingness to strengthen intelligence sharing with the US.",
    "sentence_ids": ["S10"],
}
RANGE = re.compile(r"\((\d\d)–(\d\d)%\)")


def _answer(style: str) -> dict[str, Any]:
    answer = good_single_pass()
    memo = answer["memo"]
    memo["outlook"][0]["confidence"] = "moderate"
    memo["outlook"][0]["confidence_basis"] = (
        "A single press report that cites an official on joint operations."
    )
    if style in ("action-memo", "submission"):
        memo["recommendations"] = [dict(RECOMMENDATION)]
    if style == "action-memo":
        memo["options"] = [
            {
                "text": "Offer strengthened intelligence sharing with Pakistan instead of "
                "joint action.",
                "pros": "Pakistan is willing to strengthen intelligence sharing with the US.",
                "cons": "Pakistan is not ready for joint action against militants.",
                "sentence_ids": ["S3", "S10"],
            }
        ]
    if style in ("talking-points", "submission"):
        memo["press_lines"] = [dict(PRESS_LINE)]
    if style == "talking-points":
        memo["talking_points"] = [
            {
                "text": "We value Pakistan's willingness to strengthen intelligence sharing.",
                "sentence_ids": ["S10"],
            }
        ]
        memo["if_raised"] = [
            {
                "question": "Will the US press Pakistan for joint operations in the tribal areas?",
                "text": "We respect that Pakistan is not ready for joint action against "
                "militants in the tribal areas.",
                "sentence_ids": ["S3"],
            }
        ]
    if style == "scene-setter":
        memo["counterpart_wants"] = [
            {
                "text": "Pakistan will stress the need for intelligence sharing in the fight "
                "against terrorists.",
                "sentence_ids": ["S15"],
            }
        ]
    return answer


def _brief(text: str, server: ScriptedServer, style: str = "info-memo", **overrides: Any) -> Brief:
    server.push(completion(_answer(style)))
    return briefgen.generate_brief(
        text, style=style, base_url=server.base_url, model="scripted-model", **overrides
    )


def _closing(markdown: str) -> str:
    return markdown.rsplit("\n---\n", 1)[-1]


def test_info_memo_heading_marked_subject_closing_and_ranges(
    seed_text: str, server: ScriptedServer
) -> None:
    brief = _brief(seed_text, server, memo_to="The Secretary", office="SCA/P")
    md = brief.markdown
    assert md.startswith("**UNCLASSIFIED**\n") and md.rstrip().endswith("**UNCLASSIFIED**")
    assert "\n# INFORMATION MEMO FOR The Secretary\n" in md
    assert "**FROM:** " in md and "**TO:**" not in md
    assert "**SUBJECT:** (U) Pakistan not ready for joint anti-terror operations" in md
    assert "**SOURCE:**" not in md  # the source moved to the closing's Sources line
    # Every portion carries its mark: paragraphs, list items and the table's statements.
    assert "| Pakistan | (U) Pakistan is not ready for joint action" in md
    body = md.split("## Source annex")[0].split("## Summary", 1)[1]
    for line in body.splitlines():
        if line and not line.startswith(("#", "| Party", "| ---", "Confidence:")):
            assert re.match(r"^(\d+\. |- |\| [^|]+ \| )?\(U\) ", line), line
    # ICD 203: the likelihood with its range, apart from the confidence.
    assert "We assess it is likely (55–80%) that Pakistan will refuse" in md
    assert all((a, b) in {("55", "80")} for a, b in RANGE.findall(body)) and RANGE.search(body)
    assert "\nConfidence: moderate. Basis: A single press report" in md
    closing = _closing(md)
    date = brief.header.memo_date
    assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", date)  # US style: November 29, 2026
    assert f"Drafted: Analyst (drafted with briefgen), SCA/P, {date}\\\n" in closing
    assert "Cleared: Not cleared\\\n" in closing
    assert "Attachments: Tab 1: Source annex\\\n" in closing
    assert "; this memo rests on a single press report." in closing
    drafted_line = next(x for x in closing.splitlines() if x.startswith("Drafted:"))
    assert "briefgen" not in drafted_line.replace("(drafted with briefgen)", "")
    assert re.search(r"\n\nDrafted by briefgen with scripted-model \(", closing)


def test_action_memo_asks_for_a_decision(seed_text: str, server: ScriptedServer) -> None:
    brief = _brief(
        seed_text,
        server,
        "action-memo",
        cleared=["SCA/P: J. Smith", "S/P: A. Jones"],
        decision_by="December 5, 2026",
    )
    md = brief.markdown
    assert "\n# ACTION MEMO FOR The Principal\n" in md
    assert "**Decision needed by:** December 5, 2026" in md
    assert "1. (U) That you raise the need for intelligence sharing" in md
    assert re.search(r"That you raise .*\n\n +Approve (\\_)+\n\n +Disapprove (\\_)+\n", md)
    assert "## Options" in md
    assert "1. (U) Offer strengthened intelligence sharing" in md
    assert "Pros: Pakistan is willing to strengthen intelligence sharing with the US." in md
    closing = _closing(md)
    assert "\nDrafted: " in closing
    assert "Cleared: SCA/P: J. Smith; S/P: A. Jones\\\n" in closing
    assert [o.text for o in brief.data.options] == [
        "Offer strengthened intelligence sharing with Pakistan instead of joint action."
    ]


def test_action_memo_option_pros_and_cons_are_judgement_checked(
    seed_text: str, server: ScriptedServer
) -> None:
    answer = _answer("action-memo")
    answer["memo"]["options"][0]["cons"] = "Ambassador Lena Marchetti would object strongly."
    server.push(completion(answer))
    brief = briefgen.generate_brief(
        seed_text, style="action-memo", base_url=server.base_url, model="m"
    )
    [option] = brief.data.options
    assert option.cons is None and option.pros is not None
    assert "Marchetti" not in brief.markdown
    assert any(r.kind == "option_cons" and r.status == "dropped" for r in brief.report.grounding)


def test_talking_points_headings_and_reactive_lines(seed_text: str, server: ScriptedServer) -> None:
    md = _brief(seed_text, server, "talking-points").markdown
    headings = re.findall(r"^## (.+)$", md, re.MULTILINE)
    assert headings[:5] == ["Objectives", "Points to make", "If raised", "Press line", "Background"]
    assert "- (U) If asked: Will the US press Pakistan for joint operations" in md
    assert "Line to take: We respect that Pakistan is not ready" in md
    assert "(U) We welcome Pakistan's willingness to strengthen intelligence sharing" in md


def test_no_portion_marks_when_portion_mark_is_none(seed_text: str, server: ScriptedServer) -> None:
    brief = _brief(seed_text, server, portion_mark=None)
    assert "(U)" not in brief.markdown
    assert "**SUBJECT:** Pakistan not ready" in brief.markdown
    assert brief.header.portion_mark is None


def test_a_portion_mark_above_the_banner_is_a_config_error(seed_text: str) -> None:
    with pytest.raises(ConfigError, match="above the banner"):
        briefgen.generate_brief(seed_text, classification="UNCLASSIFIED", portion_mark="S")


def test_uk_submission_with_official_markings(seed_text: str, server: ScriptedServer) -> None:
    assert "submission" in briefgen.SHIPPED_STYLES
    brief = _brief(seed_text, server, "submission", classification="OFFICIAL", portion_mark=None)
    md = brief.markdown
    assert md.startswith("**OFFICIAL**\n") and md.rstrip().endswith("**OFFICIAL**")
    headings = re.findall(r"^## (.+)$", md, re.MULTILINE)
    assert headings[:6] == [
        "Issue",
        "Recommendation",
        "Timing",
        "Background",
        "Argument",
        "Presentation",
    ]
    assert "(U)" not in md
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", brief.header.memo_date)  # 29 November 2026
    assert "1. That you raise the need for intelligence sharing" in md
    assert "We welcome Pakistan's willingness" in md.split("## Presentation")[1]


def test_submission_defaults_to_official_without_portion_marks(
    seed_text: str, server: ScriptedServer
) -> None:
    md = _brief(seed_text, server, "submission", memo_date="3 December 2026").markdown
    assert md.startswith("**OFFICIAL**\n") and "(U)" not in md
    assert "**DATE:** 3 December 2026" in md


def test_scene_setter_with_a_visit(seed_text: str, server: ScriptedServer) -> None:
    visit = briefgen.Visit(
        principal="The Secretary",
        counterpart="Foreign Minister Khawaja Mohammed Asif",
        place="Islamabad",
        dates="4–5 December 2026",
        objectives=["Secure <b>agreement</b> on [intelligence] sharing", "Restate our position"],
    )
    brief = _brief(seed_text, server, "scene-setter", visit=visit)
    md = brief.markdown
    assert "**Counterpart:** Foreign Minister Khawaja Mohammed Asif" in md
    assert "**Principal:** The Secretary" in md and "**Place:** Islamabad" in md
    assert "**Dates:** 4–5 December 2026" in md
    ours = md.split("## Our objectives")[1].split("##")[0]
    assert r"- (U) Secure \<b\>agreement\</b\> on \[intelligence\] sharing" in ours
    assert "- (U) Restate our position" in ours
    theirs = md.split("## Their likely objectives")[1].split("##")[0]
    assert "(U) Pakistan will stress the need for intelligence sharing" in theirs
    assert brief.header.visit == visit


def test_cli_visit_file_and_portion_mark_none(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    article = tmp_path / "seed.txt"
    article.write_text(seed_text, encoding="utf-8")
    visit = tmp_path / "visit.toml"
    visit.write_text(
        'principal = "The Secretary"\ncounterpart = "Foreign Minister Asif"\n'
        'place = "Islamabad"\ndates = "4 December"\nobjectives = ["Press for access"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "memo.md"
    server.push(completion(_answer("scene-setter")))
    args = [str(article), "--style", "scene-setter", "--visit", str(visit), "-o", str(out)]
    args += ["--portion-mark", "none", "--cleared", "NEA: B. Clear", "--date-format", "uk"]
    assert main([*args, "--base-url", server.base_url, "--model", "m", "-q"]) == 0
    md = out.read_text(encoding="utf-8")
    assert "**Counterpart:** Foreign Minister Asif" in md and "- Press for access" in md
    assert "(U)" not in md and "Cleared: NEA: B. Clear" in md
    assert re.search(r"\*\*DATE:\*\* \d{1,2} [A-Z][a-z]+ \d{4}", md)


def test_help_never_suggests_fouo(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "FOUO" not in out and "--portion-mark" in out and "--visit" in out


def test_a_reactive_question_naming_an_unknown_person_is_removed(
    seed_text: str, server: ScriptedServer
) -> None:
    answer = _answer("talking-points")
    answer["memo"]["if_raised"][0]["question"] = "Will Ambassador Lena Marchetti attend the talks?"
    server.push(completion(answer))
    brief = briefgen.generate_brief(
        seed_text, style="talking-points", base_url=server.base_url, model="m"
    )
    [line] = brief.data.if_raised
    assert line.question is None
    section = brief.markdown.split("## If raised")[1].split("## ")[0]
    assert "Marchetti" not in section and "If asked" not in section
    assert "- (U) Line to take: We respect that Pakistan is not ready" in section


def test_cli_names_the_option_of_a_portion_mark_above_the_banner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks resume\nThe talks resume in Geneva.", encoding="utf-8")
    assert main([str(article), "--classification", "UNCLASSIFIED", "--portion-mark", "S"]) == 4
    err = capsys.readouterr().err
    assert "--portion-mark S: portion mark 'S' is above the banner 'UNCLASSIFIED'" in err
