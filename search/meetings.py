"""Meetings for a query: the reported meetings of the documents that match it."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from indexer.store.records import StoredMeeting
from indexer.text import fold
from search.filters import Filters

# Swedish compounds hide the cue inside a word: "mötesanteckningar", "regionfullmäktige".
_MEETING_QUERY = re.compile(
    r"(?:m[oö]te(?:[nt]|na|s)?|tr[aä]ff|konferens|sammantr[aä]d|workshop|seminari|framtidsdag|"
    r"fullm[aä]ktige|n[aä]mnd|protokoll|minnesanteckning|meeting|conference|summit|beslutade)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def is_meeting_query(query: str) -> bool:
    return bool(_MEETING_QUERY.search(query))


def rank_meetings(
    query: str,
    passage_scores: dict[int, float],
    row_doc: list[str],
    meetings: list[StoredMeeting],
    doc_paths: dict[str, str],
    filters: Filters | None = None,
    limit: int = 5,
) -> list[dict[str, Any]]:
    """Meetings of matching documents, best first; a year or place in the query counts."""
    if not passage_scores:
        return []
    top = max(passage_scores.values()) or 1.0
    rel_doc: dict[str, float] = {}
    for row, s in passage_scores.items():
        rel_doc[row_doc[row]] = max(rel_doc.get(row_doc[row], 0.0), s / top)
    years = set(_YEAR.findall(query))
    folded_query = fold(query)
    scored = []
    for m in meetings:
        rel = rel_doc.get(m.doc_id, 0.0)
        if m.passage_row is not None and m.passage_row in passage_scores:
            rel = max(rel, passage_scores[m.passage_row] / top)
        if rel <= 0:
            continue
        if filters is not None and not filters.accepts_meeting(m):
            continue
        if years:
            rel *= 1.5 if m.date and m.date[:4] in years else 0.7
        if m.place and fold(m.place.split(",")[-1].strip()) in folded_query:
            rel *= 1.3
        scored.append((rel, m))
    scored.sort(key=lambda t: t[0], reverse=True)
    keys = ("title", "date", "date_end", "date_text", "place", "participants", "organisations", "evidence")
    return [
        {**{k: v for k, v in asdict(m).items() if k in keys}, "path": doc_paths[m.doc_id], "score": round(rel, 4)}
        for rel, m in scored[:limit]
    ]
