"""Generations: immutable index folders, switched in by an atomic pointer.

    DATA/generations/<id>/   vectors.faiss, bm25/, catalog.sqlite, person_vectors.npy (+ ids), manifest.json
    DATA/CURRENT             the id of the generation being served
    DATA/cache/              the embedding cache (shared across generations)
    DATA/reports/            the last job reports

A generation is built in a temporary folder, fsynced, renamed into place, and
only then does CURRENT change, by renaming a new file over it. Readers
therefore see the old generation or the new one, never half of one. Ids
start with the build time (UTC), so sorting them sorts generations by age;
rollback switches CURRENT to the newest generation older than the current one.
"""

from __future__ import annotations

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


class IndexMissing(KBError):
    """No usable generation in this data folder; the message says how to build one."""


@dataclass(frozen=True)
class Layout:
    data: Path

    @property
    def generations(self) -> Path:
        return self.data / "generations"

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


def current_generation_id(layout: Layout) -> str | None:
    try:
        gen_id = layout.pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not gen_id or "/" in gen_id or gen_id.startswith("."):
        return None
    return gen_id if (layout.generation(gen_id) / MANIFEST_FILE).exists() else None


def current_generation_dir(layout: Layout) -> Path:
    gen_id = current_generation_id(layout)
    if gen_id is None:
        raise IndexMissing(f"no index in {layout.data}: build one with `python -m indexer --data {layout.data}`")
    return layout.generation(gen_id)


def read_manifest(folder: Path) -> dict[str, Any]:
    with open(folder / MANIFEST_FILE, encoding="utf-8") as f:
        manifest: dict[str, Any] = json.load(f)
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise IndexMissing(
            f"index in {folder} has schema {manifest.get('schema_version')}, this version reads "
            f"{SCHEMA_VERSION}: rebuild it with `python -m indexer --full`"
        )
    return manifest


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
    with open(staging / MANIFEST_FILE, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
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
