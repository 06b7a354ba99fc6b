"""The SQLite catalogue of a generation, and its one reader.

Tables: documents, document_organisations, passages, failures, persons,
mentions, meetings. Passage rows are numbered 0..n-1 in the same order as
the FAISS vectors and the BM25 index, so a row number is the join key
between the three. The indexer writes a catalogue once, before the
generation is published; after that it is only read, by `Catalog`: the
searcher for answers, the indexer for what an incremental job can keep.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from indexer.store.records import (
    Document,
    IndexedDocument,
    IndexedFile,
    Passage,
    Person,
    StoredMeeting,
    StoredMention,
)

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
CREATE TABLE persons (
    person_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    roles TEXT NOT NULL,          -- JSON list, newest first
    organisations TEXT NOT NULL,  -- JSON list, most mentioned first
    email TEXT,
    phone TEXT,
    n_mentions INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,
    newest_date TEXT
);
CREATE TABLE mentions (
    mention_id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(person_id),
    doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    passage_row INTEGER,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    role TEXT,
    organisation TEXT,
    party TEXT,
    email TEXT,
    phone TEXT,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    name_start INTEGER NOT NULL
);
CREATE TABLE meetings (
    meeting_id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    passage_row INTEGER,
    title TEXT NOT NULL,
    date TEXT,
    date_end TEXT,
    date_text TEXT,
    place TEXT,
    participants TEXT NOT NULL,   -- JSON list of names
    organisations TEXT NOT NULL,  -- JSON list
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL
);
CREATE INDEX mentions_person ON mentions(person_id);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_row ON mentions(passage_row);
CREATE INDEX meetings_doc ON meetings(doc_id);
CREATE INDEX passages_doc ON passages(doc_id, ordinal);
CREATE INDEX organisations_name ON document_organisations(organisation);
CREATE INDEX documents_date ON documents(date);
"""


def write_catalog(
    path: Path,
    docs: Iterable[IndexedDocument],
    embed_hashes: list[str],
    failures: list[tuple[str, str]],
    persons: list[Person] | None = None,
    person_of: dict[tuple[str, int], str] | None = None,
) -> None:
    """Write a generation's catalogue. `person_of` maps (doc_id, mention index) to a person."""
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
            first_row = row
            for i, m in enumerate(item.mentions):
                person_id = (person_of or {}).get((d.doc_id, i))
                if person_id is None:
                    continue
                ordinal = item.passage_at(m.name_start)
                db.execute(
                    "INSERT INTO mentions (person_id, doc_id, passage_row, name, kind, role, organisation,"
                    " party, email, phone, evidence, evidence_start, evidence_end, name_start)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        person_id, d.doc_id, None if ordinal is None else first_row + ordinal, m.name, m.kind,
                        m.role, m.organisation, m.party, m.email, m.phone, m.evidence,
                        m.evidence_start, m.evidence_end, m.name_start,
                    ),
                )  # fmt: skip
            for mt in item.meetings:
                ordinal = item.passage_at(mt.evidence_start)
                db.execute(
                    "INSERT INTO meetings (doc_id, passage_row, title, date, date_end, date_text, place,"
                    " participants, organisations, evidence, evidence_start, evidence_end)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        d.doc_id, None if ordinal is None else first_row + ordinal, mt.title, mt.date,
                        mt.date_end, mt.date_text, mt.place, json.dumps(mt.participants, ensure_ascii=False),
                        json.dumps(mt.organisations, ensure_ascii=False), mt.evidence,
                        mt.evidence_start, mt.evidence_end,
                    ),
                )  # fmt: skip
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
        for person in persons or []:
            db.execute(
                "INSERT INTO persons VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    person.person_id, person.name, person.name_key,
                    json.dumps(person.roles, ensure_ascii=False),
                    json.dumps(person.organisations, ensure_ascii=False),
                    person.email, person.phone, person.n_mentions, person.n_documents, person.newest_date,
                ),
            )  # fmt: skip
        db.commit()
    finally:
        db.close()


