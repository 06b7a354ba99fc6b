"""Damage to a data folder as disks and people do it, for the damage tests and `bench/damage.py`.

Each case changes a copy of a data folder in place: bytes overwritten (as
`dd conv=notrunc` does), files truncated, emptied or deleted, a folder
removed, garbage written where JSON or a generation id belongs. `blames`
is the path, relative to the data folder, that a good error message names
(`G` standing for the current generation's folder).
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from indexer.store.layout import Layout, read_pointer


def current_folder(data: Path) -> Path:
    layout = Layout(data)
    gen_id = read_pointer(layout)
    assert gen_id is not None, f"no generation in {data}"
    return layout.generation(gen_id)


def overwrite(path: Path, offset: int, length: int, seed: int = 12) -> None:
    """Random bytes over `length` bytes from `offset`, the file's size unchanged."""
    size = path.stat().st_size
    length = max(0, min(length, size - offset))
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(random.Random(seed).randbytes(length))


def truncate(path: Path, fraction: float) -> None:
    """Cut the file to `fraction` of its size (0: emptied)."""
    with open(path, "r+b") as f:
        f.truncate(int(path.stat().st_size * fraction))


def garble(path: Path) -> None:
    """Text that is neither JSON nor anything else, as long as the file was (so sizes still match)."""
    size = path.stat().st_size
    path.write_bytes((b"\x00{garbage: not what was written}\n" * (size // 32 + 1))[:size])


@dataclass(frozen=True)
class Damage:
    case: str  # the case as the issue and the table name it
    blames: str  # the path a good message names, relative to the data folder; G is the current generation
    apply: Callable[[Path], None]  # damages the data folder given


GENERATION_DAMAGE = (
    Damage(
        "catalogue overwritten (40 KB of random bytes at 4 KB, size unchanged)",
        "G/catalog.sqlite",
        lambda data: overwrite(current_folder(data) / "catalog.sqlite", 4096, 40960),
    ),
    Damage(
        "catalogue truncated to half",
        "G/catalog.sqlite",
        lambda data: truncate(current_folder(data) / "catalog.sqlite", 0.5),
    ),
    Damage("catalogue deleted", "G/catalog.sqlite", lambda data: (current_folder(data) / "catalog.sqlite").unlink()),
    Damage(
        "vector file truncated to half",
        "G/vectors.faiss",
        lambda data: truncate(current_folder(data) / "vectors.faiss", 0.5),
    ),
    Damage("vector file emptied", "G/vectors.faiss", lambda data: truncate(current_folder(data) / "vectors.faiss", 0)),
    Damage(
        "BM25 vocabulary garbage (size unchanged)",
        "G/bm25/vocab.index.json",
        lambda data: garble(current_folder(data) / "bm25" / "vocab.index.json"),
    ),
    Damage("BM25 folder missing", "G/bm25", lambda data: shutil.rmtree(current_folder(data) / "bm25")),
    Damage("manifest.json garbage", "G/manifest.json", lambda data: garble(current_folder(data) / "manifest.json")),
    Damage("CURRENT not UTF-8", "CURRENT", lambda data: (data / "CURRENT").write_bytes(b"\xff\xfe2024\x00\n")),
)


def blamed_path(damage: Damage, data: Path, gen_folder: Path) -> Path:
    """The path a message about `damage` must name, in the data folder `data`."""
    return gen_folder / damage.blames[2:] if damage.blames.startswith("G/") else data / damage.blames


def corrupt_cache(data: Path) -> Path:
    """The embedding cache overwritten with bytes SQLite does not recognise ("file is not a database")."""
    path = data / "cache" / "vectors.sqlite"
    overwrite(path, 0, 4096)
    return path
