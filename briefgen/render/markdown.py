"""Render memo data into Markdown with sandboxed jinja2 templates.

Every value a template prints is escaped for Markdown unless the template itself marks it
trusted, so text from the article or the model cannot add links, images, HTML,
headings or table breaks to the memo.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from markupsafe import Markup

from briefgen.ingest.article import Article
from briefgen.memo.data import BriefData
from briefgen.memo.header import MemoHeader
from briefgen.memo.items import LIKELIHOOD_RANGES, Contradiction
from briefgen.memo.report import Report
from briefgen.memo.sections import Section, cited_groups, sections
from briefgen.memo.since import Change, NewItem, Withdrawn
from briefgen.memo.styles import SHIPPED_STYLES, WORDS_PER_PAGE, Style, get_style
from briefgen.render import since
from briefgen.render import sources as dossier
from briefgen.templating import render_file, sandboxed_environment

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

STYLES = tuple(SHIPPED_STYLES)


# ASCII punctuation that can start Markdown syntax anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|!~$])")
# Syntax that only matters at the start of a line (lists, quotes, rules, setext).
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|file|data|javascript)(:)")
_WWW = re.compile(r"(?i)\b(www)(\.)")
_ENTITY = re.compile(r"&(?=#?\w+;)")


class Trusted(Markup):
    """Markdown written by briefgen itself; printed as is."""

    __slots__ = ()


def escape_markdown(value: object) -> str:
    """One line of literal text, safe in Markdown prose and table cells."""
    return _LINE_START.sub(r"\1\\\2", escape_inline(value))


def escape_inline(value: object) -> str:
    """Literal text for the middle of a line: as ``escape_markdown``, without escaping
    what would only be syntax at the start of one ("9.5 million")."""
    text = " ".join(str(value).split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = _AUTOLINK.sub(r"\1\\\2", text)
    return _WWW.sub(r"\1\\\2", text)


def _finalize(value: object) -> Markup:
    # Autoescape is on only so that jinja marks macro output as Markup: what a macro
    # returns was escaped value by value inside it and must not be escaped again. Every
    # other value is escaped here, for Markdown, and marked done so no HTML escaping follows.
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(escape_markdown(value))


def _ids(value: list[str]) -> Trusted:
    return Trusted(", ".join(escape_markdown(v) for v in value))


@lru_cache(maxsize=16)
def _environment(user_dir: Path | None) -> jinja2.Environment:
    env = sandboxed_environment(
        user_dir, TEMPLATE_DIR, autoescape=True, finalize=_finalize, keep_trailing_newline=True
    )
    env.filters["ids"] = _ids
    env.filters["likelihood_range"] = likelihood_range
    env.filters["clause"] = clause
    env.filters["carried"] = _carried
    env.filters["contradiction"] = _contradiction
    env.filters["since_new"] = _since_new
    env.filters["since_change"] = _since_change
    env.filters["since_withdrawn"] = _since_withdrawn
    return env


@jinja2.pass_context
def _carried(context: jinja2.runtime.Context, item: Any) -> Trusted:
    """ " (2 of 3 sources)" after a key point of a dossier; nothing in a one-article memo.
    Read from the context's ``data`` so a memo cut to its length budget counts the same."""
    data = context.get("data")
    if not isinstance(data, BriefData):
        return Trusted("")
    text = dossier.carried(data, getattr(item, "sentence_ids", ()))
    return Trusted(f" ({escape_markdown(text)})") if text else Trusted("")


@jinja2.pass_context
def _contradiction(context: jinja2.runtime.Context, item: Contradiction) -> Trusted:
    data = context.get("data")
    return contradiction_line(item, data if isinstance(data, BriefData) else None)


def contradiction_line(item: Contradiction, data: BriefData | None) -> Trusted:
    """ "**Number killed.** A1 (Reuters, 2026-03-04): 12 were killed [A1:S2]. A2 ...":
    the one place a memo prints citations inline, so that each side shows its source."""
    topic = escape_markdown(dossier.topic_text(item))
    parts = [f"**{topic}.**"]
    update = dossier.update_text(item)
    if update:
        parts.append(escape_markdown(update))
    for index, side in enumerate(item.sides):
        lead = dossier.side_lead(data, side.sentence_ids) if data is not None else "A source"
        order = dossier.side_order(item, index)
        who = f"{order}, {lead}" if order else lead
        claim = dossier.claim_text(side)
        # Brackets written here cannot form a link: every value has its brackets escaped,
        # so no link definition can exist in the memo.
        cites = f" [{_ids(side.sentence_ids)}]" if side.sentence_ids else ""
        parts.append(f"{escape_markdown(who)}: {escape_markdown(claim)}{cites}.")
    return Trusted(" ".join(parts))


def _cites(ids: Sequence[str]) -> str:
    return f" [{_ids(list(ids))}]" if ids else ""


def _since_new(item: NewItem) -> Trusted:
    """ "Event: The talks resumed [S2]"; a quotation in its marks with its speaker."""
    lead = escape_markdown(since.new_lead(item))
    text = escape_inline(item.text)
    if item.kind == "quote":
        text = f"“{text}”" + (f" — {escape_inline(item.speaker)}" if item.speaker else "")
    return Trusted(f"{lead}: {text}{_cites(item.sentence_ids)}")


