"""The commands of a docs page, run as a reader would type them.

Each fenced ``bash`` block of a section is read as the shell reads it: continuation lines
joined, comments dropped, words split, ``$VAR`` and ``VAR=$(command)`` kept, globs
expanded in the working directory. ``briefgen`` runs in this process (``briefgen.cli``);
what a test cannot run here (a GPU engine, ``pip``) is handed to a stand-in the test
gives, by the command's name.
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import re
import shlex
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.cli import main

DOCS = Path(__file__).resolve().parents[1] / "docs"

_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_ASSIGN = re.compile(r"^(\w+)=\$\((.*)\)$")


def section(page: str, heading: str) -> str:
    """The text of ``page`` (a file in docs/) under ``heading`` (its whole line), up to the
    next heading of the same level or above."""
    text = (DOCS / page).read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    level = len(heading) - len(heading.lstrip("#"))
    after = re.compile(rf"^#{{1,{level}}} ", re.MULTILINE).search(text, start + len(heading) + 2)
    return text[start : after.start() if after else len(text)]


def blocks(text: str, language: str) -> list[str]:
    """The fenced blocks of ``language`` in ``text``, in order."""
    return [code for lang, code in _FENCE.findall(text) if lang == language]


def commands(text: str) -> list[str]:
    """Each command of the bash blocks of ``text``: continuations joined, comments gone."""
    out = []
    for code in blocks(text, "bash"):
        joined = re.sub(r"\\\n\s*", " ", code)
        for line in joined.splitlines():
            words = shlex.split(line, comments=True)
            if words:
                out.append(shlex.join(words) if not _ASSIGN.match(line.strip()) else line.strip())
    return out


StandIn = Callable[[list[str]], int]


@dataclass
class Shell:
    """Runs commands in ``cwd``, with ``replace`` applied to each command first (a docs
    URL by the test server's, say)."""

    cwd: Path
    replace: dict[str, str] = field(default_factory=dict)
    stand_ins: dict[str, StandIn] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    ran: list[list[str]] = field(default_factory=list)

    def run(self, command: str) -> int:
        """The command's exit code; ``VAR=$(...)`` keeps what it printed."""
        assigned = _ASSIGN.match(command)
        if assigned:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = self.run(assigned.group(2))
            self.variables[assigned.group(1)] = out.getvalue().strip()
            return code
        words = self._words(command)
        self.ran.append(words)
        name = words[0]
        with _inside(self.cwd):
            if name in self.stand_ins:
                return self.stand_ins[name](words)
            if name == "briefgen":
                return main(words[1:])
            return subprocess.run(words, check=False).returncode

    def _words(self, command: str) -> list[str]:
        for old, new in self.replace.items():
            command = command.replace(old, new)
        for name, value in self.variables.items():
            command = command.replace(f"${name}", shlex.quote(value))
        words = []
        for word in shlex.split(command):
            if any(c in word for c in "*?[") and not word.startswith("-"):
                with _inside(self.cwd):
                    matches = sorted(glob.glob(word))
                words.extend(matches or [word])
            else:
                words.append(word)
        return words


@contextlib.contextmanager
def _inside(directory: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(before)
