"""Render memo data into Markdown with sandboxed jinja2 templates.

Every value a template prints is escaped for Markdown unless the template itself marks it
trusted, so text from the article or the model cannot add links, images, HTML,
headings or table breaks to the memo.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from briefgen.exceptions import ConfigError
from briefgen.templating import render_file, sandboxed_environment

_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

STYLES = {"info-memo": "info-memo.md.j2"}
_SUFFIX = ".md.j2"


def available_styles(template_dir: Path | None = None) -> dict[str, str]:
    """Style name -> template file: the shipped styles plus any ``NAME.md.j2`` the user adds."""
    styles = dict(STYLES)
    if template_dir is not None and template_dir.is_dir():
        for path in sorted(template_dir.glob(f"*{_SUFFIX}")):
            styles.setdefault(path.name.removesuffix(_SUFFIX), path.name)
    return styles


# ASCII punctuation that can start Markdown syntax anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|!~$])")
# Syntax that only matters at the start of a line (lists, quotes, rules, setext).
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|file|data|javascript)(:)")
_WWW = re.compile(r"(?i)\b(www)(\.)")
_ENTITY = re.compile(r"&(?=#?\w+;)")


class Trusted(str):
    """Markdown written by briefgen itself; printed as is."""

    __slots__ = ()


def escape_markdown(value: object) -> str:
    """One line of literal text, safe in Markdown prose and table cells."""
    text = " ".join(str(value).split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = _AUTOLINK.sub(r"\1\\\2", text)
    text = _WWW.sub(r"\1\\\2", text)
    return _LINE_START.sub(r"\1\\\2", text)


def _finalize(value: object) -> object:
    if isinstance(value, Trusted):
        return value
    if value is None:
        return ""
    return escape_markdown(value)


def _ids(value: list[str]) -> Trusted:
    return Trusted(", ".join(escape_markdown(v) for v in value))


@lru_cache(maxsize=16)
def _environment(user_dir: Path | None) -> jinja2.Environment:
    env = sandboxed_environment(
        user_dir, _TEMPLATE_DIR, finalize=_finalize, keep_trailing_newline=True
    )
    env.filters["ids"] = _ids
    return env


def render_markdown(style: str, context: dict[str, Any], template_dir: Path | None = None) -> str:
    """Render the template for ``style`` with ``context``."""
    styles = available_styles(template_dir)
    if style not in styles:
        raise ConfigError(f"Unknown memo style {style!r}; styles: {', '.join(sorted(styles))}.")
    text = render_file(_environment(template_dir), styles[style], "Template", **context)
    # Headings always get a blank line before them (jinja's trim_blocks eats newlines after
    # tags); values cannot start a line, so only template headings match.
    text = re.sub(r"\n(#{1,6} )", r"\n\n\1", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
