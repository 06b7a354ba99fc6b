"""Opening a generation for reading: manifest, FAISS vectors, BM25, catalogue."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from indexer.catalog import CATALOG_FILE, open_catalog
from indexer.generation import VECTORS_FILE, Layout, current_generation_dir, read_manifest
from indexer.lexical import BM25_DIR, BM25Index


@dataclass
class DocInfo:
    doc_id: str
    path: str
    title: str
    organisation: str | None
    organisations: list[str]
    date: str | None
    url: str | None
    doc_type: str
    collection: str
    pages: int | None


class Generation:
    """One generation, opened read-only, with per-row lookups kept in memory."""

    def __init__(self, folder: Path) -> None:
        import faiss

        self.folder = folder
        self.manifest: dict[str, Any] = read_manifest(folder)
        self.id: str = self.manifest["generation"]
        self.index = faiss.read_index(str(folder / VECTORS_FILE))
        self.size = int(self.index.ntotal)
        self.vectors = (
            self.index.reconstruct_n(0, self.size) if self.size else np.zeros((0, self.manifest["dimension"]), np.float32)
        )
        self.bm25 = BM25Index(folder / BM25_DIR) if (folder / BM25_DIR).exists() else None
        self.db = open_catalog(folder / CATALOG_FILE)
        orgs: dict[str, list[str]] = {}
        for r in self.db.execute("SELECT doc_id, organisation FROM document_organisations ORDER BY doc_id, rank"):
            orgs.setdefault(r["doc_id"], []).append(r["organisation"])
        self.docs: dict[str, DocInfo] = {}
        for r in self.db.execute("SELECT * FROM documents"):
            self.docs[r["doc_id"]] = DocInfo(
                doc_id=r["doc_id"], path=r["path"], title=r["title"], organisation=r["organisation"],
                organisations=orgs.get(r["doc_id"], []), date=r["date"], url=r["url"],
                doc_type=r["doc_type"], collection=r["collection"], pages=r["pages"],
            )  # fmt: skip
        self._load_people()
        rows = self.db.execute("SELECT row, doc_id, embed_hash FROM passages ORDER BY row").fetchall()
        self.row_doc = [r["doc_id"] for r in rows]
        self.row_hash = [r["embed_hash"] for r in rows]
        if len(rows) != self.size:
            raise RuntimeError(
                f"generation {self.id} is inconsistent: {len(rows)} passages, {self.size} vectors"
            )

    def _load_people(self) -> None:
        """People, mentions and meetings are small: kept in memory for ranking."""
        from search.contacts import MentionRow

        self.people: dict[str, dict[str, Any]] = {}
        for r in self.db.execute("SELECT * FROM persons"):
            person = dict(r)
            person["roles"] = json.loads(person["roles"])
            person["organisations"] = json.loads(person["organisations"])
            self.people[person["person_id"]] = person
        self.mentions = [
            MentionRow(
                person_id=r["person_id"], doc_id=r["doc_id"], passage_row=r["passage_row"], kind=r["kind"],
                role=r["role"], organisation=r["organisation"], email=r["email"], phone=r["phone"],
                evidence=r["evidence"], name=r["name"],
            )
            for r in self.db.execute("SELECT * FROM mentions ORDER BY mention_id")
        ]  # fmt: skip
        self.meetings: list[dict[str, Any]] = []
        for r in self.db.execute("SELECT * FROM meetings ORDER BY date DESC, meeting_id"):
            meeting = dict(r)
            meeting["participants"] = json.loads(meeting["participants"])
            meeting["organisations"] = json.loads(meeting["organisations"])
            self.meetings.append(meeting)

    def person_mentions(self, person_id: str) -> list[dict[str, Any]]:
        """Every mention of a person with its document, newest first."""
        rows = self.db.execute(
            "SELECT m.*, d.path, d.title, d.date FROM mentions m JOIN documents d USING (doc_id)"
            " WHERE m.person_id = ? ORDER BY d.date DESC, d.path",
            (person_id,),
        ).fetchall()
        return [dict(r) for r in rows]

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

    @classmethod
    def open_current(cls, data: Path) -> Generation:
        return cls(current_generation_dir(Layout(data)))

    def passage(self, row: int) -> dict[str, Any]:
        r = self.db.execute("SELECT * FROM passages WHERE row = ?", (int(row),)).fetchone()
        out = dict(r)
        out["heading_path"] = json.loads(out["heading_path"])
        return out

    def neighbours(self, row: int, before: int = 1, after: int = 1) -> list[dict[str, Any]]:
        """Passages around `row` in the same document, for context."""
        p = self.passage(row)
        rows = self.db.execute(
            "SELECT row FROM passages WHERE doc_id = ? AND ordinal BETWEEN ? AND ? ORDER BY ordinal",
            (p["doc_id"], p["ordinal"] - before, p["ordinal"] + after),
        ).fetchall()
        return [self.passage(r["row"]) for r in rows]

    def close(self) -> None:
        self.db.close()
