import threading
from pathlib import Path

import pytest

from indexer.job.run import run_job
from indexer.settings import resolve_settings
from indexer.store.layout import GenerationDamaged
from search.engine import Searcher
from search.index import Generation
from tests.conftest import CORPUS
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder


def test_original_path_with_several_sources(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("a", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("b", encoding="utf-8")
    gen = Generation.__new__(Generation)
    gen.manifest = {
        "sources": [{"name": "vgr", "path": str(tmp_path / "a")}, {"name": "rog", "path": str(tmp_path / "b")}]
    }
    assert gen.original_path("rog/x.txt") == (tmp_path / "b" / "x.txt").resolve()
    assert gen.original_path("vgr/x.txt") == (tmp_path / "a" / "x.txt").resolve()
    assert gen.original_path("vgr/../../b/x.txt") is None
    assert gen.original_path("okand/x.txt") is None


# What the first query would otherwise prepare; `docs` (every document) is left to the pages that list them.
WARMED = {"people", "name_keys", "mentions_by_person", "date_range", "meeting_record", "vocabulary"}


def publish_newer(data: Path) -> None:
    """A reindex job publishes a new generation of the demo corpus into `data`."""
    settings = resolve_settings(corpus=CORPUS, data=data, model=FAKE_MODEL_ID)
    assert run_job(settings, FakeEmbedder, full=True).switched


def test_a_generation_is_prepared_for_queries_when_opened_and_when_switched_to(fake_demo_index_copy: Path) -> None:
    searcher = Searcher(fake_demo_index_copy, FakeEmbedder())
    assert set(vars(searcher.generation)) >= WARMED and "docs" not in vars(searcher.generation)

    publish_newer(fake_demo_index_copy)
    assert searcher.refresh()
    assert set(vars(searcher.generation)) >= WARMED and "docs" not in vars(searcher.generation)
    assert searcher.search("presskontakt").contacts
    searcher.generation.close()


def test_a_background_refresh_keeps_serving_the_old_generation_until_the_new_one_is_warm(
    fake_demo_index_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    searcher = Searcher(fake_demo_index_copy, FakeEmbedder())
    old = searcher.generation.id
    publish_newer(fake_demo_index_copy)

    released, opened = threading.Event(), []
    real_open = Searcher._open

    def slow_open(self: Searcher) -> Generation:
        released.wait(30)  # a warm-up that takes as long as the test says
        gen = real_open(self)
        opened.append(gen.id)
        return gen

    monkeypatch.setattr(Searcher, "_open", slow_open)
    assert not searcher.refresh(wait=0.05)  # still warming: the old generation answers
    assert searcher.generation.id == old and searcher.search("presskontakt").results
    assert not searcher.refresh(wait=0.05)  # one preparation at a time, not one per call
    released.set()
    assert searcher.refresh(wait=30)
    assert searcher.generation.id != old and opened == [searcher.generation.id]
    assert set(vars(searcher.generation)) >= WARMED
    assert not searcher.refresh(wait=0.05)  # nothing newer
    searcher.generation.close()


def test_a_background_refresh_that_fails_raises_in_the_caller_and_keeps_the_old_generation(
    fake_demo_index_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    searcher = Searcher(fake_demo_index_copy, FakeEmbedder())
    old = searcher.generation.id
    publish_newer(fake_demo_index_copy)

    def damaged(self: Searcher) -> Generation:
        raise GenerationDamaged(self.layout.data / "vectors.faiss", "damaged (test)")

    monkeypatch.setattr(Searcher, "_open", damaged)
    with pytest.raises(GenerationDamaged):
        searcher.refresh(wait=30)
    assert searcher.generation.id == old
    with pytest.raises(GenerationDamaged):  # the same generation is not opened again
        searcher.refresh(wait=30)
    searcher.generation.close()
