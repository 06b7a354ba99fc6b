"""Streamlit app: search the knowledge base. Widgets and layout only; the work is in `search`."""

from __future__ import annotations

import streamlit as st

from indexer.embed import Embedder
from indexer.generation import IndexMissing
from indexer.settings import resolve_settings
from search.engine import ModelMismatch, Searcher, SearchOptions
from search.render import CARD_CSS, result_card

st.set_page_config(page_title="Regional kunskapsbank", page_icon="🔎", layout="wide")


@st.cache_resource(show_spinner="Laddar språkmodellen …")
def load_embedder(model: str | None, cache: str) -> Embedder:
    from pathlib import Path

    return Embedder.load(model, Path(cache))


@st.cache_resource(show_spinner="Öppnar index …")
def load_searcher(data: str, model: str | None, cache: str) -> Searcher:
    from pathlib import Path

    return Searcher(Path(data), load_embedder(model, cache))


settings = resolve_settings()
st.title("Regional kunskapsbank")
st.caption("Sök i artiklar, minnesanteckningar och rapporter om regional kompetensförsörjning.")

try:
    searcher = load_searcher(str(settings.data), settings.model, str(settings.model_cache))
    # A reindex job may have published a new generation since the last run.
    searcher.refresh()
except IndexMissing:
    st.warning("Det finns inget index ännu.")
    st.markdown("Bygg det med kommandot nedan och ladda sedan om sidan:")
    st.code(f"python -m indexer --corpus {settings.corpus} --data {settings.data}", language="bash")
    st.stop()
except ModelMismatch as exc:
    st.error(str(exc))
    st.stop()

initial = st.query_params.get("q", "")
with st.form("search"):
    query = st.text_input("Fråga", value=initial, placeholder="t.ex. möte med statssekreterare i Linköping")
    submitted = st.form_submit_button("Sök")

query = (query or "").strip()
if submitted:
    st.query_params["q"] = query

if query:
    if not any(ch.isalnum() for ch in query):
        st.info("Skriv några ord att söka på.")
        st.stop()
    response = searcher.search(query, SearchOptions(k=10))
    st.markdown(CARD_CSS, unsafe_allow_html=True)
    if not response.results:
        st.info("Inga träffar. Pröva andra ord eller en bredare fråga.")
    for hit in response.results:
        # result_card escapes every piece of document text before adding markup.
        st.markdown(result_card(hit), unsafe_allow_html=True)
    st.caption(f"{len(response.results)} träffar · {response.took_ms:.0f} ms · index {response.generation}")
