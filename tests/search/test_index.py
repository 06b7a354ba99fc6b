from pathlib import Path

from indexer.job.run import run_job
from indexer.settings import resolve_settings
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


def test_a_generation_is_prepared_for_queries_when_opened_and_when_switched_to(fake_demo_index_copy: Path) -> None:
    searcher = Searcher(fake_demo_index_copy, FakeEmbedder())
    assert set(vars(searcher.generation)) >= WARMED and "docs" not in vars(searcher.generation)

    settings = resolve_settings(corpus=CORPUS, data=fake_demo_index_copy, model=FAKE_MODEL_ID)
    assert run_job(settings, FakeEmbedder, full=True).switched
    assert searcher.refresh()
    assert set(vars(searcher.generation)) >= WARMED and "docs" not in vars(searcher.generation)
    assert searcher.search("presskontakt").contacts
    searcher.generation.close()
