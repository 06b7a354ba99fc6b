"""A fake embedding model for plumbing tests: deterministic vectors from the text, no torch.

`FakeEmbedder` has what the indexer and the searcher need from a model
(`indexer.model.embedder.TextEmbedder`). Its vectors are hashed words and
character n-grams folded into 384 dimensions and L2-normalised, so texts that
share words or word parts are near each other and retrieval still roughly
works; nothing about them says anything about the real model's quality. Tokens
are counted by a small `tokenizers` tokenizer (word pieces of at most four
letters), which can also be written as a `tokenizer.json` into a model folder
(`write_fake_model_folder`), so that a job finds it and sizes passages without
"loading" the model, as it does with the real one.

Jobs compare the model id of the embedder with the one the settings name, so a
job with the fake needs `model=FAKE_MODEL_ID` (resolve_settings(model=...),
`--model` or KB_MODEL), or a fake model folder's path for both.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

FAKE_MODEL_ID = "test/fake-embedder"
FAKE_DIM = 384
# e5's prompts: stripped, so a query and a passage with the same words get the same vector
_PROMPTS = ("query: ", "passage: ")
_WORD = re.compile(r"\w+")
_NGRAM = 4


@cache
def fake_tokenizer() -> Tokenizer:
    """Words and punctuation, words cut into pieces of at most four characters; every piece one token."""
    from tokenizers import Regex, Tokenizer, pre_tokenizers
    from tokenizers.models import WordLevel

    tokenizer = Tokenizer(WordLevel({"[UNK]": 0}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Whitespace(), pre_tokenizers.Split(Regex(r"\w{1,4}"), behavior="isolated")]
    )
    return tokenizer


def write_fake_model_folder(folder: Path) -> Path:
    """A model folder holding only the fake's tokenizer.json; its resolved path is the model id."""
    folder.mkdir(parents=True, exist_ok=True)
    fake_tokenizer().save(str(folder / "tokenizer.json"))
    return folder.resolve()


def _features(text: str) -> list[str]:
    for prompt in _PROMPTS:
        if text.startswith(prompt):
            text = text[len(prompt) :]
            break
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    features = [f"w:{w}" for w in words]
    for w in words:
        padded = f"<{w}>"
        features.extend(f"g:{padded[i : i + _NGRAM]}" for i in range(max(1, len(padded) - _NGRAM + 1)))
    return features


def fake_vector(text: str, dim: int = FAKE_DIM) -> np.ndarray:
    """The text's hashed words (weight 2) and character 4-grams (weight 1), signed, L2-normalised."""
    vector = np.zeros(dim, dtype=np.float32)
    for feature in _features(text):
        h = zlib.crc32(feature.encode("utf-8"))
        weight = 2.0 if feature.startswith("w:") else 1.0
        vector[h % dim] += weight if (h >> 16) & 1 else -weight
    norm = float(np.linalg.norm(vector))
    if norm == 0.0:
        vector[0] = 1.0  # no words at all: some unit vector, the same every time
        return vector
    return vector / norm


class FakeEmbedder:
    """A TextEmbedder whose vectors are hashed words; counts how many texts it embedded."""

    def __init__(self, model_id: str = FAKE_MODEL_ID, dim: int = FAKE_DIM) -> None:
        self.model_id = model_id
        self.dim = dim
        self.embedded = 0
        self._tokenizer = fake_tokenizer()

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([fake_vector(t, self.dim) for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)


def no_model() -> FakeEmbedder:
    """An embedder factory for a job that must not load any model."""
    raise AssertionError("this job should not have loaded the model")
