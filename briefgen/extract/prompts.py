"""Prompt files (jinja2) and the messages built from them."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from briefgen.errors import ConfigError
from briefgen.ingest.article import Sentence
from briefgen.memo.items import LIKELIHOOD_SCALE
from briefgen.templating import render_file, sandboxed_environment

Message = dict[str, str]

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def shipped_prompt_dir() -> Path:
    """prompts/ inside an installed wheel, or at the top of a source checkout."""
    for candidate in (_PACKAGE_DIR / "prompts", _PACKAGE_DIR.parent / "prompts"):
        if (candidate / "extract.system.j2").is_file():
            return candidate
    raise ConfigError(
        "briefgen's prompt files are missing from the installation; reinstall briefgen."
    )


@lru_cache(maxsize=16)
def _environment(user_dir: Path | None) -> jinja2.Environment:
    return sandboxed_environment(user_dir, shipped_prompt_dir())


def render_prompt(name: str, user_dir: Path | None = None, **context: Any) -> str:
    """Render prompts/<name>.j2, preferring a file of that name in ``user_dir``."""
    env = _environment(user_dir)
    return render_file(env, f"{name}.j2", "Prompt", likelihoods=LIKELIHOOD_SCALE, **context).strip()


# A closing tag of the prompt's own fences, in any case and spacing ("</ ARTICLE >").
_FENCE_CLOSE = re.compile(r"<\s*/\s*(article|facts|statements|sources)", re.IGNORECASE)


def _fence_safe(text: str) -> str:
    # The article is wrapped in <article> tags; its own text must not close them.
    return _FENCE_CLOSE.sub(lambda m: "<\\/" + m.group(1), text)


def extraction_messages(
    sentences: list[Sentence] | tuple[Sentence, ...],
    *,
    title: str | None,
    with_memo: bool,
    part_number: int = 1,
    part_count: int = 1,
    style: str = "info-memo",
    prompt_dir: Path | None = None,
    language: str | None = None,
) -> list[dict[str, str]]:
    """The request for one chunk's facts (and, ``with_memo``, the memo as well);
    ``language``: the name of the article's language when it is not English."""
    safe = [{"id": s.id, "text": _fence_safe(s.text)} for s in sentences]
    # Only the memo-writing single pass needs the style; chunk extractions stay identical
    # across styles, so their static prefix caches and their answers are reused.
    system = render_prompt(
        "extract.system",
        prompt_dir,
        with_memo=with_memo,
        style=style if with_memo else None,
        language=language,
    )
    user = render_prompt(
        "extract.user",
        prompt_dir,
        with_memo=with_memo,
        sentences=safe,
        title=_fence_safe(title).replace('"', "'") if title else None,
        part_number=part_number,
        part_count=part_count,
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def selection_messages(
    sentences: list[Sentence] | tuple[Sentence, ...],
    *,
    title: str | None,
    part_number: int = 1,
    part_count: int = 1,
    prompt_dir: Path | None = None,
) -> list[dict[str, str]]:
    """The extractive plan's request: pick sentence ids, write nothing."""
    safe = [{"id": s.id, "text": _fence_safe(s.text)} for s in sentences]
    system = render_prompt("select.system", prompt_dir)
    user = render_prompt(
        "select.user",
        prompt_dir,
        sentences=safe,
        title=_fence_safe(title or "untitled").replace('"', "'"),
        part_number=part_number,
        part_count=part_count,
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def synthesis_messages(
    facts: dict[str, Any],
    *,
    title: str | None,
    style: str = "info-memo",
    prompt_dir: Path | None = None,
    language: str | None = None,
) -> list[dict[str, str]]:
    """The request that writes the memo from an article's merged, grounded facts;
    ``language``: the name of the article's language when it is not English."""
    compact = json.dumps(facts, ensure_ascii=False, separators=(",", ":"))
    system = render_prompt("synthesise.system", prompt_dir, style=style, language=language)
    user = render_prompt(
        "synthesise.user",
        prompt_dir,
        facts=_fence_safe(compact),
        title=_fence_safe(title or "untitled").replace('"', "'"),
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def dossier_messages(
    facts: dict[str, Any],
    *,
    sources: list[dict[str, str]],
    style: str = "info-memo",
    part_number: int = 1,
    part_count: int = 1,
    prompt_dir: Path | None = None,
) -> list[dict[str, str]]:
    """A dossier's synthesis request: the sources (``label``, ``line``) and the merged,
    grounded facts, whose ids are ``A<n>:S<m>``."""
    compact = json.dumps(facts, ensure_ascii=False, separators=(",", ":"))
    system = render_prompt("dossier.system", prompt_dir, style=style)
    user = render_prompt(
        "dossier.user",
        prompt_dir,
        facts=_fence_safe(compact),
        sources=[{"label": s["label"], "line": _fence_safe(s["line"])} for s in sources],
        part_number=part_number,
        part_count=part_count,
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def verification_messages(
    statements: list[dict[str, Any]], *, title: str | None, prompt_dir: Path | None = None
) -> list[dict[str, str]]:
    """Statements (``id``, ``text``, ``cited``: [{``id``, ``text``}]) for the verifier."""
    safe = [
        {
            "id": s["id"],
            "text": _fence_safe(s["text"]),
            "cited": [{"id": c["id"], "text": _fence_safe(c["text"])} for c in s["cited"]],
        }
        for s in statements
    ]
    system = render_prompt("verify.system", prompt_dir)
    user = render_prompt(
        "verify.user",
        prompt_dir,
        statements=safe,
        count=len(safe),
        title=_fence_safe(title or "untitled").replace('"', "'"),
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def changes_messages(
    earlier: list[dict[str, Any]],
    current: list[Sentence],
    *,
    title: str | None,
    prompt_dir: Path | None = None,
) -> list[dict[str, str]]:
    """The earlier memos' sentences (``label``, ``sentences``: [{``id``, ``text``}], ids
    ``M<n>:S<m>``) and the new article's, for the model's changes (``since_model``)."""
    safe = [
        {
            "label": _fence_safe(memo["label"]),
            "sentences": [
                {"id": s["id"], "text": _fence_safe(s["text"])} for s in memo["sentences"]
            ],
        }
        for memo in earlier
    ]
    system = render_prompt("changes.system", prompt_dir)
    user = render_prompt(
        "changes.user",
        prompt_dir,
        earlier=safe,
        current=[{"id": s.id, "text": _fence_safe(s.text)} for s in current],
        title=_fence_safe(title or "untitled").replace('"', "'"),
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def translation_messages(
    lines: list[tuple[str, str]],
    *,
    source: str,
    target: str,
    title: str | None,
    prompt_dir: Path | None = None,
) -> list[dict[str, str]]:
    """The memo's lines (``id``, text) to translate from the language named ``source``
    into the one named ``target`` (``memo_language``)."""
    system = render_prompt("translate.system", prompt_dir, source=source, target=target)
    user = render_prompt(
        "translate.user",
        prompt_dir,
        source=source,
        lines=[{"id": i, "text": _fence_safe(text)} for i, text in lines],
        title=_fence_safe(title or "untitled").replace('"', "'"),
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def reask_message(error: str, prompt_dir: Path | None = None) -> dict[str, str]:
    """The follow-up that asks the model to fix an answer, saying what was wrong."""
    return {"role": "user", "content": render_prompt("reask", prompt_dir, error=error)}
