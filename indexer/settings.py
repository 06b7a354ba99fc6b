"""Settings: command-line flags first, then environment variables, then the
settings file (`--config` / `KB_CONFIG`), then defaults.

The defaults are files under the project folder, so a fresh checkout runs
with nothing to configure or start.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.sources import ConfigError, ConfigFile, Source, load_config

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# How many generations stay on disk: the one serving and the ones rollback can return to.
DEFAULT_KEEP_GENERATIONS = 3
MIN_KEEP_GENERATIONS = 2
# Per-file limits for the reader workers; a normal PDF report takes a second or two.
DEFAULT_FILE_TIMEOUT = 120.0
DEFAULT_FILE_MEMORY_MB = 2048
# Larger files are not read at all: a 50 MB text file is already some 8,000 pages.
DEFAULT_FILE_SIZE_MB = 50

log = logging.getLogger("indexer")


def _pick(flag: str | os.PathLike[str] | None, env: str, default: str | Path | None) -> str | None:
    if flag not in (None, ""):
        return str(flag)
    value = os.environ.get(env, "").strip()
    if value:
        return value
    return None if default is None else str(default)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class Settings:
    corpus: Path
    data: Path
    model: str | None  # None means the bundled multilingual-e5-small
    model_cache: Path
    # The folders indexed into one generation; one unnamed source for a plain --corpus.
    sources: tuple[Source, ...] = ()
    keep_generations: int = DEFAULT_KEEP_GENERATIONS
    file_timeout: float = DEFAULT_FILE_TIMEOUT
    file_memory_mb: int = DEFAULT_FILE_MEMORY_MB
    file_size_mb: int = DEFAULT_FILE_SIZE_MB
    workers: int = field(default_factory=default_workers)
    config: Path | None = None

    def corpus_sources(self) -> tuple[Source, ...]:
        return self.sources or (Source("", self.corpus),)

    def corpus_label(self) -> str:
        """The corpus as reports and manifests name it: the folder, or the settings file."""
        if self.config is not None and self.sources:
            return str(self.config)
        return str(self.corpus)


def _number(name: str, value: str | None, kind: type[int] | type[float], minimum: float) -> Any:
    try:
        number = kind(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a number, not {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{name} must be at least {minimum:g}, not {value}")
    return number


def resolve_settings(
    corpus: str | Path | None = None,
    data: str | Path | None = None,
    model: str | None = None,
    model_cache: str | Path | None = None,
    *,
    config: str | Path | None = None,
    keep_generations: int | None = None,
    file_timeout: float | None = None,
    file_memory_mb: int | None = None,
    file_size_mb: int | None = None,
    workers: int | None = None,
) -> Settings:
    """Settings from flags (the arguments), KB_* variables, the settings file, defaults.

    Raises ConfigError when the settings file or a number is wrong.
    """
    config_value = _pick(config, "KB_CONFIG", None)
    cfg: ConfigFile | None = load_config(Path(config_value).expanduser()) if config_value else None
    values: dict[str, Any] = cfg.values if cfg else {}

    def pick(flag: Any, env: str, key: str, default: Any) -> str | None:
        return _pick(None if flag is None else str(flag), env, values.get(key, default))

    corpus_value = _pick(corpus, "KB_CORPUS", PROJECT_ROOT / "corpus")
    data_value = pick(data, "KB_DATA", "data", PROJECT_ROOT / "data")
    cache_value = pick(model_cache, "KB_MODEL_CACHE", "model_cache", PROJECT_ROOT / ".cache" / "models")
    assert corpus_value and data_value and cache_value
    sources: tuple[Source, ...] = ()
    if cfg and cfg.sources:
        if corpus not in (None, "") or os.environ.get("KB_CORPUS", "").strip():
            log.warning("the corpus folder given by --corpus/KB_CORPUS is used; the sources in %s are not", cfg.path)
        else:
            sources = cfg.sources
    keep = _number("keep_generations (--keep / KB_KEEP_GENERATIONS)",
                   pick(keep_generations, "KB_KEEP_GENERATIONS", "keep_generations", DEFAULT_KEEP_GENERATIONS),
                   int, MIN_KEEP_GENERATIONS)  # fmt: skip
    timeout = _number("file_timeout (--file-timeout / KB_FILE_TIMEOUT)",
                      pick(file_timeout, "KB_FILE_TIMEOUT", "file_timeout", DEFAULT_FILE_TIMEOUT),
                      float, 0.1)  # fmt: skip
    memory = _number("file_memory_mb (--file-memory / KB_FILE_MEMORY_MB)",
                     pick(file_memory_mb, "KB_FILE_MEMORY_MB", "file_memory_mb", DEFAULT_FILE_MEMORY_MB),
                     int, 64)  # fmt: skip
    size = _number("file_size_mb (--file-size / KB_FILE_SIZE_MB)",
                   pick(file_size_mb, "KB_FILE_SIZE_MB", "file_size_mb", DEFAULT_FILE_SIZE_MB),
                   int, 1)  # fmt: skip
    n_workers = _number("workers (--workers / KB_WORKERS)",
                        pick(workers, "KB_WORKERS", "workers", default_workers()), int, 1)  # fmt: skip
    return Settings(
        corpus=Path(corpus_value).expanduser().resolve(),
        data=Path(data_value).expanduser().resolve(),
        model=pick(model, "KB_MODEL", "model", None),
        model_cache=Path(cache_value).expanduser().resolve(),
        sources=sources,
        keep_generations=keep,
        file_timeout=timeout,
        file_memory_mb=memory,
        file_size_mb=size,
        workers=n_workers,
        config=cfg.path if cfg else None,
    )
