"""Generations: immutable index folders, switched in by an atomic pointer.

    DATA/generations/<id>/   vectors.faiss, bm25/, catalog.sqlite, person_vectors.npy (+ ids, .faiss), manifest.json
    DATA/CURRENT             the id of the generation being served
    DATA/cache/              the embedding cache (shared across generations)
    DATA/reports/            the last job reports

A generation is built in a temporary folder, fsynced, renamed into place, and
only then does CURRENT change, by renaming a new file over it. Readers
therefore see the old generation or the new one, never half of one. Ids
start with the build time (UTC), so sorting them sorts generations by age;
rollback switches CURRENT to the newest generation older than the current one.

The manifest records every file of its generation with its size and sha256
(`files`), taken when the generation is sealed, so damage done later on disk
(a truncated, overwritten or deleted file) is found and named
(`indexer.store.integrity`) instead of surfacing as a traceback or, worse, a
quietly wrong answer.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from indexer.errors import KBError
from indexer.store.records import SCHEMA_VERSION

MANIFEST_FILE = "manifest.json"
VECTORS_FILE = "vectors.faiss"
POINTER_FILE = "CURRENT"
GENERATIONS_DIR = "generations"
# The manifest's record of the generation's files: {relative path: {"size", "sha256"}}.
FILES_KEY = "files"
# What search reads from a manifest; one without them is not a generation's.
_MANIFEST_KEYS = ("generation", "model_id", "dimension")


class IndexMissing(KBError):
    """No usable generation in this data folder; the message says how to build one."""


class GenerationDamaged(KBError):
    """A file of a generation, or the CURRENT pointer, is missing or damaged on disk.

    `problem` is "missing" or "damaged (what is wrong)"; the message names
    the file and the two ways out: a reindex (which rebuilds a damaged
    generation) or a rollback to the previous one.
    """

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        data = _data_folder(path)
        super().__init__(
            f"{path} is {problem}: rebuild the index with `python -m indexer --data {data}`, "
            f"or serve the previous generation with `python -m indexer rollback --data {data}`"
        )


def _data_folder(path: Path) -> Path:
    """The data folder a generation's file (or CURRENT) belongs to."""
    for parent in path.parents:
        if parent.name == GENERATIONS_DIR:
            return parent.parent
    return path.parent


@dataclass(frozen=True)
class Layout:
    data: Path

    @property
    def generations(self) -> Path:
        return self.data / GENERATIONS_DIR

    @property
    def pointer(self) -> Path:
        return self.data / POINTER_FILE

    @property
    def cache(self) -> Path:
        return self.data / "cache"

    @property
    def reports(self) -> Path:
        return self.data / "reports"

    @property
    def lock(self) -> Path:
        return self.data / "indexer.lock"

    def generation(self, gen_id: str) -> Path:
        return self.generations / gen_id


def new_generation_id() -> str:
    """A fresh id: build time to the microsecond (so ids sort by age), then a random tag."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


def read_pointer(layout: Layout) -> str | None:
    """The generation id CURRENT names; None when there is no CURRENT (nothing built yet).

    Raises GenerationDamaged when CURRENT is not UTF-8 text, holds no
    generation id, or names a generation that is not on disk.
    """
    try:
        raw = layout.pointer.read_bytes()
    except FileNotFoundError:
        return None
    try:
        gen_id = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise GenerationDamaged(layout.pointer, "damaged (not UTF-8 text)") from None
    if not gen_id or "/" in gen_id or gen_id.startswith(".") or not gen_id.isprintable():
        raise GenerationDamaged(layout.pointer, f"damaged ({gen_id[:40]!r} is not a generation id)")
    if not layout.generation(gen_id).is_dir():
        raise GenerationDamaged(layout.pointer, f"damaged (it names {gen_id}, which is not in {layout.generations})")
    return gen_id


def current_generation_id(layout: Layout) -> str | None:
    """The id of the generation served, or None when there is none or CURRENT is damaged (see `read_pointer`)."""
    try:
        gen_id = read_pointer(layout)
    except GenerationDamaged:
        return None
    return gen_id if gen_id is not None and (layout.generation(gen_id) / MANIFEST_FILE).exists() else None


def current_generation_dir(layout: Layout) -> Path:
    """The served generation's folder. Raises IndexMissing when none was built, GenerationDamaged for a bad CURRENT."""
    gen_id = read_pointer(layout)
    if gen_id is None:
        raise IndexMissing(f"no index in {layout.data}: build one with `python -m indexer --data {layout.data}`")
    return layout.generation(gen_id)


