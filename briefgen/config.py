"""BriefConfig: every knob in one validated object; and the one reading of the environment.

No other module reads ``os.environ``: what briefgen takes from the environment is named
in ``Environment`` and read by ``environment()``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from briefgen.errors import ConfigError

DEFAULT_CLOUD_MODEL = "gpt-4o-mini"
_OFF = ("off", "0", "false", "no")


@dataclass(frozen=True)
class Environment:
    """Every environment variable briefgen reads, read at one moment."""

    openai_api_key: str | None
    openai_base_url: str | None
    azure_endpoint: str | None
    azure_api_key: str | None
    api_version: str | None
    """OPENAI_API_VERSION (Azure OpenAI)."""
    model: str | None
    """BRIEFGEN_MODEL."""
    local_model: str | None
    """BRIEFGEN_LOCAL_MODEL: a GGUF file for the embedded backend."""
    local_verbose: bool
    """BRIEFGEN_LOCAL_VERBOSE: llama.cpp's own log on stderr."""
    local_threads: str | None
    """BRIEFGEN_LOCAL_THREADS: cores the embedded model uses."""
    response_cache: str | None
    """BRIEFGEN_RESPONSE_CACHE: another cache file, or "off"."""
    cache_dir: str | None
    """BRIEFGEN_CACHE_DIR: where briefgen keeps its files (models, cache)."""
    data_dir: str | None = None
    """BRIEFGEN_DATA_DIR: where briefgen keeps what is the user's own (the story store)."""


def environment() -> Environment:
    """The environment as it is now (read on every call: it may change between runs)."""

    def get(name: str) -> str | None:
        return os.environ.get(name, "").strip() or None

    return Environment(
        openai_api_key=get("OPENAI_API_KEY"),
        openai_base_url=get("OPENAI_BASE_URL"),
        azure_endpoint=get("AZURE_OPENAI_ENDPOINT"),
        azure_api_key=get("AZURE_OPENAI_API_KEY"),
        api_version=get("OPENAI_API_VERSION"),
        model=get("BRIEFGEN_MODEL"),
        local_model=get("BRIEFGEN_LOCAL_MODEL"),
        local_verbose=(get("BRIEFGEN_LOCAL_VERBOSE") or "0") != "0",
        local_threads=get("BRIEFGEN_LOCAL_THREADS"),
        response_cache=get("BRIEFGEN_RESPONSE_CACHE"),
        cache_dir=get("BRIEFGEN_CACHE_DIR"),
        data_dir=get("BRIEFGEN_DATA_DIR"),
    )


def cache_dir() -> Path:
    """BRIEFGEN_CACHE_DIR, else the platform's user cache directory for briefgen."""
    override = environment().cache_dir
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("briefgen", appauthor=False))


def data_dir() -> Path:
    """BRIEFGEN_DATA_DIR, else the platform's user data directory for briefgen. Unlike the
    cache, what is kept here (the memos of a story) cannot be made again for free."""
    override = os.environ.get("BRIEFGEN_DATA_DIR", "").strip()  # (as environment() reads it)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("briefgen", appauthor=False))


def default_cache_path() -> Path | None:
    """The response cache file the environment asks for: None when it says "off"."""
    setting = environment().response_cache
    if setting is not None and setting.lower() in _OFF:
        return None
    if setting:
        return Path(setting).expanduser()
    return cache_dir() / "responses.sqlite3"


Backend = Literal["auto", "openai", "azure", "embedded"]


