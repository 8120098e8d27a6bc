"""A UK-style submission of the seed article, marked OFFICIAL with no portion marks.

    python examples/styles/submission.py

Sections: Issue, Recommendation, Timing, Background, Argument, Presentation; the date is
written the UK way. Writes examples/memos/submission.md.
"""

from pathlib import Path

import briefgen

EXAMPLES = Path(__file__).resolve().parent.parent
ARTICLE = EXAMPLES / "articles" / "pakistan_us_joint_ops.txt"
OUT = EXAMPLES / "memos"


def main() -> None:
    brief = briefgen.generate_brief(
        ARTICLE.read_text(encoding="utf-8"),
        style="submission",
        classification="OFFICIAL",
        portion_mark=None,
        memo_to="Foreign Secretary",
        memo_from="South Asia Department",
    )
    md = brief.save(OUT / "submission.md")
    summary = brief.report.summary
    print(
        f"submission: {md.name}; {brief.report.model} ({brief.report.backend}), "
        f"{brief.report.usage.calls} call(s), {brief.report.elapsed_s:.1f}s; "
        f"{summary.kept} kept, {summary.amended} amended, {summary.dropped} dropped"
    )


if __name__ == "__main__":
    main()
