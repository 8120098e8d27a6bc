"""A memo made since earlier memos of its story, end to end on a FunctionBackend: its
first section (New, Changed, No longer reported), what moves to Background, the report,
and memos made since nothing, unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from story_answers import answers, memo, report

import briefgen
from briefgen import Brief, FunctionBackend
from briefgen.llm.backend import CompletionRequest
from briefgen.memo.stored import FORMAT_KEY, MEMO_FORMAT

CHANGED_FIGURE = "8 million [memo of March 3, S3] -> 9 million [S5]"


@pytest.fixture(scope="module")
def first() -> Brief:
    return memo(1)


@pytest.fixture(scope="module")
def second(first: Brief) -> Brief:
    return memo(2, since=first)


def _section(markdown: str, heading: str) -> str:
    found = re.search(rf"^## {re.escape(heading)}[^\n]*\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert found is not None, f"no section {heading!r}"
    return found.group(1)


def _part(section: str, title: str) -> str:
    found = re.search(rf"^\*\*{title}\*\*\n(.*?)(?=^\*\*[A-Z]|\Z)", section, re.M | re.S)
    assert found is not None, f"no part {title!r}"
    return found.group(1)


def test_the_second_memo_opens_with_what_is_new_and_what_changed(second: Brief) -> None:
    md = second.markdown
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings[0] == "Since the last memo (March 3, 2026)"
    section = _section(md, "Since the last memo")
    new = _part(section, "New")
    assert "Event: The Darvan army recalled General Hamid al-Nour" in new
    assert "New to the story: Rashid Osman Kabbar, head of the army delegation [S3]" in new
    assert "Quotation: “A truce in the west can save lives" in new and "— Kabbar [S4]" in new
    changed = _part(section, "Changed")
    assert f"**Number displaced:** {CHANGED_FIGURE}. Update:" in changed
    assert "Hamid al-Nour [memo of March 3, S4] -> Rashid Osman Kabbar [S3]" in changed


def test_what_the_first_memo_carried_is_not_new(second: Brief) -> None:
    new = _part(_section(second.markdown, "Since the last memo"), "New")
    assert "Maalouf" not in new  # her name, her position and her adviser's title were known
    assert "3 million" not in new
    assert "opened the talks" not in new
    assert {item.kind for item in second.data.since_new} == {"event", "actor", "position", "quote"}


def test_news_an_earlier_memo_carried_moves_to_background(second: Brief) -> None:
    developments = _section(second.markdown, "Key developments")
    background = _section(second.markdown, "Background")
    assert "opened the talks" not in developments
    assert "opened the talks in Port Selim" in background
    assert "3 million people face acute hunger" in background
    moved = [r for r in second.report.grounding if r.status == "amended"]
    assert moved and all("memo of March 3" in (r.reason or "") for r in moved)
    assert "Already reported in an earlier memo" in second.markdown


def test_the_report_lists_every_change_with_how_it_was_found(second: Brief) -> None:
    records = [r for r in second.report.grounding if r.kind == "since_change"]
    assert len(records) == len(second.data.since_changed) == 2
    assert all(r.status == "kept" and "found by rules" in (r.reason or "") for r in records)
    assert any("the same measure (number displaced)" in (r.reason or "") for r in records)


def test_the_annex_quotes_the_earlier_memos_sentences_a_change_rests_on(second: Brief) -> None:
    annex = _section(second.markdown, "Source annex")
    assert "**memo of March 3, S3** (U) The United Nations says 8 million" in annex
    assert "| Changed since the last memo 1 | S5 |" in annex


def test_a_memo_saved_as_json_is_a_since_file(first: Brief, second: Brief, tmp_path: Path) -> None:
    path = first.save(tmp_path / "first.json")
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload[FORMAT_KEY] == MEMO_FORMAT and "since" not in payload["data"]
    again = memo(2, since=path)
    assert _section(again.markdown, "Since the last memo") == _section(
        second.markdown, "Since the last memo"
    )
    assert Brief.load(path).data == first.data


def test_the_third_memo_is_since_both_earlier_ones(first: Brief, second: Brief) -> None:
    third = memo(3, since=[first, second])
    section = _section(third.markdown, "Since the last memo")
    assert third.markdown.count("## Since the last memo (March 10, 2026)") == 1
    assert "Compared with the 2 earlier memos of this story" in section
    assert "9 million [memo of March 10, S5] -> 9.5 million [S5]" in section
    assert "New to the story" not in section  # Kabbar and Maalouf are known by now
    assert "signed a truce" in _part(section, "New")


@pytest.mark.parametrize("style", sorted(briefgen.SHIPPED_STYLES))
def test_every_style_shows_the_section_first(first: Brief, style: str) -> None:
    made = memo(2, since=first, style=style)
    assert re.findall(r"^## (.+)$", made.markdown, re.M)[0].startswith("Since the last memo")
    assert CHANGED_FIGURE in made.markdown


def test_a_memo_made_since_nothing_has_no_section(first: Brief) -> None:
    assert first.data.since is None and "Since the last memo" not in first.markdown
    assert not any(r.kind.startswith("since") for r in first.report.grounding)


def test_no_longer_reported_is_shown_only_when_asked(first: Brief) -> None:
    plain = memo(2, since=first)
    assert "No longer reported" not in plain.markdown
    asked = memo(2, since=first, since_withdrawn=True)
    part = _part(_section(asked.markdown, "Since the last memo"), "No longer reported")
    assert "Nothing an earlier memo said is contradicted or withdrawn." in part


def _with_model_changes(changes: list[dict[str, Any]]) -> FunctionBackend:
    answer = answers()[1]

    def reply(request: CompletionRequest) -> str:
        if request.name == "briefgen_changes":
            return json.dumps({"changes": changes})
        return json.dumps(answer)

    return FunctionBackend(reply)


def test_the_model_adds_changes_grounded_like_the_rules_own(first: Brief) -> None:
    changes = [
        {  # a change the rules do not see, both sides in their sentences' words
            "topic": "Length of the talks",
            "before": "The talks are expected to last a week.",
            "before_ids": ["M1:S9"],
            "after": "Kabbar said the army was ready to sign a truce this week.",
            "after_ids": ["S4"],
        },
        {  # the rules' figure, found by the model too
            "topic": "number displaced",
            "before": "8 million people have been displaced",
            "before_ids": ["M1:S3"],
            "after": "9 million people have now been displaced",
            "after_ids": ["S5"],
        },
        {  # a lying side: no sentence says 10 million
            "topic": "number displaced",
            "before": "8 million people have been displaced",
            "before_ids": ["M1:S3"],
            "after": "10 million people have been displaced",
            "after_ids": ["S8"],
        },
    ]
    backend = _with_model_changes(changes)
    made = briefgen.generate_brief(
        report(2),
        client=backend,
        since=first,
        since_model=True,
        cache=False,
        memo_date="March 10, 2026",
    )
    assert [r.name for r in backend.requests] == ["briefgen_memo", "briefgen_changes"]
    by_topic = {c.topic: c for c in made.data.since_changed}
    assert by_topic["number displaced"].found_by == "model and rules"
    assert by_topic["Length of the talks"].found_by == "model"
    assert "10 million" not in made.markdown
    dropped = [
        r for r in made.report.grounding if r.kind == "since_change" and r.status == "dropped"
    ]
    assert len(dropped) == 1 and "model" in (dropped[0].reason or "")
    prompt = backend.requests[1].messages[-1]["content"]
    assert "[M1:S3] The United Nations says 8 million" in prompt and "[S5]" in prompt


def test_a_long_storys_memo_names_only_the_memos_it_cites() -> None:
    # Five memos of one story in the store: the fifth is compared with all four but
    # names only the first, the one its change cites and the latest (here the same), so
    # that a memo's data does not grow with its story (nor the store faster than it).
    for day in ("March 1, 2026", "March 2, 2026", "March 3, 2026"):
        memo(1, story="long story", memo_date=day)
    memo(2, story="long story")
    fifth = memo(3, story="long story")
    since = fifth.data.since
    assert since is not None and since.count == since.compared == 4
    assert [m.number for m in since.earlier] == [1, 4]
    section = _section(fifth.markdown, "Since the last memo")
    assert "Compared with the 4 earlier memos of this story, March 1, 2026 to March 10" in section
    assert "9 million [memo of March 10, S5] -> 9.5 million [S5]" in section


def test_a_memo_file_that_lists_every_earlier_memo_still_counts_them(second: Brief) -> None:
    # Memo files written before ``compared`` list every earlier memo and count by it.
    assert second.data.since is not None
    payload = json.loads(second.to_json())
    del payload["data"]["since"]["compared"]
    old = second.data.since.model_validate(payload["data"]["since"])
    assert old.compared is None and old.count == len(old.earlier) == 1


def test_a_since_file_given_beside_a_story_comes_after_its_memos(second: Brief) -> None:
    # The story's memo from the store (numbered 1), then the file given (numbered 2):
    # the third report is compared with both, the change citing the file's memo.
    memo(1, story="story and file")
    third = memo(3, story="story and file", since=second)
    since = third.data.since
    assert since is not None and since.count == 2
    assert [(m.number, m.memo_date) for m in since.earlier] == [
        (1, "March 3, 2026"),
        (2, "March 10, 2026"),
    ]
    section = _section(third.markdown, "Since the last memo")
    assert "Compared with the 2 earlier memos of this story" in section
    assert "9 million [memo of March 10, S5] -> 9.5 million [S5]" in section
