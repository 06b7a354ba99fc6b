"""The reindex job: discover, compare, read (extract, clean, enrich), chunk, embed, write.

Incremental by default (`indexer.job.changes`): unchanged files keep their
passages, and every passage vector comes from the embedding cache when its
text was embedded before. Files are read in worker processes under a time
and memory limit (`indexer.workers`); the model is loaded only when
something has to be chunked or embedded, so a job where nothing changed
takes a fraction of a second.

The job holds the data folder's lock from start to end, builds the new
generation beside the live one and switches to it atomically
(`indexer.job.build`); a job killed at any moment leaves the previous
generation serving, and the next job removes what it left behind.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.chunk import ChunkSettings
from indexer.job.changes import (
    ChangePlan,
    Previous,
    discover_sources,
    plan_changes,
    previous_generation_state,
    refuse_to_empty,
)
from indexer.job.report import Report
from indexer.lock import JobLock
from indexer.model.bundled import ModelError, model_id_for, resolve_model
from indexer.progress import Progress
from indexer.settings import Settings
from indexer.store.layout import Layout, prune_generations, remove_partial_builds
from indexer.store.records import IndexedDocument, IndexedFile
from indexer.store.reports import save_report

if TYPE_CHECKING:
    from indexer.embed import LazyEmbedder
    from indexer.model.embedder import TextEmbedder

log = logging.getLogger("indexer")

# The moments between a job's steps, in the order a job passes them; a job
# calls `on_stage(name)` at each, so a caller can watch it (or a test stop it).
STAGES = (
    "locked",  # the job holds the lock; nothing else done yet
    "discovered",  # the corpus folders are walked
    "read",  # every changed file is read and chunked
    "embedded",  # every passage has its vector
    "staged",  # the new generation is written in its .building- folder, not sealed
    "renamed",  # the generation is sealed and in place; CURRENT not yet switched
    "switched",  # CURRENT names the new generation; old ones not yet pruned, no report yet
)


def _no_stage(stage: str) -> None:
    pass


@dataclass
class JobOptions:
    full: bool = False  # re-read every file
    no_cache: bool = False  # embed every passage again
    chunking: ChunkSettings = field(default_factory=ChunkSettings)


def _tokenizer_file(settings: Settings) -> Path | None:
    """The model folder's tokenizer.json, when the model is a local folder (the bundled one is)."""
    try:
        _model_id, location = resolve_model(settings.model, settings.model_cache)
    except ModelError:
        return None
    path = Path(location) / "tokenizer.json"
    return path if path.is_file() else None


