"""The memo in the reader's language (``memo_language``): the last stage of a memo whose
article is in another language. Its lines were extracted, cited and checked in the
article's language; one more call translates them, and each translation is shown only
when its numbers, dates, negation and names agree with the checked line
(``grounding.translation``). A quotation stays verbatim, its translation beside it,
marked. A line whose translation fails is shown as checked, in the article's language;
the report records, per line, what was checked in which language.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefgen.errors import InvalidOutputError, RefusalError
from briefgen.extract.prompts import translation_messages
from briefgen.extract.schema import MAX_TRANSLATED_LINES, Translations
from briefgen.grounding.translation import check_translation
from briefgen.llm.requests_first import cpu_work
from briefgen.memo.data import BriefData
from briefgen.memo.report import UNVERIFIED_MARK, GroundingRecord
from briefgen.memo.sections import section, sections
from briefgen.memo.styles import Style
from briefgen.run.skeleton import Draft, RunState
from briefgen.text.language import language_name

logger = logging.getLogger(__name__)

TRANSLATE_CALL = "briefgen_translation"
TRANSLATION_KIND = "translation"
# Sections whose lines are the memo's own words about the article (not bare names, not
# another memo's), and a quotation, whose translation is shown beside it.
_TRANSLATED = frozenset({"full", "judgement", "gap", "quote"})


@dataclass(frozen=True)
class Line:
    """One line of the memo to translate, and where it goes back."""

    id: str
    field: str
    """``BriefData`` attribute: "subject" or a section's field."""
    index: int
    attr: str | None
    """The item's attribute; None for the subject, or an item that is a string."""
    text: str
    quote: bool
    sentence_ids: tuple[str, ...]


def memo_lines(data: BriefData, style: Style) -> list[Line]:
    """The lines of ``data`` that ``style`` prints, to translate, in reading order."""
    lines: list[Line] = []
    for field, index, attr, text, quote, ids in _places(data, style):
        if isinstance(text, str) and text.strip() and len(lines) < MAX_TRANSLATED_LINES:
            lines.append(Line(f"L{len(lines) + 1}", field, index, attr, text, quote, tuple(ids)))
    return lines


def _places(data: BriefData, style: Style) -> Iterator[tuple[str, int, str | None, Any, bool, Any]]:
    """(field, index, attribute, text, is a quote, sentence ids) of every printed line."""
    yield "subject", -1, None, data.subject, False, data.subject_sentence_ids
    for spec in sections():
        if not style.shows(spec) or spec.check not in _TRANSLATED:
            continue
        attrs = ("text",) if spec.check == "quote" else (spec.text, *spec.claims, *spec.judged)
        for index, item in enumerate(spec.items(data)):
            if isinstance(item, str):
                yield spec.field, index, None, item, False, ()
                continue
            ids = getattr(item, "sentence_ids", ())
            for attr in attrs:
                yield spec.field, index, attr, getattr(item, attr, None), spec.check == "quote", ids


async def translate_memo(state: RunState, draft: Draft) -> None:
    """Translate the memo's lines into ``memo_language`` and keep what agrees."""
    lines = memo_lines(draft.data, state.style)
    if not lines:
        return
    source, target = state.article.language, state.cfg.memo_language
    assert source is not None and target is not None
    messages = translation_messages(
        [(line.id, _unmarked(line.text)) for line in lines],
        source=language_name(source),
        target=language_name(target),
        title=state.article.title,
        prompt_dir=state.cfg.prompt_dir,
    )
    state.progress.memo("synthesis")
    try:
        answer = await state.calls.caller.call(TRANSLATE_CALL, messages, Translations)
    except (InvalidOutputError, RefusalError) as exc:
        state.calls.warnings.append(
            f"The memo could not be put into {language_name(target)} ({exc}): its lines are "
            f"in {language_name(source)}, as they were checked."
        )
        return
    given = {t.id.strip().upper(): " ".join(t.text.split()) for t in answer.lines}
    draft.data, shown = await cpu_work(_applied, state, draft, lines, given)
    state.calls.warnings.append(
        f"The article is in {language_name(source)}: each line was checked in "
        f"{language_name(source)} and is shown in {language_name(target)} ({shown} of "
        f"{len(lines)} translations agree with their line; the others are shown as checked)."
    )
    logger.info("Translated %d of %d memo line(s)", shown, len(lines))


def _applied(
    state: RunState, draft: Draft, lines: list[Line], given: dict[str, str]
) -> tuple[BriefData, int]:
    data = draft.data
    source, target = state.article.language, state.cfg.memo_language
    updates: dict[str, Any] = {}
    shown = 0
    for line in lines:
        checked = _unmarked(line.text)
        translated = given.get(line.id, "")
        found = check_translation(
            checked, translated, source=source, target=target, article=state.article.text
        )
        if not translated:
            problem: str | None = "the model gave no translation"
        else:  # the prompt or the schema copied into the memo, else what the line says
            problem = draft.grounder.leaks.find(translated) or found.problem
        note = (
            f"names not written so in the article, not checked: {', '.join(found.unchecked_names)}"
            if found.unchecked_names and problem is None
            else None
        )
        draft.grounder.records.append(
            GroundingRecord(
                kind=TRANSLATION_KIND,
                text=translated or checked,
                status="dropped" if problem else "kept",
                reason=problem or note,
                sentence_ids=list(line.sentence_ids),
                checked_in=source,
                wording=checked,
            )
        )
        if problem is not None:
            continue
        shown += 1
        updates.setdefault("checked_wording", dict(data.checked_wording))[translated] = checked
        if line.field == "subject":
            updates["subject"] = translated
            continue
        items = updates.setdefault(line.field, section(line.field).items(data))
        if line.quote:
            items[line.index] = items[line.index].model_copy(update={"translation": translated})
        elif line.attr is None:
            items[line.index] = _marked_as(line.text, translated)
        else:
            value = _marked_as(line.text, translated)
            items[line.index] = items[line.index].model_copy(update={line.attr: value})
    return data.model_copy(update=updates), shown


def _unmarked(text: str) -> str:
    """A flagged line without its mark: the mark is briefgen's, not the line's."""
    return text.removeprefix(f"{UNVERIFIED_MARK} ")


def _marked_as(original: str, translated: str) -> str:
    return f"{UNVERIFIED_MARK} {translated}" if original != _unmarked(original) else translated