def open_catalog(path: Path) -> sqlite3.Connection:
    """Open a generation's catalogue read-only; it is never written after the switch."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    db.row_factory = sqlite3.Row
    return db


def _passage(r: sqlite3.Row) -> Passage:
    return Passage(
        passage_id=r["passage_id"], doc_id=r["doc_id"], ordinal=r["ordinal"], text=r["text"],
        heading_path=json.loads(r["heading_path"]), page=r["page"],
        char_start=r["char_start"], char_end=r["char_end"], row=r["row"],
    )  # fmt: skip


def _document(r: sqlite3.Row, organisations: list[str]) -> Document:
    return Document(
        doc_id=r["doc_id"], path=r["path"], sha256=r["sha256"], size=r["size"], mtime=r["mtime"],
        title=r["title"], organisations=organisations, published=r["published"], updated=r["updated"],
        url=r["url"], author=r["author"], doc_type=r["doc_type"], collection=r["collection"], pages=r["pages"],
    )  # fmt: skip


def _mention(r: sqlite3.Row) -> StoredMention:
    return StoredMention(
        name=r["name"], kind=r["kind"], role=r["role"], organisation=r["organisation"],
        party=r["party"], email=r["email"], phone=r["phone"], evidence=r["evidence"],
        evidence_start=r["evidence_start"], evidence_end=r["evidence_end"], name_start=r["name_start"],
        person_id=r["person_id"], doc_id=r["doc_id"], passage_row=r["passage_row"],
    )  # fmt: skip


class Catalog:
    """A generation's catalogue, opened read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = open_catalog(path)

    def close(self) -> None:
        self.db.close()

    def table_counts(self) -> dict[str, int]:
        """Rows per table; counting walks each table's pages, so a damaged page is found here."""
        tables = [r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: int(self.db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}

    def documents(self) -> dict[str, Document]:
        """Every document by id, its organisations in rank order (the publisher first)."""
        orgs: dict[str, list[str]] = {}
        for r in self.db.execute("SELECT doc_id, organisation FROM document_organisations ORDER BY doc_id, rank"):
            orgs.setdefault(r["doc_id"], []).append(r["organisation"])
        return {
            r["doc_id"]: _document(r, orgs.get(r["doc_id"], [])) for r in self.db.execute("SELECT * FROM documents")
        }

    def document(self, doc_id: str) -> Document | None:
        """One document by id, or None."""
        r = self.db.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if r is None:
            return None
        orgs = self.db.execute(
            "SELECT organisation FROM document_organisations WHERE doc_id = ? ORDER BY rank", (doc_id,)
        )
        return _document(r, [o[0] for o in orgs])

    def passages(self) -> list[Passage]:
        """Every passage, in row order."""
        return [_passage(r) for r in self.db.execute("SELECT * FROM passages ORDER BY row")]

    def row_keys(self) -> tuple[list[str], list[str]]:
        """Per row: the document id and the hash of the text the model embedded."""
        rows = self.db.execute("SELECT doc_id, embed_hash FROM passages ORDER BY row").fetchall()
        return [r["doc_id"] for r in rows], [r["embed_hash"] for r in rows]

    def passage(self, row: int) -> Passage | None:
        r = self.db.execute("SELECT * FROM passages WHERE row = ?", (int(row),)).fetchone()
        return None if r is None else _passage(r)

    def neighbours(self, row: int, before: int = 1, after: int = 1) -> list[Passage]:
        """Passages around `row` in the same document, in order, `row` included."""
        p = self.passage(row)
        if p is None:
            return []
        rows = self.db.execute(
            "SELECT * FROM passages WHERE doc_id = ? AND ordinal BETWEEN ? AND ? ORDER BY ordinal",
            (p.doc_id, p.ordinal - before, p.ordinal + after),
        )
        return [_passage(r) for r in rows]

    def people(self) -> dict[str, Person]:
        out: dict[str, Person] = {}
        for r in self.db.execute("SELECT * FROM persons"):
            out[r["person_id"]] = Person(
                person_id=r["person_id"], name=r["name"], name_key=r["name_key"],
                roles=json.loads(r["roles"]), organisations=json.loads(r["organisations"]),
                email=r["email"], phone=r["phone"], n_mentions=r["n_mentions"],
                n_documents=r["n_documents"], newest_date=r["newest_date"],
            )  # fmt: skip
        return out

    def mentions(self, person_id: str | None = None) -> list[StoredMention]:
        """Every mention (or one person's), in the order they were written."""
        if person_id is None:
            rows = self.db.execute("SELECT * FROM mentions ORDER BY mention_id")
        else:
            rows = self.db.execute("SELECT * FROM mentions WHERE person_id = ? ORDER BY mention_id", (person_id,))
        return [_mention(r) for r in rows]

    def mentions_by_id(self, mention_ids: list[int]) -> dict[int, StoredMention]:
        """The mentions with these ids (the candidates of one query)."""
        out: dict[int, StoredMention] = {}
        for start in range(0, len(mention_ids), 500):
            chunk = [int(i) for i in mention_ids[start : start + 500]]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(f"SELECT * FROM mentions WHERE mention_id IN ({marks})", chunk):
                out[r["mention_id"]] = _mention(r)
        return out

    def mention_ids(self) -> list[int]:
        """The id of every mention, in the order `mentions()` returns them (the key of person vectors)."""
        return [r["mention_id"] for r in self.db.execute("SELECT mention_id FROM mentions ORDER BY mention_id")]

    def meetings(self) -> list[StoredMeeting]:
        """Every meeting, newest first."""
        return _meetings(self.db.execute("SELECT * FROM meetings ORDER BY date DESC, meeting_id").fetchall())

    def meetings_by_id(self, meeting_ids: list[int]) -> dict[int, StoredMeeting]:
        """The meetings with these ids (the reports of one merged meeting)."""
        out: dict[int, StoredMeeting] = {}
        for start in range(0, len(meeting_ids), 500):
            chunk = [int(i) for i in meeting_ids[start : start + 500]]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT * FROM meetings WHERE meeting_id IN ({marks})", chunk).fetchall()
            out.update((m.meeting_id, m) for m in _meetings(rows))
        return out

    def indexed_files(self) -> dict[str, IndexedFile]:
        """Every document's file by catalogue path, in one query: what a reindex compares with the corpus
        before it needs any document itself (`indexed_documents`)."""
        cursor = self.db.cursor()
        cursor.row_factory = None  # plain tuples: one row per document, and there may be 100,000
        rows = cursor.execute("SELECT path, size, mtime, sha256, n_passages FROM documents")
        return {path: IndexedFile(size, mtime, sha256, passages) for path, size, mtime, sha256, passages in rows}

    def indexed_documents(self) -> dict[str, IndexedDocument]:
        """Every document with its passages, mentions and meetings, keyed by path (for incremental reuse)."""
        by_doc: dict[str, IndexedDocument] = {
            doc_id: IndexedDocument(doc, []) for doc_id, doc in self.documents().items()
        }
        for p in self.passages():
            by_doc[p.doc_id].passages.append(p)
        for m in self.mentions():
            by_doc[m.doc_id].mentions.append(m)
        for mt in sorted(self.meetings(), key=lambda mt: mt.meeting_id):
            by_doc[mt.doc_id].meetings.append(mt)
        return {item.document.path: item for item in by_doc.values()}


def _meetings(rows: list[sqlite3.Row]) -> list[StoredMeeting]:
    # Each row's two JSON lists parsed in one call for all rows, not two calls per row.
    lists = json.loads("[" + ",".join(f"{r['participants']},{r['organisations']}" for r in rows) + "]")
    return [
        StoredMeeting(
            title=r["title"],
            date=r["date"],
            date_end=r["date_end"],
            date_text=r["date_text"],
            place=r["place"],
            participants=lists[2 * i],
            organisations=lists[2 * i + 1],
            evidence=r["evidence"],
            evidence_start=r["evidence_start"],
            evidence_end=r["evidence_end"],
            meeting_id=r["meeting_id"],
            doc_id=r["doc_id"],
            passage_row=r["passage_row"],
        )  # fmt: skip
        for i, r in enumerate(rows)
    ]
