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
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indexer.model.embedder import PassageEmbedder, TextEmbedder
from indexer.text import text_hash

if TYPE_CHECKING:
    from tokenizers import Tokenizer

log = logging.getLogger("indexer")


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
    """Passage vectors by (model id, text hash), in a SQLite file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=30)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors ("
            " model_id TEXT NOT NULL, text_hash TEXT NOT NULL, dim INTEGER NOT NULL,"
            " vector BLOB NOT NULL, PRIMARY KEY (model_id, text_hash))"
        )
        self._db.commit()

    def get_many(self, model_id: str, hashes: Sequence[str], dim: int) -> dict[str, np.ndarray]:
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
        self._db.executemany(
            "INSERT OR REPLACE INTO vectors (model_id, text_hash, dim, vector) VALUES (?, ?, ?, ?)",
            [(model_id, h, int(v.shape[0]), v.astype(np.float32).tobytes()) for h, v in items.items()],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


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
