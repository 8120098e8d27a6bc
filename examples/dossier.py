"""Make one memo (a dossier) from several reports of the same events.

Every point of the memo says how many sources carry it, sentence m of article n is cited
A<n>:S<m>, and "Contradictions between sources" shows where they disagree. Pass the
articles as files (.txt, .md or .html); the memo goes to OUTPUT (.md, .html, .json or
.docx) or is printed. Model choice as in quickstart.py.

    python examples/dossier.py ARTICLE ARTICLE... [-o OUTPUT]
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import briefgen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    brief = briefgen.generate_dossier(args.articles)
    if args.output:
        brief.save(args.output)
    else:
        print(brief.markdown)
    for source in brief.data.sources:
        logging.info("A%d %s: %s", source.number, source.status, source.name)
    for dispute in brief.data.contradictions:
        sides = "; ".join(side.claim for side in dispute.sides)
        logging.info("disagreement on %s (%s): %s", dispute.topic, dispute.found_by, sides)


if __name__ == "__main__":
    main()
