"""The status page: the generation being served, the last reindex job, and how to run it again."""

from __future__ import annotations

from typing import Any

import streamlit as st

from indexer.settings import Settings
from search.engine import Searcher
from search.status import served_status
from search.ui.common import index_command


def show(searcher: Searcher, settings: Settings) -> None:
    """Draw the served generation's counts and facts, the last job's report and the command."""
    status = served_status(searcher.generation, settings.data)
    st.title("Status")
    counts = status.counts
    cols = st.columns(4)
    cols[0].metric("Dokument", counts["documents"])
    cols[1].metric("Textavsnitt", counts["passages"])
    cols[2].metric("Personer", counts["people"])
    cols[3].metric("Möten", counts["meetings"])
    st.markdown(
        f"**Indexgeneration:** `{status.generation}`  \n**Byggd:** {status.created or '–'}  \n"
        f"**Modell:** `{status.model_id}` ({status.dimension} dimensioner)  \n"
        f"**Dokumentmapp:** `{status.corpus or '–'}`"
    )

    st.subheader("Senaste indexering")
    if status.last_report is None:
        st.caption("Ingen rapport ännu.")
    else:
        st.markdown(report_line(status.last_report))
        if status.failed_files:
            st.warning("Filer som inte kunde läsas:")
            st.dataframe(
                [{"Fil": f.get("path"), "Orsak": f.get("reason")} for f in status.failed_files],
                hide_index=True,
            )

    st.subheader("Indexera om")
    st.code(index_command(settings, status.corpus), language="bash")


def report_line(report: dict[str, Any]) -> str:
    """The last job in one Swedish sentence (`indexer status` prints the same facts in English)."""
    when = f"{report.get('started')}: " if report.get("started") else ""
    seconds = f"{report.get('seconds', 0):.1f} s"
    if report.get("error"):
        return f"{when}misslyckades efter {seconds}, inget ändrades: {report['error']}"
    return (
        f"{when}{report.get('files_seen', 0)} filer, {report.get('new', 0)} nya, "
        f"{report.get('changed', 0)} ändrade, {report.get('removed', 0)} borttagna, "
        f"{len(report.get('renamed') or [])} flyttade, {len(report.get('failed') or [])} misslyckade; "
        f"{report.get('passages_embedded', 0)} textavsnitt inbäddade, "
        f"{report.get('passages_reused', 0)} återanvända; {seconds}."
    )
