"""Opening a generation for reading: manifest, vectors, BM25, per-row arrays and the catalogue's reader.

Opening checks what is cheap to check (every file there at its sealed size,
each part loads, the parts agree on the number of passages, the catalogue's
tables can be read) and refuses a damaged generation with one line naming the
file: never a traceback, and never an answer from half the machinery (a
missing lexical index is not searched around).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from indexer.store.bm25 import BM25_DIR, BM25Index
from indexer.store.catalog import CATALOG_FILE, Catalog
from indexer.store.integrity import check_files, loading
from indexer.store.layout import VECTORS_FILE, GenerationDamaged, Layout, current_generation_dir, read_manifest
from indexer.store.meeting_groups import MEETINGS_DIR, MeetingArrays
from indexer.store.person_vectors import (
    MENTION_EXACT_LIMIT,
    MENTION_INDEX_FILE,
    PERSON_VECTOR_IDS_FILE,
    PERSON_VECTORS_FILE,
)
from indexer.store.records import Document, Passage, Person, StoredMeeting, StoredMention
from indexer.store.rows import ROWS_DIR, RowArrays, load_mapped
from indexer.store.vectors import HalfPrecisionScan, VectorIndex
from search.query import Vocabulary

if TYPE_CHECKING:
    from search.meetings import GroupedMeetings, MeetingRecord

# Documents kept as objects after a lookup (hits, evidence paths); the rest stay in the catalogue.
DOCUMENT_CACHE = 4096


class RowDocs(Sequence[str]):
    """Per passage row, its document's id: a view of the per-row arrays."""

    def __init__(self, arrays: RowArrays) -> None:
        self._arrays = arrays

    def __len__(self) -> int:
        return len(self._arrays.row_doc)

    @overload
    def __getitem__(self, row: int) -> str: ...
    @overload
    def __getitem__(self, row: slice) -> Sequence[str]: ...
    def __getitem__(self, row: int | slice) -> str | Sequence[str]:
        if isinstance(row, slice):
            return [str(d) for d in self._arrays.doc_ids[self._arrays.row_doc[row]]]
        return str(self._arrays.doc_ids[self._arrays.row_doc[row]])


class DocPaths(Mapping[str, str]):
    """Document id -> its path relative to the corpus, read from the catalogue as needed."""

    def __init__(self, gen: Generation) -> None:
        self._gen = gen

    def __getitem__(self, doc_id: str) -> str:
        return self._gen.document(doc_id).path

    def __iter__(self) -> Iterator[str]:
        return (str(d) for d in self._gen.arrays.doc_ids)

    def __len__(self) -> int:
        return len(self._gen.arrays.doc_ids)


