"""The meetings page: every meeting in the index, filtered by year, place and organisation.

A meeting that several documents report is shown once, with all its sources.
"""

from __future__ import annotations

import streamlit as st

from indexer.settings import Settings
from search.engine import Searcher
from search.meetings import meeting_json, merge_meetings
from search.render import meeting_card

ALL = "Alla"


def show(searcher: Searcher, settings: Settings) -> None:
    """Draw the meetings, newest first, with three filters."""
    gen = searcher.generation
    st.title("Möten")
    merged = merge_meetings(gen.meetings)
    meetings = [group.meeting for group in merged]
    years = sorted({m.date[:4] for m in meetings if m.date}, reverse=True)
    places = sorted({m.place for m in meetings if m.place})
    organisations = sorted({o for m in meetings for o in m.organisations})
    cols = st.columns(3)
    year = cols[0].selectbox("År", [ALL, *years], index=0)
    place = cols[1].selectbox("Plats", [ALL, *places], index=0)
    org = cols[2].selectbox("Organisation", [ALL, *organisations], index=0)
    shown = [
        group
        for group in merged
        if (year == ALL or (group.meeting.date or "").startswith(year))
        and (place == ALL or group.meeting.place == place)
        and (org == ALL or org in group.meeting.organisations)
    ]
    st.caption(f"{len(shown)} möten, nyast först")
    paths = {doc_id: doc.path for doc_id, doc in gen.docs.items()}
    for group in shown:
        # meeting_card escapes every field it shows.
        st.markdown(meeting_card(meeting_json(group, paths)), unsafe_allow_html=True)
