"""Embedding: the model behind e5's prompts, and a cache of passage vectors.

The cache is keyed by (model id, hash of the text the model sees), so an
unchanged passage is never embedded twice, across runs and generations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indexer.schema import text_hash

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "


class Embedder:
    """A sentence-transformers model used with e5's query/passage prompts."""

    def __init__(self, model_id: str, model: SentenceTransformer, batch_size: int = 32) -> None:
        self.model_id = model_id
        self.model = model
        self.batch_size = batch_size
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 0)
        self._tokenizer = model.tokenizer

    @classmethod
    def load(cls, setting: str | None, cache_dir: Path) -> Embedder:
        from indexer.model import load_sentence_transformer

        _quiet_model_loading()
        model_id, model = load_sentence_transformer(setting, cache_dir)
        return cls(model_id, model)

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

    def _encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            [prompt + t for t in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, PASSAGE_PROMPT)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, QUERY_PROMPT)


def _quiet_model_loading() -> None:
    """Keep library progress bars out of job logs and JSON output."""
    import os

    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:
        pass


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
    embedder: Embedder, cache: VectorCache | None, texts: Sequence[str]
) -> tuple[np.ndarray, int, int]:
    """Vectors for `texts` in order; returns (vectors, embedded, reused)."""
    hashes = [text_hash(t) for t in texts]
    known = cache.get_many(embedder.model_id, hashes, embedder.dim) if cache else {}
    missing = list(dict.fromkeys(h for h in hashes if h not in known))
    by_hash = {h: t for h, t in zip(hashes, texts, strict=True)}
    if missing:
        new = embedder.embed_passages([by_hash[h] for h in missing])
        fresh = dict(zip(missing, new, strict=True))
        if cache:
            cache.put_many(embedder.model_id, fresh)
        known.update(fresh)
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = known[h]
    return out, len(missing), len(texts) - len(missing)
