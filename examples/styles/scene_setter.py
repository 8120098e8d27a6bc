"""Scene-setter for a principal's visit, from the seed article.

    python examples/styles/scene_setter.py

Its extra fields are brief.data.counterpart_wants, brief.data.relations and
brief.data.talking_points.
Writes examples/memos/scene-setter.md.
"""

from pathlib import Path

import briefgen

EXAMPLES = Path(__file__).resolve().parent.parent
ARTICLE = EXAMPLES / "articles" / "pakistan_us_joint_ops.txt"
OUT = EXAMPLES / "memos"


def main() -> None:
    brief = briefgen.generate_brief(ARTICLE.read_text(encoding="utf-8"), style="scene-setter")
    md = brief.save(OUT / "scene-setter.md")
    data, report = brief.data, brief.report
    print(
        f"scene-setter: {md.name}; {report.model} ({report.backend}), "
        f"{report.usage.calls} call(s) ({report.usage.cache_hits} from cache), "
        f"{report.elapsed_s:.1f}s; "
        f"{len(data.counterpart_wants)} counterpart wants, {len(data.relations)} relations, "
        f"{len(data.talking_points)} talking point(s) kept; "
        f"{report.summary.dropped} item(s) dropped by grounding"
    )


if __name__ == "__main__":
    main()
