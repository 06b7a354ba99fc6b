"""AppTest smoke tests of app.py against a real index built from a small corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def run_app(monkeypatch: pytest.MonkeyPatch, data: Path, query: str | None = None) -> AppTest:
    monkeypatch.setenv("KB_DATA", str(data))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    if query is not None:
        at.query_params["q"] = query
    return at.run()


def test_query_from_url_shows_ranked_results(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index, "möte med statssekreterare i Linköping om kompetensförsörjning")
    assert not at.exception
    cards = [m.value for m in at.markdown if "kb-card" in m.value]
    assert cards, "expected result cards"
    assert "000_0f7b872b2b1ede83.txt" in "".join(cards[:3])


def test_no_index_page_explains_how_to_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, tmp_path / "empty")
    assert not at.exception
    assert any("inget index" in w.value for w in at.warning)
    assert any("python -m indexer" in c.value for c in at.code)


def test_punctuation_only_query_gets_a_message(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index, "?!…")
    assert not at.exception
    assert any("Skriv några ord" in i.value for i in at.info)
