"""Writing a memo where the command line was told to, and saying on standard error what
it took and what grounding kept, amended and dropped."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.cli.terminal import say
from briefgen.errors import UsageError
from briefgen.render.files import write_atomic

if TYPE_CHECKING:
    from briefgen.brief import Brief
    from briefgen.render.formats import Format


def write_memo(brief: Brief, fmt: Format, target: Path | None, *, quiet: bool) -> None:
    """Write the memo to ``target`` (None: standard output) and, unless ``quiet``, say on
    standard error what it took and what grounding kept, amended and dropped."""
    content = brief.render(fmt)
    if target is None:
        if isinstance(content, bytes):  # pragma: no cover - refused by plan_targets
            raise UsageError("Binary output needs a file.")
        sys.stdout.write(content)
        sys.stdout.flush()
    else:
        write_atomic(target, content)
    if not quiet:
        tell_written(brief, target)


def tell_written(brief: Brief, target: Path | None) -> None:
    """One line on standard error: where the memo went, what it took, what grounding did."""
    usage = brief.report.usage
    summary = brief.report.summary
    cached = f", {usage.cache_hits} from cache" if usage.cache_hits else ""
    say(
        f"briefgen: {target or 'standard output'}: {brief.report.style} from "
        f"{brief.report.model}, {usage.calls} call(s){cached}, {usage.prompt_tokens}+"
        f"{usage.completion_tokens} tokens, {brief.report.elapsed_s:.1f}s; items "
        f"{summary.kept} kept, {summary.amended} amended, {summary.dropped} dropped"
    )
