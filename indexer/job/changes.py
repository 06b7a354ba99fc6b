"""Change detection: what a job must read again, and what it keeps from the live generation.

Pure bookkeeping over file listings and the previous catalogue; no file is
read and no model is loaded here. A file whose size and mtime (or, failing
that, content hash) match the current generation keeps its passages; a new
path whose content was at a path that is gone is a rename. The comparison
needs only each document's file record (`IndexedFile`); the documents
themselves, with passages, people and meetings, are read from the catalogue
only by a job that writes a new generation (`Previous.documents`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from indexer.chunk import ChunkSettings
from indexer.discover import FoundFile, discover, sha256_file
from indexer.errors import KBError
from indexer.settings import Settings
from indexer.sources import Source
from indexer.store.catalog import CATALOG_FILE, Catalog
from indexer.store.integrity import damaged_files, has_checksum, loading
from indexer.store.layout import GenerationDamaged, IndexMissing, Layout, read_manifest, read_pointer
from indexer.store.records import IndexedDocument, IndexedFile
from indexer.workers import ReadTask


class JobError(KBError):
    """The job stopped before changing anything; the message says why and what to do."""


@dataclass
class Previous:
    """The current generation, as far as this job may build on it."""

    gen_id: str | None = None
    files: dict[str, IndexedFile] = field(default_factory=dict)  # by catalogue path
    dim: int | None = None
    sources: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # name -> (organisation, collection)
    damaged: bool = False  # damaged on disk: this job must publish a sound generation even if nothing changed
    folder: Path | None = None  # the generation's folder, when its catalogue can be built on
    manifest: dict[str, Any] = field(default_factory=dict)
    _documents: dict[str, IndexedDocument] | None = None

    def documents(self) -> dict[str, IndexedDocument]:
        """Every document of `files` with its passages, people and meetings, by catalogue path.

        Read from the catalogue when first asked for; a job where nothing changed never asks.
        Raises GenerationDamaged when the catalogue cannot be read.
        """
        if self._documents is None:
            self._documents = {}
            if self.folder is not None and self.files:
                with loading(self.folder, self.manifest, CATALOG_FILE):
                    catalog = Catalog(self.folder / CATALOG_FILE)
                    try:
                        self._documents = catalog.indexed_documents()
                    finally:
                        catalog.close()
        return self._documents


def previous_generation_state(layout: Layout, model_id: str, chunking: ChunkSettings, notes: list[str]) -> Previous:
    """What the live generation offers this job; `notes` say why it offers less than all.

    A damaged live generation (or CURRENT) is treated as absent and rebuilt,
    never reported as "nothing changed": when its catalogue is sound the
    documents in it are kept and only the damaged parts are written anew
    (vectors come from the embedding cache); otherwise every file is read again.
    """
    try:
        gen_id = read_pointer(layout)
    except GenerationDamaged as exc:
        notes.append(_repair_note(exc, reread=True))
        return Previous(damaged=True)
    if gen_id is None:
        return Previous()
    folder = layout.generation(gen_id)
    try:
        manifest: dict[str, Any] = read_manifest(folder)
    except GenerationDamaged as exc:
        notes.append(_repair_note(exc, reread=True))
        return Previous(gen_id, damaged=True)
    except (OSError, IndexMissing) as exc:
        notes.append(f"current generation {gen_id} is unreadable ({exc}): every file is read again")
        return Previous(gen_id)
    damage = damaged_files(folder, manifest, checksums=True)
    # The catalogue is what a job builds on; the other files it writes anew every time.
    reread = any(found.path.name == CATALOG_FILE for found in damage)
    notes.extend(_repair_note(found, reread) for found in damage)
    if reread:
        return Previous(gen_id, dim=manifest.get("dimension"), damaged=True)
    if manifest.get("model_id") != model_id:
        notes.append(
            f"model changed from {manifest.get('model_id')} to {model_id}: "
            "every file is read and every passage embedded again"
        )
        return Previous(gen_id)
    if manifest.get("chunking", asdict(chunking)) != asdict(chunking):
        notes.append(
            f"passage settings changed from {manifest.get('chunking')} to {asdict(chunking)}: every file is read again"
        )
        return Previous(gen_id, dim=manifest.get("dimension"))
    sources = {s["name"]: (s.get("organisation"), s.get("collection", "default")) for s in manifest.get("sources", [])}
    try:
        with loading(folder, manifest, CATALOG_FILE):
            catalog = Catalog(folder / CATALOG_FILE)
            try:
                files = catalog.indexed_files()
            finally:
                catalog.close()
        prev = Previous(gen_id, files, manifest.get("dimension"), sources, bool(damage), folder, manifest)
        # Its checksum just matched, so the rest of the catalogue will load if this job needs it.
        # A catalogue sealed without one is read whole now, so that damage anywhere in it means a rebuild.
        if not has_checksum(manifest, CATALOG_FILE):
            prev.documents()
    except GenerationDamaged as exc:  # a generation sealed without checksums, damaged
        notes.append(_repair_note(exc, reread=True))
        return Previous(gen_id, dim=manifest.get("dimension"), damaged=True)
    return prev


def _repair_note(damage: GenerationDamaged, reread: bool) -> str:
    how = "every file is read again" if reread else "the documents in its catalogue are kept"
    return f"{damage.path} is {damage.problem}: {how} and a sound generation is published"


def discover_sources(settings: Settings) -> tuple[list[tuple[Source, FoundFile]], list[dict[str, str]]]:
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


def refuse_to_empty(settings: Settings, found: list[tuple[Source, FoundFile]], previous: Collection[str]) -> None:
    """Raise JobError when a source that had documents suddenly has none.

    A folder that was full yesterday and is empty today is far more often an
    unmounted share than a deliberate deletion: refuse to empty the index.
    """
    for source in settings.corpus_sources():
        before = sum(1 for path in previous if path.startswith(source.catalogue_path("")))
        if before and not any(s == source for s, _ in found):
            raise JobError(
                f"no documents found in {source.path}, but the current generation has {before} from it: "
                "is the folder mounted? Nothing changed; run with --full to index it empty"
            )


@dataclass
class ChangePlan:
    """What a job keeps, what it reads, and how the corpus moved since the live generation."""

    kept: list[str] = field(default_factory=list)  # catalogue paths whose documents are kept as they are
    touched: dict[str, float] = field(default_factory=dict)  # kept paths with a new mtime, same content -> mtime
    to_read: list[ReadTask] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): files that cannot be hashed
    renamed_from: dict[str, str] = field(default_factory=dict)  # new path -> old path, same content
    seen: set[str] = field(default_factory=set)  # every catalogue path found
    unchanged: int = 0

    def removed(self, previous: Collection[str]) -> int:
        """Paths of the live generation that are gone and were not renamed."""
        renamed = set(self.renamed_from.values())
        return sum(1 for path in previous if path not in self.seen and path not in renamed)


def plan_changes(
    found: list[tuple[Source, FoundFile]],
    previous: Mapping[str, IndexedFile],
    changed_sources: set[str],
) -> ChangePlan:
    """Compare the files found with the live generation's documents.

    Files of a source whose metadata (organisation, collection) changed are
    read again, to take the new metadata.
    """
    plan = ChangePlan(seen={f.rel for _, f in found})
    for source, f in found:
        old = previous.get(f.rel)
        reusable = old is not None and source.name not in changed_sources
        if old and reusable and old.size == f.size and old.mtime == f.mtime:
            plan.kept.append(f.rel)
            plan.unchanged += 1
            continue
        try:
            sha = sha256_file(f.path)
        except OSError as exc:
            plan.failures.append((f.rel, f"cannot read file: {exc.strerror or exc}"))
            continue
        if old and reusable and old.sha256 == sha:
            plan.kept.append(f.rel)
            plan.touched[f.rel] = f.mtime
            plan.unchanged += 1
            continue
        plan.to_read.append(ReadTask(f, sha, source.collection, source.organisation))

    gone: dict[str, list[str]] = {}
    for path, item in previous.items():
        if path not in plan.seen:
            gone.setdefault(item.sha256, []).append(path)
    for task in plan.to_read:
        if task.found.rel not in previous and gone.get(task.sha256):
            plan.renamed_from[task.found.rel] = gone[task.sha256].pop(0)
    return plan
