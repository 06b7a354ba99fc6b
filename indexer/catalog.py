"""The SQLite catalogue of a generation: documents, passages, organisations, failures.

Passage rows are numbered 0..n-1 in the same order as the FAISS vectors and
the BM25 index, so a row number is the join key between the three.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from indexer.schema import Document, Passage

CATALOG_FILE = "catalog.sqlite"

SCHEMA = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    title TEXT NOT NULL,
    organisation TEXT,
    published TEXT,
    updated TEXT,
    date TEXT,
    url TEXT,
    author TEXT,
    doc_type TEXT NOT NULL,
    collection TEXT NOT NULL,
    pages INTEGER,
    n_passages INTEGER NOT NULL
);
CREATE TABLE document_organisations (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    organisation TEXT NOT NULL,
    rank INTEGER NOT NULL,
    PRIMARY KEY (doc_id, organisation)
);
CREATE TABLE passages (
    row INTEGER PRIMARY KEY,
    passage_id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    heading_path TEXT NOT NULL,
    page INTEGER,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    embed_hash TEXT NOT NULL
);
CREATE TABLE failures (path TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE INDEX passages_doc ON passages(doc_id, ordinal);
CREATE INDEX organisations_name ON document_organisations(organisation);
CREATE INDEX documents_date ON documents(date);
"""


@dataclass
class IndexedDocument:
    """A document with its passages, as one generation stores it."""

    document: Document
    passages: list[Passage]


def write_catalog(
    path: Path,
    docs: Iterable[IndexedDocument],
    embed_hashes: list[str],
    failures: list[tuple[str, str]],
) -> None:
    db = sqlite3.connect(str(path))
    try:
        db.executescript(SCHEMA)
        row = 0
        for item in docs:
            d = item.document
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    d.doc_id, d.path, d.sha256, d.size, d.mtime, d.title,
                    d.organisations[0] if d.organisations else None,
                    d.published, d.updated, d.date, d.url, d.author, d.doc_type,
                    d.collection, d.pages, len(item.passages),
                ),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO document_organisations VALUES (?,?,?)",
                [(d.doc_id, org, rank) for rank, org in enumerate(dict.fromkeys(d.organisations))],
            )
            for p in item.passages:
                db.execute(
                    "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (
                        row, p.passage_id, p.doc_id, p.ordinal, p.text,
                        json.dumps(p.heading_path, ensure_ascii=False),
                        p.page, p.char_start, p.char_end, embed_hashes[row],
                    ),
                )  # fmt: skip
                row += 1
        db.executemany("INSERT INTO failures VALUES (?,?)", failures)
        db.commit()
    finally:
        db.close()


def open_catalog(path: Path) -> sqlite3.Connection:
    """Open a generation's catalogue read-only; it is never written after the switch."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    db.row_factory = sqlite3.Row
    return db


def read_indexed_documents(db: sqlite3.Connection) -> dict[str, IndexedDocument]:
    """Every document with its passages, keyed by path (for incremental reuse)."""
    orgs: dict[str, list[str]] = {}
    for r in db.execute("SELECT doc_id, organisation FROM document_organisations ORDER BY doc_id, rank"):
        orgs.setdefault(r["doc_id"], []).append(r["organisation"])
    passages: dict[str, list[Passage]] = {}
    for r in db.execute("SELECT * FROM passages ORDER BY row"):
        passages.setdefault(r["doc_id"], []).append(
            Passage(
                passage_id=r["passage_id"], doc_id=r["doc_id"], ordinal=r["ordinal"], text=r["text"],
                heading_path=json.loads(r["heading_path"]), page=r["page"],
                char_start=r["char_start"], char_end=r["char_end"],
            )
        )  # fmt: skip
    out: dict[str, IndexedDocument] = {}
    for r in db.execute("SELECT * FROM documents"):
        doc = Document(
            doc_id=r["doc_id"], path=r["path"], sha256=r["sha256"], size=r["size"], mtime=r["mtime"],
            blocks=[], title=r["title"], organisations=orgs.get(r["doc_id"], []),
            published=r["published"], updated=r["updated"], url=r["url"], author=r["author"],
            doc_type=r["doc_type"], collection=r["collection"], pages=r["pages"],
        )  # fmt: skip
        out[doc.path] = IndexedDocument(doc, passages.get(doc.doc_id, []))
    return out
