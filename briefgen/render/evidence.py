"""The HTML evidence view: the memo beside the article, every citation a link to its sentence.

One self-contained file (inline CSS, no scripts, no remote loads) that a reader opens in
any browser: following a citation scrolls the article to the sentence and highlights it
with CSS ``:target`` alone. Everything printed is HTML-escaped by jinja's autoescape.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefgen.ingest.article import Article
from briefgen.brief import Brief
from briefgen.config import BriefConfig
from briefgen.memo.data import BriefData, MemoHeader
from briefgen.templating import render_file

_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "evidence.html.j2"


# -- what the template receives -----------------------------------------------------------


@dataclass(frozen=True)
class Cite:
    """One citation; ``linked`` is False for an id the article does not have."""

    id: str
    linked: bool


@dataclass(frozen=True)
class Entry:
    """One memo item, split into the parts the template styles differently."""

    text: str
    cites: tuple[Cite, ...] = ()
    lead: str = ""  # shown bold before the text: a party, a likelihood, an accuser
    note: str = ""  # shown after the text: when and where, a denial
    quote: bool = False  # text is the article's own characters, shown in quote marks
    speaker: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]
    numbered: bool


@dataclass(frozen=True)
class Part:
    """A run of sentence text; ``quoted`` runs lie inside a memo quote's offsets."""

    text: str
    quoted: bool = False


@dataclass(frozen=True)
class Segment:
    """A sentence (``id`` set) or the text between two sentences of one line."""

    parts: tuple[Part, ...]
    id: str = ""
    cited: bool = False
    uncovered: bool = False
    cited_by: str = ""


@dataclass(frozen=True)
class Paragraph:
    segments: tuple[Segment, ...]
    headline: bool = False
    gap_before: bool = False  # a blank line preceded it in the article


@dataclass(frozen=True)
class Header:
    memo_kind: str
    classification: str
    portion_mark: str
    memo_to: str
    memo_from: str
    memo_date: str


# -- the section table --------------------------------------------------------------------


def _plain(item: Any) -> Entry:
    # Statements and future list fields carry .text; information gaps are bare strings.
    return Entry(text=str(getattr(item, "text", item)))


@dataclass(frozen=True)
class SectionSpec:
    """One memo section: the BriefData list it shows and how one item reads.

    A new list field of BriefData whose items have ``.text`` and ``.sentence_ids`` needs
    only a new row in SECTIONS; a field that does not exist (yet) is skipped.
    """

    title: str
    attr: str
    entry: Callable[[Any], Entry] = _plain
    numbered: bool = False


def _event(item: Any) -> Entry:
    where = ", ".join(str(x) for x in (item.when, item.where) if x)
    return Entry(text=item.what, note=f"({where})" if where else "")


def _position(item: Any) -> Entry:
    return Entry(text=item.stance, lead=f"{item.party}:")


def _quote(item: Any) -> Entry:
    return Entry(text=item.text, quote=True, speaker=item.speaker or "speaker not confirmed")


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
    return Entry(text=item.text, lead=f"{str(item.likelihood).capitalize()}:")


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("Summary", "bluf"),
    SectionSpec("Recommendations", "recommendations", numbered=True),
    SectionSpec("Background", "background"),
    SectionSpec("State of relations", "relations"),
    SectionSpec("What the counterpart wants", "counterpart_wants"),
    SectionSpec("Key developments", "developments", _event, numbered=True),
    SectionSpec("Issues on the agenda", "agenda", _agenda, numbered=True),
    SectionSpec("Allegations and denials", "allegations", _allegation, numbered=True),
    SectionSpec("Positions of the parties", "positions", _position),
    SectionSpec("Key quotes", "quotes", _quote, numbered=True),
    SectionSpec("Key facts", "key_facts", _fact),
    SectionSpec("Talking points", "talking_points"),
    SectionSpec("Outlook", "outlook", _outlook),
    SectionSpec("Information gaps", "information_gaps"),
    SectionSpec("Actors", "actors", _actor),
)

# Sections a style leads with, moved to the top of the memo in that order.
STYLE_LEADS: dict[str, tuple[str, ...]] = {"talking-points": ("talking_points",)}


# -- building the context -----------------------------------------------------------------


def render_evidence_html(brief: Brief, *, config: BriefConfig | None = None) -> str:
    """The memo and its article side by side as one self-contained HTML document.

    ``config`` supplies the header (classification, TO, FROM, DATE); without it they are
    read back from ``brief.markdown``, falling back to BriefConfig's defaults.
    """
    return render_file(_environment(), TEMPLATE_NAME, "Template", **evidence_context(brief, config))


def evidence_context(brief: Brief, config: BriefConfig | None = None) -> dict[str, Any]:
    """What evidence.html.j2 receives."""
    article = brief.article
    known = {s.id for s in article.sentences}
    sections = _sections(brief.data, known, STYLE_LEADS.get(brief.report.style, ()))
    cited_by: dict[str, list[str]] = {}
    subject_cites = _cites(brief.data.subject_sentence_ids, known)
    for cite in subject_cites:
        cited_by.setdefault(cite.id, []).append("Subject")
    for section in sections:
        for number, entry in enumerate(section.entries, start=1):
            for cite in entry.cites:
                cited_by.setdefault(cite.id, []).append(f"{section.title} {number}")
    report = brief.report
    summary = report.summary
    return {
        "header": _header(brief.markdown, brief.report.style, config, brief.header),
        "subject": brief.data.subject,
        "subject_cites": subject_cites,
        "article_title": article.title or "Untitled article",
        "article_source": article.source,
        "article_published": article.published,
        "sections": sections,
        "paragraphs": _paragraphs(article, brief.data, cited_by),
        "cited_count": len(known & cited_by.keys()),
        "sentence_count": len(article.sentences),
        "uncovered": brief.data.uncovered,
        "report": report,
        "summary": summary,
        "flagged": [r for r in report.grounding if r.status != "kept"],
        "known_ids": known,
        "cost": "unknown" if report.cost_usd is None else f"${report.cost_usd:.6f}",
    }


