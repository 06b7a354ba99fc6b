"""Metadata filters, applied to candidate rows before the cut to k.

Also what the command line and the app share for checking filter values: what
a date filter may say, and which organisations and collections the index holds.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from indexer.store.records import Document, StoredMeeting
from search.index import Generation

# A date filter: a day, a month or a year (documents' dates are ISO days, compared by prefix).
_DATE_FILTER = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
DATE_FORMATS = "YYYY-MM-DD, or YYYY-MM / YYYY for a whole month or year"


@dataclass(frozen=True)
class Filters:
    organisations: tuple[str, ...] = field(default_factory=tuple)
    doc_types: tuple[str, ...] = field(default_factory=tuple)
    collections: tuple[str, ...] = field(default_factory=tuple)
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None

    def active(self) -> bool:
        return bool(self.organisations or self.doc_types or self.collections or self.date_from or self.date_to)

    def accepts(self, doc: Document) -> bool:
        if self.doc_types and doc.doc_type not in self.doc_types:
            return False
        if self.collections and doc.collection not in self.collections:
            return False
        return self._accepts(doc.organisations, doc.date)

    def accepts_meeting(self, meeting: StoredMeeting) -> bool:
        """Organisation and date filters, applied to a meeting's own organisations and date."""
        return self._accepts(meeting.organisations, meeting.date)

    def _accepts(self, organisations: list[str], date: str | None) -> bool:
        if self.organisations and not set(self.organisations) & set(organisations):
            return False
        # Something undated cannot be shown to fall in a date range.
        if (self.date_from or self.date_to) and not date:
            return False
        if self.date_from and date and date < self.date_from:
            return False
        return not (self.date_to and date and date[: len(self.date_to)] > self.date_to)


def row_mask(gen: Generation, filters: Filters) -> np.ndarray | None:
    """Boolean mask of rows that pass, or None when no filter is set."""
    if not filters.active():
        return None
    return document_mask(gen, filters)[np.asarray(gen.arrays.row_doc)]


def document_mask(gen: Generation, filters: Filters) -> np.ndarray:
    """Per document number (`gen.arrays.doc_ids`), whether it passes; remembered per generation and filter."""
    cache = gen.filter_masks
    mask = cache.get(filters)
    if mask is None:
        docs = gen.docs
        mask = np.fromiter((filters.accepts(docs[str(d)]) for d in gen.arrays.doc_ids), bool, len(gen.arrays.doc_ids))
        if len(cache) >= 32:
            cache.pop(next(iter(cache)))
        cache[filters] = mask
    return mask


@dataclass
class Facets:
    """How many documents carry each value, for the sidebar filters."""

    organisations: dict[str, int]
    doc_types: dict[str, int]
    collections: dict[str, int]


def facet_counts(gen: Generation, doc_ids: Iterable[str] | None = None) -> Facets:
    """Counts over `doc_ids` (the documents a query matches), or over the whole index."""
    docs = [gen.docs[d] for d in (gen.docs if doc_ids is None else dict.fromkeys(doc_ids)) if d in gen.docs]
    orgs: Counter[str] = Counter(org for doc in docs for org in dict.fromkeys(doc.organisations))
    return Facets(
        organisations=dict(orgs.most_common()),
        doc_types=dict(Counter(doc.doc_type for doc in docs).most_common()),
        collections=dict(Counter(doc.collection for doc in docs).most_common()),
    )


def date_period(text: str) -> tuple[date, date] | None:
    """The first and the last day a date filter covers ("2023-05-17", "2023-05", "2023");
    None when `text` is no such date ("2023-13-45", "igår")."""
    if not _DATE_FILTER.fullmatch(text):
        return None
    parts = [int(part) for part in text.split("-")]
    try:
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            year, month = parts
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:  # month 13, day 45, year 0
        return None


def range_is_empty(date_from: str | None, date_to: str | None) -> bool:
    """True when the range starts after it ends, so no date can fall in it."""
    start = date_period(date_from) if date_from else None
    end = date_period(date_to) if date_to else None
    return start is not None and end is not None and start[0] > end[1]


@dataclass(frozen=True)
class Unmatched:
    """A filter value that no document in the index carries, with the values that are there."""

    field: str  # "organisations" or "collections", as in Filters and Facets
    value: str
    closest: list[str]  # the known values most like it (a typing error, another spelling), best first
    known: dict[str, int]  # every known value and its number of documents, most first


def unmatched_values(filters: Filters, facets: Facets) -> list[Unmatched]:
    """The organisations and collections asked for that no document has (`facets` over the whole index)."""
    out = []
    for name in ("organisations", "collections"):
        known: dict[str, int] = getattr(facets, name)
        folded = {value.casefold(): value for value in known}
        for value in getattr(filters, name):
            if value not in known:
                closest = difflib.get_close_matches(value.casefold(), folded, n=3, cutoff=0.8)
                out.append(Unmatched(name, value, [folded[c] for c in closest], known))
    return out
