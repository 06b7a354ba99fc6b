"""Sources: the corpus folders one job indexes, and the TOML settings file that lists them.

A plain `--corpus DIR` is one source without a name: catalogue paths are
relative to that folder, as they always were. A settings file may list
several folders, each with a name and default metadata; their documents go
into one generation, and each catalogue path starts with its source's name
(`moten/2023-10-05_norrkoping.md`), so paths stay unique across folders.

    # kb.toml
    data = "/srv/kb-data"
    keep_generations = 5

    [[sources]]
    name = "tillvaxtverket"
    path = "/srv/dokument/tillvaxtverket"
    organisation = "Tillväxtverket"
    collection = "rapporter"

Relative paths in the file are taken from the file's own folder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.errors import KBError

DEFAULT_COLLECTION = "default"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Keys a settings file may hold besides [[sources]]; each mirrors a flag and a KB_ variable.
CONFIG_KEYS = (
    "data", "model", "model_cache", "keep_generations", "file_timeout", "file_memory_mb", "file_size_mb", "workers",
)  # fmt: skip


class ConfigError(KBError):
    """The settings file is missing or wrong; the message names the file and the fix."""


@dataclass(frozen=True)
class Source:
    """One corpus folder and the metadata its documents get unless they say otherwise."""

    name: str  # "" for a plain --corpus folder: catalogue paths get no prefix
    path: Path
    organisation: str | None = None  # the publisher when a document names none
    collection: str = DEFAULT_COLLECTION

    def catalogue_path(self, rel: str) -> str:
        """The document's path in the catalogue: unique across all sources of a job."""
        return f"{self.name}/{rel}" if self.name else rel

    def describe(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "path": str(self.path),
            "organisation": self.organisation,
            "collection": self.collection,
        }


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    sources: tuple[Source, ...]
    values: dict[str, Any]  # the CONFIG_KEYS the file sets


def _text(entry: dict[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: `{key}` must be a non-empty string")
    return value.strip()


def load_config(path: Path) -> ConfigFile:
    """Read and check a TOML settings file; raises ConfigError saying what to fix."""
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"settings file not found: {path} (check --config / KB_CONFIG)") from None
    except OSError as exc:
        raise ConfigError(f"settings file {path} cannot be read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"settings file {path} is not valid TOML: {exc}") from None
    base = path.resolve().parent
    unknown = sorted(set(raw) - set(CONFIG_KEYS) - {"sources"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: sources, {', '.join(CONFIG_KEYS)}")
    entries = raw.get("sources", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(f"{path}: `sources` must be a list of [[sources]] tables")
    sources: list[Source] = []
    for i, entry in enumerate(entries, start=1):
        where = f"{path}, source {i}"
        unknown = sorted(set(entry) - {"name", "path", "organisation", "collection"})
        if unknown:
            raise ConfigError(
                f"{where}: unknown key(s) {', '.join(unknown)}; known: name, path, organisation, collection"
            )
        name, folder = _text(entry, "name", where), _text(entry, "path", where)
        if name is None or folder is None:
            raise ConfigError(f"{where}: every source needs a `name` and a `path`")
        if not _NAME.match(name):
            raise ConfigError(f"{where}: name {name!r} may hold only letters, digits, '.', '_' and '-'")
        if any(s.name == name for s in sources):
            raise ConfigError(f"{where}: the name {name!r} is used twice; source names must be unique")
        sources.append(
            Source(
                name=name,
                path=(base / Path(folder).expanduser()).resolve(),
                organisation=_text(entry, "organisation", where),
                collection=_text(entry, "collection", where) or DEFAULT_COLLECTION,
            )
        )
    values = {key: raw[key] for key in CONFIG_KEYS if key in raw}
    for key in ("data", "model", "model_cache"):
        if key in values and not isinstance(values[key], str):
            raise ConfigError(f"{path}: `{key}` must be a string")
    for key in ("data", "model_cache"):
        if key in values:
            values[key] = str((base / Path(values[key]).expanduser()).resolve())
    return ConfigFile(path.resolve(), tuple(sources), values)
