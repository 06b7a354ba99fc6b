"""What every page shares: URL parameters, the cached model and searcher, the index command.

The `st.cache_resource` functions live here, at module level of a module
imported once per server process, so every session and every rerun shares one
loaded model and one open generation.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

from indexer.model.embedder import Embedder, TextEmbedder
from indexer.settings import Settings
from search.engine import Searcher, open_searcher
from search.filters import date_period

TITLE = "Regional kunskapsbank"


@st.cache_resource(show_spinner="Laddar språkmodellen …")
def load_embedder(model: str | None, cache: str) -> TextEmbedder:
    """The query model, loaded once per (model, cache folder)."""
    return Embedder.load(model, Path(cache))


@st.cache_resource(show_spinner="Öppnar index …")
def load_searcher(settings: Settings) -> Searcher:
    """A searcher over the settings' data folder.

    Kept apart from the model so that a missing index (an exception, never
    cached) is retried on the next page load without loading the model again.
    """
    return open_searcher(settings, load_embedder(settings.model, str(settings.model_cache)))


def param(name: str, default: str = "") -> str:
    return st.query_params.get(name, default) or default


def param_list(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v]


def param_int(name: str, default: int, lowest: int, highest: int) -> int:
    """A whole number from the URL, kept within [lowest, highest]; `default` if absent or not a number."""
    text = param(name)
    return max(lowest, min(int(text), highest)) if text.isdigit() else default


def param_date(name: str, end: bool = False) -> tuple[date | None, str | None]:
    """A date filter from the URL (YYYY-MM-DD, YYYY-MM or YYYY): its first day, or its last when `end`;
    and, when the URL's value is no date, a message saying so (the date is then None)."""
    text = param(name)
    if not text:
        return None, None
    period = date_period(text)
    if period is None:
        return None, f"{name}={as_code(text)} i länken är inget datum (skriv ÅÅÅÅ-MM-DD)."
    return period[1 if end else 0], None


def as_code(text: str) -> str:
    """Text from a URL or a document as a Markdown code span: shown as typed, no Markdown in it takes effect."""
    return f"`{text.replace('`', '')}`"


def set_params(**values: Any) -> None:
    """Replace the URL's parameters, dropping empty ones, so a view can be shared as a link."""
    st.query_params.from_dict({k: v for k, v in values.items() if v not in (None, "", [], 0)})


def index_command(settings: Settings, corpus: str | None = None) -> str:
    """The command that builds or updates the index these settings serve."""
    if settings.config is not None and settings.sources:
        return f"python -m indexer --config {settings.config} --data {settings.data}"
    return f"python -m indexer --corpus {corpus or settings.corpus} --data {settings.data}"