@jinja2.pass_context
def _since_change(context: jinja2.runtime.Context, item: Change) -> Trusted:
    """ "**Number displaced:** 8 million [memo of March 3, S3] -> 9 million [S5]. Update:
    ...": both sides cited inline, as a contradiction's are."""
    data = context.get("data")
    story = data.since if isinstance(data, BriefData) else None
    topic = escape_markdown(since.topic_text(item))
    before = escape_inline(since.before_text(item))
    cited = escape_inline(since.earlier_citation(story, item.before))
    after = escape_inline(since.after_text(item))
    note = escape_inline(since.change_note(item))
    return Trusted(f"**{topic}:** {before} [{cited}] -> {after}{_cites(item.sentence_ids)}. {note}")


@jinja2.pass_context
def _since_withdrawn(context: jinja2.runtime.Context, item: Withdrawn) -> Trusted:
    data = context.get("data")
    story = data.since if isinstance(data, BriefData) else None
    before = escape_markdown(item.before.claim.strip().rstrip("."))
    cited = escape_inline(since.earlier_citation(story, item.before))
    now = since.withdrawn_now(item)
    tail = f" Now: {escape_inline(now)}{_cites(item.sentence_ids)}." if now else ""
    return Trusted(f"{before} [{cited}].{tail}")


def render_markdown(style: str, context: dict[str, Any], template_dir: Path | None = None) -> str:
    """Render the template for ``style`` with ``context``, cut to the style's length
    budget (see ``render_memo``, which also rebuilds the annex after a cut)."""
    text, _ = _fitted(style, context, lambda data: {**context, "data": data}, template_dir)
    return text


def render_memo(
    style: Style,
    doc: Article,
    data: BriefData,
    report: Report,
    header: MemoHeader,
    *,
    template_dir: Path | None = None,
) -> tuple[str, BriefData]:
    """The memo's Markdown and the data it shows.

    A style with a length budget (``Style.page_words``) that the memo's body overruns
    loses items, the lowest ``Section.priority`` first and the last items of a section
    first, until it fits; each cut is added to ``report.warnings``, and the annex (and the
    data returned, which the other formats render) hold only what the memo still shows.
    """
    context = render_context(doc, data, report, header, style)
    return _fitted(
        style.name,
        context,
        lambda cut: render_context(doc, cut, report, header, style),
        template_dir,
    )


def _fitted(
    style: str,
    context: dict[str, Any],
    rebuild: Callable[[BriefData], dict[str, Any]],
    template_dir: Path | None,
) -> tuple[str, Any]:
    chosen = get_style(style, template_dir)
    text = _render(chosen.template, context, template_dir)
    budget = chosen.page_words
    data = context.get("data")
    if budget is None or not isinstance(data, BriefData) or body_words(text) <= budget:
        return text, data
    cuts: dict[str, int] = {}
    candidates = sorted(
        (s for s in sections() if chosen.shows(s) and s.field != "bluf"),
        key=lambda s: -s.priority,
    )
    for spec in candidates:
        items = spec.items(data)
        if not items:
            continue

        # The most items of this section that fit, found by halving: a long memo (a
        # dossier of many sources) is rendered a few times, not once per item.
        def with_first(
            n: int, spec: Section = spec, items: list[Any] = items, data: BriefData = data
        ) -> str:
            cut = data.model_copy(update={spec.field: items[:n]})
            return _render(chosen.template, rebuild(cut), template_dir)

        keep, text = _most_that_fit(with_first, len(items), budget)
        data = data.model_copy(update={spec.field: items[:keep]})
        if keep < len(items):
            cuts[spec.title] = len(items) - keep
        if body_words(text) <= budget:
            break
    report = context.get("report")
    if cuts and isinstance(report, Report):
        pages = budget / WORDS_PER_PAGE
        report.warnings.append(
            f"The {chosen.name} memo was over its length budget ({pages:g} page(s), "
            f"{budget} words at {WORDS_PER_PAGE} a page); cut to fit: "
            + ", ".join(f"{n} item(s) of {title}" for title, n in cuts.items())
            + "."
        )
    return text, data


def _most_that_fit(render: Callable[[int], str], count: int, budget: int) -> tuple[int, str]:
    """The largest n <= count whose rendering fits ``budget`` words (0 when none does),
    with that rendering; fewer items never make a memo longer."""
    low, high = 0, count - 1  # ``count`` itself is known not to fit
    best = render(0)
    if body_words(best) > budget:
        return 0, best
    while low < high:
        middle = (low + high + 1) // 2
        text = render(middle)
        if body_words(text) <= budget:
            low, best = middle, text
        else:
            high = middle - 1
    return low, best


