"""The embed stage of a job: vectors for passages, from the cache or from the model.

The cache is keyed by (model id, hash of the text the model sees), so an
unchanged passage is never embedded twice, across runs and generations. The
model itself is loaded only when something is missing from the cache.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indexer.model.embedder import PassageEmbedder, TextEmbedder
from indexer.text import text_hash

if TYPE_CHECKING:
    from tokenizers import Tokenizer

log = logging.getLogger("indexer")

# In the data folder's cache: passage vectors by (model id, text hash), shared by every generation.
VECTOR_CACHE_FILE = "vectors.sqlite"


class LazyEmbedder:
    """A TextEmbedder loaded on first use.

    Loading the model costs seconds, more than a whole reindex where nothing
    or little changed; a job that has nothing to embed never loads it. The
    model id comes from the settings, the dimension from the current
    generation's manifest when it was built with the same model. Counting
    tokens to size passages needs only the tokenizer: when the model is a
    local folder with a `tokenizer.json`, that file alone is loaded for it
    (the same tokenizer the model uses, in a fraction of the time), so a
    renamed file, whose passages are all cached, is chunked without the model.
    """

    def __init__(
        self,
        factory: Callable[[], TextEmbedder],
        model_id: str,
        dim: int | None = None,
        tokenizer_file: Callable[[], Path | None] | None = None,
    ) -> None:
        self._factory = factory
        self._embedder: TextEmbedder | None = None
        self._model_id = model_id
        self._dim = dim
        self._tokenizer_file = tokenizer_file
        self._tokenizer: Tokenizer | None = None
        self.load_seconds = 0.0  # how long loading the model took, when it was loaded

    @property
    def loaded(self) -> bool:
        return self._embedder is not None

    def get(self) -> TextEmbedder:
        if self._embedder is None:
            started = time.monotonic()
            log.info("loading the model %s", self._model_id)
            embedder = self._factory()
            self.load_seconds = time.monotonic() - started
            log.info("model loaded in %.1f s", self.load_seconds)
            if embedder.model_id != self._model_id:
                raise RuntimeError(
                    f"the model loaded is {embedder.model_id!r} but the settings name {self._model_id!r}"
                )
            self._embedder, self._dim = embedder, embedder.dim
        return self._embedder

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dim(self) -> int:
        return self._dim if self._dim is not None else self.get().dim

    def count_tokens(self, text: str) -> int:
        if self._embedder is None and self._tokenizer_file is not None:
            path, self._tokenizer_file = self._tokenizer_file(), None
            if path is not None and path.is_file():
                from tokenizers import Tokenizer

                self._tokenizer = Tokenizer.from_file(str(path))
                self._tokenizer.no_truncation()
                self._tokenizer.no_padding()
        if self._embedder is None and self._tokenizer is not None:
            return len(self._tokenizer.encode(text, add_special_tokens=False).ids)
        return self.get().count_tokens(text)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.get().embed_passages(texts)


class VectorCache:
    """Passage vectors by (model id, text hash), in a SQLite file.

    Only a cache: a file SQLite finds damaged ("file is not a database",
    "database disk image is malformed") is set aside beside it, renamed with
    a `.damaged-<time>` suffix for whoever wants to look, and an empty cache
    takes its place; the vectors it held are embedded again. `set_aside`
    says what was set aside and why, for the job's report.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.set_aside: list[str] = []
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            self._db = self._set_aside(exc)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=30)
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors ("
                " model_id TEXT NOT NULL, text_hash TEXT NOT NULL, dim INTEGER NOT NULL,"
                " vector BLOB NOT NULL, PRIMARY KEY (model_id, text_hash))"
            )
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Rename the damaged file (closed) out of the way and connect to a new, empty cache."""
        suffix = ".damaged-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        # SQLite's journal files go with it: a new cache must not take a stale journal for its own.
        for name in (self.path.name, *(self.path.name + s for s in ("-journal", "-wal", "-shm"))):
            old = self.path.with_name(name)
            if old.exists():
                old.rename(old.with_name(name + suffix))
        note = (
            f"the embedding cache {self.path} is damaged ({exc}): set aside as {self.path.name}{suffix} "
            "and started again empty; its vectors are embedded again"
        )
        log.warning("%s", note)
        self.set_aside.append(note)
        return self._connect()

    def get_many(self, model_id: str, hashes: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        try:
            return self._get_many(model_id, hashes, dim)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            self._db.close()
            self._db = self._set_aside(exc)
            return {}

    def _get_many(self, model_id: str, hashes: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(hashes))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT text_hash, dim, vector FROM vectors WHERE model_id = ? AND text_hash IN ({marks})",
                [model_id, *chunk],
            )
            for h, d, blob in rows:
                if d == dim and len(blob) == 4 * dim:
                    found[h] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        rows = [(model_id, h, int(v.shape[0]), v.astype(np.float32).tobytes()) for h, v in items.items()]
        sql = "INSERT OR REPLACE INTO vectors (model_id, text_hash, dim, vector) VALUES (?, ?, ?, ?)"
        try:
            self._db.executemany(sql, rows)
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            self._db.close()
            self._db = self._set_aside(exc)
            self._db.executemany(sql, rows)
            self._db.commit()

    def close(self) -> None:
        self._db.close()


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """SQLite found the file damaged; a locked, full or unwritable cache is not damaged and stops the job."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def embed_with_cache(
    embedder: PassageEmbedder,
    cache: VectorCache | None,
    texts: Sequence[str],
    *,
    read_cache: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
    batch_size: int = 64,
) -> tuple[np.ndarray, int, int]:
    """Vectors for `texts` in order; returns (vectors, embedded, reused).

    New vectors go into the cache a batch at a time, so a job killed while
    embedding keeps what it had done for the next run. `read_cache=False`
    (`--no-cache`) embeds every text again and replaces its cached vector.
    `on_progress(done, total)` is told how many of the missing texts are embedded,
    first with done=0, then after each batch.
    """
    hashes = [text_hash(t) for t in texts]
    known = cache.get_many(embedder.model_id, hashes, embedder.dim) if cache and read_cache else {}
    missing = list(dict.fromkeys(h for h in hashes if h not in known))
    by_hash = {h: t for h, t in zip(hashes, texts, strict=True)}
    # Batches of similar length waste the least work on padding.
    missing.sort(key=lambda h: len(by_hash[h]), reverse=True)
    if on_progress:
        on_progress(0, len(missing))
    for start in range(0, len(missing), batch_size):
        part = missing[start : start + batch_size]
        fresh = dict(zip(part, embedder.embed_passages([by_hash[h] for h in part]), strict=True))
        if cache:
            cache.put_many(embedder.model_id, fresh)
        known.update(fresh)
        if on_progress:
            on_progress(start + len(part), len(missing))
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = known[h]
    return out, len(missing), len(texts) - len(missing)
