"""Fusing the dense and the lexical ranking into one.

Two methods, measured in bench/RESULTS.md:
- reciprocal rank fusion (RRF): ranks only, robust, needs no tuning beyond k;
- a convex combination of normalised scores: uses how far apart scores are,
  with the weight of the dense side tuned on training data only; normalised
  min-max ("convex") or by z-score over the candidates ("zscore").
"""

from __future__ import annotations

import numpy as np

RRF_K = 60
# Chosen on a mix of tuning halves (lexical SweQUAD-MC training, reworded SQuAD-sv, everyday-words
# paraphrases) by bench/eval_queries.py: z-score normalisation, dense weight 0.5; see bench/RESULTS.md.
DEFAULT_FUSION = "zscore"
DENSE_WEIGHT = 0.5
FUSION_METHODS = ("convex", "zscore", "rrf", "dense", "bm25")


def rrf_scores(rankings: list[np.ndarray], n: int, k: int = RRF_K) -> np.ndarray:
    """Reciprocal rank fusion over rankings of row numbers (best first)."""
    fused = np.zeros(n, dtype=np.float64)
    for ranking in rankings:
        fused[ranking] += 1.0 / (k + 1 + np.arange(len(ranking)))
    return fused


def _minmax(values: np.ndarray) -> np.ndarray:
    lo, hi = float(values.min()), float(values.max())
    if hi - lo < 1e-12:
        return np.ones_like(values) if hi > 0 else np.zeros_like(values)
    return (values - lo) / (hi - lo)


def convex_scores(dense: np.ndarray, lexical: np.ndarray, dense_weight: float = DENSE_WEIGHT) -> np.ndarray:
    """Weighted sum of min-max normalised scores over the same candidate rows."""
    lex = lexical / lexical.max() if lexical.size and lexical.max() > 0 else np.zeros_like(lexical)
    return dense_weight * _minmax(dense) + (1.0 - dense_weight) * lex


def _zscore(values: np.ndarray) -> np.ndarray:
    if values.size < 2:
        return np.zeros_like(values)
    spread = float(values.std())
    return (values - float(values.mean())) / spread if spread > 1e-12 else np.zeros_like(values)


def zscore_scores(dense: np.ndarray, lexical: np.ndarray, dense_weight: float = DENSE_WEIGHT) -> np.ndarray:
    """Weighted sum of z-scored scores over the candidates: each side counts by how far a row stands out."""
    return dense_weight * _zscore(dense) + (1.0 - dense_weight) * _zscore(lexical)


def fuse_rankings(
    candidates: np.ndarray,
    dense: np.ndarray,
    lexical: np.ndarray,
    method: str = DEFAULT_FUSION,
    dense_weight: float = DENSE_WEIGHT,
) -> np.ndarray:
    """Scores for `candidates` (row numbers), given each side's score for those rows."""
    if method == "dense":
        return dense.astype(np.float64)
    if method == "bm25":
        return lexical.astype(np.float64)
    if method == "convex":
        return convex_scores(dense.astype(np.float64), lexical.astype(np.float64), dense_weight)
    if method == "zscore":
        return zscore_scores(dense.astype(np.float64), lexical.astype(np.float64), dense_weight)
    if method == "rrf":
        n = len(candidates)
        dense_order = np.argsort(-dense, kind="stable")
        lex_order = np.argsort(-lexical, kind="stable")
        # Rows a side scored zero are not in its ranking at all.
        lex_order = lex_order[lexical[lex_order] > 0]
        return rrf_scores([dense_order, lex_order], n)
    raise ValueError(f"unknown fusion method {method!r}; choose one of {', '.join(FUSION_METHODS)}")
