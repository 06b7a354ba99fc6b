"""The embedder: a sentence-transformers model used with e5's query and passage prompts.

Both sides use it: the indexer embeds passages, the searcher embeds queries,
always with the prompts the model was trained with. Anything with the same
attributes and methods (`TextEmbedder`) can stand in for it; `load_embedder`
picks between this one and the ONNX encoders (`onnx_embedder`): float32, the
default, and int8.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from indexer.model.bundled import BATCH_SIZE, PROMPTS, ModelError, load_sentence_transformer, resolve_model

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

ENCODERS = ("onnx", "torch", "onnx-int8", "auto")
DEFAULT_ENCODER = "onnx"


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

    def __init__(self, model_id: str, model: SentenceTransformer, batch_size: int = BATCH_SIZE) -> None:
        self.model_id = model_id
        self.model = model
        self.batch_size = batch_size
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 0)
        self._tokenizer = model.tokenizer

    @classmethod
    def load(cls, setting: str | None, cache_dir: Path, encoder: str | None = None) -> TextEmbedder:
        """The configured model on the configured encoder (`load_embedder`): ONNX by default, or this class."""
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
    """The model setting loaded on the encoder `encoder`, else KB_ENCODER, else "onnx".

    - "onnx" (the default) is the model exported to ONNX in float32 and run by
      ONNX Runtime, prepared once into the model cache. Its vectors are the
      model's (cosine >= 0.9999 to sentence-transformers, checked when it is
      prepared), and it embeds a question in about half PyTorch's time here
      and loads without importing torch at all (bench/RESULTS.md, "Encoders").
    - "torch" is sentence-transformers in float32.
    - "onnx-int8" is the ONNX export with int8 weights, its activations
      smoothed and its first and last layers in float32 (`onnx_export`). On
      the retrieval sets it stays within 0.008 nDCG@10 of float32 on questions
      as written (0.010 folded or mistyped), dense and fused, tuning and
      held-back halves, and it indexes 1.89x as fast as
      PyTorch did in batches of 32, but only 1.29x as fast as this default
      now that every encoder runs batches of 8; SweQUAD-MC dev would fall
      from 0.976 to 0.970 (bench/RESULTS.md "Encoders", "int8 quality"). So it
      is opt-in here.
    - "auto" takes int8 when its set-up measured it at least 1.8x as fast as
      PyTorch (both in batches of 8) on this machine, with vectors agreeing at
      mean cosine >= 0.99, else "onnx". Here it measures 1.5-1.6x; a CPU with
      int8 dot-product instructions (VNNI) gains more.

    All report the same model id: at that agreement an index built by one is
    searched as well by another, and "auto" decides per machine, so a distinct
    id would make an index built on one machine unusable on another.

    Asked for by name, an ONNX encoder that cannot be had (a hub model, no
    onnxruntime, an export that disagrees) is an error; as the default or
    under "auto", the next one down is used, with a warning: int8, then
    float32 ONNX, then torch.
    """
    named = encoder or os.environ.get("KB_ENCODER")
    choice = (named or DEFAULT_ENCODER).strip().lower()
    if choice not in ENCODERS:
        raise ModelError(f"Unknown encoder {choice!r} (KB_ENCODER); use one of: {', '.join(ENCODERS)}.")
    strict = bool(named) and choice != "auto"
    if choice == "torch":
        return Embedder.load_torch(setting, cache_dir)
    model_id, location = resolve_model(setting, cache_dir)
    folder = Path(location)
    if not folder.is_dir():
        if strict:
            raise ModelError(f"The ONNX encoders need a local model folder, not the hub id {location!r}.")
        return Embedder.load_torch(setting, cache_dir)
    try:
        return _load_onnx(model_id, folder, cache_dir, choice)
    except (ModelError, ImportError) as exc:
        if strict:
            raise
        logger.warning("The ONNX encoder is not available (%s); using torch.", exc)
        return Embedder.load_torch(setting, cache_dir)


def _load_onnx(model_id: str, folder: Path, cache_dir: Path, choice: str) -> TextEmbedder:
    """The ONNX encoder `choice` ("onnx", "onnx-int8" or "auto") for a local model folder."""
    from indexer.model.onnx_embedder import OnnxEmbedder
    from indexer.model.onnx_export import (
        FLOAT_FILE,
        INT8_FILE,
        REQUIRED_FLOAT_AGREEMENT,
        prepare_onnx_float,
        prepare_onnx_int8,
        read_measurement,
    )

    _quiet_model_loading()
    if choice == "onnx-int8":
        return OnnxEmbedder(model_id, folder, prepare_onnx_int8(folder, cache_dir) / INT8_FILE)
    if choice == "auto":
        try:
            export = prepare_onnx_int8(folder, cache_dir)
            if read_measurement(export).preferred:
                return OnnxEmbedder(model_id, folder, export / INT8_FILE)
        except ModelError as exc:
            logger.warning("The int8 encoder is not available (%s); trying the float32 one.", exc)
    export = prepare_onnx_float(folder, cache_dir)
    measurement = read_measurement(export)
    if not measurement.exact:
        raise ModelError(
            f"the float32 ONNX export in {export} does not reproduce the model "
            f"(lowest cosine {measurement.min_cosine} < {REQUIRED_FLOAT_AGREEMENT}); set KB_ENCODER=torch"
        )
    return OnnxEmbedder(model_id, folder, export / FLOAT_FILE)


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