def read_manifest(folder: Path) -> dict[str, Any]:
    """A generation's manifest. Raises GenerationDamaged when it is missing or not a manifest,
    IndexMissing when it was written by a version with another schema."""
    path = folder / MANIFEST_FILE
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GenerationDamaged(path, "missing") from None
    except ValueError as exc:  # not UTF-8, or not JSON
        raise GenerationDamaged(path, f"damaged (not valid JSON: {exc})") from None
    if not isinstance(manifest, dict) or "schema_version" not in manifest:
        raise GenerationDamaged(path, "damaged (not a generation's manifest)")
    if manifest["schema_version"] != SCHEMA_VERSION:
        raise IndexMissing(
            f"index in {folder} has schema {manifest['schema_version']}, this version reads "
            f"{SCHEMA_VERSION}: rebuild it with `python -m indexer --full`"
        )
    missing = [key for key in _MANIFEST_KEYS if key not in manifest]
    if missing:
        raise GenerationDamaged(path, f"damaged (no {', '.join(missing)})")
    return manifest


def file_sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def file_records(folder: Path) -> dict[str, dict[str, Any]]:
    """Size and sha256 of every file in a generation's folder by relative path: all but the manifest
    and hidden files (what an interrupted atomic write may leave)."""
    return {
        path.relative_to(folder).as_posix(): {"size": path.stat().st_size, "sha256": file_sha256(path)}
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST_FILE and not path.name.startswith(".")
    }


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Seal `folder`: write its manifest, atomically, with its files' sizes and checksums.

    For a generation being built, and for one whose catalogue was scrubbed
    before it is served again (rollback).
    """
    sealed = {**manifest, FILES_KEY: file_records(folder)}
    write_atomic(folder / MANIFEST_FILE, json.dumps(sealed, ensure_ascii=False, indent=2))


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    _fsync_dir(folder)


def staging_dir(layout: Layout, gen_id: str) -> Path:
    folder = layout.generations / f".building-{gen_id}"
    folder.mkdir(parents=True)
    return folder


def publish(
    layout: Layout,
    staging: Path,
    gen_id: str,
    manifest: dict[str, Any],
    on_stage: Callable[[str], None] | None = None,
) -> Path:
    """Seal a built generation and make it the current one.

    `on_stage("renamed")` is called between sealing and switching: the one
    moment when the new generation is in place but not yet served.
    """
    write_manifest(staging, manifest)
    _fsync_tree(staging)
    final = layout.generation(gen_id)
    os.rename(staging, final)
    _fsync_dir(layout.generations)
    if on_stage is not None:
        on_stage("renamed")
    write_atomic(layout.pointer, gen_id + "\n")
    return final


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def list_generations(layout: Layout) -> list[str]:
    """Ids of the sealed generations on disk, oldest first (never a .building- folder)."""
    if not layout.generations.exists():
        return []
    return sorted(
        p.name
        for p in layout.generations.iterdir()
        if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST_FILE).exists()
    )


def previous_generation(layout: Layout) -> str | None:
    """The newest sealed generation older than the current one: where rollback goes."""
    current = current_generation_id(layout)
    older = [g for g in list_generations(layout) if current is None or g < current]
    return older[-1] if older else None


def switch_to(layout: Layout, gen_id: str) -> None:
    """Make an existing, sealed generation the current one. Call under the job lock."""
    folder = layout.generation(gen_id)
    read_manifest(folder)  # refuses a missing, unsealed or incompatible generation
    write_atomic(layout.pointer, gen_id + "\n")


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def remove_partial_builds(layout: Layout) -> list[str]:
    """Remove staging folders left by a job that was killed. Call under the job lock."""
    removed = []
    if layout.generations.exists():
        for folder in layout.generations.glob(".building-*"):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def prune_generations(layout: Layout, keep: int) -> list[str]:
    """Delete all but the newest `keep` generations, never the current one.

    A reader that still has an old generation open keeps reading it: its
    files stay readable until closed, even when the folder is gone.
    """
    current = current_generation_id(layout)
    gens = sorted(
        (p for p in layout.generations.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
        reverse=True,
    )
    removed = []
    for folder in gens[keep:]:
        if folder.name != current:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed
