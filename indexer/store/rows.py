"""Per-generation arrays: what a query needs about every row, document and mention, without SQL or objects.

Written from the catalogue when a generation is built (and again whenever a
catalogue is scrubbed), in `rows/`, one numpy file each, read back with
`allow_pickle=False, mmap_mode="r"`: opening a generation of a million
passages reads none of them, and a query reads only the entries it touches.

    row_doc.npy          int32, per passage row: its document's number (an index into doc_ids)
    row_text.npy         uint64, per row: the first 8 bytes of the embedded text's hash (duplicates shown once)
    doc_ids.npy          str, per document number: the catalogue's doc_id, sorted
    doc_dates.npy        str, per document: its ISO date, "" when undated
    mention_ids.npy      int64, per mention in catalogue order: its mention_id
    mention_row.npy      int32, per mention: its passage row, -1 when none
    mention_doc.npy      int32, per mention: its document's number
    mention_person.npy   int32, per mention: its person's number (an index into person_ids)
    person_ids.npy       str, per person number: the person_id, sorted
    by_row.npy, by_doc.npy   int32: mention numbers sorted by row, by document (postings)
    by_row_keys.npy, by_doc_keys.npy   their rows, documents in that order (found with searchsorted)

A generation written before these existed gets them built in memory when it
is opened (`RowArrays.open`): a few seconds at a million passages, once.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from indexer.store.catalog import CATALOG_FILE, open_catalog

ROWS_DIR = "rows"


def load_mapped(path: Path) -> np.ndarray:
    """A saved array memory-mapped read-only, as a plain ndarray over the map.

    `np.load(mmap_mode="r")` gives an `np.memmap`, whose every indexing builds
    another memmap object: about 18 µs, thousands of times per query at a
    million passages. A plain view over the same map reads the same pages.
    """
    return np.asarray(np.load(path, allow_pickle=False, mmap_mode="r"))


def save_arrays(final: Path, arrays: dict[str, np.ndarray]) -> None:
    """Save each array as `final/<name>.npy`, the folder replaced whole by a rename (built beside it)."""
    tmp = final.with_name(f".{final.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    for name, array in arrays.items():
        with open(tmp / f"{name}.npy", "wb") as out:
            np.save(out, array, allow_pickle=False)
            out.flush()
            os.fsync(out.fileno())
    if final.exists():
        shutil.rmtree(final)
    os.rename(tmp, final)


@dataclass(frozen=True)
class RowArrays:
    row_doc: np.ndarray
    row_text: np.ndarray
    doc_ids: np.ndarray
    doc_dates: np.ndarray
    mention_ids: np.ndarray
    mention_row: np.ndarray
    mention_doc: np.ndarray
    mention_person: np.ndarray
    person_ids: np.ndarray
    by_row: np.ndarray
    by_row_keys: np.ndarray
    by_doc: np.ndarray
    by_doc_keys: np.ndarray

    @classmethod
    def from_catalog(cls, catalog_path: Path) -> RowArrays:
        """Build the arrays from a catalogue (in memory)."""
        db = open_catalog(catalog_path)
        try:
            doc_rows = db.execute("SELECT doc_id, date FROM documents ORDER BY doc_id").fetchall()
            doc_ids = np.array([r[0] for r in doc_rows], dtype=str)
            doc_dates = np.array([r[1] or "" for r in doc_rows], dtype=str)
            person_ids = np.array(
                [r[0] for r in db.execute("SELECT person_id FROM persons ORDER BY person_id")], dtype=str
            )
            passages = db.execute("SELECT doc_id, embed_hash FROM passages ORDER BY row").fetchall()
            mentions = db.execute("SELECT mention_id, passage_row, doc_id, person_id FROM mentions ORDER BY mention_id")
            mention_rows = mentions.fetchall()
        finally:
            db.close()
        doc_number = {d: i for i, d in enumerate(doc_ids.tolist())}
        person_number = {p: i for i, p in enumerate(person_ids.tolist())}
        row_doc = np.fromiter((doc_number[r[0]] for r in passages), np.int32, len(passages))
        row_text = np.fromiter((int(r[1][:16], 16) for r in passages), np.uint64, len(passages))
        m = len(mention_rows)
        mention_ids = np.fromiter((r[0] for r in mention_rows), np.int64, m)
        mention_row = np.fromiter((-1 if r[1] is None else r[1] for r in mention_rows), np.int32, m)
        mention_doc = np.fromiter((doc_number[r[2]] for r in mention_rows), np.int32, m)
        mention_person = np.fromiter((person_number.get(r[3], -1) for r in mention_rows), np.int32, m)
        by_row = np.argsort(mention_row, kind="stable").astype(np.int32)
        by_doc = np.argsort(mention_doc, kind="stable").astype(np.int32)
        return cls(
            row_doc=row_doc, row_text=row_text, doc_ids=doc_ids, doc_dates=doc_dates,
            mention_ids=mention_ids, mention_row=mention_row, mention_doc=mention_doc,
            mention_person=mention_person, person_ids=person_ids,
            by_row=by_row, by_row_keys=mention_row[by_row], by_doc=by_doc, by_doc_keys=mention_doc[by_doc],
        )  # fmt: skip

    def write(self, folder: Path) -> None:
        """Save under `folder/rows/`, replacing what is there by a rename."""
        save_arrays(folder / ROWS_DIR, {f.name: getattr(self, f.name) for f in fields(self)})

    @classmethod
    def read(cls, folder: Path) -> RowArrays | None:
        """The saved arrays, memory-mapped; None when the generation has none."""
        rows = folder / ROWS_DIR
        if not rows.is_dir():
            return None
        try:
            return cls(**{f.name: load_mapped(rows / f"{f.name}.npy") for f in fields(cls)})
        except (OSError, ValueError):
            return None

    @classmethod
    def open(cls, folder: Path) -> RowArrays:
        """The saved arrays, or for an older generation arrays built now from its catalogue."""
        saved = cls.read(folder)
        if saved is not None:
            return saved
        logging.getLogger(__name__).info(
            "generation %s has no %s/ arrays: building them in memory (reindex with --full to save them)",
            folder.name, ROWS_DIR,
        )  # fmt: skip
        return cls.from_catalog(folder / CATALOG_FILE)

    def mentions_at_rows(self, rows: np.ndarray) -> np.ndarray:
        """Numbers of the mentions inside the given passage rows."""
        return postings(self.by_row_keys, self.by_row, rows)

    def mentions_in_docs(self, docs: np.ndarray) -> np.ndarray:
        """Numbers of the mentions in the given documents."""
        return postings(self.by_doc_keys, self.by_doc, docs)


def postings(sorted_keys: np.ndarray, order: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The entries of `order` whose key (in `sorted_keys`, the keys in that order) is one of `wanted`."""
    wanted = np.unique(np.asarray(wanted))
    if len(order) == 0 or wanted.size == 0:
        return np.zeros(0, np.int64)
    starts = np.searchsorted(sorted_keys, wanted, side="left")
    ends = np.searchsorted(sorted_keys, wanted, side="right")
    parts = [np.asarray(order[a:b], dtype=np.int64) for a, b in zip(starts, ends, strict=True) if b > a]
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)