def run_job(
    settings: Settings,
    embedder_factory: Callable[[], TextEmbedder],
    full: bool = False,
    chunking: ChunkSettings | None = None,
    progress: Progress | None = None,
    no_cache: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> Report:
    """Run one reindex job under the data folder's lock. Raises LockHeld, JobError.

    `embedder_factory` is called only if the job has something to chunk or
    embed. `no_cache` embeds every passage again instead of taking vectors
    from the cache (and refreshes the cache with them). `on_stage` is called
    with each name in `STAGES` as the job reaches it.
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
        if lock.taken_over:
            report.lock_taken_over = lock.taken_over
            log.warning("took over the lock left by a job that is no longer running (%s)", lock.taken_over)
        try:
            _run_locked(
                settings, layout, embedder_factory, JobOptions(full, no_cache, chunking or ChunkSettings()),
                progress or Progress(), on_stage or _no_stage, report,
            )  # fmt: skip
        except BaseException as exc:
            report.error = f"{type(exc).__name__}: {exc}"
            report.seconds = round(time.monotonic() - started, 3)
            save_report(layout, report.to_json())
            raise
        report.seconds = round(time.monotonic() - started, 3)
        save_report(layout, report.to_json())
    return report


def _run_locked(
    settings: Settings,
    layout: Layout,
    embedder_factory: Callable[[], TextEmbedder],
    options: JobOptions,
    progress: Progress,
    on_stage: Callable[[str], None],
    report: Report,
) -> None:
    chunking = options.chunking
    clock = time.monotonic()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.monotonic()
        report.timings[stage] = round(report.timings.get(stage, 0.0) + now - clock, 3)
        clock = now

    on_stage("locked")
    report.cleaned_up = remove_partial_builds(layout)
    if report.cleaned_up:
        log.warning("removed what an interrupted job left behind: %s", ", ".join(report.cleaned_up))

    model_id = model_id_for(settings.model)
    report.model = model_id
    prev = previous_generation_state(layout, model_id, chunking, report.notes)
    report.previous_generation = prev.gen_id
    previous = {} if options.full else prev.files
    if options.no_cache:
        report.notes.append("--no-cache: every passage is embedded again")
    for note in report.notes:
        log.warning("%s", note)

    found, report.skipped = discover_sources(settings)
    report.files_seen = len(found)
    refuse_to_empty(settings, found, previous)
    lap("discover")
    on_stage("discovered")

    changed_sources = {
        s.name for s in settings.corpus_sources()
        if s.name in prev.sources and prev.sources[s.name] != (s.organisation, s.collection)
    }  # fmt: skip
    plan = plan_changes(found, previous, changed_sources)
    report.unchanged = plan.unchanged
    failures = plan.failures
    lap("compare")

    # The model, the readers and the writers (numpy, FAISS, the reader modules) are imported
    # only when a file has to be read or a generation written: a job where nothing changed
    # must not pay seconds for them.
    embedder: LazyEmbedder | None = None
    fresh: list[IndexedDocument] = []
    if plan.to_read:
        embedder = _embedder(settings, embedder_factory, model_id, prev.dim)
        fresh = _read_changed(settings, plan, previous, embedder, chunking, progress, failures, report)
    lap("read")
    on_stage("read")

    report.removed = plan.removed(previous)
    failures.sort()
    report.failed = [{"path": p, "reason": r} for p, r in failures]
    report.renamed.sort(key=lambda r: r["to"])
    # Files that failed now but were indexed before keep their old passages:
    # nothing already indexed is lost to a bad update.
    kept = plan.kept + [path for path, _reason in failures if path in previous and path in plan.seen]

    nothing_changed = (
        prev.gen_id is not None and not prev.damaged and not options.full and not options.no_cache and previous
        and report.new == report.changed == report.removed == 0 and not report.renamed
    )  # fmt: skip
    if nothing_changed:  # so every file read failed, and `fresh` is empty
        report.generation = prev.gen_id
        report.documents = len(kept)
        report.passages = report.passages_reused = sum(previous[path].passages for path in kept)
    else:
        from indexer.job.build import embed_passages, write_generation

        embedder = embedder or _embedder(settings, embedder_factory, model_id, prev.dim)
        documents = _kept_documents(prev, plan, kept) + fresh
        documents.sort(key=lambda item: item.document.path)
        report.documents = len(documents)
        report.passages = sum(len(item.passages) for item in documents)
        texts = [p.embed_text(item.document.title) for item in documents for p in item.passages]
        vectors = embed_passages(layout, embedder, texts, progress, options.no_cache, report)
        lap("embed")
        on_stage("embedded")
        report.generation = write_generation(
            layout, settings, embedder, documents, failures, report, chunking, vectors, texts, on_stage
        )
        report.switched = True
        lap("write")
        on_stage("switched")
        report.pruned = prune_generations(layout, settings.keep_generations)
    report.model_loaded = embedder is not None and embedder.loaded
    if embedder is not None and embedder.loaded:
        # Part of the stage that needed the model first (read or embed), not an extra stage.
        report.timings["model_load"] = round(embedder.load_seconds, 3)


def _embedder(settings: Settings, factory: Callable[[], TextEmbedder], model_id: str, dim: int | None) -> LazyEmbedder:
    """The job's model, loaded when first used (counting tokens needs only its tokenizer)."""
    from indexer.embed import LazyEmbedder

    return LazyEmbedder(factory, model_id, dim, lambda: _tokenizer_file(settings))


def _kept_documents(prev: Previous, plan: ChangePlan, kept: list[str]) -> list[IndexedDocument]:
    """The documents at the `kept` paths, from the live generation, each touched file with its new mtime."""
    if not kept:
        return []
    documents = prev.documents()
    for path, mtime in plan.touched.items():
        documents[path].document.mtime = mtime
    return [documents[path] for path in kept]


def _read_changed(
    settings: Settings,
    plan: ChangePlan,
    previous: dict[str, IndexedFile],
    embedder: LazyEmbedder,
    chunking: ChunkSettings,
    progress: Progress,
    failures: list[tuple[str, str]],
    report: Report,
) -> list[IndexedDocument]:
    """Read and chunk every file of `plan.to_read` in the reader workers; counts each in `report`
    (new, changed or renamed) and adds each that fails to `failures`."""
    from indexer.chunk import chunk_document
    from indexer.people import lexicon
    from indexer.workers import ReaderPool, ReadLimits

    # Readers find people with the name lexicon: derive it here, once, not in each memory-capped reader.
    os.environ.setdefault(lexicon.ENV_VAR, str(lexicon.prepare_lexicon(settings.model_cache)))
    limits = ReadLimits(
        settings.file_timeout, settings.file_memory_mb, min(settings.workers, len(plan.to_read)),
        settings.file_size_mb,
    )  # fmt: skip
    read: list[IndexedDocument] = []
    progress.start("reading", len(plan.to_read))
    with ReaderPool(limits) as pool:
        for task, outcome in pool.read(plan.to_read):
            rel = task.found.rel
            progress.advance(1, rel)
            if isinstance(outcome, str):
                failures.append((rel, outcome))
                continue
            doc = outcome.document
            passages = chunk_document(doc.doc_id, doc.title, outcome.blocks, embedder.count_tokens, chunking)
            read.append(IndexedDocument(doc, passages, outcome.mentions, outcome.meetings))
            if rel in plan.renamed_from:
                report.renamed.append({"from": plan.renamed_from[rel], "to": rel})
            elif rel in previous:
                report.changed += 1
            else:
                report.new += 1
    progress.finish()
    return read
