"""Writing a generation: vectors (FAISS), the BM25 index, people, the catalogue, per-row arrays,
person vectors, then publish.

Everything is written into a `.building-` folder beside the live generation;
only `publish` makes it the current one. A build that fails or is killed
leaves the live generation serving and its folder is removed (now, or by
the next job).
"""

from __future__ import annotations

import errno
import hashlib
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from indexer.chunk import ChunkSettings
from indexer.embed import VECTOR_CACHE_FILE, LazyEmbedder, VectorCache, embed_with_cache
from indexer.job.changes import JobError
from indexer.job.report import Report
from indexer.people.resolution import MentionRef, resolve_persons
from indexer.progress import Progress
from indexer.settings import Settings
from indexer.store.bm25 import BM25_DIR, COMPOUND_SPLITS_FILE, build_bm25
from indexer.store.catalog import CATALOG_FILE, Catalog, write_catalog
from indexer.store.layout import Layout, new_generation_id, publish, staging_dir
from indexer.store.meeting_groups import write_meeting_arrays
from indexer.store.person_vectors import mention_text, write_person_vectors
from indexer.store.records import SCHEMA_VERSION, IndexedDocument
from indexer.store.rows import RowArrays
from indexer.store.suppress import load_suppressed, scrub_catalog
from indexer.store.vectors import write_vectors
from indexer.text import text_hash

Stage = Callable[[str], None]


def corpus_fingerprint(docs: list[IndexedDocument]) -> str:
    h = hashlib.sha256()
    for item in sorted(docs, key=lambda i: i.document.path):
        h.update(f"{item.document.path}\0{item.document.sha256}\n".encode())
    return h.hexdigest()


@contextmanager
def vector_cache(layout: Layout, notes: list[str]) -> Iterator[VectorCache]:
    """The data folder's embedding cache, open for one stage; a damaged one set aside is noted in `notes`."""
    cache = VectorCache(layout.cache / VECTOR_CACHE_FILE)
    try:
        yield cache
    finally:
        cache.close()
        notes.extend(cache.set_aside)


def disk_failure(layout: Layout, exc: BaseException) -> JobError | None:
    """A clear error for a write the disk refused (full, or an I/O error); None for anything else."""
    if isinstance(exc, OSError):
        full = exc.errno == errno.ENOSPC
    elif isinstance(exc, sqlite3.OperationalError) and _sqlite_code(exc) in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR):
        full = _sqlite_code(exc) == sqlite3.SQLITE_FULL
    else:
        return None
    fix = "free space on that disk" if full else "fix the cause"
    return JobError(
        f"could not write the new generation in {layout.generations} ({exc}); "
        f"nothing changed, the index served before still serves: {fix} and run again"
    )


def _sqlite_code(exc: sqlite3.Error) -> int:
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF


def embed_passages(
    layout: Layout, embedder: LazyEmbedder, texts: list[str], progress: Progress, no_cache: bool, report: Report
) -> np.ndarray:
    """Vectors for every passage text, from the cache where it has them."""
    done = 0

    def on_progress(n_done: int, total: int) -> None:
        nonlocal done
        if total == 0:
            return
        if n_done == 0:
            progress.start("embedding", total)
        else:
            progress.advance(n_done - done)
        done = n_done

    with vector_cache(layout, report.notes) as cache:
        vectors, embedded, reused = embed_with_cache(
            embedder, cache, texts, read_cache=not no_cache, on_progress=on_progress
        )
    progress.finish()
    report.passages_embedded, report.passages_reused = embedded, reused
    return vectors


def embed_person_mentions(
    layout: Layout, embedder: LazyEmbedder, folder: Path, read_cache: bool, notes: list[str]
) -> dict[str, Any]:
    """Write a vector per mention of the catalogue in `folder`, and their index; returns the manifest's
    entry for the index (`indexer.store.person_vectors`).

    Read back from the catalogue after scrubbing, so a suppressed name's
    evidence is never embedded; through the embedding cache, so an unchanged
    mention (an unchanged document's, in an incremental job) is embedded once.
    """
    catalog = Catalog(folder / CATALOG_FILE)
    try:
        titles = {doc_id: doc.title for doc_id, doc in catalog.documents().items()}
        mentions, ids = catalog.mentions(), catalog.mention_ids()
    finally:
        catalog.close()
    with vector_cache(layout, notes) as cache:
        texts = [mention_text(m, titles[m.doc_id]) for m in mentions]
        vectors, _embedded, _reused = embed_with_cache(embedder, cache, texts, read_cache=read_cache)
    return write_person_vectors(folder, ids, vectors)


def write_generation(
    layout: Layout,
    settings: Settings,
    embedder: LazyEmbedder,
    docs: list[IndexedDocument],
    failures: list[tuple[str, str]],
    report: Report,
    chunking: ChunkSettings,
    vectors: np.ndarray,
    texts: list[str],
    on_stage: Stage,
) -> str:
    """Write and publish a generation of `docs`; returns its id."""
    gen_id = new_generation_id()
    staging = staging_dir(layout, gen_id)
    try:
        index_spec = write_vectors(staging, vectors, embedder.dim)
        if texts:
            build_bm25(texts, staging / BM25_DIR, saved_splits=layout.cache / COMPOUND_SPLITS_FILE)
        suppressed = load_suppressed(layout)
        refs = [
            MentionRef(item.document.doc_id, i, m, item.document.date)
            for item in docs
            for i, m in enumerate(item.mentions)
        ]
        persons, person_of = resolve_persons(refs, suppressed)
        write_catalog(staging / CATALOG_FILE, docs, [text_hash(t) for t in texts], failures, persons, person_of)
        scrub_catalog(staging, suppressed)
        RowArrays.from_catalog(staging / CATALOG_FILE).write(staging)
        write_meeting_arrays(staging)
        mention_index = embed_person_mentions(layout, embedder, staging, report.cache, report.notes)
        manifest: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "generation": gen_id,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "model_id": embedder.model_id,
            "dimension": embedder.dim,
            "corpus": settings.corpus_label(),
            "sources": [s.describe() for s in settings.sources],
            "corpus_fingerprint": corpus_fingerprint(docs),
            "counts": {
                "documents": len(docs), "passages": len(texts), "failed": len(failures),
                "people": len(persons), "meetings": sum(len(item.meetings) for item in docs),
            },
            "chunking": asdict(chunking),
            "index": index_spec,
            "mention_index": mention_index,
        }  # fmt: skip
        on_stage("staged")
        publish(layout, staging, gen_id, manifest, on_stage)
    except BaseException as exc:
        # Not published: the live generation is untouched; leave no half-built folder.
        shutil.rmtree(staging, ignore_errors=True)
        failure = disk_failure(layout, exc)
        if failure is not None:
            raise failure from exc
        raise
    return gen_id