def _cites(ids: Iterable[str], known: set[str]) -> tuple[Cite, ...]:
    seen: dict[str, Cite] = {}
    for sid in ids:
        seen.setdefault(sid, Cite(id=sid, linked=sid in known))
    return tuple(seen.values())


def _sections(data: BriefData, known: set[str], leads: Sequence[str] = ()) -> list[Section]:
    sections = []
    order = sorted(SECTIONS, key=lambda s: leads.index(s.attr) if s.attr in leads else len(leads))
    for spec in order:
        items: Sequence[Any] = getattr(data, spec.attr, None) or ()
        entries = []
        for item in items:
            cites = _cites(getattr(item, "sentence_ids", ()), known)
            entries.append(dataclasses.replace(spec.entry(item), cites=cites))
        if entries:
            sections.append(Section(spec.title, tuple(entries), spec.numbered))
    return sections


def _paragraphs(
    article: Article, data: BriefData, cited_by: dict[str, list[str]]
) -> list[Paragraph]:
    """The article as paragraphs of sentences and the text between them.

    A line break in the text between sentences starts a new paragraph (every line break
    ends a sentence in briefgen, so a line is the natural paragraph); a blank line is kept
    as extra space.
    """
    text = article.text
    quotes = [(q.start, q.end) for q in data.quotes]
    paragraphs: list[Paragraph] = []
    current: list[Segment] = []
    gap_before = False

    def between(chunk: str) -> None:
        nonlocal current, gap_before
        pieces = chunk.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                if current:
                    paragraphs.append(
                        _paragraph(current, gap_before, article, first=not paragraphs)
                    )
                    gap_before = False
                current = []
                gap_before = gap_before or (number > 1 and not pieces[number - 1].strip())
            if piece:
                current.append(Segment(parts=(Part(piece),)))

    cursor = 0
    for sentence in article.sentences:
        between(text[cursor : sentence.start])
        cited = cited_by.get(sentence.id, [])
        current.append(
            Segment(
                parts=_parts(text, sentence.start, sentence.end, quotes),
                id=sentence.id,
                cited=bool(cited),
                uncovered=any(a <= sentence.start and sentence.end <= b for a, b in data.uncovered),
                cited_by=f"Cited by {', '.join(cited)}" if cited else "",
            )
        )
        cursor = sentence.end
    between(text[cursor:])
    if current:
        paragraphs.append(_paragraph(current, gap_before, article, first=not paragraphs))
    return paragraphs


def _paragraph(
    segments: list[Segment], gap_before: bool, article: Article, *, first: bool
) -> Paragraph:
    line = "".join(part.text for segment in segments for part in segment.parts)
    headline = first and article.title is not None and line.strip() == article.title.strip()
    return Paragraph(tuple(segments), headline=headline, gap_before=gap_before)


def _parts(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[Part, ...]:
    """The sentence cut into plain and quoted runs; quote ranges are clipped and merged."""
    ranges = sorted((max(a, start), min(b, end)) for a, b in quotes if a < end and b > start)
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        elif b > a:
            merged.append((a, b))
    parts: list[Part] = []
    cursor = start
    for a, b in merged:
        if a > cursor:
            parts.append(Part(text[cursor:a]))
        parts.append(Part(text[a:b], quoted=True))
        cursor = b
    if end > cursor:
        parts.append(Part(text[cursor:end]))
    return tuple(parts)


# -- the header -----------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_FIELD = re.compile(r"^\*\*(TO|FROM|DATE):\*\* (.*?)\\?$", re.MULTILINE)
_MD_BANNER = re.compile(r"\A\*\*(.+?)\*\*\s*$", re.MULTILINE)
_MD_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)
_MD_PORTION = re.compile(r"^(?:\d+\. )?\(([^()\n]{1,20})\) ", re.MULTILINE)


def _unescape_markdown(value: str) -> str:
    return _MD_ESCAPE.sub(r"\1", value).replace("&amp;", "&").strip()


def _header(
    markdown: str,
    style: str,
    config: BriefConfig | None,
    brief_header: MemoHeader | None = None,
) -> Header:
    # The Brief's own header wins; a Brief made without one (older JSON) has its values
    # read back from its Markdown (the shipped template's shape).
    defaults = config or BriefConfig()
    fields = {name: _unescape_markdown(value) for name, value in _MD_FIELD.findall(markdown)}
    banner = _MD_BANNER.search(markdown)
    portion = _MD_PORTION.search(markdown)
    today = dt.date.today()
    title = _MD_TITLE.search(markdown)
    kind = _unescape_markdown(title.group(1)) if title else style.replace("-", " ").upper()
    if config is None and brief_header is not None:
        return Header(memo_kind=kind, **brief_header.model_dump())
    if config is not None:
        return Header(
            memo_kind=kind,
            classification=config.classification,
            portion_mark=config.portion_mark,
            memo_to=config.memo_to,
            memo_from=config.memo_from,
            memo_date=config.memo_date or fields.get("DATE") or f"{today.day} {today:%B %Y}",
        )
    return Header(
        memo_kind=kind,
        classification=_unescape_markdown(banner.group(1)) if banner else defaults.classification,
        portion_mark=_unescape_markdown(portion.group(1)) if portion else defaults.portion_mark,
        memo_to=fields.get("TO") or defaults.memo_to,
        memo_from=fields.get("FROM") or defaults.memo_from,
        memo_date=fields.get("DATE") or f"{today.day} {today:%B %Y}",
    )


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
