"""Opening a generation for reading: manifest, FAISS vectors, BM25, and the catalogue's reader.

Opening checks what is cheap to check (every file there at its sealed size,
each part loads, as many vectors as catalogue rows) and refuses a damaged
generation with one line naming the file: never a traceback, and never an
answer from half the machinery (a missing lexical index is not searched
around).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from indexer.store.bm25 import BM25_DIR, BM25Index
from indexer.store.catalog import CATALOG_FILE, Catalog
from indexer.store.integrity import check_files, loading
from indexer.store.layout import VECTORS_FILE, GenerationDamaged, Layout, current_generation_dir, read_manifest
from indexer.store.person_vectors import read_person_vectors
from indexer.store.records import Document, Passage, Person, StoredMeeting, StoredMention


class Generation:
    """One generation, opened read-only, with per-row lookups kept in memory.

    Raises GenerationDamaged when a file is missing, of the wrong size or
    cannot be loaded, and when the parts disagree on the number of passages.
    """

    def __init__(self, folder: Path) -> None:
        import faiss

        self.folder = folder
        self.manifest: dict[str, Any] = read_manifest(folder)
        self.id: str = self.manifest["generation"]
        check_files(folder, self.manifest, checksums=False)
        with loading(folder, self.manifest, VECTORS_FILE):
            self.index = faiss.read_index(str(folder / VECTORS_FILE))
            self.size = int(self.index.ntotal)
            self.vectors = (
                self.index.reconstruct_n(0, self.size)
                if self.size
                else np.zeros((0, self.manifest["dimension"]), np.float32)
            )
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
            self._read_catalog()
        except BaseException:
            self.catalog.close()
            raise

    def _read_catalog(self) -> None:
        with loading(self.folder, self.manifest, CATALOG_FILE):
            self.docs: dict[str, Document] = self.catalog.documents()
            # People, mentions and meetings are small: kept in memory for ranking.
            self.people: dict[str, Person] = self.catalog.people()
            self.mentions: list[StoredMention] = self.catalog.mentions()
            self.meetings: list[StoredMeeting] = self.catalog.meetings()
            # One vector per mention, row for row with `mentions`; None for a generation built without them.
            self.mention_vectors: np.ndarray | None = self._mention_vectors()
            self.row_doc, self.row_hash = self.catalog.row_keys()
        if len(self.row_doc) != self.size:
            raise GenerationDamaged(
                self.folder / VECTORS_FILE,
                f"damaged ({self.size} vectors, {CATALOG_FILE} has {len(self.row_doc)} passages)",
            )

    def _mention_vectors(self) -> np.ndarray | None:
        stored = read_person_vectors(self.folder, self.manifest["dimension"])
        if stored is None:
            return None
        ids, vectors = stored
        row_of = {int(mention_id): row for row, mention_id in enumerate(ids)}
        rows = [row_of.get(mention_id) for mention_id in self.catalog.mention_ids()]
        if len(rows) != len(self.mentions) or any(row is None for row in rows):
            return None
        return vectors[np.asarray(rows, dtype=np.int64)] if rows else vectors[:0]

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
            doc = self.docs[m.doc_id]
            out.append({**asdict(m), "path": doc.path, "title": doc.title, "date": doc.date})
        out.sort(key=lambda d: d["path"])
        out.sort(key=lambda d: d["date"] or "", reverse=True)
        return out

    def meeting_dict(self, meeting: StoredMeeting) -> dict[str, Any]:
        """A meeting as the JSON output and the app show it: with its document's path."""
        return {**asdict(meeting), "path": self.docs[meeting.doc_id].path}

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
