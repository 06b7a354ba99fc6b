"""Is a generation on disk still what was sealed? Cheap checks for opening it, full ones for operators.

A generation's manifest records the size and sha256 of each of its files
(`indexer.store.layout.file_records`). Opening a generation checks what
costs nothing (every recorded file there, at its recorded size); `indexer
status` and every reindex job also compare checksums, so damage that keeps a
file's size (bytes overwritten in place) is found before anyone trusts it.
A generation sealed before sizes and checksums were recorded is checked for
its parts only.

A part that fails to load although its size is right (`loading`) is named
by its checksums where the manifest has them, else by the part itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from indexer.store.bm25 import BM25_DIR
from indexer.store.catalog import CATALOG_FILE
from indexer.store.layout import FILES_KEY, VECTORS_FILE, GenerationDamaged, file_sha256

# What a generation loaded from disk raises for a file it cannot read: FAISS a
# RuntimeError, bm25s and numpy a ValueError (bad JSON or array), SQLite a DatabaseError.
LOAD_ERRORS = (OSError, RuntimeError, ValueError, KeyError, sqlite3.DatabaseError)


def _records(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The manifest's file records; for a generation sealed without them, its parts without sizes."""
    records = manifest.get(FILES_KEY)
    if isinstance(records, dict):
        return records
    parts = [VECTORS_FILE, CATALOG_FILE]
    if (manifest.get("counts") or {}).get("passages"):
        parts.append(BM25_DIR)  # an empty generation has no lexical index
    return {name: {} for name in parts}


def damaged_files(folder: Path, manifest: dict[str, Any], *, checksums: bool) -> list[GenerationDamaged]:
    """Every file of the generation in `folder` that is missing, of another size or (with `checksums`)
    of other content than when it was sealed; a missing folder (bm25/) is named once."""
    found: list[GenerationDamaged] = []
    missing_parts: set[str] = set()
    for name, record in sorted(_records(manifest).items()):
        part = name.split("/", 1)[0]
        if part in missing_parts:
            continue
        if not (folder / part).exists():
            missing_parts.add(part)
            found.append(GenerationDamaged(folder / part, "missing"))
            continue
        path = folder / name
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            found.append(GenerationDamaged(path, "missing"))
            continue
        if record.get("size") is not None and size != record["size"]:
            found.append(GenerationDamaged(path, f"damaged (size {size}, expected {record['size']})"))
        elif checksums and record.get("sha256") and file_sha256(path) != record["sha256"]:
            found.append(GenerationDamaged(path, "damaged (its content differs from the checksum taken when sealed)"))
    return found


def has_checksum(manifest: dict[str, Any], name: str) -> bool:
    """Whether the manifest records the checksum of the generation's file `name`."""
    return bool(_records(manifest).get(name, {}).get("sha256"))


def check_files(folder: Path, manifest: dict[str, Any], *, checksums: bool) -> None:
    """Raise GenerationDamaged for the first damaged file of the generation (see `damaged_files`)."""
    found = damaged_files(folder, manifest, checksums=checksums)
    if found:
        raise found[0]


@contextmanager
def loading(folder: Path, manifest: dict[str, Any], part: str) -> Iterator[None]:
    """Turn a failure to load `part` (a file or bm25/) into GenerationDamaged naming the file to blame."""
    try:
        yield
    except LOAD_ERRORS as exc:
        part_records = {k: v for k, v in _records(manifest).items() if k == part or k.startswith(part + "/")}
        check_files(folder, {FILES_KEY: part_records}, checksums=True)
        raise GenerationDamaged(folder / part, f"damaged ({type(exc).__name__}: {exc})".replace("\n", " ")) from exc
