"""``briefgen ARTICLE...``: one memo per article, or with ``--combine`` one memo of all
(a dossier); ``--estimate`` prints what they would cost and calls nothing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.cli.options import config_from
from briefgen.cli.terminal import (
    EXIT_FAILED,
    EXIT_OK,
    ProgressBar,
    exit_code,
    load,
    report_error,
    say,
    spec_label,
)
from briefgen.errors import BriefgenError, InputError, StoryStoreError, UsageError

if TYPE_CHECKING:
    from briefgen.brief import Brief
    from briefgen.config import BriefConfig
    from briefgen.ingest.article import Article
    from briefgen.ingest.dossier import Entry
    from briefgen.progress import ProgressCallback
    from briefgen.render.formats import Format


def run_memos(args: argparse.Namespace) -> int:
    """The memo command: check the options and every destination before anything is read
    or paid for (but e-mails, opened first to know their sources), then one memo per
    article (or one of all, with ``--combine``)."""
    from briefgen.memo.styles import get_style

    if args.on_article_failure is not None and not args.combine:
        # Without --combine every article has its memo and its own exit code already.
        raise UsageError("--on-article-failure applies to --combine (one memo of all).")
    if args.articles.count("-") > 1:
        raise UsageError("Standard input (-) can be read once: name it once.")
    if (args.since_withdrawn or args.since_model) and not (args.since or args.story):
        raise UsageError("--since-withdrawn and --since-model apply with --since or --story.")
    config = config_from(args)
    preloaded = _mail_sources(args, config)
    # One article makes the same memo combined or not, so it takes the usual way.
    combine = args.combine and len(args.articles) > 1
    get_style(args.style, config.template_dir)  # fail before reading or calling anything
    fmt, targets = _destinations(args, combine)
    if combine:
        return _run_dossier(args, config, fmt, targets[0] if targets else None, preloaded)
    if (args.since or args.story) and not args.estimate:
        from briefgen.cli.story import story_memos

        return story_memos(args, config, fmt, targets, lambda spec: _load(spec, config, preloaded))
    return _run_each(args, config, fmt, targets, preloaded)


def _mail_sources(
    args: argparse.Namespace, config: BriefConfig
) -> dict[str, Article | BriefgenError]:
    """Each e-mail named (a ``.eml`` file) read now and replaced in ``args.articles`` by
    its sources: its body under the file's name, each attachment as ``FILE#NAME``, so an
    e-mail makes a memo of each (or, with --combine, is part of one of all)."""
    from briefgen.ingest.mail import MAX_EMAIL_BYTES, read_mail
    from briefgen.run.inputs import pdf_password_of

    preloaded: dict[str, Article | BriefgenError] = {}
    specs: list[str] = []
    for spec in args.articles:
        path = Path(spec)
        if path.suffix.lower() != ".eml" or not path.is_file():
            specs.append(spec)
            continue
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_EMAIL_BYTES + 1)  # over the cap: read_mail refuses it
            mail = read_mail(
                data, max_chars=config.max_input_chars, pdf_password=pdf_password_of(config)
            )
        except (BriefgenError, OSError):
            specs.append(spec)  # read again where articles are read, and reported there
            continue
        for n, part in enumerate(mail.parts):
            label = spec if n == 0 else f"{spec}#{part.name}"
            again = 1
            while label in preloaded:  # two attachments of one name
                again += 1
                label = f"{spec}#{again}-{part.name}"
            preloaded[label] = part.article or InputError(f"{part.name}: {part.problem}")
            specs.append(label)
        for name in mail.skipped:
            say(f"briefgen: {spec}: attachment {name} is not a kind briefgen reads; left out.")
    args.articles = specs
    return preloaded


def _load(spec: str, config: BriefConfig, preloaded: dict[str, Article | BriefgenError]) -> Article:
    """The article of ``spec``: an e-mail's source read already, or read now."""
    from briefgen.run.inputs import read_source

    found = preloaded.get(spec)
    if isinstance(found, BriefgenError):
        raise found
    return found if found is not None else read_source(spec, config)


