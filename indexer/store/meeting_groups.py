"""Reports of one meeting by several documents, merged; and the merge kept with a generation.

The catalogue holds what each document reports (a programme, its minutes, a
news item afterwards); `merge_meetings` finds the reports that are one
meeting. Each stored report stays tied to its own document, so an
incremental job reuses it as it is and an erased person leaves every report
before the union is taken.

The merge of a whole generation is computed when the generation is written
(and again whenever its catalogue is scrubbed), not when it is opened: at a
million passages the demo's meeting density is some 39,000 reports, whose
merge took about a second at every opening and every switch of the app.
`MeetingArrays` records it in `meetings/`, one numpy file each, read back
memory-mapped:

    meeting_ids.npy     int64, per meeting in catalogue order (newest first): its meeting_id
    meeting_doc.npy     int32, per meeting: its document's number (an index into rows/doc_ids.npy)
    meeting_group.npy   int32, per meeting: its merged meeting's number, in merge order
    by_doc.npy, by_doc_keys.npy   int32: meeting numbers sorted by document, and their documents
    members.npy         int32: meeting numbers grouped by merged meeting, in catalogue order
    member_starts.npy   int64: where each merged meeting's members start (one more entry, the end)

The searcher assembles a merged meeting from its reports when a query first
reaches it (`search.meetings.GroupedMeetings`); a generation written before
these files merges everything when it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np

from indexer.store.catalog import CATALOG_FILE
from indexer.store.records import StoredMeeting
from indexer.store.rows import ROWS_DIR, load_mapped, postings, save_arrays
from indexer.text import fold, name_key, tokenize

MEETINGS_DIR = "meetings"

# Title words two reports of one meeting share at least, when no place or participant says so.
_SHARED_TITLE_WORDS = 2
# A meeting over more days than this is not indexed by each of its days.
_MAX_DAYS = 14


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


@dataclass(frozen=True)
class MeetingArrays:
    """A generation's meetings and their merge, as arrays (see the module's docstring)."""

    meeting_ids: np.ndarray
    meeting_doc: np.ndarray
    meeting_group: np.ndarray
    by_doc: np.ndarray
    by_doc_keys: np.ndarray
    members: np.ndarray
    member_starts: np.ndarray

    @classmethod
    def from_catalog(cls, catalog_path: Path, doc_ids: np.ndarray) -> MeetingArrays:
        """Merge a catalogue's meetings; `doc_ids` sorted, as rows/doc_ids.npy holds them."""
        from indexer.store.catalog import Catalog

        catalog = Catalog(catalog_path)
        try:
            meetings = catalog.meetings()
        finally:
            catalog.close()
        number = {m.meeting_id: i for i, m in enumerate(meetings)}
        meeting_group = np.zeros(len(meetings), np.int32)
        merged = merge_meetings(meetings)
        for position, group in enumerate(merged):
            meeting_group[[number[r.meeting_id] for r in group.reports]] = position
        meeting_ids = np.fromiter((m.meeting_id for m in meetings), np.int64, len(meetings))
        meeting_doc = np.searchsorted(doc_ids, np.array([m.doc_id for m in meetings], dtype=str)).astype(np.int32)
        by_doc = np.argsort(meeting_doc, kind="stable").astype(np.int32)
        members = np.argsort(meeting_group, kind="stable").astype(np.int32)
        member_starts = np.searchsorted(meeting_group[members], np.arange(len(merged) + 1)).astype(np.int64)
        return cls(
            meeting_ids=meeting_ids, meeting_doc=meeting_doc, meeting_group=meeting_group,
            by_doc=by_doc, by_doc_keys=meeting_doc[by_doc], members=members, member_starts=member_starts,
        )  # fmt: skip

    def write(self, folder: Path) -> None:
        """Save under `folder/meetings/`, replacing what is there by a rename."""
        save_arrays(folder / MEETINGS_DIR, {f.name: getattr(self, f.name) for f in fields(self)})

    @classmethod
    def read(cls, folder: Path) -> MeetingArrays | None:
        """The saved arrays, memory-mapped; None when the generation was written without them.

        Raises OSError or ValueError when the folder is there but a file in it is not sound.
        """
        saved = folder / MEETINGS_DIR
        if not saved.is_dir():
            return None
        arrays = cls(**{f.name: load_mapped(saved / f"{f.name}.npy") for f in fields(cls)})
        n = len(arrays.meeting_ids)
        if not (
            len(arrays.meeting_doc) == len(arrays.meeting_group) == len(arrays.by_doc) == len(arrays.members) == n
            and len(arrays.member_starts) >= 1
            and int(arrays.member_starts[-1]) == n
        ):
            raise ValueError(f"{saved}: arrays of different lengths")
        return arrays

    @property
    def groups(self) -> int:
        return len(self.member_starts) - 1

    def meetings_of_docs(self, doc_numbers: np.ndarray) -> np.ndarray:
        """Numbers of the meetings the given documents report."""
        return postings(self.by_doc_keys, self.by_doc, doc_numbers)

    def members_of(self, group: int) -> np.ndarray:
        """Numbers of a merged meeting's reports, in the order it was merged from them."""
        return np.asarray(self.members[int(self.member_starts[group]) : int(self.member_starts[group + 1])])


def write_meeting_arrays(folder: Path) -> None:
    """Merge the meetings of the generation in `folder` (its catalogue and rows/ written) and save the merge."""
    MeetingArrays.from_catalog(folder / CATALOG_FILE, load_mapped(folder / ROWS_DIR / "doc_ids.npy")).write(folder)
