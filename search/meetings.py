"""Meetings for a query: the reported meetings of the documents that match it.

The catalogue holds what each document reports; one meeting that several
documents report (a programme, its minutes, a news item afterwards) is shown
once, with all its sources. The merge (`indexer.store.meeting_groups`) is
recorded with each generation when it is written; a merged meeting is
assembled from its reports when a query first reaches it (`GroupedMeetings`).
A generation written before that record merges all its meetings when it is
opened (`MeetingRecord`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import numpy as np

from indexer.store.meeting_groups import MeetingArrays, ReportedMeeting, merge_meetings
from indexer.store.records import StoredMeeting
from indexer.text import fold
from search.filters import Filters

if TYPE_CHECKING:
    from indexer.store.catalog import Catalog

__all__ = ["GroupedMeetings", "MeetingRecord", "ReportedMeeting", "merge_meetings", "rank_meetings"]

# Swedish compounds hide the cue inside a word: "mötesanteckningar", "regionfullmäktige".
_MEETING_QUERY = re.compile(
    r"(?:m[oö]te(?:[nt]|na|s)?|tr[aä]ff|konferens|sammantr[aä]d|workshop|seminari|framtidsdag|"
    r"fullm[aä]ktige|n[aä]mnd|protokoll|minnesanteckning|meeting|conference|summit|beslutade)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def is_meeting_query(query: str) -> bool:
    return bool(_MEETING_QUERY.search(query))


# A meeting's card and JSON list at most this many of its reporting documents ("sources", the best-matching
# first) and count them all ("sources_total"): a meeting reported in thousands of documents costs no more.
SOURCES_SHOWN = 20


def meeting_json(
    group: ReportedMeeting,
    doc_paths: Mapping[str, str],
    best: StoredMeeting | None = None,
    first: Sequence[StoredMeeting] = (),
) -> dict[str, Any]:
    """A meeting as the JSON output and the app show it.

    Title and evidence come from `best` (the report that matched the query
    best; else the most complete one) and "path" is its document; "sources"
    lists the reporting documents, `best`'s first, then those of `first` (the
    other matching reports, best first), then the rest in the order reported,
    at most SOURCES_SHOWN of them; "sources_total" counts them all.
    """
    keys = ("title", "date", "date_end", "date_text", "place", "participants", "organisations")
    sources: dict[str, None] = {}
    for report in itertools.chain([best] if best is not None else [], first, group.reports):
        if len(sources) >= SOURCES_SHOWN:
            break
        sources.setdefault(doc_paths[report.doc_id])
    best = best or group.meeting
    return {
        **{k: v for k, v in asdict(group.meeting).items() if k in keys},
        "title": best.title,
        "evidence": best.evidence,
        "path": doc_paths[best.doc_id],
        "sources": list(sources),
        "sources_total": len(group.doc_ids()),
    }


class MeetingRecord:
    """A generation's meetings merged once (`merge_meetings`), and each document's reports in them."""

    def __init__(self, meetings: list[StoredMeeting]) -> None:
        self.merged = merge_meetings(meetings)
        # Per document: (merged meeting's position, report's position in it, report).
        self.by_doc: dict[str, list[tuple[int, int, StoredMeeting]]] = {}
        for position, group in enumerate(self.merged):
            for order, report in enumerate(group.reports):
                self.by_doc.setdefault(report.doc_id, []).append((position, order, report))

    def warm(self) -> None:
        """Nothing left to prepare: every meeting was merged when this record was made."""

    def reported_in(self, doc_ids: Iterable[str]) -> list[tuple[ReportedMeeting, list[StoredMeeting]]]:
        """The merged meetings the documents report, in merge order, each with those documents' reports
        in it (in the order reported): the work is the documents' reports, not every report of a meeting."""
        found: dict[int, list[tuple[int, StoredMeeting]]] = {}
        for doc in doc_ids:
            for position, order, report in self.by_doc.get(doc, ()):
                found.setdefault(position, []).append((order, report))
        return [(self.merged[p], [r for _, r in sorted(found[p], key=lambda x: x[0])]) for p in sorted(found)]


