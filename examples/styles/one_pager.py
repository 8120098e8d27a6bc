"""One-page brief from the seed article, with statements the support check rejects kept
and marked "[Unverified]" instead of dropped (grounding="flag").

    python examples/styles/one_pager.py

The one-pager has no fields of its own; it shows the bottom line, key developments and
facts (brief.data.key_facts), the outlook and the cited sentences.
Writes examples/memos/one-pager.md.
"""

from pathlib import Path

import briefgen

EXAMPLES = Path(__file__).resolve().parent.parent
ARTICLE = EXAMPLES / "articles" / "pakistan_us_joint_ops.txt"
OUT = EXAMPLES / "memos"


def main() -> None:
    brief = briefgen.generate_brief(
        ARTICLE.read_text(encoding="utf-8"), style="one-pager", grounding="flag"
    )
    md = brief.save(OUT / "one-pager.md")
    summary, report = brief.report.summary, brief.report
    print(
        f"one-pager: {md.name}; {report.model} ({report.backend}), "
        f"{report.usage.calls} call(s) ({report.usage.cache_hits} from cache), "
        f"{report.elapsed_s:.1f}s; "
        f"{len(brief.data.key_facts)} key fact(s); {summary.kept} kept, "
        f"{summary.amended} amended, {summary.flagged} flagged, "
        f"{summary.dropped} dropped by grounding"
    )


if __name__ == "__main__":
    main()
