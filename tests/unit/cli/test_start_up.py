"""Ctrl-C while the command starts: no traceback, exit 130.

A KeyboardInterrupt that lands inside a compiled extension's import (pydantic_core,
jiter) comes out as a PyO3 panic with a traceback, so the CLI holds the signal until its
heavy imports are done and then stops.
"""

from __future__ import annotations

import importlib
import os
import signal
from types import ModuleType

import pytest

from briefgen.cli import main


def test_ctrl_c_during_the_start_up_imports_is_held_until_they_are_done(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = importlib.import_module
    finished: list[str] = []

    def importing(name: str, package: str | None = None) -> ModuleType:
        if not finished:
            os.kill(os.getpid(), signal.SIGINT)  # arrives while the module loads
        module = real_import(name, package)
        finished.append(name)
        return module

    monkeypatch.setattr(importlib, "import_module", importing)
    # Python's own handler, as in a terminal; a shell's background job starts with SIGINT
    # ignored, and the handler main() puts back is the one it found.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        code = main(["styles"])
    except KeyboardInterrupt:
        pytest.fail("KeyboardInterrupt escaped main()")
    assert code == 130
    assert finished  # the import it interrupted was completed, not cut in half
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""  # and the command did not run
    try:
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, previous)
