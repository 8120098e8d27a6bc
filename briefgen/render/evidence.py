"""The HTML evidence view: the memo beside the article, every citation a link to its sentence.

One self-contained file (inline CSS, no scripts, no remote loads) that a reader opens in
any browser: following a citation scrolls the article to the sentence and highlights it
with CSS ``:target`` alone. Everything printed is HTML-escaped by jinja's autoescape.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefgen.config import BriefConfig
from briefgen.errors import ConfigError
from briefgen.memo.data import BriefData
from briefgen.memo.document import MemoDocument
from briefgen.memo.header import MemoHeader
from briefgen.memo.items import Contradiction
from briefgen.memo.sections import sections
from briefgen.memo.styles import SHIPPED_STYLES, get_style
from briefgen.render import sources as dossier
from briefgen.render._article_pane import article_paragraphs, source_views
from briefgen.templating import render_file
from briefgen.text.language import direction, identify_language

_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "evidence.html.j2"


# -- what the template receives (the article pane's own types are in _article_pane) --------


@dataclass(frozen=True)
class Cite:
    """One citation; ``linked`` is False for an id the article does not have."""

    id: str
    linked: bool


@dataclass(frozen=True)
class SideEntry:
    """One side of a contradiction: its sources, its claim and its own citations."""

    text: str
    ids: tuple[str, ...] = ()
    lead: str = ""  # its sources ("A1 (Reuters, 2026-03-04)"), filled from data.sources
    cites: tuple[Cite, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One memo item, split into the parts the template styles differently."""

    text: str
    cites: tuple[Cite, ...] = ()
    lead: str = ""  # shown bold before the text: a party, a likelihood, an accuser
    note: str = ""  # shown after the text: when and where, a denial
    quote: bool = False  # text is the article's own characters, shown in quote marks
    speaker: str = ""
    carried: str = ""  # dossier: how many sources carry it ("2 of 3 sources")
    sides: tuple[SideEntry, ...] = ()  # a contradiction's sides, each citing its source


@dataclass(frozen=True)
class Section:
    """One memo section as the memo pane shows it."""

    title: str
    entries: tuple[Entry, ...]
    numbered: bool


# -- the section table --------------------------------------------------------------------


def _event(item: Any) -> Entry:
    where = ", ".join(str(x) for x in (item.when, item.where) if x)
    return Entry(text=item.what, note=f"({where})" if where else "")


def _position(item: Any) -> Entry:
    return Entry(text=item.stance, lead=f"{item.party}:")


def _quote(item: Any) -> Entry:
    translation = getattr(item, "translation", None)
    return Entry(
        text=item.text,
        quote=True,
        speaker=item.speaker or "speaker not confirmed",
        # memo_language: the translation that agreed with the quotation, marked as such.
        note=f"[translation: “{translation}”]" if translation else "",
    )


def _allegation(item: Any) -> Entry:
    against = f" (against {item.against})" if item.against else ""
    denial = f"Denial: {item.denial}" if item.denial else ""
    return Entry(text=item.claim, lead=f"{item.alleged_by}{against}:", note=denial)


def _fact(item: Any) -> Entry:
    return Entry(text=item.fact)


def _agenda(item: Any) -> Entry:
    return Entry(text=item.item)


def _actor(item: Any) -> Entry:
    kind = str(item.kind).replace("_", " ")
    described = ", ".join(str(x) for x in (item.title, item.affiliation) if x)
    return Entry(
        text=described or kind, lead=f"{item.name}:", note=f"({kind})" if described else ""
    )


def _outlook(item: Any) -> Entry:
    lead = str(item.likelihood).capitalize() if item.likelihood else "The article reports"
    return Entry(text=item.text, lead=f"{lead}:")


def _contradiction(item: Any) -> Entry:
    # The citations stand with each side (whose sources the view fills in), not the topic.
    sides = tuple(
        SideEntry(text=dossier.claim_text(side) + ".", ids=tuple(side.sentence_ids))
        for side in item.sides
    )
    topic = dossier.topic_text(item)
    return Entry(text="", lead=f"{topic}.", note=dossier.update_text(item), sides=sides)


# How one item of a section reads, by BriefData field; any other field shows its text.
ENTRY_FORMATS: dict[str, Callable[[Any], Entry]] = {
    "developments": _event,
    "agenda": _agenda,
    "allegations": _allegation,
    "positions": _position,
    "quotes": _quote,
    "key_facts": _fact,
    "outlook": _outlook,
    "actors": _actor,
    "contradictions": _contradiction,
}


# -- building the context -----------------------------------------------------------------


def render_evidence_html(brief: MemoDocument, *, config: BriefConfig | None = None) -> str:
    """The memo and its article side by side as one self-contained HTML document.

    The header is the one the memo was rendered with; ``config`` replaces it
    (classification, TO, FROM, DATE) for this page only.
    """
    return render_file(_environment(), TEMPLATE_NAME, "Template", **evidence_context(brief, config))


