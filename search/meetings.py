"""Meetings for a query: the reported meetings of the documents that match it.

The catalogue holds what each document reports; one meeting that several
documents report (a programme, its minutes, a news item afterwards) is shown
once, with all its sources. The merge happens here, when the meetings are
read, and not when the index is written: each stored report stays tied to
its own document, so an incremental job reuses it as it is and an erased
person leaves every report before the union is taken, and the index format
does not change.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from indexer.store.records import StoredMeeting
from indexer.text import fold, name_key, tokenize
from search.filters import Filters

# Swedish compounds hide the cue inside a word: "mötesanteckningar", "regionfullmäktige".
_MEETING_QUERY = re.compile(
    r"(?:m[oö]te(?:[nt]|na|s)?|tr[aä]ff|konferens|sammantr[aä]d|workshop|seminari|framtidsdag|"
    r"fullm[aä]ktige|n[aä]mnd|protokoll|minnesanteckning|meeting|conference|summit|beslutade)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


# Title words two reports of one meeting share at least, when no place or participant says so.
_SHARED_TITLE_WORDS = 2
# A meeting over more days than this is not indexed by each of its days.
_MAX_DAYS = 14


def is_meeting_query(query: str) -> bool:
    return bool(_MEETING_QUERY.search(query))


@dataclass(eq=False)
class ReportedMeeting:
    """One meeting with every report of it: `meeting` holds the most complete report's date and
    place, and the participants and organisations of all of them."""

    meeting: StoredMeeting
    reports: list[StoredMeeting]
    _places: set[str] = field(default_factory=set, repr=False)
    _people: set[str] = field(default_factory=set, repr=False)
    _title: set[str] = field(default_factory=set, repr=False)
    _doc_ids: set[str] = field(default_factory=set, repr=False)
    _participants: dict[str, None] = field(default_factory=dict, repr=False)
    _organisations: dict[str, None] = field(default_factory=dict, repr=False)
    _base: StoredMeeting | None = field(default=None, repr=False)

    def add(self, report: StoredMeeting) -> None:
        """Add a report; the cost does not grow with the reports already there (a page copied many times)."""
        self.reports.append(report)
        self._doc_ids.add(report.doc_id)
        self._participants.update(dict.fromkeys(report.participants))
        self._organisations.update(dict.fromkeys(report.organisations))
        if self._base is None or _completeness(report) > _completeness(self._base):
            self._base = report
        self._places |= _place_words(report.place)
        self._people |= {_name_key(n) for n in report.participants}
        self._title |= _title_words(report.title)

    def settle(self) -> None:
        """Set `meeting` from the reports added: the most complete one's date and place, everyone's
        participants and organisations (once, when the merge is done, not at every report)."""
        base = self._base or self.meeting
        self.meeting = replace(
            base,
            participants=list(dict.fromkeys([*base.participants, *self._participants])),
            organisations=list(dict.fromkeys([*base.organisations, *self._organisations])),
        )

    def doc_ids(self) -> set[str]:
        return self._doc_ids

    def reports_same(self, report: StoredMeeting) -> bool:
        """Whether `report` is this meeting: on the same day (or, undated, said the same way) and,
        unless their places differ, in the same place, with a shared participant or title."""
        places = _place_words(report.place)
        if places and self._places and not places & self._places:
            return False  # the same day in another town: another meeting
        people = {_name_key(n) for n in report.participants}
        shared_people = people & self._people
        base = self._base or self.meeting
        if base.date is None or report.date is None:
            # Undated: only the same words for the date and strongly shared participants.
            return (
                base.date is None and report.date is None
                and bool(report.date_text) and fold(report.date_text or "") == fold(base.date_text or "")
                and len(shared_people) >= 2 and 2 * len(shared_people) >= min(len(people), len(self._people))
            )  # fmt: skip
        return bool(places & self._places or shared_people) or (
            len(_title_words(report.title) & self._title) >= _SHARED_TITLE_WORDS
        )


def _completeness(report: StoredMeeting) -> tuple[int, int, int]:
    return (report.date is not None) + (report.place is not None), len(report.place or ""), len(report.participants)


# Names, places and titles recur across reports (one official at many meetings, one town, a series'
# title): each is analysed once per process, not once per report and comparison.
_name_key = lru_cache(maxsize=1 << 16)(name_key)


@lru_cache(maxsize=1 << 16)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(tokenize(title))


@lru_cache(maxsize=1 << 16)
def _place_words(place: str | None) -> frozenset[str]:
    return frozenset(w for w in fold(place or "").replace(",", " ").split() if len(w) > 2 and w not in {"och", "pa"})


def _days(report: StoredMeeting) -> list[str]:
    if report.date is None:
        return [f"undated:{fold(report.date_text or '')}"]
    try:
        first = date.fromisoformat(report.date)
        last = date.fromisoformat(report.date_end) if report.date_end else first
    except ValueError:
        return [report.date]
    n = min(max((last - first).days, 0), _MAX_DAYS)
    return [(first + timedelta(days=i)).isoformat() for i in range(n + 1)]


def merge_meetings(meetings: list[StoredMeeting]) -> list[ReportedMeeting]:
    """Reports of one meeting by several documents, as one meeting each, in the order given.

    Reports are the same meeting when their days overlap and their places
    agree, and a place, a participant or two title words are shared; undated
    ones when the date is written alike and most participants are shared.
    A report joins the first meeting it matches, compared with all that
    meeting's reports so far, so that a chain of loose matches cannot join
    two meetings in different towns.
    """
    merged: list[ReportedMeeting] = []
    by_day: dict[str, list[ReportedMeeting]] = {}
    for report in meetings:
        # Nothing says when: no report can be the same meeting (`reports_same`), so none is compared with it
        # (comparing each such report with all the others before it would cost the square of their number).
        days = [] if report.date is None and not report.date_text else _days(report)
        candidates = dict.fromkeys(group for day in days for group in by_day.get(day, []))
        group = next((g for g in candidates if report.doc_id not in g.doc_ids() and g.reports_same(report)), None)
        if group is None:
            group = ReportedMeeting(report, [])
            merged.append(group)
        group.add(report)
        for day in days:
            if group not in by_day.setdefault(day, []):
                by_day[day].append(group)
    for group in merged:
        group.settle()
    return merged


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

    def reported_in(self, doc_ids: Iterable[str]) -> list[tuple[ReportedMeeting, list[StoredMeeting]]]:
        """The merged meetings the documents report, in merge order, each with those documents' reports
        in it (in the order reported): the work is the documents' reports, not every report of a meeting."""
        found: dict[int, list[tuple[int, StoredMeeting]]] = {}
        for doc in doc_ids:
            for position, order, report in self.by_doc.get(doc, ()):
                found.setdefault(position, []).append((order, report))
        return [(self.merged[p], [r for _, r in sorted(found[p], key=lambda x: x[0])]) for p in sorted(found)]


def rank_meetings(
    query: str,
    passage_scores: dict[int, float],
    row_doc: Sequence[str],
    meetings: list[StoredMeeting] | MeetingRecord,
    doc_paths: Mapping[str, str],
    filters: Filters | None = None,
    limit: int = 5,
) -> list[dict[str, Any]]:
    """Meetings of matching documents, best first, each once with its sources.

    A meeting scores as its best-matching report; a year or place in the query counts.
    With a `MeetingRecord` (kept per generation) only the matching documents' reports are looked at:
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
    record = meetings if isinstance(meetings, MeetingRecord) else MeetingRecord(meetings)
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
