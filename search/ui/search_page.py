"""The search page: a question, filters in the sidebar, ranked passages, contacts and meetings.

Its whole state is in the URL: ?q=, org, typ, samling, fran, till and n (how
many results are shown).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from indexer.settings import Settings
from indexer.store.records import DOC_TYPES
from search.engine import MAX_QUERY_CHARS, Searcher, SearchOptions
from search.filters import Facets, Filters, Unmatched, facet_counts, range_is_empty, unmatched_values
from search.index import Generation
from search.render import contact_card, context_html, meeting_card, result_card, why_text
from search.ui.common import TITLE, as_code, param, param_date, param_int, param_list, set_params

PAGE_SIZE = 10
MAX_RESULTS = 100
MAX_DOWNLOAD_BYTES = 25_000_000
# Said after a filter in the URL that cannot be used: results without it would look filtered.
NOT_SHOWN = "Inga träffar visas, eftersom de inte skulle vara filtrerade som länken säger; välj filtret under Filter."


def has_words(query: str) -> bool:
    return any(ch.isalnum() for ch in query)


def show(searcher: Searcher, settings: Settings) -> None:
    """Draw the search page."""
    gen = searcher.generation
    st.title(TITLE)
    st.caption("Sök i artiklar, minnesanteckningar, rapporter och PM om regional kompetensförsörjning.")
    shown = param_int("n", PAGE_SIZE, PAGE_SIZE, MAX_RESULTS)

    with st.form("sok"):
        typed = st.text_input("Fråga", value=param("q"), placeholder="t.ex. möte med statssekreterare i Linköping")
        submitted = st.form_submit_button("Sök", type="primary")
    query = ((typed if submitted else param("q")) or "").strip()
    if submitted:
        shown = PAGE_SIZE

    # Facets count the documents the query matches without filters,
    # so a filter never hides its own values.
    everything = facets = facet_counts(gen, None)
    if query and has_words(query):
        unfiltered = searcher.search(query, SearchOptions(k=50, max_per_doc=0, contacts=0, meetings=0))
        facets = facet_counts(gen, [gen.row_doc[h.row] for h in unfiltered.results])
    filters, problems = sidebar_filters(facets)
    if range_is_empty(filters.date_from, filters.date_to):
        problems.append(
            f"Från-datumet {filters.date_from} ligger efter till-datumet {filters.date_to}, så inget dokument "
            "kan matcha: byt plats på dem under Filter."
        )

    state: dict[str, Any] = {
        "sida": "sok",
        "q": query,
        "org": list(filters.organisations),
        "typ": list(filters.doc_types),
        "samling": list(filters.collections),
        "fran": filters.date_from,
        "till": filters.date_to,
        "n": shown if shown != PAGE_SIZE else None,
    }
    # The URL is rewritten without the filters that could not be used, so the next search is what it says.
    set_params(**state)
    for problem in problems:
        st.error(problem)
    if problems:
        return
    for unmatched in unmatched_values(filters, everything):
        st.warning(unmatched_text(unmatched))

    if not query:
        if submitted:
            st.info("Skriv en fråga, till exempel ”vem ansvarar för vård- och omsorgscollege i Fyrbodal”.")
        return
    if not has_words(query):
        st.info("Skriv några ord att söka på – frågan innehöll bara skiljetecken eller kontrolltecken.")
        return
    if len(query) > MAX_QUERY_CHARS:
        st.info(f"Frågan var {len(query)} tecken lång; de första {MAX_QUERY_CHARS} tecknen används.")

    options = SearchOptions(k=shown, filters=filters)
    response = searcher.search(query, options)
    results_col, people_col = st.columns([5, 2], gap="large")
    with results_col:
        if response.did_you_mean:
            # The query is the user's text: rendered as code, so no Markdown in it can take effect.
            st.info(f"Menade du: {as_code(response.did_you_mean)}? Sökningen gjordes med de rättade orden.")
        if not response.results:
            st.info("Inga träffar. Pröva andra ord, en bredare fråga eller färre filter.")
        for hit in response.results:
            # result_card and context_html escape every piece of document text before adding markup.
            st.markdown(result_card(hit), unsafe_allow_html=True)
            with st.expander("Visa sammanhang"):
                context = context_html(gen.neighbours(hit.row), hit.row, query)
                st.markdown(context, unsafe_allow_html=True)
                st.caption(why_text(hit, options.fusion))
                download_button(gen, hit.path, hit.passage_id)
        more_possible = len(response.results) >= shown and shown < MAX_RESULTS
        if more_possible and st.button("Visa fler träffar"):
            set_params(**{**state, "n": shown + PAGE_SIZE})
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


def sidebar_filters(facets: Facets) -> tuple[Filters, list[str]]:
    """The sidebar's filter widgets, set from the URL, labelled with facet counts;
    and a message for each filter in the URL that cannot be used (it is left out)."""
    orgs, collections = param_list("org"), param_list("samling")
    types = [t for t in param_list("typ") if t in DOC_TYPES]
    problems = [
        f"typ={as_code(t)} i länken är ingen dokumenttyp (välj bland {', '.join(DOC_TYPES)}). {NOT_SHOWN}"
        for t in param_list("typ")
        if t not in DOC_TYPES
    ]
    (date_from, bad_from), (date_to, bad_to) = param_date("fran"), param_date("till", end=True)
    problems += [f"{problem} {NOT_SHOWN}" for problem in (bad_from, bad_to) if problem]
    with st.sidebar:
        st.subheader("Filter")
        orgs = st.multiselect(
            "Organisation",
            by_count(facets.organisations, orgs),
            default=orgs,
            placeholder="Alla organisationer",
            format_func=lambda o: f"{o} ({facets.organisations.get(o, 0)})",
        )
        types = st.multiselect(
            "Dokumenttyp",
            by_count(facets.doc_types, types),
            default=types,
            placeholder="Alla typer",
            format_func=lambda t: f"{DOC_TYPES.get(t, t)} ({facets.doc_types.get(t, 0)})",
        )
        # One collection is no choice: the filter appears only when there are several.
        if len(facets.collections) > 1 or collections:
            collections = st.multiselect(
                "Samling",
                sorted(set(facets.collections) | set(collections)),
                default=collections,
                placeholder="Alla samlingar",
                format_func=lambda c: f"{c} ({facets.collections.get(c, 0)})",
            )
        date_from = st.date_input("Från", value=date_from, format="YYYY-MM-DD")
        date_to = st.date_input("Till", value=date_to, format="YYYY-MM-DD")
    filters = Filters(
        organisations=tuple(orgs),
        doc_types=tuple(types),
        collections=tuple(collections),
        date_from=date_from.isoformat() if isinstance(date_from, date) else None,
        date_to=date_to.isoformat() if isinstance(date_to, date) else None,
    )
    return filters, problems


def unmatched_text(unmatched: Unmatched) -> str:
    """A filter value no document has, with the nearest ones the index has."""
    what = {"organisations": "organisationen", "collections": "samlingen"}[unmatched.field]
    guess = f" Menade du {' eller '.join(map(as_code, unmatched.closest))}?" if unmatched.closest else ""
    return f"Inget dokument i indexet har {what} {as_code(unmatched.value)}.{guess} Välj bland dem under Filter."


def by_count(counts: dict[str, int], selected: list[str]) -> list[str]:
    """Options for a filter, most common first; values from the URL stay even at count 0."""
    return sorted(set(counts) | set(selected), key=lambda v: (-counts.get(v, 0), v))


def download_button(gen: Generation, rel_path: str, key: str) -> None:
    """Offer the original file, but only from inside an indexed corpus folder.

    The file is read when the button is pressed (Streamlit calls `data` then),
    not for every hit on every page drawn.
    """
    path = gen.original_path(rel_path)
    if path is None or path.stat().st_size > MAX_DOWNLOAD_BYTES:
        return

    def read_original() -> bytes:
        # Checked again when pressed: the file may have been moved or replaced by a link since.
        current = gen.original_path(rel_path)
        if current is None:
            raise FileNotFoundError(f"{rel_path} is no longer in the corpus folder")
        return current.read_bytes()

    st.download_button("Ladda ner originalet", read_original, file_name=path.name, key=f"dl-{key}")
