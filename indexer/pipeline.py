"""The reindex job: discover, extract, clean, enrich, chunk, embed, write.

Incremental by default: a file whose size and mtime (or, failing that,
content hash) match the current generation is not read again, and its
passages are carried over; every passage vector comes from the embedding
cache when its text was embedded before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from indexer.catalog import CATALOG_FILE, IndexedDocument, open_catalog, read_indexed_documents, write_catalog
from indexer.chunk import ChunkSettings, chunk_document, document_text
from indexer.clean import clean_blocks
from indexer.discover import FoundFile, discover, sha256_file
from indexer.embed import Embedder, VectorCache, embed_with_cache
from indexer.enrich import enrich
from indexer.extract import ExtractError, extract
from indexer.generation import (
    VECTORS_FILE,
    Layout,
    current_generation_id,
    new_generation_id,
    prune_generations,
    publish,
    read_manifest,
    remove_partial_builds,
    staging_dir,
    write_atomic,
)
from indexer.lexical import BM25_DIR, build_bm25
from indexer.lock import JobLock
from indexer.meetings import extract_meetings
from indexer.people import extract_people
from indexer.persons import MentionRef, resolve_persons
from indexer.privacy import load_suppressed, remove_from_catalog
from indexer.schema import SCHEMA_VERSION, Document, Passage, text_hash
from indexer.settings import Settings

log = logging.getLogger("indexer")


@dataclass
class Report:
    """What one job did; printed with --json and saved under DATA/reports/."""

    corpus: str
    files_seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    passages_embedded: int = 0
    passages_reused: int = 0
    documents: int = 0
    passages: int = 0
    generation: str | None = None
    previous_generation: str | None = None
    switched: bool = False
    model: str | None = None
    seconds: float = 0.0
    started: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    def summary(self) -> str:
        return (
            f"{self.files_seen} files: {self.new} new, {self.changed} changed, "
            f"{self.unchanged} unchanged, {self.removed} removed, {len(self.failed)} failed; "
            f"{self.passages_embedded} passages embedded, {self.passages_reused} reused; "
            f"generation {self.generation}{'' if self.switched else ' (unchanged)'}; "
            f"{self.seconds:.1f} s"
        )


def doc_id_for(rel: str) -> str:
    return hashlib.sha1(rel.encode("utf-8")).hexdigest()[:16]


def read_document(found: FoundFile, sha256: str, collection: str = "default") -> Document:
    """Extract, clean and enrich one file. Raises ExtractError with a reason."""
    extracted = extract(found.path)
    cleaned = clean_blocks(extracted.blocks, unwrap=found.path.suffix.lower() == ".pdf")
    if not any(b.text.strip() for b in cleaned.blocks):
        raise ExtractError("no text left after removing page furniture")
    info = enrich(found.rel, cleaned, extracted.meta)
    return Document(
        doc_id=doc_id_for(found.rel),
        path=found.rel,
        sha256=sha256,
        size=found.size,
        mtime=found.mtime,
        blocks=cleaned.blocks,
        title=info.title,
        organisations=info.organisations,
        published=info.published,
        updated=info.updated,
        url=info.url,
        author=info.author,
        doc_type=info.doc_type,
        collection=collection,
        pages=extracted.pages,
    )


def describe(doc: Document, passages: list[Passage]) -> IndexedDocument:
    """A document with its passages, the people it names and the meetings it reports."""
    text, _ = document_text(doc.blocks)
    mentions = extract_people(text, doc.organisations[0] if doc.organisations else None)
    meetings = extract_meetings(text, doc.title, doc.doc_type, doc.date, mentions)
    return IndexedDocument(doc, passages, mentions, meetings)


def _previous(layout: Layout, model_id: str) -> tuple[str | None, dict[str, IndexedDocument]]:
    gen_id = current_generation_id(layout)
    if gen_id is None:
        return None, {}
    folder = layout.generation(gen_id)
    try:
        manifest = read_manifest(folder)
    except Exception as exc:  # noqa: BLE001 - an unreadable old generation means a full build
        log.warning("previous generation %s unreadable (%s): full rebuild", gen_id, exc)
        return gen_id, {}
    if manifest.get("model_id") != model_id:
        log.warning(
            "model changed from %s to %s: every passage is embedded again",
            manifest.get("model_id"), model_id,
        )  # fmt: skip
        return gen_id, {}
    db = open_catalog(folder / CATALOG_FILE)
    try:
        return gen_id, read_indexed_documents(db)
    finally:
        db.close()


def _fingerprint(docs: list[IndexedDocument]) -> str:
    h = hashlib.sha256()
    for item in sorted(docs, key=lambda i: i.document.path):
        h.update(f"{item.document.path}\0{item.document.sha256}\n".encode())
    return h.hexdigest()


def run_job(
    settings: Settings,
    embedder_factory: Callable[[], Embedder],
    full: bool = False,
    chunking: ChunkSettings = ChunkSettings(),
    progress: Callable[[int, int, str], None] | None = None,
) -> Report:
    """Run one reindex job under the data folder's lock. Raises LockHeld."""
    layout = Layout(settings.data)
    started = time.monotonic()
    report = Report(corpus=str(settings.corpus), started=datetime.now(UTC).isoformat(timespec="seconds"))
    with JobLock(layout.lock):
        remove_partial_builds(layout)
        embedder = embedder_factory()
        report.model = embedder.model_id
        prev_id, previous = _previous(layout, embedder.model_id)
        report.previous_generation = prev_id
        if full:
            previous = {}

        found = discover(settings.corpus)
        report.skipped = [{"path": p, "reason": r} for p, r in found.skipped]
        report.files_seen = len(found.files)
        kept: list[IndexedDocument] = []
        failures: list[tuple[str, str]] = []
        for i, f in enumerate(found.files):
            if progress:
                progress(i, len(found.files), f.rel)
            old = previous.get(f.rel)
            if old and old.document.size == f.size and old.document.mtime == f.mtime:
                kept.append(old)
                report.unchanged += 1
                continue
            try:
                sha = sha256_file(f.path)
            except OSError as exc:
                failures.append((f.rel, f"cannot read file: {exc.strerror or exc}"))
                continue
            if old and old.document.sha256 == sha:
                old.document.mtime = f.mtime
                kept.append(old)
                report.unchanged += 1
                continue
            try:
                doc = read_document(f, sha)
            except ExtractError as exc:
                failures.append((f.rel, str(exc)))
                continue
            except Exception as exc:  # noqa: BLE001 - one bad file must never stop the job
                log.exception("unexpected error reading %s", f.rel)
                failures.append((f.rel, f"unexpected error: {type(exc).__name__}: {exc}"))
                continue
            passages = chunk_document(doc.doc_id, doc.title, doc.blocks, embedder.count_tokens, chunking)
            kept.append(describe(doc, passages))
            if old:
                report.changed += 1
            else:
                report.new += 1
        seen = {f.rel for f in found.files}
        report.removed = sum(1 for path in previous if path not in seen)
        report.failed = [{"path": p, "reason": r} for p, r in failures]
        # Files that failed now but were indexed before keep their old passages:
        # nothing already indexed is lost to a bad update.
        for path, _reason in failures:
            if path in previous and path in seen:
                kept.append(previous[path])
        kept.sort(key=lambda item: item.document.path)

        nothing_changed = (
            prev_id is not None and not full and report.new == 0 and report.changed == 0
            and report.removed == 0 and previous
        )  # fmt: skip
        report.documents = len(kept)
        report.passages = sum(len(item.passages) for item in kept)
        if nothing_changed:
            report.generation = prev_id
            report.passages_reused = report.passages
        else:
            _write_generation(layout, settings, embedder, kept, failures, report, chunking)
        report.seconds = round(time.monotonic() - started, 3)
        _save_report(layout, report)
    return report


