"""Action memo of the seed article, saved as Markdown and as a Word document.

    python examples/styles/action_memo.py

An action memo is the information memo plus "Recommendation: That you ..." lines with
Approve / Disapprove. Its extra field is brief.data.recommendations. The .docx output
needs the docx extra (pip install -e ".[local,docx]").
Writes examples/memos/action-memo.md and examples/memos/action-memo.docx.
"""

from pathlib import Path

import briefgen

EXAMPLES = Path(__file__).resolve().parent.parent
ARTICLE = EXAMPLES / "articles" / "pakistan_us_joint_ops.txt"
OUT = EXAMPLES / "memos"


def main() -> None:
    brief = briefgen.generate_brief(ARTICLE.read_text(encoding="utf-8"), style="action-memo")
    md = brief.save(OUT / "action-memo.md")
    docx = brief.save(OUT / "action-memo.docx")
    report = brief.report
    print(
        f"action-memo: {md.name} + {docx.name}; {report.model} ({report.backend}), "
        f"{report.usage.calls} call(s) ({report.usage.cache_hits} from cache), "
        f"{report.elapsed_s:.1f}s; "
        f"{len(brief.data.recommendations)} recommendation(s) kept; "
        f"{report.summary.dropped} item(s) dropped by grounding"
    )


if __name__ == "__main__":
    main()
