"""The passage vectors of a generation: a FAISS index chosen by size, and the exact vectors beside it.

Up to `EXACT_LIMIT` passages the index is exact (`IndexFlatIP`): a scan of
every vector is fast enough, and rescoring reads the index's own storage.
Above it the index is approximate, an inverted file with product-quantised
codes (`IndexIVFPQ`): a query scans `nprobe` of its `nlist` lists, and the
candidates it finds are rescored from the exact float32 vectors in
`vectors.npy`, memory-mapped, so that only the candidates' pages are read and
no second copy of all vectors is ever held in memory. The parameters come
from `bench/scale.py` (recall@10 against exact search ≥ 0.97 on this
machine) and are recorded in the manifest under "index", which is what the
searcher reads back.

A selective filter (few passages allowed) is answered exactly over the
allowed rows instead: the inverted lists a query probes may hold too few of
them to fill the cut.

The person mention vectors (`indexer.store.person_vectors`) are indexed by
the same choice, written and read here under their own file names.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from indexer.store.layout import VECTORS_FILE
from indexer.store.rows import load_mapped

EXACT_VECTORS_FILE = "vectors.npy"
# Exact search up to this many passages. A flat scan of 50,000 × 384 floats takes about 5 ms on two
# cores; at 100,000 it took 10 ms where the inverted file took 2.7 ms at recall@10 0.999 (bench/scale.py).
EXACT_LIMIT = 50_000
# Product quantiser: bytes per vector (384 / 48 = 8 dimensions per byte-code).
PQ_BYTES = 48
# Lists probed per query, and how many candidates the codes give per one kept after exact rescoring.
NPROBE = 64
REFINE = 4
# Fewer allowed rows than this: exact search over them (a gather and a dot product) rather than the lists.
EXACT_SUBSET = 50_000


APPROXIMATE = ("ivf_sq8", "ivf_pq")


def choose_index(n: int, dimension: int, kind: str | None = None, exact_limit: int = EXACT_LIMIT) -> dict[str, Any]:
    """The index for `n` vectors, as the manifest records it; `kind` forces an approximate one.

    The default above the limit is an inverted file of 8-bit scalar-quantised
    vectors (a byte per dimension): product quantisation (`ivf_pq`, 48 bytes
    a vector) is 8× smaller but could not tell near-duplicate passages apart
    well enough to reach recall@10 0.97 against exact search (bench/scale.py).
    """
    if kind is None and n <= exact_limit:
        return {"type": "flat"}
    kind = kind or APPROXIMATE[0]
    nlist = 1 << round(math.log2(4 * math.sqrt(max(n, 1))))
    if kind == "ivf_sq8":
        return {"type": kind, "nlist": nlist, "nprobe": NPROBE, "refine": REFINE}
    if kind == "ivf_pq":
        m = PQ_BYTES if dimension % PQ_BYTES == 0 else next(b for b in (32, 24, 16, 8, 4, 2, 1) if dimension % b == 0)
        return {"type": kind, "nlist": nlist, "pq_bytes": m, "nprobe": NPROBE, "refine": REFINE}
    raise ValueError(f"unknown index type {kind!r}")


def write_vectors(
    folder: Path,
    vectors: np.ndarray,
    dimension: int,
    spec: dict[str, Any] | None = None,
    index_file: str = VECTORS_FILE,
    exact_file: str | None = EXACT_VECTORS_FILE,
) -> dict[str, Any]:
    """Write the index (and for an approximate one the exact vectors); returns the manifest's entry for it.

    `exact_file` None: the caller keeps the exact vectors itself, row for row
    (the person vectors, `indexer.store.person_vectors`).
    """
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dimension)
    spec = dict(spec or choose_index(len(vectors), dimension))
    index: Any
    if spec["type"] == "flat":
        index = faiss.IndexFlatIP(dimension)
        if len(vectors):
            index.add(vectors)
    elif spec["type"] in APPROXIMATE:
        quantiser = faiss.IndexFlatIP(dimension)
        if spec["type"] == "ivf_sq8":
            index = faiss.IndexIVFScalarQuantizer(
                quantiser, dimension, spec["nlist"], faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
            )
        else:
            index = faiss.IndexIVFPQ(
                quantiser, dimension, spec["nlist"], spec["pq_bytes"], 8, faiss.METRIC_INNER_PRODUCT
            )
        # k-means needs a few dozen points per list, not all of them.
        sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), 64 * spec["nlist"]), replace=False)
        index.train(vectors[np.sort(sample)])
        index.add(vectors)
        if exact_file is not None:
            with open(folder / exact_file, "wb") as f:
                np.save(f, vectors, allow_pickle=False)
    else:
        raise ValueError(f"unknown index type {spec['type']!r}")
    faiss.write_index(index, str(folder / index_file))
    return spec


def exact_scores(vectors: np.ndarray, rows: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Inner products of `rows` of `vectors` (sorted or not; memory-mapped or not) with the query."""
    rows = np.asarray(rows, dtype=np.int64)
    if rows.size == 0:
        return np.zeros(0, np.float32)
    order = np.argsort(rows)
    out = np.empty(rows.size, np.float32)
    # Rows in order: a memory-mapped file is read front to back.
    out[order] = np.asarray(vectors[rows[order]], dtype=np.float32) @ np.asarray(vector, dtype=np.float32)
    return out


