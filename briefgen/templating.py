"""The one way briefgen runs jinja2: sandboxed, strict, user files before shipped ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefgen.errors import ConfigError


def sandboxed_environment(
    user_dir: Path | None, shipped_dir: Path, *, autoescape: bool = False, **options: Any
) -> jinja2.Environment:
    """A sandboxed environment with StrictUndefined; a file in ``user_dir`` overrides the
    shipped file of the same name."""
    search = [str(user_dir)] if user_dir is not None else []
    search.append(str(shipped_dir))
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )


def render_file(env: jinja2.Environment, name: str, what: str, **context: Any) -> str:
    """Render template ``name``; a broken file fails with its name and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or name
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"{what} {where}{f' line {line}' if line else ''}: {exc}") from exc
