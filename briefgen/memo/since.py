"""What a memo says about the memos of its story before it: the data of its first section,
"Since the last memo" (New, Changed, and optionally No longer reported).

Every item cites the new article's sentences in ``sentence_ids`` (so the annex lists
them like any other); what an earlier memo said is an ``EarlierSide``, citing that memo's
own article, whose text is kept beside the ids so that the memo can show it without the
earlier file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from briefgen.memo.items import CitedItem

NewKind = Literal["event", "actor", "position", "quote", "allegation", "fact"]
FoundBy = Literal["rules", "model", "model and rules"]
ChangeKind = Literal["update", "contradiction"]
"""An update: the new source is later than the earlier memo's; a contradiction: both
sources are of the same time (or the new one is the older) and they disagree."""


class EarlierMemo(BaseModel):
    """One memo of the story that the new memo is compared with."""

    number: int = Field(description="Its place in the story, 1 for the first memo.")
    label: str = Field(description='How a citation names it: "memo of March 3".')
    memo_date: str = Field(description="The date the memo carries, as it printed it.")
    subject: str = ""
    title: str | None = Field(None, description="Its article's title (a dossier's: none).")
    published: str | None = Field(None, description="When its article was published.")


class EarlierSide(BaseModel):
    """What an earlier memo said, grounded in that memo's stored article."""

    memo: int = Field(description="The ``EarlierMemo.number`` it comes from.")
    claim: str
    sentence_ids: list[str] = Field(description="Ids of sentences of that memo's article.")
    sentences: list[str] = Field(
        default_factory=list, description="Those sentences' text, in the same order."
    )


class NewItem(CitedItem):
    """Something this article reports that no earlier memo of the story carried."""

    kind: NewKind
    text: str = Field(description="One line: the event, the actor and title, the quotation.")
    speaker: str | None = Field(None, description="A quotation's speaker.")
    found_by: FoundBy = "rules"
    how: str = Field("", description="How it was found, for the report.")


class Change(CitedItem):
    """A figure, a date, a status, a holder of a role or a position that an earlier memo
    gave otherwise; ``sentence_ids`` and ``after`` are the new article's side."""

    topic: str = Field(description='What changed, in a few words: "number displaced".')
    before: EarlierSide
    after: str = Field(description="What the new article says, a piece of its sentence.")
    before_value: str | None = Field(
        None, description="The earlier side's short form, as its sentence writes it: a number."
    )
    after_value: str | None = Field(None, description="The new side's short form.")
    kind: ChangeKind = "update"
    note: str | None = Field(None, description="Why it is an update or a contradiction.")
    found_by: FoundBy = "rules"
    how: str = Field("", description="The rule (or the model) that found it.")

    @property
    def text(self) -> str:
        """The change as one plain line: "topic: before -> after"."""
        return f"{self.topic}: {self.before.claim} -> {self.after}"


class Withdrawn(CitedItem):
    """What an earlier memo said that this article contradicts or withdraws;
    ``sentence_ids`` cite the new article's sentence that does (if one does)."""

    before: EarlierSide
    now: str | None = Field(None, description="What the new article says instead.")
    found_by: FoundBy = "rules"
    how: str = ""

    @property
    def text(self) -> str:
        """What the earlier memo said."""
        return self.before.claim


class SinceLast(BaseModel):
    """The memos the new one was compared with, the latest last, and what the comparison
    did to the rest of the memo. Its items are ``BriefData.since_new``,
    ``since_changed`` and ``since_withdrawn``."""

    earlier: list[EarlierMemo] = Field(
        min_length=1,
        description="The earlier memos the section names: the first, every one it cites, "
        "and the latest, in story order (not all of a long story's memos).",
    )
    compared: int | None = Field(
        None,
        ge=1,
        description="How many earlier memos it was compared with (none: as many as "
        "``earlier`` lists: a memo file written before this field listed every one).",
    )
    moved_to_background: list[str] = Field(
        default_factory=list,
        description="Items of this memo an earlier memo already carried, moved from the "
        "news sections to Background.",
    )
    withdrawn_shown: bool = Field(
        False, description="Whether the memo has a 'No longer reported' part."
    )

    @property
    def last(self) -> EarlierMemo:
        """The latest earlier memo: the one the section is named after."""
        return self.earlier[-1]

    @property
    def count(self) -> int:
        """How many earlier memos the memo was compared with."""
        return self.compared or len(self.earlier)

    def memo(self, number: int) -> EarlierMemo | None:
        """The earlier memo numbered ``number``."""
        return next((m for m in self.earlier if m.number == number), None)
