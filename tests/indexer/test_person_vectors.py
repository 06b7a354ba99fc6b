"""Person vectors: written with each generation with their index, read back row for row, embedded once."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from indexer.job.run import run_job
from indexer.lock import JobLock
from indexer.privacy import forget
from indexer.settings import resolve_settings
from indexer.store.catalog import CATALOG_FILE, Catalog
from indexer.store.layout import Layout, current_generation_dir
from indexer.store.person_vectors import (
    MENTION_EXACT_LIMIT,
    MENTION_INDEX_FILE,
    PERSON_VECTORS_FILE,
    keep_person_vectors,
    mention_text,
    read_person_vectors,
    write_person_vectors,
)
from indexer.store.vectors import EXACT_LIMIT, HalfPrecisionScan, VectorIndex, choose_index
from search.index import Generation
from tests.fakes import FakeEmbedder, fake_vector, no_model, write_fake_model_folder
from tests.helpers import write_corpus

DOCS = {
    "gr.txt": "Kompetensplattform i Göteborgsregionen\n\nKontakt: Linda Karlsson, kontaktperson för "
    "kompetensplattformen, Göteborgsregionen\n",
    "press.txt": "Satsningen förlängs\n\nTillväxtverket förlänger satsningen på kompetensförsörjning.\n\n"
    "Presskontakt: Niklas Kjellberg, Tillväxtverket.\n",
}


def test_write_and_read_back(tmp_path: Path) -> None:
    vectors = np.eye(3, 4, dtype=np.float32)
    # A few vectors: searched exactly, as the passages' at their number; the vectors are all it takes.
    assert write_person_vectors(tmp_path, [7, 8, 9], vectors) == {"type": "flat"}
    assert not (tmp_path / MENTION_INDEX_FILE).exists()
    ids, back = read_person_vectors(tmp_path, 4) or (None, None)
    assert ids is not None and back is not None
    assert ids.tolist() == [7, 8, 9] and np.array_equal(back, vectors)
    # Another model's dimension, or no files at all: no vectors, no error.
    assert read_person_vectors(tmp_path, 384) is None
    assert read_person_vectors(tmp_path / "nothing", 4) is None


def test_mentions_are_compared_exactly_beyond_the_passages_limit(tmp_path: Path) -> None:
    # More mentions than passages get an inverted file, fewer than the mentions' own limit.
    count = EXACT_LIMIT + 1
    assert count <= MENTION_EXACT_LIMIT
    assert choose_index(count, 4)["type"] == "ivf_sq8"
    vectors = np.random.default_rng(0).normal(size=(count, 4)).astype(np.float32)
    assert write_person_vectors(tmp_path, list(range(count)), vectors) == {"type": "flat"}
    assert not (tmp_path / MENTION_INDEX_FILE).exists()
    assert choose_index(MENTION_EXACT_LIMIT + 1, 4, exact_limit=MENTION_EXACT_LIMIT)["type"] == "ivf_sq8"


def test_a_job_writes_a_vector_per_mention_and_reuses_them_from_the_cache(tmp_path: Path) -> None:
    model = FakeEmbedder(model_id=str(write_fake_model_folder(tmp_path / "fake-model")))
    corpus = write_corpus(tmp_path / "corpus", DOCS)
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data", model=model.model_id)
    run_job(settings, lambda: model)

    folder = current_generation_dir(Layout(settings.data))
    gen = Generation(folder)
    assert gen.mention_vectors is not None and len(gen.mention_vectors) == len(gen.mentions) >= 2
    # Their index, recorded in the manifest: exact for a few, scanned in half precision when opened.
    assert gen.manifest["mention_index"] == {"type": "flat"} and isinstance(gen.mention_index, HalfPrecisionScan)
    titles = {doc_id: doc.title for doc_id, doc in gen.docs.items()}
    for m, vector in zip(gen.mentions, gen.mention_vectors, strict=True):
        assert np.allclose(vector, fake_vector(mention_text(m, titles[m.doc_id])))
    names = {m.name for m in gen.mentions}
    gen.close()
    assert {"Linda Karlsson", "Niklas Kjellberg"} <= names

    # Everything again, from the cache: no model, nothing embedded.
    again = run_job(settings, no_model, full=True)
    assert again.switched and again.passages_embedded == 0
    # One document changed: the other's mentions keep their vectors, from the cache.
    (corpus / "press.txt").write_text(DOCS["press.txt"].replace("förlänger", "förlänger igen"), encoding="utf-8")
    before = model.embedded
    run_job(settings, lambda: model)
    gen = Generation(current_generation_dir(Layout(settings.data)))
    assert gen.mention_vectors is not None and len(gen.mention_vectors) == len(gen.mentions)
    # Only the changed document's passage and its mention texts (the title is unchanged,
    # the evidence too: its mention vector comes from the cache as well).
    assert model.embedded - before <= 2
    gen.close()


def test_a_forgotten_persons_vectors_go_with_their_mentions(tmp_path: Path) -> None:
    model = FakeEmbedder(model_id=str(write_fake_model_folder(tmp_path / "fake-model")))
    corpus = write_corpus(tmp_path / "corpus", DOCS)
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data", model=model.model_id)
    run_job(settings, lambda: model)
    layout = Layout(settings.data)
    with JobLock(layout.lock):
        forget(layout, "Linda Karlsson")
    folder = current_generation_dir(layout)
    catalog = Catalog(folder / CATALOG_FILE)
    kept_ids = catalog.mention_ids()
    catalog.close()
    stored = read_person_vectors(folder)
    assert stored is not None and stored[0].tolist() == kept_ids
    assert (folder / PERSON_VECTORS_FILE).exists()
    gen = Generation(folder)
    assert "Linda Karlsson" not in {m.name for m in gen.mentions}
    assert gen.mention_vectors is not None and len(gen.mention_vectors) == len(gen.mentions)
    gen.close()


def test_dropping_mentions_builds_their_index_again_as_it_was(tmp_path: Path) -> None:
    vectors = np.random.default_rng(1).normal(size=(300, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    spec = write_person_vectors(tmp_path, list(range(300)), vectors, choose_index(300, 8, "ivf_sq8"))
    assert spec["type"] == "ivf_sq8"
    assert keep_person_vectors(tmp_path, set(range(0, 300, 2)), spec) == 150
    index = VectorIndex(tmp_path, spec, 8, MENTION_INDEX_FILE, PERSON_VECTORS_FILE)
    assert index.size == 150
    # Row 10 now holds the vector of mention 20.
    assert index.search(vectors[20], 1).tolist() == [10]
