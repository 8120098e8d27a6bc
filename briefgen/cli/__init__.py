"""The ``briefgen`` command: ``main`` (``cli/main.py``), the memo command (``memo``), the
batch commands (``batch``), ``styles`` and ``templates`` (``setup_commands``), their
options declared once (``options``), exit codes and terminal output (``terminal``), and
where memos are written (``outputs``). Nothing outside this package imports it."""

from __future__ import annotations

from briefgen.cli.main import main
from briefgen.cli.terminal import (
    EXIT_BUDGET,
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_LLM,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    ProgressBar,
)

__all__ = [
    "EXIT_BUDGET",
    "EXIT_CONFIG",
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_LLM",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "ProgressBar",
    "main",
]
