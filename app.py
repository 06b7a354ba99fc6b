"""Streamlit app: Regional kunskapsbank.

Widgets and layout only; searching, ranking and HTML escaping live in the
`search` package. Every page keeps its state in the URL (?sida=..., ?q=...,
filters), so a view can be shared and bookmarked.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

from indexer.model.embedder import Embedder
from indexer.settings import resolve_settings
from indexer.store.layout import IndexMissing, Layout
from indexer.store.records import DOC_TYPES
from search.engine import MAX_QUERY_CHARS, ModelMismatch, Searcher, SearchOptions
from search.filters import Filters, facet_counts
from search.render import (
    CARD_CSS,
    contact_card,
    context_html,
    meeting_card,
    mention_row,
    result_card,
    why_text,
)

PAGES = {"sok": "Sök", "personer": "Personer", "moten": "Möten", "status": "Status"}
PAGE_SIZE = 10
MAX_DOWNLOAD_BYTES = 25_000_000

st.set_page_config(page_title="Regional kunskapsbank", page_icon="🔎", layout="wide")


@st.cache_resource(show_spinner="Laddar språkmodellen …")
def load_embedder(model: str | None, cache: str) -> Embedder:
    return Embedder.load(model, Path(cache))


@st.cache_resource(show_spinner="Öppnar index …")
def load_searcher(data: str, model: str | None, cache: str) -> Searcher:
    return Searcher(Path(data), load_embedder(model, cache))


def param(name: str, default: str = "") -> str:
    return st.query_params.get(name, default) or default


def param_list(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v]


def set_params(**values: Any) -> None:
    """Replace the URL's parameters, dropping empty ones."""
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if value in (None, "", [], 0):
            continue
        clean[key] = value
    st.query_params.from_dict(clean)


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


settings = resolve_settings()
st.markdown(CARD_CSS, unsafe_allow_html=True)

page_keys = list(PAGES)
current_page = param("sida", "sok")
if current_page not in PAGES:
    current_page = "sok"
chosen = st.sidebar.radio("Sida", page_keys, index=page_keys.index(current_page), format_func=PAGES.get, key="sida")
if chosen != current_page:
    set_params(sida=chosen)
    current_page = chosen

try:
    searcher = load_searcher(str(settings.data), settings.model, str(settings.model_cache))
    # A reindex job may have published a new generation since the last run.
    searcher.refresh()
except IndexMissing:
    st.title("Regional kunskapsbank")
    st.warning("Det finns inget index ännu.")
    st.markdown("Bygg det med kommandot nedan och ladda sedan om sidan:")
    st.code(f"python -m indexer --corpus {settings.corpus} --data {settings.data}", language="bash")
    st.stop()
except ModelMismatch as exc:
    st.title("Regional kunskapsbank")
    st.error(str(exc))
    st.stop()

gen = searcher.generation


