"""The people page: everyone the index names, filterable; ?person= shows one person's mentions."""

from __future__ import annotations

import streamlit as st

from indexer.settings import Settings
from indexer.store.records import Person
from search.engine import Searcher
from search.index import Generation
from search.render import mention_row
from search.ui.common import as_code, param, set_params


def show(searcher: Searcher, settings: Settings) -> None:
    """Draw the list of people, or one person's page when ?person= names one."""
    gen = searcher.generation
    st.title("Personer")
    selected = param("person")
    if selected in gen.people:
        person_page(gen, gen.people[selected])
        return
    if selected:
        st.warning(
            f"Personen i länken (person={as_code(selected)}) finns inte i indexet: den kan ha tagits bort "
            "eller fått ett nytt id när indexet byggdes om. Sök efter namnet nedan."
        )
    text = st.text_input("Sök person, roll eller organisation", value=param("filter"))
    needle = text.strip().casefold()
    people = sorted(gen.people.values(), key=lambda p: p.name)
    if needle:
        people = [p for p in people if needle in " ".join([p.name, *p.roles, *p.organisations]).casefold()]
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


def person_page(gen: Generation, person: Person) -> None:
    """One person: roles, organisations, and every mention with its evidence, newest first."""
    if st.button("← Alla personer"):
        set_params(sida="personer")
        st.rerun()
    st.header(person.name)
    st.markdown(
        f"**Roller:** {', '.join(person.roles) or '–'}  \n"
        f"**Organisationer:** {', '.join(person.organisations) or '–'}  \n"
        f"**Nämns i:** {person.n_documents} dokument ({person.n_mentions} gånger)"
    )
    for mention in gen.person_mentions(person.person_id):
        # mention_row escapes the evidence, title and path.
        st.markdown(mention_row(mention), unsafe_allow_html=True)
