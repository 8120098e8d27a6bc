"""The shape the package keeps: few modules at the top, no long module or function, public
names documented, every error under ``BriefgenError``. Read from the source (and, for the
exception classes, from the imported modules), so a change that breaks one fails here."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import briefgen
from briefgen.errors import BriefgenError

PACKAGE = Path(briefgen.__file__).parent
MAX_TOP_MODULES = 10
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80
MIN_DOCUMENTED = 0.90


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _public(path: Path) -> bool:
    """A module of the public surface: no part of its dotted name starts with ``_``."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return not any(part.startswith("_") and part != "__init__" for part in parts)


def test_the_top_of_the_package_holds_few_modules() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    for package in ("run", "cli", "batch"):
        assert (PACKAGE / package / "__init__.py").is_file(), package


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in _sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, long


def test_no_function_is_longer_than_the_limit() -> None:
    long: dict[str, int] = {}
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"] = lines
    assert not long, long


def test_public_names_are_documented() -> None:
    """Module-level classes and functions of public modules, and every name the package
    exports, carry a docstring (at least MIN_DOCUMENTED of them)."""
    names: dict[str, bool] = {}
    for path in filter(_public, _sources()):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            is_def = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            if is_def and not node.name.startswith("_"):
                where = f"{path.relative_to(PACKAGE)}:{node.name}"
                names[where] = ast.get_docstring(node) is not None
    share = sum(names.values()) / len(names)
    missing = sorted(name for name, documented in names.items() if not documented)
    assert share >= MIN_DOCUMENTED, (f"{share:.0%} documented", missing)
    exported = [
        name
        for name in briefgen.__all__
        if (inspect.isclass(value := getattr(briefgen, name)) or inspect.isfunction(value))
        and not inspect.getdoc(value)
    ]
    assert not exported, exported


def _modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(briefgen.__path__, prefix="briefgen.")
        if not info.name.endswith("__main__")
    ]


def test_every_error_class_derives_from_briefgen_error() -> None:
    """An exception class of briefgen's is a BriefgenError. A signal that unwinds like
    Ctrl-C (a KeyboardInterrupt, no Exception) is not an error and is left out."""
    strays = []
    for name in _modules():
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__ != name or not issubclass(value, Exception):
                continue
            if not issubclass(value, BriefgenError):
                strays.append(f"{name}.{value.__name__}")
    assert not strays, strays


def test_public_errors_are_exported() -> None:
    from briefgen import errors

    for name in errors.__all__:
        assert getattr(briefgen, name) is getattr(errors, name), name