def search_page() -> None:
    st.title("Regional kunskapsbank")
    st.caption("Sök i artiklar, minnesanteckningar, rapporter och PM om regional kompetensförsörjning.")

    query_param = param("q")
    orgs, types, collections = param_list("org"), param_list("typ"), param_list("samling")
    date_from, date_to = parse_date(param("fran")), parse_date(param("till"))
    shown = max(PAGE_SIZE, min(int(param("n", str(PAGE_SIZE)) or PAGE_SIZE) if param("n").isdigit() else PAGE_SIZE, 100))

    with st.form("sok"):
        query = st.text_input("Fråga", value=query_param, placeholder="t.ex. möte med statssekreterare i Linköping")
        submitted = st.form_submit_button("Sök", type="primary")

    # Facets count the documents the query matches without filters, so a filter never hides its own values.
    raw_query = (query if submitted else query_param) or ""
    query = raw_query.strip()
    facets = facet_counts(gen, None)
    if query and any(ch.isalnum() for ch in query):
        unfiltered = searcher.search(query, SearchOptions(k=50, max_per_doc=0, contacts=0, meetings=0))
        facets = facet_counts(gen, [gen.row_doc[h.row] for h in unfiltered.results])

    with st.sidebar:
        st.subheader("Filter")
        org_options = sorted(set(facets.organisations) | set(orgs), key=lambda o: -facets.organisations.get(o, 0))
        orgs = st.multiselect(
            "Organisation", org_options, default=orgs, placeholder="Alla organisationer",
            format_func=lambda o: f"{o} ({facets.organisations.get(o, 0)})",
        )
        type_options = sorted(set(facets.doc_types) | set(types), key=lambda t: -facets.doc_types.get(t, 0))
        types = st.multiselect(
            "Dokumenttyp", type_options, default=types, placeholder="Alla typer",
            format_func=lambda t: f"{DOC_TYPES.get(t, t)} ({facets.doc_types.get(t, 0)})",
        )  # fmt: skip
        if len(facets.collections) > 1 or collections:
            coll_options = sorted(set(facets.collections) | set(collections))
            collections = st.multiselect(
                "Samling", coll_options, default=collections, placeholder="Alla samlingar",
                format_func=lambda c: f"{c} ({facets.collections.get(c, 0)})",
            )  # fmt: skip
        date_from = st.date_input("Från", value=date_from, format="YYYY-MM-DD")
        date_to = st.date_input("Till", value=date_to, format="YYYY-MM-DD")

    filters = Filters(
        organisations=tuple(orgs), doc_types=tuple(types), collections=tuple(collections),
        date_from=date_from.isoformat() if isinstance(date_from, date) else None,
        date_to=date_to.isoformat() if isinstance(date_to, date) else None,
    )  # fmt: skip
    if submitted:
        shown = PAGE_SIZE
    set_params(
        sida="sok", q=query, org=list(filters.organisations), typ=list(filters.doc_types),
        samling=list(filters.collections), fran=filters.date_from, till=filters.date_to,
        n=shown if shown != PAGE_SIZE else None,
    )  # fmt: skip

    if not raw_query.strip():
        if submitted:
            st.info("Skriv en fråga, till exempel ”vem ansvarar för vård- och omsorgscollege i Fyrbodal”.")
        return
    if not any(ch.isalnum() for ch in query):
        st.info("Skriv några ord att söka på – frågan innehöll bara skiljetecken eller kontrolltecken.")
        return
    if len(query) > MAX_QUERY_CHARS:
        st.info(f"Frågan var {len(query)} tecken lång; de första {MAX_QUERY_CHARS} tecknen används.")

    options = SearchOptions(k=shown, filters=filters)
    response = searcher.search(query, options)
    results_col, people_col = st.columns([5, 2], gap="large")
    with results_col:
        if not response.results:
            st.info("Inga träffar. Pröva andra ord, en bredare fråga eller färre filter.")
        for hit in response.results:
            # result_card escapes every piece of document text before adding markup.
            st.markdown(result_card(hit), unsafe_allow_html=True)
            with st.expander("Visa sammanhang"):
                st.markdown(context_html(gen.neighbours(hit.row), hit.row, query), unsafe_allow_html=True)
                st.caption(why_text(hit, options.fusion))
                download_button(hit.path, hit.passage_id)
        if len(response.results) >= shown and shown < 100:
            if st.button("Visa fler träffar"):
                set_params(**{**st.query_params.to_dict(), "n": shown + PAGE_SIZE})
                st.rerun()
        st.caption(f"{len(response.results)} träffar · {response.took_ms:.0f} ms · index {response.generation}")
    with people_col:
        st.subheader("Kontaktpersoner")
        if not response.contacts:
            st.caption("Inga personer nämns i de bästa träffarna.")
        for contact in response.contacts:
            st.markdown(contact_card(contact), unsafe_allow_html=True)
        if response.meetings:
            st.subheader("Möten")
            for meeting in response.meetings[:3]:
                st.markdown(meeting_card(meeting), unsafe_allow_html=True)


def download_button(rel_path: str, key: str) -> None:
    """Offer the original file, but only from inside an indexed corpus folder."""
    path = gen.original_path(rel_path)
    if path is None or path.stat().st_size > MAX_DOWNLOAD_BYTES:
        return
    st.download_button("Ladda ner originalet", path.read_bytes(), file_name=path.name, key=f"dl-{key}")