class Visit(BaseModel):
    """The visit or meeting a scene-setter prepares: the user's own words, printed as
    given (escaped like all text), never grounded in the article."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    principal: str = Field(max_length=200, description="Who travels or meets: ours.")
    counterpart: str = Field(max_length=200, description="Whom they meet.")
    place: str | None = Field(None, max_length=200)
    dates: str | None = Field(None, max_length=120, description="As it should be printed.")
    objectives: list[str] = Field(
        default_factory=list, description="Our objectives, in the user's words."
    )


# Classification scales, lowest first: a banner's level and a portion mark's level.
_US_BANNERS = {"UNCLASSIFIED": 0, "CUI": 1, "CONFIDENTIAL": 2, "SECRET": 3, "TOP SECRET": 4}
_US_SENSITIVE = ("SBU", "CUI", "LES")  # a control after UNCLASSIFIED//
_US_MARKS = {"U": 0, "SBU": 1, "CUI": 1, "C": 2, "S": 3, "TS": 4}
_US_MARK_OF_LEVEL = {0: "U", 2: "C", 3: "S", 4: "TS"}
_UK_BANNERS = {"OFFICIAL": 0, "OFFICIAL-SENSITIVE": 1, "SECRET": 2, "TOP SECRET": 3}
_UK_MARKS = {"O": 0, "OFFICIAL": 0, "OS": 1, "OFFICIAL-SENSITIVE": 1, "S": 2, "TS": 3}


def _first(marking: str) -> tuple[str, str]:
    head, _, rest = marking.strip().upper().partition("//")
    return " ".join(head.replace("_", " ").split()), rest


def banner_scale(classification: str) -> tuple[Literal["us", "uk"], int] | None:
    """The scale ("us" or "uk") and level of a banner, None when briefgen does not know it.
    A bare SECRET or TOP SECRET is read on the US scale."""
    head, rest = _first(classification)
    if head in ("OFFICIAL", "OFFICIAL-SENSITIVE", "OFFICIAL SENSITIVE"):
        return "uk", _UK_BANNERS[head.replace(" ", "-")]
    if head in _US_BANNERS:
        level = _US_BANNERS[head]
        if level == 0 and any(c in rest.split("/") for c in _US_SENSITIVE):
            level = 1
        return "us", level
    return None


def default_portion_mark(classification: str) -> str | None:
    """The mark 'auto' stands for: the banner's own level on the US scale; none on the
    UK scale (its documents carry no portion marks); 'U' for a banner briefgen does not
    know."""
    scale = banner_scale(classification)
    if scale is None:
        return "U"
    kind, level = scale
    if kind == "uk":
        return None
    if level == 1:
        head, rest = _first(classification)
        return "CUI" if head == "CUI" or "CUI" in rest.split("/") else "SBU"
    return _US_MARK_OF_LEVEL[level]


def marking_problem(classification: str, portion_mark: str | None) -> str | None:
    """Why a portion mark cannot go under a banner (it is above it), or None."""
    if portion_mark is None or portion_mark == "auto":
        return None
    scale = banner_scale(classification)
    if scale is None:
        return None
    kind, level = scale
    mark, _ = _first(portion_mark)
    marks = _US_MARKS if kind == "us" else _UK_MARKS
    if mark in marks and marks[mark] > level:
        return (
            f"portion mark {portion_mark!r} is above the banner {classification!r}: no "
            "portion may carry a higher classification than the memo."
        )
    return None


class BriefConfig(BaseModel):
    """Settings for one memo. Unset fields fall back to the environment, then defaults.

    ``api_key`` and ``base_url`` left as None let the openai SDK read OPENAI_API_KEY and
    OPENAI_BASE_URL itself; BRIEFGEN_MODEL sets ``model``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    # Endpoint
    backend: Backend = Field(
        "auto",
        description="'auto' uses OpenAI (or base_url) when a key or server is configured, "
        "then Azure OpenAI when AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY are set, "
        "else the embedded model; 'openai', 'azure' and 'embedded' force one.",
    )
    model: str | None = Field(None, description="Model name; BRIEFGEN_MODEL or a default.")
    base_url: str | None = None
    api_key: SecretStr | None = None
    local_model_path: Path | None = Field(
        None, description="GGUF file for the embedded backend; BRIEFGEN_LOCAL_MODEL."
    )
    local_threads: int | None = Field(
        None,
        ge=1,
        le=512,
        description="Cores the embedded model uses; BRIEFGEN_LOCAL_THREADS, else the cores "
        "free to the process.",
    )

    plan: Literal["auto", "extractive", "abstractive"] = Field(
        "auto",
        description="'extractive': the model only picks article sentences (for small "
        "models); 'abstractive': it writes the items; 'auto': extractive for the embedded "
        "model and models marked small_model.",
    )
    small_model: bool = Field(
        False, description="The model is small (a few billion parameters or fewer)."
    )

    # Sampling and transport
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    timeout: float = Field(120.0, gt=0, description="Seconds per HTTP request.")
    max_retries: int = Field(4, ge=0, le=20, description="Transport retries per request.")
    max_retry_wait: float = Field(
        60.0, gt=0, description="Cap on one wait, including a server's Retry-After."
    )
    max_reasks: int = Field(2, ge=0, le=10, description="Re-asks after invalid JSON.")
    max_concurrency: int = Field(4, ge=1, le=256)

    # Sizes
    chunk_tokens: int = Field(3000, ge=200, description="Article tokens per chunk.")
    chunk_overlap_tokens: int = Field(150, ge=0, description="Tokens repeated across chunks.")
    max_output_tokens: int = Field(2048, ge=64, description="First-try output room per call.")
    max_output_tokens_cap: int = Field(
        8192, ge=64, description="Most output room a truncated call may be given."
    )
    max_input_chars: int = Field(2_000_000, ge=1, description="Largest article accepted.")
    pdf_password: SecretStr | None = Field(
        None, exclude=True, description="Opens encrypted PDF sources; never written anywhere."
    )
    synthesis_tokens: int = Field(
        12_000,
        ge=500,
        description="Dossier: most tokens of merged facts one synthesis call reads; more "
        "are reduced in rounds.",
    )

    # Failure policy and budgets (per memo)
    on_chunk_failure: Literal["raise", "skip"] = Field(
        "raise",
        description="'skip' makes the memo from the other chunks and says what was missed.",
    )
    on_article_failure: Literal["raise", "skip"] = Field(
        "skip",
        description="Dossier: 'skip' leaves out an article that cannot be read or extracted "
        "(with a warning naming it, and the memo says so); 'raise' stops.",
    )
    max_calls: int | None = Field(None, ge=1, description="Most HTTP requests per memo.")
    max_tokens: int | None = Field(None, ge=1, description="Most prompt+completion tokens.")
    max_cost_usd: float | None = Field(None, gt=0, description="Most spend, from prices.")
    prices: dict[str, tuple[float, float]] | None = Field(
        None,
        description="USD per million (prompt, completion) tokens by model name; merged "
        "over the built-in table.",
    )

    # Grounding
    grounding: Literal["strict", "flag", "off"] = Field(
        "strict",
        description="Statements the support check rejects: 'strict' drops them, 'flag' "
        "keeps them marked as unverified, 'off' keeps them unmarked. Invented quotes, "
        "names and sentence ids are dropped in every mode.",
    )
    verify: Literal["off", "model"] = Field(
        "off",
        description="'model' sends every kept statement with its cited sentences to the "
        "model once more (one extra call per memo, two for very long memos) and drops what "
        "it judges unsupported, unless its quoted evidence is not in those sentences.",
    )
    allow_paraphrase: bool = Field(
        False,
        description="A quote found only approximately is kept as reported speech, without "
        "quotation marks, instead of being dropped.",
    )
    quotation_annex: bool = Field(
        True,
        description="The memo's annex lists every quotation of the article (four words or "
        "more) with the speaker the article gives it, or 'speaker not stated' when it "
        "gives none or the reading is unsure; the body keeps its few key quotes. A memo "
        "of one article only.",
    )
    memo_language: str | None = Field(
        "en",
        pattern=r"^[a-z]{2,3}$",
        description="The language the memo is written in (ISO 639-1). An article in another "
        "language is read, cited and checked in its own; the memo's lines are then "
        "translated in one more call, each translation shown only when its numbers, dates, "
        "negation and names agree with the checked line, and a quotation stays verbatim "
        "with its translation beside it, marked. None: the memo in the article's language.",
    )

    # Memos since earlier ones (since= or story=)
    since_withdrawn: bool = Field(
        False,
        description="'Since the last memo' also lists what an earlier memo said that this "
        "article contradicts or withdraws (No longer reported).",
    )
    since_model: bool = Field(
        False,
        description="One more call in which the model adds the changes since the earlier "
        "memos that the rules cannot see; each is grounded on both sides like the rules' own.",
    )

    # Response cache
    cache: bool = Field(
        True, description="Reuse validated answers to identical requests (no call, no cost)."
    )
    cache_path: Path | None = Field(
        None,
        description="SQLite file of the cache; BRIEFGEN_RESPONSE_CACHE, else "
        "<user cache dir>/briefgen/responses.sqlite3.",
    )

    # Memo
    classification: str = Field(
        "UNCLASSIFIED",
        min_length=1,
        max_length=80,
        description="Banner at the top and bottom of the memo, e.g. 'UNCLASSIFIED//SBU', "
        "'SECRET//NOFORN' or 'OFFICIAL'.",
    )
    portion_mark: str | None = Field(
        "auto",
        min_length=1,
        max_length=20,
        description="Mark before every portion, e.g. 'U' prints '(U)'; 'auto' takes it from "
        "the banner (none on the UK scale, OFFICIAL ...); None prints no portion marks. A "
        "mark above the banner on a known scale is refused.",
    )
    memo_to: str = "The Principal"
    memo_from: str = "Analyst (drafted with briefgen)"
    memo_date: str | None = Field(None, description="Defaults to today's date.")
    date_format: str | None = Field(
        None,
        max_length=40,
        description="How the date is written: 'us' (November 29, 2026), 'uk' "
        "(29 November 2026), 'iso' (2026-11-29) or a strftime pattern; default: the "
        "style's convention (uk for the submission, us for the others).",
    )
    office: str | None = Field(
        None, max_length=120, description="Drafting office, printed on the Drafted line."
    )
    cleared: list[str] = Field(
        default_factory=list,
        description="Who cleared the memo, one entry each; none prints 'Not cleared'.",
    )
    decision_by: str | None = Field(
        None, max_length=80, description="Action memo and submission: 'Decision needed by'."
    )
    visit: Visit | None = Field(
        None, description="Scene-setter: the visit or meeting the memo prepares for."
    )
    template_dir: Path | None = Field(None, description="Overrides shipped templates by name.")
    prompt_dir: Path | None = Field(None, description="Overrides shipped prompts by name.")

    @field_validator("max_cost_usd")
    @classmethod
    def _finite_cost(cls, value: float | None) -> float | None:
        # An infinite budget is no budget; NaN is refused by the gt=0 bound already.
        return None if value is not None and math.isinf(value) else value

    @model_validator(mode="after")
    def _check_marking(self) -> BriefConfig:
        problem = marking_problem(self.classification, self.portion_mark)
        if problem is not None:
            raise ValueError(problem)
        return self

    @model_validator(mode="after")
    def _check_sizes(self) -> BriefConfig:
        if self.chunk_overlap_tokens >= self.chunk_tokens // 2:
            raise ValueError(
                f"chunk_overlap_tokens ({self.chunk_overlap_tokens}) must be under half of "
                f"chunk_tokens ({self.chunk_tokens})."
            )
        if self.max_output_tokens > self.max_output_tokens_cap:
            raise ValueError("max_output_tokens must not exceed max_output_tokens_cap.")
        return self

    def resolved_model(self) -> str:
        """The model name to send, after BRIEFGEN_MODEL and the default."""
        return self.model or environment().model or DEFAULT_CLOUD_MODEL

    def resolved_local_threads(self) -> int | None:
        if self.local_threads is not None:
            return self.local_threads
        env = environment().local_threads
        if env is None:
            return None
        try:
            threads = int(env)
        except ValueError:
            raise ConfigError(f"BRIEFGEN_LOCAL_THREADS={env!r} is not a whole number.") from None
        if threads < 1:
            raise ConfigError(f"BRIEFGEN_LOCAL_THREADS={env!r} must be at least 1.")
        return threads

    def resolved_local_model_path(self) -> Path | None:
        if self.local_model_path is not None:
            return self.local_model_path
        env = environment().local_model
        return Path(env).expanduser() if env else None


def build_config(config: BriefConfig | None, overrides: dict[str, Any]) -> BriefConfig:
    """Apply keyword overrides on top of a config, rejecting unknown names clearly."""
    base = config or BriefConfig()
    if not overrides:
        return base
    unknown = sorted(set(overrides) - set(BriefConfig.model_fields))
    if unknown:
        raise ConfigError(
            f"Unknown setting(s) {', '.join(unknown)}; BriefConfig fields are: "
            f"{', '.join(sorted(BriefConfig.model_fields))}."
        )
    merged = base.model_dump()
    merged.update(overrides)
    if isinstance(merged.get("api_key"), SecretStr):
        merged["api_key"] = merged["api_key"].get_secret_value()
    try:
        return BriefConfig.model_validate(merged)
    except ValidationError as exc:
        raise ConfigError(f"Invalid setting: {exc}") from exc