def evidence_context(brief: MemoDocument, config: BriefConfig | None = None) -> dict[str, Any]:
    """What evidence.html.j2 receives."""
    article = brief.article
    known = {s.id for s in article.sentences}
    header = brief.header
    if config is not None:
        style = SHIPPED_STYLES.get(brief.report.style)
        header = MemoHeader.from_config(
            config,
            header.memo_kind,
            date_format=style.date_format if style is not None else "us",
            banner=style.banner if style is not None else None,
        )
        if config.memo_date is None:  # the date the memo carries, not today's
            header = header.model_copy(update={"memo_date": brief.header.memo_date})
    sections = _sections(brief.data, known, _leads(brief.report.style, config))
    cited_by: dict[str, list[str]] = {}
    subject_cites = _cites(brief.data.subject_sentence_ids, known)
    for cite in subject_cites:
        cited_by.setdefault(cite.id, []).append("Subject")
    for section in sections:
        for number, entry in enumerate(section.entries, start=1):
            side_cites = [c for side in entry.sides for c in side.cites]
            for cite in dict.fromkeys([*entry.cites, *side_cites]):
                cited_by.setdefault(cite.id, []).append(f"{section.title} {number}")
    report = brief.report
    summary = report.summary
    data = brief.data
    in_dossier = dossier.is_dossier(data)
    return {
        "header": header,
        "subject": brief.data.subject,
        "subject_cites": subject_cites,
        "article_title": article.title or "Untitled article",
        "article_source": article.source,
        "article_published": article.published,
        # The annex of quotations cites no sentence of the memo's own (as in the Markdown).
        "sections": sections + _annex_quotes(brief.data, known),
        "paragraphs": [] if in_dossier else article_paragraphs(article, data, cited_by),
        # Dossier: each source under its own heading; empty for a memo of one article.
        "dossier": in_dossier,
        "source_views": source_views(article, data, cited_by) if in_dossier else [],
        "source_count": len(data.sources),
        "independent_count": data.independent_sources,
        "cited_count": len(known & cited_by.keys()),
        "sentence_count": len(article.sentences),
        "uncovered": brief.data.uncovered,
        "report": report,
        "summary": summary,
        "flagged": [r for r in report.grounding if r.status != "kept"],
        "known_ids": known,
        "cost": "unknown" if report.cost_usd is None else f"${report.cost_usd:.6f}",
        # lang attributes: the memo's for the page, the article's for its text; each
        # left out when the guess is unsure (an unknown language beats a wrong one).
        "memo_lang": (memo_lang := identify_language(_memo_text(brief.data.subject, sections))),
        "memo_dir": direction(memo_lang),
        "article_lang": (article_lang := identify_language(article.text)),
        "article_dir": direction(article_lang),
    }


def _memo_text(subject: str, sections: Iterable[Section]) -> str:
    entries = [e for section in sections for e in section.entries]
    return "\n".join([subject, *(f"{e.lead} {e.text} {e.note}" for e in entries)])


def _cites(ids: Iterable[str], known: set[str]) -> tuple[Cite, ...]:
    seen: dict[str, Cite] = {}
    for sid in ids:
        seen.setdefault(sid, Cite(id=sid, linked=sid in known))
    return tuple(seen.values())


def _leads(style: str, config: BriefConfig | None) -> tuple[str, ...]:
    try:
        return get_style(style, config.template_dir if config else None).leads
    except ConfigError:  # a custom style whose template is not at hand: no leads
        return ()


def _sections(data: BriefData, known: set[str], leads: Sequence[str] = ()) -> list[Section]:
    shown = []
    specs = list(sections())
    order = sorted(specs, key=lambda s: leads.index(s.field) if s.field in leads else len(leads))
    for spec in order:
        entry_of = ENTRY_FORMATS.get(spec.field, lambda item, spec=spec: _plain(spec, item))
        entries = []
        for item in spec.items(data):
            ids = getattr(item, "sentence_ids", ())
            entry = entry_of(item)
            sides = tuple(
                dataclasses.replace(
                    side,
                    lead=_side_lead(item, index, data, side.ids),
                    cites=_cites(side.ids, known),
                )
                for index, side in enumerate(entry.sides)
            )
            counted = dossier.carried(data, ids) if spec.field in dossier.COUNTED_SECTIONS else ""
            entries.append(
                dataclasses.replace(
                    entry,
                    cites=() if sides else _cites(ids, known),
                    sides=sides,
                    carried=counted,
                )
            )
        if entries:
            shown.append(Section(spec.title, tuple(entries), spec.numbered))
    return shown


def _annex_quotes(data: BriefData, known: set[str]) -> list[Section]:
    """The annex of every quotation, when it adds to the key quotes (none, or one)."""
    if len(data.annex_quotes) <= len(data.quotes):
        return []
    entries = tuple(
        dataclasses.replace(
            _quote(q),
            speaker=q.speaker or "speaker not stated",
            cites=_cites(q.sentence_ids, known),
        )
        for q in data.annex_quotes
    )
    return [Section("Annex: quotations in the article", entries, numbered=True)]


def _side_lead(item: Any, index: int, data: BriefData, ids: Sequence[str]) -> str:
    # An update's sides are in publication order: say which came first.
    order = dossier.side_order(item, index) if isinstance(item, Contradiction) else ""
    lead = dossier.side_lead(data, ids)
    return f"{order}, {lead}" if order else lead


def _plain(spec: Any, item: Any) -> Entry:
    # Statements carry .text; information gaps are bare strings.
    return Entry(text=spec.item_text(item))


# -- the environment ------------------------------------------------------------------------


def _finalize(value: object) -> object:
    return "" if value is None else value


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    # templating.sandboxed_environment fixes autoescape off (its templates write Markdown);
    # HTML needs it on, so this environment is built here with the same strictness.
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATE_DIR)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
