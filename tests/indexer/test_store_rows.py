"""Per-generation arrays (indexer/store/rows.py) and the vector index chosen by size (indexer/store/vectors.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from indexer.store.catalog import CATALOG_FILE, Catalog
from indexer.store.layout import FILES_KEY, MANIFEST_FILE, Layout, current_generation_dir, read_manifest
from indexer.store.rows import ROWS_DIR, RowArrays
from indexer.store.vectors import (
    EXACT_LIMIT,
    EXACT_VECTORS_FILE,
    HalfPrecisionScan,
    VectorIndex,
    choose_index,
    write_vectors,
)
from search.engine import Searcher
from tests.fakes import FakeEmbedder


def mapped(array: np.ndarray) -> bool:
    """Whether `array` reads a file's memory map (directly or as a view over one)."""
    base: object = array
    while isinstance(base, np.ndarray):
        if isinstance(base, np.memmap):
            return True
        base = base.base
    return False


def test_arrays_are_written_at_publish_and_match_the_catalogue(fake_demo_index: Path) -> None:
    folder = current_generation_dir(Layout(fake_demo_index))
    arrays = RowArrays.read(folder)
    assert arrays is not None and mapped(arrays.row_doc) and type(arrays.row_doc) is np.ndarray
    catalog = Catalog(folder / CATALOG_FILE)
    passages, mentions = catalog.passages(), catalog.mentions()
    catalog.close()
    assert [str(arrays.doc_ids[d]) for d in arrays.row_doc] == [p.doc_id for p in passages]
    assert len(arrays.mention_ids) == len(mentions) > 0
    # Postings by passage: exactly the mentions whose passage is the row.
    row = next(m.passage_row for m in mentions if m.passage_row is not None)
    found = arrays.mentions_at_rows(np.array([row]))
    assert sorted(found.tolist()) == [i for i, m in enumerate(mentions) if m.passage_row == row]
    doc = arrays.row_doc[row]
    in_doc = arrays.mentions_in_docs(np.array([doc, doc]))
    assert sorted(in_doc.tolist()) == [i for i, m in enumerate(mentions) if m.doc_id == str(arrays.doc_ids[doc])]


def test_a_generation_without_arrays_still_opens_and_answers_alike(fake_demo_index_copy: Path) -> None:
    before = Searcher(fake_demo_index_copy, FakeEmbedder()).search("validering i Skaraborg")
    folder = current_generation_dir(Layout(fake_demo_index_copy))
    shutil.rmtree(folder / ROWS_DIR)
    # As a generation written before the arrays existed: its manifest lists no rows/ files.
    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest[FILES_KEY] = {name: r for name, r in manifest[FILES_KEY].items() if not name.startswith(ROWS_DIR + "/")}
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    searcher = Searcher(fake_demo_index_copy, FakeEmbedder())
    after = searcher.search("validering i Skaraborg")
    assert not mapped(searcher.generation.arrays.row_doc)  # built on the fly
    assert [h.passage_id for h in after.results] == [h.passage_id for h in before.results]
    assert [c["person_id"] for c in after.contacts] == [c["person_id"] for c in before.contacts]


def test_the_manifest_records_the_index_type(fake_demo_index: Path) -> None:
    manifest = read_manifest(current_generation_dir(Layout(fake_demo_index)))
    assert manifest["index"] == {"type": "flat"}


def test_exact_search_up_to_the_limit_then_an_approximate_index() -> None:
    assert choose_index(EXACT_LIMIT, 384) == {"type": "flat"}
    assert choose_index(EXACT_LIMIT + 1, 384)["type"] == "ivf_sq8"
    spec = choose_index(1_000_000, 384)
    assert spec["type"] == "ivf_sq8" and spec["nlist"] >= 1024 and spec["nprobe"] <= spec["nlist"]
    pq = choose_index(1_000_000, 384, "ivf_pq")
    assert pq["type"] == "ivf_pq" and 384 % pq["pq_bytes"] == 0


def test_the_half_precision_scan_finds_the_exact_best_in_exact_order() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(5_000, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    scan = HalfPrecisionScan(vectors)
    assert scan.size == 5_000
    for query in vectors[rng.integers(0, 5_000, 20)] + rng.normal(scale=0.1, size=(20, 64)).astype(np.float32):
        scores = vectors @ query
        best = np.argsort(-scores, kind="stable")[:64]
        found = scan.search(query, 64)
        assert found.tolist() == best.tolist()
    assert scan.search(vectors[0], 0).size == 0 and scan.search(vectors[0], 10_000).size == 5_000
    # A vector that is not a number (a damaged file) costs the scan, not the answer: ranked last.
    damaged = vectors.copy()
    damaged[7, :] = np.nan
    found = HalfPrecisionScan(damaged).search(vectors[3], 5_000)
    assert found.size == 5_000 and found[0] == 3 and found[-1] == 7


@pytest.mark.parametrize(
    "spec",
    [
        {"type": "ivf_sq8", "nlist": 16, "nprobe": 16, "refine": 4},
        {"type": "ivf_pq", "nlist": 16, "pq_bytes": 8, "nprobe": 16, "refine": 8},
    ],
)
def test_approximate_index_rescored_from_the_memory_mapped_vectors_with_filters(
    tmp_path: Path, spec: dict[str, object]
) -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(4000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert write_vectors(tmp_path, vectors, 32, spec) == spec
    index = VectorIndex(tmp_path, spec, 32)
    assert mapped(index.exact) and (tmp_path / EXACT_VECTORS_FILE).is_file()
    query = vectors[7]
    exact_top = np.argsort(-(vectors @ query))[:10]
    found = index.search(query, 10)
    assert found[0] == 7 and len(set(found.tolist()) & set(exact_top.tolist())) >= 9
    np.testing.assert_allclose(index.scores(found, query), vectors[found] @ query, rtol=1e-5)
    # A filter applies before the cut: only allowed rows, and a selective one still fills k.
    mask = np.zeros(len(vectors), bool)
    mask[::500] = True
    rows = index.search(query, 5, mask)
    assert len(rows) == 5 and all(mask[r] for r in rows)
    allowed = np.flatnonzero(mask)
    assert rows[0] == allowed[np.argmax(vectors[allowed] @ query)]