def _write_generation(
    layout: Layout,
    settings: Settings,
    embedder: Embedder,
    docs: list[IndexedDocument],
    failures: list[tuple[str, str]],
    report: Report,
    chunking: ChunkSettings,
) -> None:
    import faiss

    texts = [p.embed_text(item.document.title) for item in docs for p in item.passages]
    cache = VectorCache(layout.cache / "vectors.sqlite")
    try:
        vectors, embedded, reused = embed_with_cache(embedder, cache, texts)
    finally:
        cache.close()
    report.passages_embedded, report.passages_reused = embedded, reused

    gen_id = new_generation_id()
    staging = staging_dir(layout, gen_id)
    index = faiss.IndexFlatIP(embedder.dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(staging / VECTORS_FILE))
    if texts:
        build_bm25(texts, staging / BM25_DIR)
    suppressed = load_suppressed(layout)
    refs = [
        MentionRef(item.document.doc_id, i, m, item.document.date)
        for item in docs
        for i, m in enumerate(item.mentions)
    ]
    persons, person_of = resolve_persons(refs, suppressed)
    write_catalog(staging / CATALOG_FILE, docs, [text_hash(t) for t in texts], failures, persons, person_of)
    if suppressed:
        db = sqlite3.connect(staging / CATALOG_FILE)
        try:
            remove_from_catalog(db, suppressed)
            db.commit()
        finally:
            db.close()
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "generation": gen_id,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "model_id": embedder.model_id,
        "dimension": embedder.dim,
        "corpus": str(settings.corpus),
        "corpus_fingerprint": _fingerprint(docs),
        "counts": {
            "documents": len(docs), "passages": len(texts), "failed": len(failures),
            "people": len(persons), "meetings": sum(len(item.meetings) for item in docs),
        },
        "chunking": asdict(chunking),
    }
    publish(layout, staging, gen_id, manifest)
    report.generation = gen_id
    report.switched = True
    prune_generations(layout)


def _save_report(layout: Layout, report: Report) -> None:
    layout.reports.mkdir(parents=True, exist_ok=True)
    write_atomic(layout.reports / "last.json", report.to_json() + "\n")