class GroupedMeetings:
    """A generation's meetings as merged when it was written (`MeetingArrays`); each merged meeting is
    assembled from its reports in the catalogue when a query first reaches it, and kept.

    Gives what `MeetingRecord` gives, without merging anything when the
    generation is opened: the same `ReportedMeeting`, built from the same
    reports in the same order.
    """

    KEPT = 4096  # merged meetings kept assembled, the first assembled dropped first
    # A meeting with more reports than this (one page copied into thousands of documents) is assembled
    # when the generation is opened (`warm`): the first query to reach it would wait for it.
    WARM_REPORTS = 256

    def __init__(self, arrays: MeetingArrays, doc_ids: np.ndarray, catalog: Catalog) -> None:
        self.arrays = arrays
        self.doc_ids = doc_ids
        self.catalog = catalog
        self._assembled: dict[int, ReportedMeeting] = {}
        self._warmed: dict[int, ReportedMeeting] = {}

    def warm(self) -> None:
        """Assemble now the meetings with more than `WARM_REPORTS` reports, and keep them."""
        sizes = np.diff(np.asarray(self.arrays.member_starts))
        for number in np.flatnonzero(sizes > self.WARM_REPORTS).tolist():
            self._warmed[number] = self._assemble(number)

    def reported_in(self, doc_ids: Iterable[str]) -> list[tuple[ReportedMeeting, list[StoredMeeting]]]:
        """As `MeetingRecord.reported_in`."""
        wanted = set(doc_ids)
        if not wanted or self.arrays.groups == 0:
            return []
        asked = np.array(sorted(wanted), dtype=str)
        numbers = np.searchsorted(self.doc_ids, asked)
        known = numbers < len(self.doc_ids)
        known[known] = np.asarray(self.doc_ids)[numbers[known]] == asked[known]
        meetings = self.arrays.meetings_of_docs(numbers[known])
        groups = np.unique(np.asarray(self.arrays.meeting_group)[meetings]).tolist()
        found = []
        for number in groups:
            group = self._group(number)
            found.append((group, [r for r in group.reports if r.doc_id in wanted]))
        return found

    def _group(self, number: int) -> ReportedMeeting:
        group = self._warmed.get(number) or self._assembled.get(number)
        if group is None:
            group = self._assemble(number)
            if len(self._assembled) >= self.KEPT:
                self._assembled.pop(next(iter(self._assembled)))
            self._assembled[number] = group
        return group

    def _assemble(self, number: int) -> ReportedMeeting:
        """A merged meeting from its reports, as `merge_meetings` built it."""
        ids = np.asarray(self.arrays.meeting_ids)[self.arrays.members_of(number)].tolist()
        by_id = self.catalog.meetings_by_id(ids)
        reports = [by_id[i] for i in ids]
        group = ReportedMeeting(reports[0], [])
        for report in reports:
            group.add(report)
        group.settle()
        return group


def rank_meetings(
    query: str,
    passage_scores: dict[int, float],
    row_doc: Sequence[str],
    meetings: list[StoredMeeting] | MeetingRecord | GroupedMeetings,
    doc_paths: Mapping[str, str],
    filters: Filters | None = None,
    limit: int = 5,
) -> list[dict[str, Any]]:
    """Meetings of matching documents, best first, each once with its sources.

    A meeting scores as its best-matching report; a year or place in the query counts.
    With a `MeetingRecord` or `GroupedMeetings` (kept per generation) only the matching documents' reports
    are looked at:
    a report of a document without a matching passage scores nothing.
    """
    if not passage_scores:
        return []
    top = max(passage_scores.values()) or 1.0
    rel_doc: dict[str, float] = {}
    for row, s in passage_scores.items():
        rel_doc[row_doc[row]] = max(rel_doc.get(row_doc[row], 0.0), s / top)
    years = set(_YEAR.findall(query))
    folded_query = fold(query)
    scored = []
    record = MeetingRecord(meetings) if isinstance(meetings, list) else meetings
    for group, matched in record.reported_in(rel_doc):
        m = group.meeting
        if filters is not None and not filters.accepts_meeting(m):
            continue
        report_rel = {id(r): _report_relevance(r, rel_doc, passage_scores, top) for r in matched}
        best = max(matched, key=lambda r: report_rel[id(r)])
        rel = report_rel[id(best)]
        if rel <= 0:
            continue
        if years:
            rel *= 1.5 if m.date and m.date[:4] in years else 0.7
        if m.place and fold(m.place.split(",")[-1].strip()) in folded_query:
            rel *= 1.3
        scored.append((rel, group, best, sorted(matched, key=lambda r: report_rel[id(r)], reverse=True)))
    scored.sort(key=lambda t: t[0], reverse=True)
    return [
        {**meeting_json(group, doc_paths, best, ordered), "score": round(rel, 4)}
        for rel, group, best, ordered in scored[:limit]
    ]


def _report_relevance(
    report: StoredMeeting, rel_doc: dict[str, float], passage_scores: dict[int, float], top: float
) -> float:
    rel = rel_doc.get(report.doc_id, 0.0)
    if report.passage_row is not None and report.passage_row in passage_scores:
        rel = max(rel, passage_scores[report.passage_row] / top)
    return rel
