"""The reindex job: discover, read (extract, clean, enrich), chunk, embed, write.

Incremental by default: a file whose size and mtime (or, failing that,
content hash) match the current generation is not read again, and its
passages are carried over; every passage vector comes from the embedding
cache when its text was embedded before. A file renamed or moved with the
same content is read again under its new path, but its passages come from
the cache. Files are read in worker processes under a time and memory limit
(`indexer.workers`); the model is loaded only when something has to be
chunked or embedded, so a job where nothing changed takes a fraction of a
second.

The job holds the data folder's lock from start to end, builds the new
generation beside the live one and switches to it atomically; a job killed
at any moment leaves the previous generation serving, and the next job
removes what it left behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from indexer.catalog import (
    CATALOG_FILE,
    IndexedDocument,
    open_catalog,
    read_indexed_documents,
    write_catalog,
)
from indexer.chunk import ChunkSettings, chunk_document
from indexer.discover import FoundFile, discover, sha256_file
from indexer.embed import Embedder, LazyEmbedder, VectorCache, embed_with_cache
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
from indexer.model import ModelError, model_id_for, resolve_model
from indexer.persons import MentionRef, resolve_persons
from indexer.privacy import load_suppressed, remove_from_catalog
from indexer.progress import Progress
from indexer.read import doc_id_for, read_document  # noqa: F401 - the reader, re-exported for callers
from indexer.schema import SCHEMA_VERSION, text_hash
from indexer.settings import Settings
from indexer.sources import Source
from indexer.testhooks import pause_at
from indexer.workers import ReaderPool, ReadLimits, ReadTask

log = logging.getLogger("indexer")

REPORT_FILE = "last.json"


class JobError(RuntimeError):
    """The job stopped before changing anything; the message says why and what to do."""


@dataclass
class Report:
    """What one job did; printed with --json and saved under DATA/reports/."""

    corpus: str
    files_seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    renamed: list[dict[str, str]] = field(default_factory=list)  # {"from", "to"}: same content, new path
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
    model_loaded: bool = False
    full: bool = False
    cache: bool = True  # False with --no-cache: every passage embedded again
    notes: list[str] = field(default_factory=list)  # why this job did more than usual
    cleaned_up: list[str] = field(default_factory=list)  # partial builds of killed jobs, removed
    pruned: list[str] = field(default_factory=list)  # old generations removed (keep_generations)
    lock_taken_over: str | None = None  # the dead job whose lock this one took over
    sources: list[dict[str, str | None]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (and model_load within them)
    error: str | None = None  # the fatal error, when the job stopped without a new generation
    seconds: float = 0.0
    started: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    def summary(self) -> str:
        return summarise(asdict(self))


def summarise(report: dict[str, Any]) -> str:
    """The one-line summary of a report (a Report, or one read back from last.json)."""
    if report.get("error"):
        return f"failed after {report.get('seconds', 0):.1f} s, nothing changed: {report['error']}"
    renamed = len(report.get("renamed") or [])
    skipped = len(report.get("skipped") or [])
    return (
        f"{report.get('files_seen', 0)} files: {report.get('new', 0)} new, {report.get('changed', 0)} changed, "
        f"{report.get('unchanged', 0)} unchanged, {report.get('removed', 0)} removed, "
        + (f"{renamed} renamed, " if renamed else "")
        + f"{len(report.get('failed') or [])} failed"
        + (f", {skipped} skipped" if skipped else "")
        + f"; {report.get('passages_embedded', 0)} passages embedded, {report.get('passages_reused', 0)} reused; "
        f"generation {report.get('generation')}{'' if report.get('switched') else ' (unchanged)'}; "
        f"{report.get('seconds', 0):.1f} s"
    )


@dataclass
class _Previous:
    """The current generation, as far as this job may build on it."""

    gen_id: str | None = None
    docs: dict[str, IndexedDocument] = field(default_factory=dict)  # by catalogue path
    dim: int | None = None
    sources: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # name -> (organisation, collection)


def _previous(layout: Layout, model_id: str, chunking: ChunkSettings, notes: list[str]) -> _Previous:
    gen_id = current_generation_id(layout)
    if gen_id is None:
        return _Previous()
    folder = layout.generation(gen_id)
    try:
        manifest = read_manifest(folder)
    except Exception as exc:  # noqa: BLE001 - an unreadable old generation means a full build
        notes.append(f"current generation {gen_id} is unreadable ({exc}): every file is read again")
        return _Previous(gen_id)
    if manifest.get("model_id") != model_id:
        notes.append(
            f"model changed from {manifest.get('model_id')} to {model_id}: "
            "every file is read and every passage embedded again"
        )
        return _Previous(gen_id)
    if manifest.get("chunking", asdict(chunking)) != asdict(chunking):
        notes.append(
            f"passage settings changed from {manifest.get('chunking')} to {asdict(chunking)}: every file is read again"
        )
        return _Previous(gen_id, dim=manifest.get("dimension"))
    db = open_catalog(folder / CATALOG_FILE)
    try:
        docs = read_indexed_documents(db)
    finally:
        db.close()
    sources = {s["name"]: (s.get("organisation"), s.get("collection", "default")) for s in manifest.get("sources", [])}
    return _Previous(gen_id, docs, manifest.get("dimension"), sources)


def _tokenizer_file(settings: Settings) -> Path | None:
    """The model folder's tokenizer.json, when the model is a local folder (the bundled one is)."""
    try:
        _model_id, location = resolve_model(settings.model, settings.model_cache)
    except ModelError:
        return None
    path = Path(location) / "tokenizer.json"
    return path if path.is_file() else None


