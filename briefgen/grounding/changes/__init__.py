"""What changed since the earlier memos of a story, found by rules, without a model.

A memo of a story is compared with what the memos before it carried (their digests,
``MemoDigest``, made once per memo):

* new: events, actors, positions, quotations, allegations and facts no earlier memo
  carried; an actor is new only when no earlier memo named them in any form
  (``Identities``: "Kabbar" is "General Rashid Osman Kabbar");
* changed: a figure bound to the same measure with another number (read by the
  dossier's number rules), a role held by another person, a party's stance turned round;
* carried: the memo's news items an earlier memo already reported (they move to
  Background);
* withdrawn (when asked): an earlier statement the new article negates or withdraws.

Every change is then grounded on both sides (``SidesGrounder``): the new side in the
new article, the earlier side in the earlier memo's stored article.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from briefgen.grounding.changes._base import (
    Asked,
    Based,
    StoryBase,
    StoryBaseError,
    name_look,
    role_look,
)
from briefgen.grounding.changes._changed import (
    figure_changes,
    position_changes,
    role_changes,
    withdrawn,
)
from briefgen.grounding.changes._digest import (
    DIGEST_FORMAT,
    Carried,
    CarriedActor,
    CarriedPosition,
    CarriedQuote,
    Figure,
    MemoDigest,
    digest_memo,
    read_figures,
    sentence_times,
)
from briefgen.grounding.changes._found import Before, Carry, Findings, FoundChange, FoundWithdrawn
from briefgen.grounding.changes._ground import ArticleOf, SidesGrounder, classify, parse_day
from briefgen.grounding.changes._merged import StoryDigest, merge_all, merged
from briefgen.grounding.changes._new import NEWS_SECTIONS, find_new
from briefgen.grounding.changes._story import Story, role_key
from briefgen.ingest.article import Article

__all__ = [
    "DIGEST_FORMAT",
    "NEWS_SECTIONS",
    "ArticleOf",
    "Asked",
    "Based",
    "Before",
    "Carried",
    "CarriedActor",
    "CarriedPosition",
    "CarriedQuote",
    "Carry",
    "Figure",
    "Findings",
    "FoundChange",
    "FoundWithdrawn",
    "MemoDigest",
    "SidesGrounder",
    "Story",
    "StoryBase",
    "StoryBaseError",
    "StoryDigest",
    "classify",
    "compare",
    "digest_memo",
    "merge_all",
    "merged",
    "name_look",
    "parse_day",
    "role_key",
    "role_look",
]


def compare(
    story: Story,
    data: Any,
    article: Article,
    *,
    earlier_times: Mapping[int, str | None],
    current_time: str | None,
    with_withdrawn: bool = False,
) -> Findings:
    """What the memo of ``data`` over ``article`` reports that ``story`` had not, what it
    gives otherwise, and which of its news items the story already carried.

    ``earlier_times`` (memo number -> when its source was published, else its date) and
    ``current_time`` stand in for a figure's source time when the article gives none."""
    times = sentence_times(article, data.sources)
    figures = read_figures(article, list(article.sentences), times)
    by_figure = figure_changes(story, figures)
    changes = [
        *by_figure,
        *role_changes(story, data.actors),
        *position_changes(story, data.positions),
    ]
    changes = [
        dataclasses.replace(
            change,
            before_time=change.before_time or earlier_times.get(change.before.memo),
            after_time=change.after_time or current_time,
        )
        for change in changes
    ]
    found = Findings(changes=changes)
    # An item resting only on sentences that give a revised figure is that change, not news.
    topics = {change.topic for change in by_figure}
    find_new(story, data, {f.sentence_id for f in figures if f.topic in topics}, found)
    if with_withdrawn:
        found.withdrawn = withdrawn(story.statements, list(article.sentences))
    return found
