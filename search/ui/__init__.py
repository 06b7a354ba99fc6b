"""The Streamlit app, one module per page; `app.py` calls `main()`.

Pages draw with `st.*` and ask `search` for everything they show. The page is
chosen by ?sida= (sok, personer, moten, status), so every view is a link.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache

import streamlit as st
from streamlit import config

from indexer.errors import KBError
from indexer.settings import Settings, resolve_settings
from indexer.store.layout import IndexMissing
from search.engine import Searcher
from search.render import CARD_CSS
from search.ui import meetings_page, people_page, search_page, status_page
from search.ui.common import TITLE, index_command, load_searcher, param, set_params

Page = Callable[[Searcher, Settings], None]
PAGES: dict[str, tuple[str, Page]] = {
    "sok": ("Sök", search_page.show),
    "personer": ("Personer", people_page.show),
    "moten": ("Möten", meetings_page.show),
    "status": ("Status", status_page.show),
}


def main() -> None:
    """Draw the page the URL asks for, on the index the settings name."""
    st.set_page_config(page_title=TITLE, page_icon="🔎", layout="wide")
    if not config.get_option("server.address"):
        unbound_page()
        return
    st.markdown(CARD_CSS, unsafe_allow_html=True)
    page = choose_page()
    try:
        settings = resolve_settings()
    except KBError as exc:  # a wrong settings file or number
        error_page(str(exc))
        return
    try:
        searcher = load_searcher(settings)
    except IndexMissing:
        st.title(TITLE)
        st.warning("Det finns inget index ännu.")
        st.markdown("Bygg det med kommandot nedan och ladda sedan om sidan:")
        st.code(index_command(settings), language="bash")
        return
    except KBError as exc:  # the index is damaged, its model differs from the configured one, or cannot load
        error_page(str(exc))
        return
    try:
        # A reindex job may have published a new generation since the last page load. It is opened and
        # warmed in the background; this page load waits for it at most a quarter of a second, else a
        # later one shows it.
        searcher.refresh(wait=0.25)
    except KBError as exc:  # the new one cannot be opened: keep serving the one loaded, and say so
        st.warning(
            f"Ett nyare index kunde inte öppnas, så sidan visar det tidigare (generation "
            f"{searcher.generation.id}). {exc}"
        )
    PAGES[page][1](searcher, settings)


def unbound_page() -> None:
    """Started with no server address, Streamlit listens on every network interface: show nothing.

    `python -m search.ui` always gives an address (127.0.0.1 by default), and so
    does `.streamlit/config.toml` in the project folder; this catches
    `streamlit run app.py` started elsewhere, which would share the index with
    the whole network by accident.
    """
    _warn_unbound()
    st.title(TITLE)
    st.error(
        "Appen startades utan serveradress, så Streamlit lyssnar på alla nätverksgränssnitt. Den visar "
        "därför inget förrän den startas med en uttrycklig adress: `python -m search.ui` (bara den här "
        "datorn, 127.0.0.1), eller `KB_HOST=0.0.0.0 python -m search.ui` för att dela den i nätverket."
    )


@cache
def _warn_unbound() -> None:
    print(
        "regional-kb: started without a server address, so Streamlit listens on every network interface; "
        "the app shows nothing until it is started with one: `python -m search.ui` (127.0.0.1), "
        "or `KB_HOST=0.0.0.0 python -m search.ui` to share it",
        file=sys.stderr,
    )


def error_page(message: str) -> None:
    st.title(TITLE)
    st.error(message)


def choose_page() -> str:
    """The sidebar's page chooser, kept in step with ?sida=."""
    keys = list(PAGES)
    current = param("sida", "sok")
    if current not in PAGES:
        current = "sok"
    chosen = st.sidebar.radio("Sida", keys, index=keys.index(current), format_func=lambda k: PAGES[k][0], key="sida")
    if chosen != current:
        set_params(sida=chosen)
    return chosen