def _fingerprint(docs: list[IndexedDocument]) -> str:
    h = hashlib.sha256()
    for item in sorted(docs, key=lambda i: i.document.path):
        h.update(f"{item.document.path}\0{item.document.sha256}\n".encode())
    return h.hexdigest()


def _discover(settings: Settings) -> tuple[list[tuple[Source, FoundFile]], list[dict[str, str]]]:
    """Every file of every source, with catalogue paths; and what was passed over."""
    found: list[tuple[Source, FoundFile]] = []
    skipped: list[dict[str, str]] = []
    for source in settings.corpus_sources():
        if not source.path.is_dir():
            raise JobError(
                f"corpus folder not found: {source.path}"
                + (f" (source {source.name!r})" if source.name else "")
                + "; nothing changed"
            )
        discovery = discover(source.path)
        for f in discovery.files:
            f.rel = source.catalogue_path(f.rel)
            found.append((source, f))
        skipped += [{"path": source.catalogue_path(p), "reason": r} for p, r in discovery.skipped]
    return found, skipped


def run_job(
    settings: Settings,
    embedder_factory: Callable[[], Embedder],
    full: bool = False,
    chunking: ChunkSettings | None = None,
    progress: Progress | None = None,
    no_cache: bool = False,
) -> Report:
    """Run one reindex job under the data folder's lock. Raises LockHeld, JobError.

    `embedder_factory` is called only if the job has something to chunk or
    embed. `no_cache` embeds every passage again instead of taking vectors
    from the cache (and refreshes the cache with them).
    """
    layout = Layout(settings.data)
    started = time.monotonic()
    report = Report(
        corpus=settings.corpus_label(),
        started=datetime.now(UTC).isoformat(timespec="seconds"),
        full=full,
        cache=not no_cache,
        sources=[s.describe() for s in settings.sources],
    )
    with JobLock(layout.lock) as lock:
        try:
            _run_locked(
                settings, layout, lock, embedder_factory, full,
                chunking or ChunkSettings(), progress or Progress(), no_cache, report,
            )  # fmt: skip
        except Exception as exc:
            report.error = f"{type(exc).__name__}: {exc}"
            report.seconds = round(time.monotonic() - started, 3)
            _save_report(layout, report)
            raise
        report.seconds = round(time.monotonic() - started, 3)
        _save_report(layout, report)
    return report


