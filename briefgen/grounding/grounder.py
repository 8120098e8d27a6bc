"""Grounding: keep only what the article supports, and say why anything was dropped.

- Quotes must occur in the article inside quotation marks, exactly or after folding
  quote marks, dashes, whitespace and case; the memo then shows the article's own
  characters, so a quote in the memo is verbatim by construction.
- Names (actors, speakers, parties) must occur in the article or be aliases of one that does.
- Every cited sentence id must exist; an item left with no valid citation is dropped.
- Paraphrased statements must pass the support check against their cited sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar

from briefgen.extract.schema import Extraction, StatementVerdict
from briefgen.grounding.attribution import prepare_attribution
from briefgen.grounding.details import DetailChecker
from briefgen.grounding.evidence import article_evidence
from briefgen.grounding.holders import holder_problem
from briefgen.grounding.leaks import LeakFinder
from briefgen.grounding.likelihood import ITEM_LINTS
from briefgen.grounding.names import name_occurs, sentence_words, unnamed_in
from briefgen.grounding.quotes import QuoteGrounder, quotation_record
from briefgen.grounding.recite import Reciter
from briefgen.grounding.repeats import remove_repeats
from briefgen.grounding.shapes import ShapeChecker
from briefgen.grounding.sourcing import SourceChecker
from briefgen.grounding.support import (
    SupportResult,
    check_cited,
    missing_values,
    unknown_names,
)
from briefgen.grounding.verify import Claim, apply_verdicts, claims_to_verify
from briefgen.ingest.article import Article, Sentence
from briefgen.memo.data import BriefData, GroundedQuote
from briefgen.memo.fields import MemoFields
from briefgen.memo.items import CitedItem, Quote, Side
from briefgen.memo.report import ANNEX_QUOTE, UNVERIFIED_MARK, GroundingRecord, LintFinding
from briefgen.memo.sections import Check, Section, sections
from briefgen.text.normalise import folded_article
from briefgen.text.words import content_words, stem

# Advice (recommendations, talking points) is in the analyst's words, but must be about
# the cited sentences: this many content words at least, and this share of them there.
MIN_JUDGEMENT_WORDS = 3
MIN_JUDGEMENT_OVERLAP = 0.3


Item = TypeVar("Item", bound=CitedItem)
GroundingMode = Literal["strict", "flag", "off"]


class Grounder:
    """Grounds one merged extraction against one article, recording every decision."""

    def __init__(
        self,
        article: Article,
        *,
        mode: GroundingMode = "strict",
        allow_paraphrase: bool = False,
        prompts: Sequence[str] = (),
    ):
        self.article = article
        self.mode = mode
        self.lint: list[LintFinding] = []
        self.records: list[GroundingRecord] = []
        self.quotes = QuoteGrounder(article, self._record, allow_paraphrase=allow_paraphrase)
        self.leaks = LeakFinder(article.text, prompts)
        self.details = DetailChecker(
            article, self.leaks, self._check, self._judgement_failure, self._record
        )
        self.shapes = ShapeChecker(article, self.leaks, self._record)
        self.sourcing = SourceChecker(
            article, self.leaks, self._check, self._foreign_details, self._record
        )
        # Support checks already made, by statement and cited sentences.
        self._checked: dict[tuple[str, tuple[str, ...], bool], SupportResult] = {}
        self._reciter = Reciter(article, self._check)

    # -- records -------------------------------------------------------------------

    def _record(
        self, kind: str, text: str, status: str, reason: str | None = None, **extra: object
    ) -> None:
        self.records.append(
            GroundingRecord.model_validate(
                {"kind": kind, "text": text, "status": status, "reason": reason, **extra}
            )
        )

    # -- citations -------------------------------------------------------------------

    def _cited(self, ids: list[str]) -> tuple[list[str], list[Sentence], list[str]]:
        valid: list[str] = []
        sentences: list[Sentence] = []
        invalid: list[str] = []
        for sid in ids:
            sentence = self.article.sentence(sid)
            if sentence is None:
                invalid.append(sid)
            elif sentence.id not in valid:
                valid.append(sentence.id)
                sentences.append(sentence)
        return valid, sentences, invalid

    def _ground_items(
        self,
        kind: str,
        items: Sequence[Item],
        *,
        field: str = "text",
        names_of: Callable[[Item], list[str]] = lambda _item: [],
        holders_of: Callable[[Item], list[str]] = lambda _item: [],
        check: Check = "full",
        lint: Callable[[Item], list[str]] | None = None,
        reported: bool = False,
    ) -> list[Item]:
        kept: list[Item] = []
        for item in items:
            text = str(getattr(item, field))
            rejected = self._rejection(text, names_of, item)
            if rejected is not None:
                self._record(kind, text, "dropped", rejected, sentence_ids=item.sentence_ids)
                continue
            valid, sentences, invalid = self._cited(item.sentence_ids)
            amendment = (
                f"removed citation(s) of missing sentence(s) {', '.join(invalid)}"
                if invalid
                else None
            )
            failure, score = self._failure(text, check, sentences, invalid, reported)
            if failure is not None and check == "full":
                recited = self._recited(text, item.sentence_ids, failure, reported)
                if recited is not None:
                    valid, score, amendment = recited
                    failure = None
            if not valid:  # nothing to stand on, whatever the grounding mode
                self._record(kind, text, "dropped", failure, sentence_ids=item.sentence_ids)
                continue
            if failure is None:
                failure, valid, amendment = self._holders(
                    names_of(item), holders_of(item), valid, amendment
                )
            failure = self._with_lint(kind, text, failure, lint(item) if lint is not None else [])
            grounded = self._by_mode(
                kind,
                item,
                field=field,
                text=text,
                valid=valid,
                failure=failure,
                amendment=amendment,
                score=score,
            )
            if grounded is not None:
                kept.append(grounded)
        return kept

    def _holders(
        self, names: list[str], holders: list[str], valid: list[str], amendment: str | None
    ) -> tuple[str | None, list[str], str | None]:
        """(failure, citations, amendment) once the item's names are checked where it
        cites: a holder must be who the sentences say holds it; a "he" there read as the
        holder adds the sentence that names them to the citations."""
        for holder in holders:
            problem, naming = holder_problem(holder, self.article, valid)
            if problem is not None:
                return problem, valid, amendment
            if naming:
                order = {s.id: n for n, s in enumerate(self.article.sentences)}
                valid = sorted({*valid, *naming}, key=lambda sid: order.get(sid, -1))
                note = f"cited {', '.join(naming)}, which names {holder}"
                amendment = f"{amendment}; {note}" if amendment else note
        return unnamed_in(names, self.article, valid), valid, amendment

    def _rejection(
        self, text: str, names_of: Callable[[Item], list[str]], item: Item
    ) -> str | None:
        """Why an item is dropped before any check of its citations: it is empty, it
        leaks a prompt, or it names someone the article does not."""
        if not text.strip():
            return "empty"
        leak = self.leaks.find(text)
        if leak is not None:
            return leak
        missing = [n for n in names_of(item) if n and not name_occurs(n, self.article)]
        if missing:
            return f"name(s) not in the article: {', '.join(missing)}"
        return None

    def _failure(
        self, text: str, check: Check, cited: list[Sentence], invalid: list[str], reported: bool
    ) -> tuple[str | None, float | None]:
        """Why the cited sentences do not carry ``text`` by the section's check (None:
        they do), with the support score when the check is the full one; ``invalid``:
        the cited ids that do not exist."""
        if not cited:
            if invalid:
                return f"cites sentence id(s) {', '.join(invalid)} that do not exist", None
            return "cites no sentence", None
        if check == "full":
            support = self._check(text, cited, reported=reported)
            return (None if support.supported else support.reason), round(support.score, 3)
        if check == "judgement":
            return self._judgement_failure(text, cited), None
        return None, None

    def _recited(
        self, text: str, cited: list[str], failure: str, reported: bool
    ) -> tuple[list[str], float, str] | None:
        """The citation, support score and amendment when one sentence of the article
        carries nearly all of a statement its citations fail."""
        # Small models often copy a sentence and cite the wrong one: cite the right one.
        source = self._reciter.best_source(text, reported=reported)
        if source is None:
            return None
        amendment = (
            f"citation corrected to {source.id} (cited {', '.join(cited) or 'nothing'}: {failure})"
        )
        score = self._check(text, [source], reported=reported).score
        return [source.id], round(score, 3), amendment

    def _with_lint(
        self, kind: str, text: str, failure: str | None, problems: list[str]
    ) -> str | None:
        """``failure`` with the item's estimative-language problems added (each one is
        also a lint finding of the memo)."""
        for problem in problems:
            self.lint.append(LintFinding(kind=kind, text=text, problem=problem))
        if not problems:
            return failure
        lint_reason = f"estimative language: {'; '.join(problems)}"
        return f"{failure}; {lint_reason}" if failure else lint_reason

    def _by_mode(
        self,
        kind: str,
        item: Item,
        *,
        field: str,
        text: str,
        valid: list[str],
        failure: str | None,
        amendment: str | None,
        score: float | None,
    ) -> Item | None:
        """The item citing ``valid`` as the grounding mode keeps it, recorded; None when
        a failure drops it (strict mode)."""
        update: dict[str, object] = {"sentence_ids": valid}
        if failure is None:
            status, reason = ("amended", amendment) if amendment else ("kept", None)
        elif self.mode == "strict":
            self._record(
                kind, text, "dropped", failure, sentence_ids=item.sentence_ids, score=score
            )
            return None
        elif self.mode == "flag":
            status, reason = "flagged", failure
            update[field] = f"{UNVERIFIED_MARK} {text}"
        else:
            status, reason = "kept", f"not supported, kept because grounding is off: {failure}"
        self._record(kind, text, status, reason, sentence_ids=valid, score=score)
        return item.model_copy(update=update)

    def _judgement_failure(self, text: str, cited: list[Sentence]) -> str | None:
        wanted = {stem(w) for w in content_words(text)}
        if len(wanted) < MIN_JUDGEMENT_WORDS:
            return "too short to say anything"
        found = {stem(w) for s in cited for w in content_words(s.text)}
        share = len(wanted & found) / len(wanted)
        if share < MIN_JUDGEMENT_OVERLAP:
            return (
                f"only {share:.0%} of its words are in the cited sentences: advice must be "
                "about what they say"
            )
        return self._foreign_details(text, cited)

    def _foreign_details(self, text: str, cited: list[Sentence]) -> str | None:
        """A name the article lacks, or a number or date the cited sentences lack."""
        unknown = unknown_names(text, self.article)
        if unknown:
            return f"name(s) not in the article: {', '.join(unknown)}"
        missing = missing_values(text, [s.text for s in cited])
        if missing:
            return f"number(s) or date(s) {', '.join(missing)} not in the cited sentences"
        return None

    def warm(self) -> Grounder:
        """Read the article for grounding now (folded text, word index, sentence words),
        while the model is still writing: answers then meet ready indexes."""
        folded_article(self.article.text)
        article_evidence(self.article)
        sentence_words(self.article)
        prepare_attribution(self.article)  # who speaks each quotation: asked for every quote
        return self

    def _check(self, text: str, cited: list[Sentence], *, reported: bool = False) -> SupportResult:
        """The support check, remembered: ``prepare`` runs it ahead for a chunk's items."""
        key = (text, tuple(s.id for s in cited), reported)
        found = self._checked.get(key)
        if found is None:
            found = self._checked[key] = check_cited(text, cited, self.article, reported=reported)
        return found

    def prepare(self, extraction: Extraction) -> None:
        """Run the costly checks of one chunk's items now, while other chunks are out.

        Grounding the merged extraction later gives the same decisions, in the same order,
        and finds these answers ready; only items merged across chunks (whose citations
        were joined) are checked again.
        """
        for spec in sections("extraction"):
            if spec.check != "full":
                continue
            for item in getattr(extraction, spec.answer_field, ()):
                text = spec.item_text(item)
                _, cited, _ = self._cited(item.sentence_ids)
                if not (text.strip() and cited):
                    continue
                if not self._check(text, cited, reported=spec.reported).supported:
                    self._reciter.best_source(text, reported=spec.reported)

    # -- quotes --------------------------------------------------------------------

    def ground_quotes(self, quotes: list[Quote]) -> list[GroundedQuote]:
        """The quotes found in the article, in its own characters (see ``quotes``)."""
        return self.quotes.ground(quotes)

    def quotation_record(self) -> list[GroundedQuote]:
        """Every quotation of the article with its speaker, for the memo's annex; its
        records are of their own kind, apart from the memo's own quotes."""

        def record(_kind: str, text: str, status: str, *args: Any, **extra: Any) -> None:
            # No one claimed a speaker for these, so a speaker read is not an amendment.
            self._record(
                ANNEX_QUOTE, text, "kept" if status == "amended" else status, *args, **extra
            )

        return quotation_record(self.article, record)

    # -- everything ---------------------------------------------------------------

    def ground_extraction(self, extraction: Extraction) -> BriefData:
        """Ground the extracted items; memo-level fields are left empty."""
        update = {
            spec.field: self.ground_section(spec, getattr(extraction, spec.answer_field))
            for spec in sections("extraction")
            if hasattr(extraction, spec.answer_field)
        }
        return BriefData(
            subject=self.article.title or "Developments reported in the source article",
            **update,
        )

    def ground_memo(self, data: BriefData, memo: MemoFields) -> BriefData:
        """Add the memo-level fields that pass grounding to ``data``.

        A section goes through when the style's memo fields carry it; the others stay
        as they were.
        """
        update: dict[str, object] = {}
        subject = self._ground_items("subject", [memo.subject])
        if subject:
            update["subject"] = subject[0].text
            update["subject_sentence_ids"] = subject[0].sentence_ids
        for spec in sections("memo"):
            if hasattr(memo, spec.answer_field):
                update[spec.field] = self.ground_section(spec, getattr(memo, spec.answer_field))
        return data.model_copy(update=update)

    def claims_to_verify(self, data: BriefData, shown: Callable[[Section], bool]) -> list[Claim]:
        """The statements the sections ``shown`` print in their own words, for the verifier
        (see ``verify``)."""
        return claims_to_verify(data, self.article, shown)

    def apply_verdicts(
        self, data: BriefData, claims: list[Claim], verdicts: list[StatementVerdict]
    ) -> BriefData:
        """The verifier's verdicts applied (see ``verify``), each in its record."""
        return apply_verdicts(data, claims, verdicts, mode=self.mode, record=self._settle)

    def _settle(
        self, kind: str, text: str, status: str | None, reason: str | None, verdict: str
    ) -> None:
        for index in range(len(self.records) - 1, -1, -1):
            old = self.records[index]
            if old.kind == kind and old.text == text and old.status != "dropped":
                update: dict[str, object] = {"verdict": verdict}
                if status is not None:
                    update["status"] = status
                if reason is not None:
                    update["reason"] = f"{old.reason}; {reason}" if old.reason else reason
                self.records[index] = old.model_copy(update=update)
                return
        self._record(kind, text, status or "kept", reason, verdict=verdict)

    def remove_repeats(self, data: BriefData, shown: Callable[[Section], bool]) -> BriefData:
        """Keep each statement once among the sections ``shown`` (see ``repeats``)."""
        return remove_repeats(data, shown, self._record)

    def ground_section(self, spec: Section, items: Sequence[Any]) -> list[Any]:
        """Ground one section's items by the rules its registry entry declares."""
        if spec.check == "quote":
            return self.ground_quotes(list(items))
        if spec.check == "gap":
            return self.shapes.gaps([str(g) for g in items])[: spec.keep_at_most]
        if spec.check == "sides":
            return self.sourcing.ground_disagreements(list(items), self._ground_sides)
        if spec.prefix is not None:
            items = self.shapes.with_prefix(spec, items)
        if spec.distinct:
            items = self.shapes.distinct(spec, items)
        if spec.keep_at_most is not None:
            items = items[: spec.keep_at_most]
        kept = self._ground_items(
            spec.kind,
            items,
            field=spec.text,
            names_of=lambda item: [str(getattr(item, n)) for n in spec.names],
            holders_of=lambda item: [str(getattr(item, n)) for n in spec.held_by],
            check=spec.check,
            lint=ITEM_LINTS[spec.lint],
            reported=spec.reported,
        )
        if spec.side_names:
            kept = [self.shapes.side_names(spec, item) for item in kept]
        if spec.values or spec.claims or spec.denials or spec.words or spec.judged:
            kept = [self._ground_details(spec, item) for item in kept]
        return kept

    def _ground_sides(self, sides: list[Side]) -> list[Side]:
        # Each side is a statement of its source: checked against its own sentences.
        return self._ground_items("contradiction_side", sides, field="claim")

    def confirm_sources(self, data: BriefData) -> BriefData:
        """Dossier: each merged item cites only the sources that carry it (see
        ``sourcing``)."""
        return self.sourcing.confirm_sources(data)

    def _ground_details(self, spec: Section, item: Item) -> Item:
        _, cited, _ = self._cited(item.sentence_ids)
        return self.details.ground(spec, item, cited)
