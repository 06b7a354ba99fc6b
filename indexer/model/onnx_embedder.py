"""The embedder on ONNX Runtime: the exported transformer, pooled and normalised in numpy.

A stand-in for `Embedder` (the same `TextEmbedder` surface and e5 prompts)
that runs a transformer exported by `onnx_export`: float32 as exported, or
its int8 quantisation. Texts are tokenised once with the model folder's own
`tokenizer.json`, then run in batches of similar length so little work goes
to padding; the vectors come back in the order the texts were given.

One tokenizer serves both counting and embedding (the XLM-R vocabulary
costs about 290 MB and 0.7 s to load), so it never truncates by itself: a
text longer than the model takes is cut here, before the special tokens are
added, which is what the tokenizer's own truncation does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indexer.model.bundled import BATCH_SIZE, PROMPTS, ModelError

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices of the texts in batches of similar length, shortest first.

    Every index appears exactly once; the caller puts each batch's results
    back at these indices, so the order the texts were given is kept.
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def pad_batch(ids: Sequence[Sequence[int]], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    """(input_ids, attention_mask) for one batch, padded on the right to its longest text."""
    width = max((len(row) for row in ids), default=0)
    input_ids = np.full((len(ids), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for row, token_ids in enumerate(ids):
        input_ids[row, : len(token_ids)] = token_ids
        mask[row, : len(token_ids)] = 1
    return input_ids, mask


def mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors a text really has, scaled to unit length.

    What the prepared folder's Pooling (mean tokens) and Normalize modules do.
    """
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    pooled = summed / np.maximum(weights.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def load_tokenizer(model_folder: Path) -> Tokenizer:
    """The model folder's tokenizer, neither padding nor truncating."""
    from tokenizers import Tokenizer

    path = model_folder / "tokenizer.json"
    if not path.is_file():
        raise ModelError(f"{model_folder} has no tokenizer.json; the ONNX encoder needs the fast tokenizer file.")
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def token_ids(tokenizer: Tokenizer, texts: Sequence[str], max_length: int) -> list[list[int]]:
    """Each text's token ids as the model takes them: at most `max_length`, special tokens included."""
    room = max_length - tokenizer.num_special_tokens_to_add(False)
    rows = []
    for encoding in tokenizer.encode_batch(list(texts), add_special_tokens=False):
        if len(encoding.ids) > room:
            encoding.truncate(room)
        rows.append(tokenizer.post_process(encoding).ids)
    return rows


def read_folder_settings(model_folder: Path) -> tuple[int, int, int]:
    """(dimension, max sequence length, padding id) from a sentence-transformers folder."""
    try:
        config = json.loads((model_folder / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((model_folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{model_folder} is not a complete sentence-transformers folder: {exc}") from exc
    return int(config["hidden_size"]), int(st_config["max_seq_length"]), int(config.get("pad_token_id", 1))


class OnnxEmbedder:
    """A transformer exported to ONNX, with e5's prompts, mean pooling and normalisation.

    `model_id` is the id of the model it was exported from: see
    `indexer.model.embedder.load_embedder` for why the vectors count as that model's.
    """

    def __init__(self, model_id: str, model_folder: Path, onnx_file: Path, batch_size: int = BATCH_SIZE) -> None:
        self.model_id = model_id
        self.onnx_file = onnx_file
        self.batch_size = batch_size
        self.dim, self._max_length, self._pad_id = read_folder_settings(model_folder)
        self._tokenizer = load_tokenizer(model_folder)
        self._session = _open_session(onnx_file)

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def _encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        ids = token_ids(self._tokenizer, [prompt + t for t in texts], self._max_length)
        for batch in length_sorted_batches([len(row) for row in ids], self.batch_size):
            input_ids, mask = pad_batch([ids[i] for i in batch], self._pad_id)
            (hidden,) = self._session.run(None, {"input_ids": input_ids, "attention_mask": mask})
            out[batch] = mean_pool_normalise(hidden, mask)
        return out

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, PROMPTS["passage"])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, PROMPTS["query"])


def _open_session(onnx_file: Path) -> onnxruntime.InferenceSession:
    try:
        import onnxruntime
    except ImportError as exc:
        raise ModelError(
            "The ONNX encoder needs onnxruntime: `pip install onnxruntime`, or set KB_ENCODER=torch."
        ) from exc
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3  # warnings about unused initialisers are noise in job logs
    return onnxruntime.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