def _run_locked(
    settings: Settings,
    layout: Layout,
    lock: JobLock,
    embedder_factory: Callable[[], Embedder],
    full: bool,
    chunking: ChunkSettings,
    progress: Progress,
    no_cache: bool,
    report: Report,
) -> None:
    clock = time.monotonic()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.monotonic()
        report.timings[stage] = round(report.timings.get(stage, 0.0) + now - clock, 3)
        clock = now

    if lock.taken_over:
        report.lock_taken_over = lock.taken_over
        log.warning("took over the lock left by a job that is no longer running (%s)", lock.taken_over)
    pause_at("locked")
    report.cleaned_up = remove_partial_builds(layout)
    if report.cleaned_up:
        log.warning("removed what an interrupted job left behind: %s", ", ".join(report.cleaned_up))

    model_id = model_id_for(settings.model)
    report.model = model_id
    prev = _previous(layout, model_id, chunking, report.notes)
    report.previous_generation = prev.gen_id
    embedder = LazyEmbedder(embedder_factory, model_id, prev.dim, lambda: _tokenizer_file(settings))
    previous = {} if full else prev.docs
    if no_cache:
        report.notes.append("--no-cache: every passage is embedded again")
    for note in report.notes:
        log.warning("%s", note)

    found, report.skipped = _discover(settings)
    report.files_seen = len(found)
    # A folder that was full yesterday and is empty today is far more often an
    # unmounted share than a deliberate deletion: refuse to empty the index.
    for source in settings.corpus_sources():
        before = sum(1 for path in previous if path.startswith(source.catalogue_path("")))
        if before and not full and not any(s == source for s, _ in found):
            raise JobError(
                f"no documents found in {source.path}, but the current generation has {before} from it: "
                "is the folder mounted? Nothing changed; run with --full to index it empty"
            )
    lap("discover")
    pause_at("discovered")

    # Files whose source's metadata changed are read again, to take the new metadata.
    changed_sources = {
        s.name for s in settings.corpus_sources()
        if s.name in prev.sources and prev.sources[s.name] != (s.organisation, s.collection)
    }  # fmt: skip
    kept: list[IndexedDocument] = []
    failures: list[tuple[str, str]] = []
    to_read: list[ReadTask] = []
    for source, f in found:
        old = previous.get(f.rel)
        reusable = old is not None and source.name not in changed_sources
        if old and reusable and old.document.size == f.size and old.document.mtime == f.mtime:
            kept.append(old)
            report.unchanged += 1
            continue
        try:
            sha = sha256_file(f.path)
        except OSError as exc:
            failures.append((f.rel, f"cannot read file: {exc.strerror or exc}"))
            continue
        if old and reusable and old.document.sha256 == sha:
            old.document.mtime = f.mtime
            kept.append(old)
            report.unchanged += 1
            continue
        to_read.append(ReadTask(f, sha, source.collection, source.organisation))

    # A new path whose content was at a path that is gone: a rename or a move.
    seen = {f.rel for _, f in found}
    gone: dict[str, list[str]] = {}
    for path, item in previous.items():
        if path not in seen:
            gone.setdefault(item.document.sha256, []).append(path)
    renamed_from: dict[str, str] = {}
    for task in to_read:
        if task.found.rel not in previous and gone.get(task.sha256):
            renamed_from[task.found.rel] = gone[task.sha256].pop(0)
    lap("compare")

    if to_read:
        limits = ReadLimits(settings.file_timeout, settings.file_memory_mb, min(settings.workers, len(to_read)))
        progress.start("reading", len(to_read))
        with ReaderPool(limits) as pool:
            for task, outcome in pool.read(to_read):
                rel = task.found.rel
                progress.advance(1, rel)
                if isinstance(outcome, str):
                    failures.append((rel, outcome))
                    continue
                doc = outcome.document
                passages = chunk_document(doc.doc_id, doc.title, doc.blocks, embedder.count_tokens, chunking)
                kept.append(IndexedDocument(doc, passages, outcome.mentions, outcome.meetings))
                if rel in renamed_from:
                    report.renamed.append({"from": renamed_from[rel], "to": rel})
                elif rel in previous:
                    report.changed += 1
                else:
                    report.new += 1
        progress.finish()
    lap("read")
    pause_at("read")

    renamed_paths = {r["from"] for r in report.renamed}
    report.removed = sum(1 for path in previous if path not in seen and path not in renamed_paths)
    failures.sort()
    report.failed = [{"path": p, "reason": r} for p, r in failures]
    report.renamed.sort(key=lambda r: r["to"])
    # Files that failed now but were indexed before keep their old passages:
    # nothing already indexed is lost to a bad update.
    for path, _reason in failures:
        if path in previous and path in seen:
            kept.append(previous[path])
    kept.sort(key=lambda item: item.document.path)

    nothing_changed = (
        prev.gen_id is not None and not full and not no_cache and previous
        and report.new == report.changed == report.removed == 0 and not report.renamed
    )  # fmt: skip
    report.documents = len(kept)
    report.passages = sum(len(item.passages) for item in kept)
    if nothing_changed:
        report.generation = prev.gen_id
        report.passages_reused = report.passages
    else:
        _write_generation(layout, settings, embedder, kept, failures, report, chunking, progress, no_cache, lap)
    report.model_loaded = embedder.loaded
    if embedder.loaded:
        # Part of the stage that needed the model first (read or embed), not an extra stage.
        report.timings["model_load"] = round(embedder.load_seconds, 3)


