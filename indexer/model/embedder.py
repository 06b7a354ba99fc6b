"""The embedder: a sentence-transformers model used with e5's query and passage prompts.

Both sides use it: the indexer embeds passages, the searcher embeds queries,
always with the prompts the model was trained with. Anything with the same
attributes and methods (`TextEmbedder`) can stand in for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from indexer.model.bundled import PROMPTS, load_sentence_transformer

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class PassageEmbedder(Protocol):
    """What the indexer needs from a model: passages sized and embedded."""

    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def count_tokens(self, text: str) -> int: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class TextEmbedder(PassageEmbedder, Protocol):
    """What the indexer and the searcher need from a model: queries embedded too."""

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


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
        return self._encode(texts, PROMPTS["passage"])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, PROMPTS["query"])


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
