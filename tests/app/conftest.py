"""What the app tests share: a server address, and the app on the fake model's demo index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder

RunApp = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def server_address() -> Iterator[None]:
    """The address a server would have: the app shows nothing without one (search.ui.unbound_page).

    AppTest reads the working folder's .streamlit/config.toml, which sets it
    only when the tests run from the project folder.
    """
    before = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", before)


@pytest.fixture()
def run_app(monkeypatch: pytest.MonkeyPatch, fake_demo_index: Path) -> RunApp:
    """app.py run by AppTest in this process, on `fake_demo_index`, with the fake model and URL parameters."""
    monkeypatch.setenv("KB_DATA", str(fake_demo_index))
    monkeypatch.setenv("KB_MODEL", FAKE_MODEL_ID)
    monkeypatch.setattr("search.ui.common.load_embedder", lambda model, cache: FakeEmbedder())

    def run(**params: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return run