def _write_generation(
    layout: Layout,
    settings: Settings,
    embedder: LazyEmbedder,
    docs: list[IndexedDocument],
    failures: list[tuple[str, str]],
    report: Report,
    chunking: ChunkSettings,
    progress: Progress,
    no_cache: bool,
    lap: Callable[[str], None],
) -> None:
    import faiss

    texts = [p.embed_text(item.document.title) for item in docs for p in item.passages]

    def on_progress(done: int, total: int) -> None:
        if total == 0:
            return
        if done == 0:
            progress.start("embedding", total)
        else:
            progress.advance(done - progress_done[0])
        progress_done[0] = done

    progress_done = [0]
    cache = VectorCache(layout.cache / "vectors.sqlite")
    try:
        vectors, embedded, reused = embed_with_cache(
            embedder, cache, texts, read_cache=not no_cache, on_progress=on_progress
        )
    finally:
        cache.close()
    progress.finish()
    report.passages_embedded, report.passages_reused = embedded, reused
    lap("embed")
    pause_at("embedded")

    gen_id = new_generation_id()
    staging = staging_dir(layout, gen_id)
    try:
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
            "corpus": settings.corpus_label(),
            "sources": [s.describe() for s in settings.sources],
            "corpus_fingerprint": _fingerprint(docs),
            "counts": {
                "documents": len(docs), "passages": len(texts), "failed": len(failures),
                "people": len(persons), "meetings": sum(len(item.meetings) for item in docs),
            },
            "chunking": asdict(chunking),
        }  # fmt: skip
        pause_at("staged")
        publish(layout, staging, gen_id, manifest)
    except BaseException:
        # Not published: the live generation is untouched; leave no half-built folder.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.generation = gen_id
    report.switched = True
    lap("write")
    pause_at("switched")
    report.pruned = prune_generations(layout, settings.keep_generations)


def _save_report(layout: Layout, report: Report) -> None:
    layout.reports.mkdir(parents=True, exist_ok=True)
    write_atomic(layout.reports / REPORT_FILE, report.to_json() + "\n")


def read_last_report(layout: Layout) -> dict[str, Any] | None:
    """The last job's report from DATA/reports/last.json, or None if there is none (or it is unreadable)."""
    try:
        report: dict[str, Any] = json.loads((layout.reports / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report


def report_path(layout: Layout) -> Path:
    return layout.reports / REPORT_FILE