def load_template(style: Style, template_dir: Path | None = None) -> None:
    """Compile ``style``'s memo template and every template it includes or imports now
    (jinja keeps them): a process's first memo does this while its first requests are
    out, not after its last answer. Once per style and directory: later calls return."""
    key = (template_dir, style.template)
    if key in _LOADED:
        return
    env = _environment(template_dir)
    assert env.loader is not None
    pending, seen = [style.template], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            env.get_template(name)
            source = env.loader.get_source(env, name)[0]
        except jinja2.TemplateError:
            # A broken user template is reported by the render, which names it; here
            # it would take the place of the first round's own outcome.
            return
        # A name computed at render time is None here: it is compiled when used.
        pending.extend(n for n in jinja2.meta.find_referenced_templates(env.parse(source)) if n)
    _LOADED.add(key)


_LOADED: set[tuple[Path | None, str]] = set()


def body_words(markdown: str) -> int:
    """Words of a memo before its source annex (what the length budget counts)."""
    body = re.split(r"\n#{1,6} (?:Source annex|Sources)\b", markdown, maxsplit=1)[0]
    return len(re.findall(r"\w+", body))


def _render(template: str, context: dict[str, Any], template_dir: Path | None) -> str:
    text = render_file(_environment(template_dir), template, "Template", **context)
    # Headings always get a blank line before them (jinja's trim_blocks eats newlines after
    # tags); values cannot start a line, so only template headings match.
    text = re.sub(r"\n(#{1,6} )", r"\n\n\1", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# An article from these sources is an official statement, not a press report.
_OFFICIAL_SOURCE = re.compile(
    r"(?i)\b(ministry|government|gov\.|\.gov\b|white house|state department|embassy|"
    r"foreign office|press release|official statement|spokes(?:person|man|woman))"
)


def sourcing(source: str | None, articles: int = 1) -> str:
    """What the memo rests on: a single press report, several independent reports, or an
    official statement."""
    if source and _OFFICIAL_SOURCE.search(source):
        return "an official statement"
    return "a single press report" if articles == 1 else "several independent reports"


_PLAIN_OPENERS = frozenset("the a an this these those that it its there both talks".split())


def clause(text: str) -> str:
    """A sentence made the tail of another ("... that the talks will fail"): its first
    letter lowered when its first word is a plain word, never a name."""
    first = text.split(" ", 1)[0]
    if first.lower() in _PLAIN_OPENERS and first[:1].isupper():
        return text[:1].lower() + text[1:]
    return text


def likelihood_range(term: str | None) -> str:
    """ "likely (55–80%)": an ICD 203 term with its probability range."""
    if not term:
        return ""
    span = LIKELIHOOD_RANGES.get(term)
    return f"{term} ({span})" if span else term


def render_context(
    doc: Article, data: BriefData, report: Report, header: MemoHeader, style: Style | None = None
) -> dict[str, Any]:
    """What every memo template receives.

    The source annex lists the items of the sections ``style`` prints, and only the
    sentences those items cite (without a style: every section).
    """
    shown = style.shows if style is not None else None
    # A contradiction's annex row lists every side's sentences.
    source_map = list(cited_groups(dossier.with_side_ids(data), shown))
    cited = {sid for _, ids in source_map for sid in ids}
    mark = header.portion_mark
    in_dossier = dossier.is_dossier(data)
    independent = data.independent_sources
    used = [s for s in data.sources if s.status == "used"]
    # One used source of a dossier is still "a single press report" (or a statement).
    source = used[0].outlet if in_dossier and len(used) == 1 else doc.source
    return {
        "data": data,
        "report": report,
        "pm": Trusted(escape_markdown(f"({mark})") + " ") if mark else Trusted(""),
        "office": header.office,
        "cleared": header.cleared,
        "decision_by": header.decision_by,
        "visit": header.visit,
        "sourcing": sourcing(source, independent if in_dossier else 1),
        "memo_kind": header.memo_kind,
        "classification": header.classification,
        "portion_mark": header.portion_mark,
        "memo_to": header.memo_to,
        "memo_from": header.memo_from,
        "memo_date": header.memo_date,
        "article_title": doc.title or "Untitled article",
        "article_source": doc.source,
        "article_published": doc.published,
        "source_map": source_map,
        "cited_sentences": [s for s in doc.sentences if s.id in cited],
        "uncovered": data.uncovered,
        "model": report.model,
        "backend": report.backend,
        "plan": report.plan,
        # Repeats are left out too, but not for want of support: they are not counted.
        "dropped_count": sum(
            1 for r in report.dropped if not (r.reason or "").startswith("repeats ")
        ),
        "the_article": "the sources" if in_dossier else "the article",
        # Dossier: empty or False for a memo of one article, which renders as before.
        "dossier": in_dossier,
        "several_sources": dossier.several_sources(data),
        "source_count": len(data.sources),
        "independent_count": independent,
        "source_entries": dossier.source_entries(data),
        "source_groups": dossier.source_groups(doc, data, cited) if in_dossier else [],
        # Since the last memo: empty for a memo made since nothing.
        "since_heading": since.heading(data.since) if data.since else "",
        "since_compared": since.compared_with(data.since) if data.since else "",
        "since_moved": since.moved_note(data.since) if data.since else "",
        "earlier_sentences": since.earlier_sentences(data) if data.since else [],
    }