class Generation:
    """One generation, opened read-only.

    Opening reads the manifest, the vocabulary and the small index files;
    the vectors, the BM25 postings and the per-row arrays are memory-mapped
    (`indexer.store.rows`), so a query reads what it touches and a hot swap
    costs little at any size. Documents, people, mentions and meetings as
    objects are read from the catalogue on first use, for the pages that list
    them; the search path asks the catalogue for the few it shows. What every
    query needs from them (the people, mentions grouped by person, the
    meetings merged, the vocabulary) is prepared by `warm`, which the
    searcher calls when it opens or switches to a generation.

    Raises GenerationDamaged when a file is missing, of the wrong size or
    cannot be loaded, and when the parts disagree on the number of passages.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest: dict[str, Any] = read_manifest(folder)
        self.id: str = self.manifest["generation"]
        check_files(folder, self.manifest, checksums=False)
        with loading(folder, self.manifest, VECTORS_FILE):
            self.vectors = VectorIndex(folder, self.manifest.get("index"), self.manifest["dimension"])
        self.size = self.vectors.size
        # Only a generation without passages has no lexical index (see indexer.job.build).
        self.bm25: BM25Index | None = None
        if self.size:
            with loading(folder, self.manifest, BM25_DIR):
                self.bm25 = BM25Index(folder / BM25_DIR)
            if self.bm25.size != self.size:
                raise GenerationDamaged(
                    folder / BM25_DIR, f"damaged ({self.bm25.size} passages, {VECTORS_FILE} has {self.size})"
                )
        with loading(folder, self.manifest, CATALOG_FILE):
            self.catalog = Catalog(folder / CATALOG_FILE)
        try:
            with loading(folder, self.manifest, CATALOG_FILE):
                # Every table read once through (a count walks its pages): damage shows now, not mid-query.
                counts = self.catalog.table_counts()
            passages = counts["passages"]
            with loading(folder, self.manifest, ROWS_DIR):
                self.arrays = RowArrays.open(folder)
            # The merge of its meetings, recorded when it was written; None for a generation from before.
            with loading(folder, self.manifest, MEETINGS_DIR):
                self.meeting_arrays = MeetingArrays.read(folder)
            if not passages == len(self.arrays.row_doc) == self.size:
                raise GenerationDamaged(
                    folder / VECTORS_FILE,
                    f"damaged ({self.size} vectors, {CATALOG_FILE} has {passages} passages,"
                    f" {ROWS_DIR}/ {len(self.arrays.row_doc)})",
                )
            if self.meeting_arrays is not None and len(self.meeting_arrays.meeting_ids) != counts.get("meetings"):
                raise GenerationDamaged(
                    folder / MEETINGS_DIR,
                    f"damaged ({len(self.meeting_arrays.meeting_ids)} meetings, {CATALOG_FILE} has"
                    f" {counts.get('meetings')})",
                )
            # One vector per mention, row for row with the arrays' mentions; None for a generation built without them.
            vectors, as_written = self._mention_vectors()
            self.mention_vectors: np.ndarray | None = vectors
            # Their inverted file (indexer.store.person_vectors), row for row with the file; where they are
            # compared exactly (few of them, or a generation built before the index), a half-precision scan.
            self.mention_index: VectorIndex | HalfPrecisionScan | None = None
            spec = self.manifest.get("mention_index")
            exact = spec is None or spec["type"] == "flat"
            if vectors is not None and exact and 0 < len(vectors) <= MENTION_EXACT_LIMIT:
                self.mention_index = HalfPrecisionScan(vectors)
            elif not exact and vectors is not None and as_written:
                with loading(folder, self.manifest, MENTION_INDEX_FILE):
                    self.mention_index = VectorIndex(
                        folder, spec, self.manifest["dimension"], MENTION_INDEX_FILE, PERSON_VECTORS_FILE
                    )
                if self.mention_index.size != len(vectors):
                    raise GenerationDamaged(
                        folder / MENTION_INDEX_FILE,
                        f"damaged ({self.mention_index.size} vectors, {PERSON_VECTORS_FILE} has {len(vectors)})",
                    )
        except BaseException:
            self.catalog.close()
            raise
        self._documents: dict[str, Document] = {}
        # Per filter (search.filters.Filters), which documents pass: computed once per generation.
        self.filter_masks: dict[Any, np.ndarray] = {}

    def _mention_vectors(self) -> tuple[np.ndarray | None, bool]:
        """The mention vectors in the arrays' order, and whether that is the file's (memory-mapped)."""
        ids_file, vectors_file = self.folder / PERSON_VECTOR_IDS_FILE, self.folder / PERSON_VECTORS_FILE
        try:
            ids = load_mapped(ids_file)
            vectors = load_mapped(vectors_file)
        except (OSError, ValueError):
            return None, False
        wanted = self.arrays.mention_ids
        if vectors.ndim != 2 or vectors.shape[1] != self.manifest["dimension"] or len(ids) != len(vectors):
            return None, False
        if len(ids) == len(wanted) and np.array_equal(ids, wanted):
            return vectors, True  # written in catalogue order, as the indexer does
        # Another order (or extra rows): pick the catalogue's mentions, in memory.
        order = np.argsort(ids, kind="stable")
        at = np.searchsorted(ids[order], wanted)
        if at.size and (at.max() >= len(ids) or not np.array_equal(ids[order][at], wanted)):
            return None, False
        return np.asarray(vectors[order[at]], dtype=np.float32), False

    @cached_property
    def docs(self) -> dict[str, Document]:
        """Every document by id (read on first use: the people and meetings pages, facets)."""
        return self.catalog.documents()

    @cached_property
    def people(self) -> dict[str, Person]:
        return self.catalog.people()

    @cached_property
    def mentions(self) -> list[StoredMention]:
        """Every mention, in the arrays' order (`mention_vectors` row for row)."""
        return self.catalog.mentions()

    @cached_property
    def meetings(self) -> list[StoredMeeting]:
        return self.catalog.meetings()

    @cached_property
    def mentions_by_person(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mention numbers grouped by person (persons known only), where each group starts, and its person."""
        person = np.asarray(self.arrays.mention_person)
        known = np.flatnonzero(person >= 0)
        order = known[np.argsort(person[known], kind="stable")]
        if order.size == 0:
            return order, order, order
        sorted_persons = person[order]
        starts = np.flatnonzero(np.r_[True, sorted_persons[1:] != sorted_persons[:-1]])
        return order, starts, sorted_persons[starts]

    @cached_property
    def meeting_record(self) -> MeetingRecord | GroupedMeetings:
        """The meetings merged, by reporting document (for ranking them per query): as the generation
        recorded the merge, or for one written before that, merged now."""
        from search.meetings import GroupedMeetings, MeetingRecord

        if self.meeting_arrays is not None:
            return GroupedMeetings(self.meeting_arrays, self.arrays.doc_ids, self.catalog)
        return MeetingRecord(self.meetings)

    @cached_property
    def name_keys(self) -> dict[str, set[str]]:
        """Folded name key -> person ids, for finding names in a query."""
        from search.contacts import name_keys

        return name_keys(self.people)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The lexical index's words and counts, prepared for repairing queries."""
        return Vocabulary(self.bm25.vocabulary if self.bm25 is not None else {})

    @cached_property
    def date_range(self) -> tuple[str, str]:
        """The oldest and the newest document date ("", "" when none is dated)."""
        dates = np.sort(np.asarray(self.arrays.doc_dates))
        dates = dates[dates != ""]
        return (str(dates[0]), str(dates[-1])) if dates.size else ("", "")

    def warm(self) -> None:
        """Prepare now what queries need on first use, so that no query pays for it.

        Every document as an object (`docs`) is left to first use: only a
        filtered search and the people and meetings pages read them all.
        """
        _ = (
            self.people,
            self.name_keys,
            self.mentions_by_person,
            self.date_range,
            self.vocabulary,
        )
        self.meeting_record.warm()

    @property
    def row_doc(self) -> RowDocs:
        """Per row, its document's id."""
        return RowDocs(self.arrays)

    def document(self, doc_id: str) -> Document:
        """One document, from the catalogue, remembered."""
        doc = self._documents.get(doc_id)
        if doc is None:
            doc = self.catalog.document(doc_id)
            if doc is None:
                raise KeyError(doc_id)
            if len(self._documents) >= DOCUMENT_CACHE:
                self._documents.pop(next(iter(self._documents)))
            self._documents[doc_id] = doc
        return doc

    @property
    def doc_paths(self) -> DocPaths:
        """Document id -> path, looked up as needed."""
        return DocPaths(self)

    @classmethod
    def open_current(cls, data: Path) -> Generation:
        return cls(current_generation_dir(Layout(data)))

    def passage(self, row: int) -> Passage:
        p = self.catalog.passage(row)
        if p is None:
            raise IndexError(f"no passage row {row} in generation {self.id}")
        return p

    def neighbours(self, row: int, before: int = 1, after: int = 1) -> list[Passage]:
        """Passages around `row` in the same document, for context."""
        return self.catalog.neighbours(row, before, after)

    def person_mentions(self, person_id: str) -> list[dict[str, Any]]:
        """Every mention of a person with its document's path, title and date, newest first."""
        out = []
        for m in self.catalog.mentions(person_id):
            doc = self.document(m.doc_id)
            out.append({**asdict(m), "path": doc.path, "title": doc.title, "date": doc.date})
        out.sort(key=lambda d: d["path"])
        out.sort(key=lambda d: d["date"] or "", reverse=True)
        return out

    def meeting_dict(self, meeting: StoredMeeting) -> dict[str, Any]:
        """A meeting as the JSON output and the app show it: with its document's path."""
        return {**asdict(meeting), "path": self.document(meeting.doc_id).path}

    def original_path(self, rel_path: str) -> Path | None:
        """The original file behind a catalogue path, only from inside an indexed folder.

        With several sources a catalogue path starts with its source's name.
        """
        sources = self.manifest.get("sources") or [{"name": "", "path": self.manifest.get("corpus", "")}]
        for source in sources:
            name = source.get("name") or ""
            if name and not rel_path.startswith(name + "/"):
                continue
            if not source.get("path"):
                continue
            root = Path(source["path"]).resolve()
            path = (root / (rel_path[len(name) + 1 :] if name else rel_path)).resolve()
            if path.is_relative_to(root) and path.is_file():
                return path
        return None

    def close(self) -> None:
        self.catalog.close()
