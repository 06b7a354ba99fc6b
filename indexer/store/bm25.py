"""The lexical index of a generation: BM25 over Swedish stems (bm25s), in `bm25/`.

Passages are tokenised with `indexer.text.tokenize` when the index is built
and queries with the same function when it is searched.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from indexer.text import tokenize

BM25_DIR = "bm25"
# The token of a passage that has no content words: bm25s needs at least one per document.
_EMPTY = "\u2205"


def build_bm25(texts: list[str], folder: Path, k1: float = 1.2, b: float = 0.75) -> None:
    """Index `texts` (one per passage, in row order) and save under `folder`."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    tokens = [tokenize(t) or [_EMPTY] for t in texts]
    retriever = bm25s.BM25(k1=k1, b=b)
    retriever.index(tokens, show_progress=False)
    retriever.save(str(folder), allow_pickle=False)


class BM25Index:
    """A saved BM25 index, read-only; scores every passage for a query."""

    def __init__(self, folder: Path) -> None:
        import bm25s

        self._retriever = bm25s.BM25.load(str(folder), allow_pickle=False, mmap=False)
        self.size = int(self._retriever.scores["num_docs"])

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in tokenize(query) if t in self._retriever.vocab_dict]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)