def _destinations(args: argparse.Namespace, combine: bool) -> tuple[Format, list[Path | None]]:
    """The output format, and where each memo goes (none for an estimate): never over an
    input, never into a place that cannot be written."""
    from briefgen.render.destinations import check_targets, plan_targets
    from briefgen.render.formats import FORMAT_SUFFIXES, format_of, require_format

    fmt: Format = args.format or (format_of(args.output) if args.output else "md")
    if args.output and args.format and format_of(args.output) != args.format:
        raise UsageError(f"-o {args.output} does not end in {FORMAT_SUFFIXES[args.format]}.")
    if args.estimate:
        return fmt, []
    require_format(fmt)  # a missing extra is said before any call, not after
    plan = plan_targets(
        args.articles,
        output=args.output,
        output_dir=args.output_dir,
        suffix=FORMAT_SUFFIXES[fmt],
        binary=fmt == "docx",
        combine=combine,
    )
    check_targets(plan.targets)
    for note in plan.notes:
        say(f"briefgen: {note}")
    return fmt, plan.targets


def _run_each(
    args: argparse.Namespace,
    config: BriefConfig,
    fmt: Format,
    targets: list[Path | None],
    preloaded: dict[str, Article | BriefgenError],
) -> int:
    """One memo per article; one unreadable article does not stop the others."""
    from briefgen.ingest.article import Article

    loaded: list[Article | BriefgenError] = []
    for spec in args.articles:
        try:
            loaded.append(_load(spec, config, preloaded))
        except BriefgenError as exc:
            loaded.append(exc)
    articles = [a for a in loaded if isinstance(a, Article)]
    if args.estimate:
        return _print_estimates(args, loaded, config)
    bar = (
        ProgressBar(sys.stderr, len(articles))
        if articles and not args.quiet and sys.stderr.isatty()
        else None
    )
    load("briefgen.api")  # the openai SDK: loaded only when needed
    from briefgen.api import generate_briefs

    try:
        made = generate_briefs(articles, style=args.style, config=config, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    results = iter(made)
    outcomes = [item if isinstance(item, BriefgenError) else next(results) for item in loaded]
    return _write_each(args, fmt, targets, loaded, outcomes)


def _write_each(
    args: argparse.Namespace,
    fmt: Format,
    targets: list[Path | None],
    loaded: Sequence[Article | BriefgenError],
    outcomes: Sequence[Brief | BriefgenError],
) -> int:
    """Each memo written, or its error reported; the exit code of the first failure."""
    from briefgen.cli.outputs import write_memo

    first_failure = EXIT_OK
    for spec, item, outcome, target in zip(args.articles, loaded, outcomes, targets, strict=True):
        try:
            if isinstance(outcome, BriefgenError):
                raise outcome
            write_memo(outcome, fmt, target, quiet=args.quiet)
        except BriefgenError as exc:
            report_error(spec, exc, named=exc is item)
            if first_failure == EXIT_OK:
                first_failure = exit_code(exc)
        except OSError as exc:
            say(f"briefgen: error: cannot write {target}: {exc}")
            if first_failure == EXIT_OK:
                first_failure = EXIT_FAILED
    return first_failure


def _run_dossier(
    args: argparse.Namespace,
    config: BriefConfig,
    fmt: Format,
    target: Path | None,
    preloaded: dict[str, Article | BriefgenError],
) -> int:
    """``--combine``: one memo of all the articles, or its estimate."""
    from briefgen.cli.outputs import write_memo

    entries = _read_dossier(args.articles, config, preloaded)
    if isinstance(entries, int):
        return entries
    if args.estimate:
        return _print_dossier_estimate(args, entries, config)

    bar = ProgressBar(sys.stderr, 1) if not args.quiet and sys.stderr.isatty() else None
    load("briefgen.api")  # the openai SDK: loaded only when needed
    from briefgen.api import generate_dossier

    try:
        brief = generate_dossier(
            entries,
            style=args.style,
            config=config,
            progress=_as_one_memo(bar) if bar is not None else None,
            since=args.since or None,
            story=args.story,
        )
    except StoryStoreError as exc:
        from briefgen.cli.story import kept_anyway

        return kept_anyway(exc, fmt, target, quiet=args.quiet)
    finally:
        if bar is not None:
            bar.close()
    try:
        write_memo(brief, fmt, target, quiet=args.quiet)
    except OSError as exc:
        say(f"briefgen: error: cannot write {target}: {exc}")
        return EXIT_FAILED
    return EXIT_OK


def _as_one_memo(bar: ProgressBar) -> ProgressCallback:
    """The dossier's progress (events per article, each "done" when it is read) drawn as
    the one memo being made, as for a single article: its chunks are all the articles'
    chunks, and it is done when the command ends, not when the first article is."""
    from briefgen.progress import Progress

    chunks: dict[int, tuple[int, int]] = {}

    def tell(event: Progress) -> None:
        if event.chunks:
            # An article that failed is finished with: its chunks count as done.
            done = event.chunks if event.stage == "failed" else event.chunks_done
            chunks[event.article] = (done, event.chunks)
        bar(
            Progress(
                stage="chunk_done",
                chunks_done=sum(done for done, _ in chunks.values()),
                chunks=sum(count for _, count in chunks.values()),
            )
        )

    return tell


def _read_dossier(
    specs: Sequence[str], config: BriefConfig, preloaded: dict[str, Article | BriefgenError]
) -> list[Entry] | int:
    """The dossier's articles in the order given, an unreadable one as an ``Entry`` that
    says why (so the memo lists it as not covered); or the exit code when that must stop
    the command: ``on_article_failure="raise"``, or nothing readable at all."""
    from briefgen.ingest.dossier import Entry

    entries: list[Entry] = []
    failures: list[BriefgenError] = []
    for spec in specs:
        try:
            article = _load(spec, config, preloaded)
        except BriefgenError as exc:
            if config.on_article_failure == "raise":
                # Stop at once: the rest (standard input, URLs) need not be read for nothing.
                report_error(spec, exc, named=True)
                return exit_code(exc)
            report_error(spec, exc, named=True, left_out=True)
            failures.append(exc)
            entries.append(Entry(None, spec_label(spec), str(exc)))
        else:
            entries.append(Entry(article, spec_label(spec)))
    if len(failures) == len(entries):
        say("briefgen: error: no article could be read; nothing was written.")
        return exit_code(failures[0])
    return entries


def _print_dossier_estimate(
    args: argparse.Namespace, entries: list[Entry], config: BriefConfig
) -> int:
    load("briefgen.run.estimate")
    from briefgen.run.estimate import estimate_dossier

    articles = [entry.article for entry in entries if entry.article is not None]
    forecast = estimate_dossier(articles, style=args.style, config=config)
    read = ", ".join(
        f"A{number} {entry.location}"
        for number, entry in enumerate(entries, start=1)
        if entry.article is not None
    )
    print(f"one memo of {len(articles)} article(s): {read}\n{forecast.describe()}")
    return EXIT_OK


def _print_estimates(
    args: argparse.Namespace, loaded: list[Article | BriefgenError], config: BriefConfig
) -> int:
    load("briefgen.run.estimate")
    from briefgen.run.estimate import estimate

    code = EXIT_OK
    total_cost: float | None = 0.0
    for spec, item in zip(args.articles, loaded, strict=True):
        if isinstance(item, BriefgenError):
            report_error(spec, item, named=True)
            code = code or exit_code(item)
            continue
        forecast = estimate(item, style=args.style, config=config)
        print(f"{spec}\n{forecast.describe()}\n")
        if total_cost is not None and forecast.cost_usd is not None:
            total_cost += forecast.cost_usd
        else:
            total_cost = None
    if len(args.articles) > 1 and total_cost is not None:
        print(f"total expected cost: about ${total_cost:.4f}")
    return code
