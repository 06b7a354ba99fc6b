"""The app keeps serving the generation it has when a newer one cannot be opened, and says so.

AppTest runs app.py in this process, so the fake model stands in for the real
one (`Embedder.load` patched) and the fast tier can run it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from indexer.job.run import run_job
from indexer.model.embedder import Embedder
from indexer.settings import resolve_settings
from tests.conftest import REPO
from tests.damage import current_folder, truncate
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder
from tests.helpers import write_corpus

QUERY = "validering av yrkeskunnande i Värmland"


@pytest.fixture()
def app_on_fake_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(Embedder, "load", lambda *args, **kwargs: FakeEmbedder())
    st.cache_resource.clear()  # no searcher left from another test
    yield
    st.cache_resource.clear()


def cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="kb-card"' in m.value]


def test_a_newer_generation_that_cannot_be_opened_leaves_the_old_one_serving_with_a_banner(
    app_on_fake_model: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", {
        "validering.md": "# Validering i Värmland\n\nRegion Värmland bygger en struktur för validering av "
        "yrkeskunnande.\n",
    })  # fmt: skip
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data", model=FAKE_MODEL_ID)
    first = run_job(settings, FakeEmbedder).generation
    monkeypatch.setenv("KB_DATA", str(settings.data))
    monkeypatch.setenv("KB_MODEL", FAKE_MODEL_ID)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["q"] = QUERY
    at.run()
    shown = cards(at)
    assert shown and not at.warning and not at.exception

    # A reindex publishes a newer generation, and its vector file is damaged before the app opens it.
    shutil.copy(corpus / "validering.md", corpus / "kopia.md")
    second = run_job(settings, FakeEmbedder).generation
    vectors = current_folder(settings.data) / "vectors.faiss"
    truncate(vectors, 0.5)
    for _ in range(2):  # on this page load and the next
        at.run()
        assert not at.exception
        [banner] = at.warning
        assert banner.value.startswith(
            f"Ett nyare index kunde inte öppnas, så sidan visar det tidigare (generation {first})"
        )
        assert f"{vectors} is damaged (size " in banner.value and "python -m indexer" in banner.value
        assert cards(at) == shown

    repaired = run_job(settings, FakeEmbedder)
    assert repaired.switched and repaired.generation != second
    at.run()
    assert not at.warning and not at.exception
    assert any("kopia.md" in card for card in cards(at))
