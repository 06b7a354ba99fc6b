"""Metadata filters, applied to candidate rows before the cut to k."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from indexer.store.records import Document, StoredMeeting
from search.index import Generation


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
