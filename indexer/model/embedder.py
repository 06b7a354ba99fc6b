"""The embedder: a sentence-transformers model used with e5's query and passage prompts.

Both sides use it: the indexer embeds passages, the searcher embeds queries,
always with the prompts the model was trained with. Anything with the same
attributes and methods (`TextEmbedder`) can stand in for it; `load_embedder`
picks between this one and the int8 ONNX encoder (`onnx_embedder`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from indexer.model.bundled import PROMPTS, ModelError, load_sentence_transformer, resolve_model

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

ENCODERS = ("auto", "torch", "onnx-int8")


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
    def load(cls, setting: str | None, cache_dir: Path, encoder: str | None = None) -> TextEmbedder:
        """The configured model on the configured encoder (`load_embedder`): this class or the int8 one."""
        return load_embedder(setting, cache_dir, encoder)

    @classmethod
    def load_torch(cls, setting: str | None, cache_dir: Path) -> Embedder:
        """The configured model on sentence-transformers (PyTorch, float32)."""
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


def load_embedder(setting: str | None, cache_dir: Path, encoder: str | None = None) -> TextEmbedder:
    """The model setting loaded on the encoder `encoder`, else KB_ENCODER, else "torch".

    "torch" is sentence-transformers in float32. "onnx-int8" is the same model
    exported to ONNX with int8 weights (prepared once into the model cache).
    "auto" takes the int8 encoder when its set-up measured it at least 1.8x
    faster on this machine with vectors agreeing at mean cosine >= 0.99, and
    torch otherwise (also for a hub model or when onnxruntime is missing).

    Both report the same model id: at that agreement an index built by one is
    searched as well by the other (bench/bench_encoder.py: nDCG@10 on the
    paraphrase questions), and "auto" decides per machine, so a distinct id
    would make an index built on one machine unusable on another.

    The default is "torch": measured on this kind of machine the int8 encoder
    is about 3x faster, and on the held-back question sets the fused search
    moves by at most 0.008 nDCG@10, but dense retrieval alone loses up to 0.022,
    more than the 0.01 the project allows, and SweQUAD-MC dev falls below its
    target (bench/RESULTS.md), so it is opt-in (KB_ENCODER=onnx-int8 or auto).
    """
    choice = (encoder or os.environ.get("KB_ENCODER") or "torch").strip().lower()
    if choice not in ENCODERS:
        raise ModelError(f"Unknown encoder {choice!r} (KB_ENCODER); use one of: {', '.join(ENCODERS)}.")
    if choice == "torch":
        return Embedder.load_torch(setting, cache_dir)
    model_id, location = resolve_model(setting, cache_dir)
    folder = Path(location)
    if not folder.is_dir():
        if choice == "onnx-int8":
            raise ModelError(f"The int8 encoder needs a local model folder, not the hub id {location!r}.")
        return Embedder.load_torch(setting, cache_dir)
    from indexer.model.onnx_embedder import OnnxEmbedder
    from indexer.model.onnx_export import INT8_FILE, prepare_onnx_int8, read_measurement

    try:
        _quiet_model_loading()
        export = prepare_onnx_int8(folder, cache_dir)
        if choice == "auto" and not read_measurement(export).preferred:
            return Embedder.load_torch(setting, cache_dir)
        return OnnxEmbedder(model_id, folder, export / INT8_FILE)
    except (ModelError, ImportError) as exc:
        if choice == "onnx-int8":
            raise
        logger.warning("The int8 encoder is not available (%s); using torch.", exc)
        return Embedder.load_torch(setting, cache_dir)


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