def people_page() -> None:
    st.title("Personer")
    people = sorted(gen.people.values(), key=lambda p: p.name)
    selected = param("person")
    if selected in gen.people:
        person = gen.people[selected]
        if st.button("← Alla personer"):
            set_params(sida="personer")
            st.rerun()
        st.header(person.name)
        st.markdown(
            f"**Roller:** {', '.join(person.roles) or '–'}  \n"
            f"**Organisationer:** {', '.join(person.organisations) or '–'}  \n"
            f"**Nämns i:** {person.n_documents} dokument ({person.n_mentions} gånger)"
        )
        for mention in gen.person_mentions(selected):
            st.markdown(mention_row(mention), unsafe_allow_html=True)
        return
    text = st.text_input("Sök person, roll eller organisation", value=param("filter"))
    needle = text.strip().casefold()
    if needle:
        people = [
            p for p in people
            if needle in " ".join([p.name, *p.roles, *p.organisations]).casefold()
        ]  # fmt: skip
    st.caption(f"{len(people)} personer")
    for person in people:
        role = person.roles[0] if person.roles else "–"
        org = person.organisations[0] if person.organisations else "–"
        cols = st.columns([3, 4, 1])
        cols[0].markdown(f"**{person.name}**")
        cols[1].caption(f"{role} · {org} · {person.n_documents} dokument")
        if cols[2].button("Visa", key=f"p-{person.person_id}"):
            set_params(sida="personer", person=person.person_id)
            st.rerun()


def meetings_page() -> None:
    st.title("Möten")
    meetings = gen.meetings
    places = sorted({m.place for m in meetings if m.place})
    organisations = sorted({o for m in meetings for o in m.organisations})
    years = sorted({m.date[:4] for m in meetings if m.date}, reverse=True)
    cols = st.columns(3)
    year = cols[0].selectbox("År", ["Alla", *years], index=0)
    place = cols[1].selectbox("Plats", ["Alla", *places], index=0)
    org = cols[2].selectbox("Organisation", ["Alla", *organisations], index=0)
    shown = [
        m for m in meetings
        if (year == "Alla" or (m.date or "").startswith(year))
        and (place == "Alla" or m.place == place)
        and (org == "Alla" or org in m.organisations)
    ]  # fmt: skip
    st.caption(f"{len(shown)} möten, nyast först")
    for meeting in shown:
        st.markdown(meeting_card(gen.meeting_dict(meeting)), unsafe_allow_html=True)


def status_page() -> None:
    st.title("Status")
    manifest = gen.manifest
    counts = manifest.get("counts", {})
    cols = st.columns(4)
    cols[0].metric("Dokument", counts.get("documents", len(gen.docs)))
    cols[1].metric("Textavsnitt", counts.get("passages", gen.size))
    cols[2].metric("Personer", len(gen.people))
    cols[3].metric("Möten", len(gen.meetings))
    st.markdown(
        f"**Indexgeneration:** `{gen.id}`  \n**Byggd:** {manifest.get('created', '–')}  \n"
        f"**Modell:** `{manifest.get('model_id')}` ({manifest.get('dimension')} dimensioner)  \n"
        f"**Dokumentmapp:** `{manifest.get('corpus', '–')}`"
    )
    report_path = Layout(settings.data).reports / "last.json"
    st.subheader("Senaste indexering")
    if report_path.exists():
        report = json.loads(report_path.read_text(encoding="utf-8"))
        st.markdown(
            f"{report.get('started', '')}: {report.get('files_seen', 0)} filer, {report.get('new', 0)} nya, "
            f"{report.get('changed', 0)} ändrade, {report.get('removed', 0)} borttagna, "
            f"{len(report.get('failed', []))} misslyckade; {report.get('passages_embedded', 0)} textavsnitt "
            f"inbäddade, {report.get('passages_reused', 0)} återanvända; {report.get('seconds', 0):.1f} s."
        )
        if report.get("failed"):
            st.warning("Filer som inte kunde läsas:")
            st.dataframe([{"Fil": f["path"], "Orsak": f["reason"]} for f in report["failed"]], hide_index=True)
    else:
        st.caption("Ingen rapport ännu.")
    st.subheader("Indexera om")
    st.code(f"python -m indexer --corpus {manifest.get('corpus', settings.corpus)} --data {settings.data}", language="bash")


{"sok": search_page, "personer": people_page, "moten": meetings_page, "status": status_page}[current_page]()
