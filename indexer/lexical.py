"""The lexical side: Swedish tokenisation and a BM25 index (bm25s).

Tokens are lower-cased words, stemmed with Snowball's Swedish stemmer, minus
stop words. The same `tokenize` serves indexing and queries, so both sides
agree on what a term is.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

_WORD = re.compile(r"\w+(?:[-–]\w+)*", re.UNICODE)
BM25_DIR = "bm25"


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("swedish")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_SWEDISH

    return frozenset(STOPWORDS_SWEDISH)


def words(text: str) -> list[str]:
    """Lower-cased words, hyphenated compounds split into their parts too."""
    text = unicodedata.normalize("NFC", text).lower()
    out: list[str] = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        parts = re.split(r"[-–]", word)
        out.extend(p for p in parts if p)
    return out


def tokenize(text: str) -> list[str]:
    """Stemmed content words of `text`, for BM25."""
    stop = stopwords()
    kept = [w for w in words(text) if w not in stop and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(kept) if kept else []


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def build_bm25(texts: list[str], folder: Path, k1: float = 1.2, b: float = 0.75) -> None:
    """Index `texts` (one per passage, in row order) and save under `folder`."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    tokens = [tokenize(t) or ["\u2205"] for t in texts]
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
