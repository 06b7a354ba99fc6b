import numpy as np
import pytest

from search.fusion import fuse_rankings, rrf_scores


def test_rrf_rewards_agreement() -> None:
    scores = rrf_scores([np.array([0, 1, 2]), np.array([1, 0, 3])], 4)
    assert scores[0] == scores[1] > scores[2] > 0
    assert scores[3] > 0


def test_convex_uses_both_sides() -> None:
    rows = np.arange(3)
    dense = np.array([0.90, 0.80, 0.70])
    lexical = np.array([0.0, 10.0, 2.0])
    fused = fuse_rankings(rows, dense, lexical, "convex", dense_weight=0.5)
    assert int(np.argmax(fused)) == 1
    only_dense = fuse_rankings(rows, dense, lexical, "convex", dense_weight=1.0)
    assert int(np.argmax(only_dense)) == 0


def test_rrf_ignores_rows_without_lexical_match() -> None:
    rows = np.arange(3)
    fused = fuse_rankings(rows, np.array([0.1, 0.2, 0.3]), np.array([0.0, 0.0, 0.0]), "rrf")
    assert list(np.argsort(-fused)) == [2, 1, 0]


def test_unknown_method() -> None:
    with pytest.raises(ValueError, match="unknown fusion"):
        fuse_rankings(np.arange(1), np.ones(1), np.ones(1), "magic")


def test_zscore_fusion_weighs_how_far_a_row_stands_out_on_each_side() -> None:
    rows = np.arange(4)
    dense = np.array([0.80, 0.82, 0.79, 0.80])
    lexical = np.array([0.0, 2.0, 9.0, 1.0])
    fused = fuse_rankings(rows, dense, lexical, "zscore", dense_weight=0.5)
    z_dense = (dense - dense.mean()) / dense.std()
    z_lexical = (lexical - lexical.mean()) / lexical.std()
    assert np.allclose(fused, 0.5 * z_dense + 0.5 * z_lexical)
    assert int(np.argmax(fused)) == 1  # strong on both sides beats an outlier on one
    assert int(np.argmax(fuse_rankings(rows, dense, lexical, "zscore", dense_weight=0.0))) == 2
    flat = fuse_rankings(rows, np.full(4, 0.5), np.zeros(4), "zscore", dense_weight=0.5)
    assert np.all(flat == 0)  # nothing stands out: no division by zero
