"""Settings: command-line flags first, then environment variables, then defaults.

The defaults are files under the project folder, so a fresh checkout runs
with nothing to configure or start.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _pick(flag: str | os.PathLike[str] | None, env: str, default: str | Path | None) -> str | None:
    if flag not in (None, ""):
        return str(flag)
    value = os.environ.get(env, "").strip()
    if value:
        return value
    return None if default is None else str(default)


@dataclass(frozen=True)
class Settings:
    corpus: Path
    data: Path
    model: str | None  # None means the bundled multilingual-e5-small
    model_cache: Path


def resolve_settings(
    corpus: str | Path | None = None,
    data: str | Path | None = None,
    model: str | None = None,
    model_cache: str | Path | None = None,
) -> Settings:
    corpus_value = _pick(corpus, "KB_CORPUS", PROJECT_ROOT / "corpus")
    data_value = _pick(data, "KB_DATA", PROJECT_ROOT / "data")
    cache_value = _pick(model_cache, "KB_MODEL_CACHE", PROJECT_ROOT / ".cache" / "models")
    assert corpus_value and data_value and cache_value
    return Settings(
        corpus=Path(corpus_value).expanduser().resolve(),
        data=Path(data_value).expanduser().resolve(),
        model=_pick(model, "KB_MODEL", None),
        model_cache=Path(cache_value).expanduser().resolve(),
    )
