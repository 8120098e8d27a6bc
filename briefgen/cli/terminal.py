"""What the commands share: exit codes, one-line errors, logging on stderr, and loading
heavy modules with Ctrl-C and SIGTERM held."""

from __future__ import annotations

import logging
import re
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from briefgen.errors import (
    BriefgenError,
    BudgetExceeded,
    ConfigError,
    InputError,
    InvalidOutputError,
    LLMError,
    RefusalError,
    UsageError,
)

if TYPE_CHECKING:
    from briefgen.progress import Progress

# Exit codes scripts can rely on. With several articles, the code is that of the first
# article that failed; the others still get their memos. With --combine, an article left
# out (on_article_failure="skip") is no failure: the memo says it is not covered.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_CONFIG = 4
EXIT_LLM = 5
EXIT_OUTPUT = 6
EXIT_BUDGET = 7

EXIT_BY_ERROR: tuple[tuple[type[BriefgenError], int], ...] = (
    (UsageError, EXIT_USAGE),
    (InputError, EXIT_INPUT),
    (ConfigError, EXIT_CONFIG),
    (LLMError, EXIT_LLM),
    (InvalidOutputError, EXIT_OUTPUT),
    (RefusalError, EXIT_OUTPUT),
    (BudgetExceeded, EXIT_BUDGET),
)
EXIT_CODES_HELP = (
    "Exit codes: 0 ok, 2 usage, 3 bad input, 4 configuration, 5 LLM endpoint, "
    "6 model output unusable (invalid or refused), 7 budget exceeded, 1 other."
)

_SIGNALS = (signal.SIGINT, signal.SIGTERM)

# Characters that would let a name in a message draw on the terminal: C0 and C1 controls
# (a newline in a file name prints a line of its own) and the bidi overrides and
# isolates, which reorder what follows them (U+202E shows "txt.exe" as "exe.txt").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print on one terminal line: each control or bidi-override
    character shown as its escape (``\\n``, ``\\u202e``) instead of acting."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def say(message: str) -> None:
    """One line on standard error, made printable, in one write: print() writes the text
    and its newline apart, and a log line from another thread can land between them."""
    sys.stderr.write(printable(message) + "\n")
    sys.stderr.flush()


class Terminated(KeyboardInterrupt):
    """SIGTERM, unwound like Ctrl-C (temporary files removed on the way out)."""


def on_sigterm(signum: int, frame: FrameType | None) -> None:
    """The SIGTERM handler: unwind like Ctrl-C, between two event-loop callbacks."""
    asyncio = sys.modules.get("asyncio")  # not imported yet: no memo is being made
    try:
        loop = asyncio.get_running_loop() if asyncio is not None else None
    except RuntimeError:
        loop = None
    if loop is None:
        raise Terminated
    # A memo is being made: raise between two of the event loop's callbacks, never in the
    # middle of one, where the exception could surface inside a compiled extension that
    # calls back into Python (pydantic-core building a schema) as one of its own errors.
    # The thread-safe call also wakes a loop asleep in select.
    loop.call_soon_threadsafe(_raise_terminated)


def _raise_terminated() -> None:
    raise Terminated


def load(*modules: str) -> None:
    """Import ``modules`` with Ctrl-C and SIGTERM held until they are in: a signal inside
    a compiled extension's import (pydantic_core, jiter) is a panic, not KeyboardInterrupt.
    """
    import importlib

    held: list[int] = []
    try:
        previous = {n: signal.signal(n, lambda n, _: held.append(n)) for n in _SIGNALS}
    except ValueError:  # not the main thread: signals are not ours to hold
        previous = {}
    try:
        for name in modules:
            importlib.import_module(name)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if held:
        raise Terminated if held[0] == signal.SIGTERM else KeyboardInterrupt


def exit_code(exc: BriefgenError) -> int:
    """The exit code scripts see for ``exc``."""
    return next((code for kind, code in EXIT_BY_ERROR if isinstance(exc, kind)), EXIT_FAILED)


def report_error(
    spec: str, exc: BaseException, *, named: bool = False, left_out: bool = False
) -> None:
    """Print an article's error, naming the article once: ``named`` errors (from reading
    it) usually name it themselves. ``left_out``: the command goes on without the article
    (a dossier's skipped source), so it is a warning that says so."""
    message = str(exc)
    label = spec_label(spec)
    if not (named and (label in message or str(Path(spec)) in message)):
        message = f"{spec}: {message}"
    if left_out:
        message = message.rstrip(". ")
        say(f"briefgen: warning: {message}; left out of the memo, which lists it as not covered.")
    else:
        say(f"briefgen: error: {message}")


def spec_label(spec: str) -> str:
    """How messages name an ARTICLE argument: ``-`` is standard input."""
    return "standard input" if spec == "-" else spec


def setup_logging(verbose: int) -> None:
    """Log to standard error: warnings, or more with each ``-v``."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="briefgen: %(message)s", stream=sys.stderr)
    if verbose < 2:
        for noisy in ("httpx", "httpx2", "openai"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


class ProgressBar:
    """One redrawn line on a terminal: memos done, and the chunks of the memos running."""

    def __init__(self, stream: TextIO, total: int):
        self.stream = stream
        self.total = total
        self.finished = 0
        self.chunks: dict[int, tuple[int, int]] = {}
        self.started = time.monotonic()
        self._width = 0

    def __call__(self, event: Progress) -> None:
        if event.stage in ("done", "failed"):
            self.finished += 1
            self.chunks.pop(event.article, None)
        elif event.chunks:
            self.chunks[event.article] = (event.chunks_done, event.chunks)
        self.draw()

    def draw(self) -> None:
        """Redraw the line in place."""
        filled = int(20 * self.finished / max(1, self.total))
        running = ", ".join(
            f"#{i + 1} {done}/{count} chunks" for i, (done, count) in sorted(self.chunks.items())
        )
        line = (
            f"[{'#' * filled}{'.' * (20 - filled)}] {self.finished}/{self.total} memos"
            f"{f'  ({running})' if running else ''}  {time.monotonic() - self.started:.0f}s"
        )[:120]
        self.stream.write("\r" + line.ljust(self._width))
        self._width = len(line)
        self.stream.flush()

    def close(self) -> None:
        """Clear the line."""
        self.stream.write("\r" + " " * self._width + "\r")
        self.stream.flush()