class VectorIndex:
    """A generation's passage vectors (or, by file names, another set), opened read-only: top rows for a
    query, exact scores for rows."""

    def __init__(
        self,
        folder: Path,
        spec: dict[str, Any] | None,
        dimension: int,
        index_file: str = VECTORS_FILE,
        exact_file: str = EXACT_VECTORS_FILE,
    ) -> None:
        import faiss

        # Generations written before the choice was recorded are flat.
        self.spec = dict(spec or {"type": "flat"})
        self.dimension = dimension
        self.index: Any
        if self.spec["type"] == "flat":
            self.index = faiss.read_index(str(folder / index_file))
            self.size = int(self.index.ntotal)
            # A view of the index's own storage, not a copy: valid only while this object holds the index.
            self.exact = (
                faiss.rev_swig_ptr(self.index.get_xb(), self.size * dimension).reshape(self.size, dimension)
                if self.size
                else np.zeros((0, dimension), np.float32)
            )
        else:
            self.index = faiss.read_index(str(folder / index_file), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
            self.size = int(self.index.ntotal)
            self.exact = load_mapped(folder / exact_file)
            if self.exact.shape != (self.size, dimension):
                raise ValueError(f"{folder / exact_file} holds {self.exact.shape}, the index {self.size} vectors")

    def scores(self, rows: np.ndarray, vector: np.ndarray) -> np.ndarray:
        """Exact inner products of `rows` (sorted or not) with the query."""
        return exact_scores(self.exact, rows, vector)

    def search(self, vector: np.ndarray, n: int, mask: np.ndarray | None = None) -> np.ndarray:
        """The best `n` rows for the query among those `mask` allows (all when None), best first."""
        import faiss

        n = min(n, self.size)
        if n <= 0:
            return np.zeros(0, np.int64)
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        approximate = self.spec["type"] != "flat"
        allowed = None
        if mask is not None:
            allowed = np.flatnonzero(mask)
            if allowed.size == 0:
                return np.zeros(0, np.int64)
            if approximate and allowed.size <= EXACT_SUBSET:
                return self._exact_subset(allowed, query[0], n)
        fetch = min(self.size, n * int(self.spec.get("refine", 1))) if approximate else n
        params: Any = faiss.SearchParametersIVF() if approximate else faiss.SearchParameters()
        if approximate:
            params.nprobe = int(self.spec.get("nprobe", NPROBE))
        selector = None
        if mask is not None:
            # FAISS owns neither the selector nor its bitmap: the local names keep them alive through the search.
            bitmap = np.packbits(mask, bitorder="little")
            selector = faiss.IDSelectorBitmap(self.size, faiss.swig_ptr(bitmap))
            params.sel = selector
        _, found = self.index.search(query, fetch, params=params)
        rows = found[0][found[0] >= 0].astype(np.int64)
        if not approximate:
            return rows
        if allowed is not None and rows.size < min(n, allowed.size):
            return self._exact_subset(allowed, query[0], n)
        exact = self.scores(rows, query[0])
        return rows[np.argsort(-exact, kind="stable")[:n]]

    def _exact_subset(self, allowed: np.ndarray, vector: np.ndarray, n: int) -> np.ndarray:
        scores = self.scores(allowed, vector)
        top = np.argpartition(-scores, n - 1)[:n] if scores.size > n else np.arange(scores.size)
        return allowed[top[np.argsort(-scores[top], kind="stable")]].astype(np.int64)


class HalfPrecisionScan:
    """Every vector of a set compared with the query, from a half-precision copy; the best rescored exactly.

    For the mention vectors a searching process compares exactly (up to
    100,000): numpy's product reads all the float32 vectors, and with BLAS
    kept to one thread while searching (`search.engine`) that is bound by
    memory. FAISS's scan of float16 codes (`IndexScalarQuantizer`, QT_fp16)
    reads half as much: 1.6 ms against 3.1 ms for 29,000 mentions
    (bench/RESULTS.md). The copy is made when a generation is opened (about
    30 ms and 22 MB for 29,000 mentions). Candidates are over-fetched and
    rescored from the float32 vectors, so the order is exact.
    """

    REFINE = 2

    def __init__(self, vectors: np.ndarray) -> None:
        import faiss

        self.exact = vectors
        self.size = len(vectors)
        self.index = faiss.IndexScalarQuantizer(
            vectors.shape[1], faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT
        )
        for start in range(0, self.size, 65_536):  # a float32 copy of one slice at a time at most
            self.index.add(np.ascontiguousarray(vectors[start : start + 65_536], dtype=np.float32))

    def search(self, vector: np.ndarray, n: int) -> np.ndarray:
        """The best `n` rows for the query, best first by their exact scores."""
        n = min(n, self.size)
        if n <= 0:
            return np.zeros(0, np.int64)
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        _, found = self.index.search(query, min(self.size, n * self.REFINE))
        rows = found[0][found[0] >= 0].astype(np.int64)
        if rows.size < n:
            # Vectors FAISS cannot rank (not a number: a damaged file that passed the size check): every one
            # compared exactly, as without this scan, those that are not a number last.
            rows = np.arange(self.size, dtype=np.int64)
        exact = exact_scores(self.exact, rows, query[0])
        return rows[np.argsort(-exact, kind="stable")[:n]]
