"""Talking points from the seed article.

    python examples/styles/talking_points.py

Its extra field is brief.data.talking_points. This script also sets a classification
banner and the TO / FROM lines through BriefConfig fields passed as keywords.
Writes examples/memos/talking-points.md.
"""

from pathlib import Path

import briefgen

EXAMPLES = Path(__file__).resolve().parent.parent
ARTICLE = EXAMPLES / "articles" / "pakistan_us_joint_ops.txt"
OUT = EXAMPLES / "memos"


def main() -> None:
    brief = briefgen.generate_brief(
        ARTICLE.read_text(encoding="utf-8"),
        style="talking-points",
        classification="UNCLASSIFIED//SBU",
        memo_to="The Secretary",
        memo_from="South and Central Asia desk",
    )
    md = brief.save(OUT / "talking-points.md")
    report = brief.report
    print(
        f"talking-points: {md.name}; {report.model} ({report.backend}), "
        f"{report.usage.calls} call(s) ({report.usage.cache_hits} from cache), "
        f"{report.elapsed_s:.1f}s; "
        f"{len(brief.data.talking_points)} talking point(s) kept; "
        f"{report.summary.dropped} item(s) dropped by grounding"
    )


if __name__ == "__main__":
    main()
