"""Change detection alone: no model, no reader, no index; files on disk and a previous catalogue."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer.discover import FoundFile, sha256_file
from indexer.job.changes import JobError, plan_changes, refuse_to_empty
from indexer.settings import resolve_settings
from indexer.sources import Source
from indexer.store.records import IndexedFile

SOURCE = Source("", Path("."))


def found(root: Path, rel: str, text: str | None = None) -> FoundFile:
    path = root / rel
    if text is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    st = path.stat()
    return FoundFile(path, rel, st.st_size, st.st_mtime)


def indexed(f: FoundFile) -> IndexedFile:
    return IndexedFile(f.size, f.mtime, sha256_file(f.path), passages=1)


def test_unchanged_changed_new_renamed_and_removed(tmp_path: Path) -> None:
    a = found(tmp_path, "a.txt", "Validering i Värmland")
    b = found(tmp_path, "b.txt", "Kompetensplattform i Skaraborg")
    c = found(tmp_path, "c.txt", "Teknikcollege Fyrbodal")
    d = found(tmp_path, "d.txt", "Bortagen fil")
    previous = {f.rel: indexed(f) for f in (a, b, c, d)}

    # b changes; c moves to a folder; d is deleted; e is new.
    (tmp_path / "b.txt").write_text("Kompetensplattform i Skaraborg, uppdaterad", encoding="utf-8")
    (tmp_path / "moved").mkdir()
    os.rename(tmp_path / "c.txt", tmp_path / "moved" / "c.txt")
    os.remove(tmp_path / "d.txt")
    now = [found(tmp_path, "a.txt"), found(tmp_path, "b.txt"), found(tmp_path, "moved/c.txt"),
           found(tmp_path, "e.txt", "Ny fil om yrkesvux")]  # fmt: skip

    plan = plan_changes([(SOURCE, f) for f in now], previous, set())
    assert plan.kept == ["a.txt"]
    assert plan.unchanged == 1
    assert sorted(t.found.rel for t in plan.to_read) == ["b.txt", "e.txt", "moved/c.txt"]
    assert plan.renamed_from == {"moved/c.txt": "c.txt"}
    assert plan.removed(previous) == 1  # d.txt; c.txt was renamed, not removed
    assert plan.failures == []


def test_a_touched_file_with_the_same_content_is_kept_with_its_new_mtime(tmp_path: Path) -> None:
    a = found(tmp_path, "a.txt", "Validering i Värmland")
    previous = {"a.txt": indexed(a)}
    os.utime(tmp_path / "a.txt", (a.mtime + 60, a.mtime + 60))
    plan = plan_changes([(SOURCE, found(tmp_path, "a.txt"))], previous, set())
    assert plan.to_read == [] and plan.unchanged == 1
    assert plan.kept == ["a.txt"] and plan.touched == {"a.txt": a.mtime + 60}


def test_a_source_whose_metadata_changed_is_read_again(tmp_path: Path) -> None:
    source = Source("vgr", tmp_path, organisation="Västra Götalandsregionen")
    a = found(tmp_path, "a.txt", "Validering i Värmland")
    a.rel = source.catalogue_path(a.rel)
    plan = plan_changes([(source, a)], {a.rel: indexed(a)}, {"vgr"})
    assert [t.found.rel for t in plan.to_read] == ["vgr/a.txt"]
    assert plan.to_read[0].organisation == "Västra Götalandsregionen"


def test_an_unreadable_file_is_a_failure_not_an_error(tmp_path: Path) -> None:
    ghost = FoundFile(tmp_path / "borta.txt", "borta.txt", 10, 1.0)
    plan = plan_changes([(SOURCE, ghost)], {}, set())
    assert plan.to_read == []
    assert plan.failures[0][0] == "borta.txt" and "cannot read file" in plan.failures[0][1]


def test_a_source_that_suddenly_has_no_files_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data")
    a = found(corpus, "a.txt", "Validering i Värmland")
    with pytest.raises(JobError, match="is the folder mounted"):
        refuse_to_empty(settings, [], {"a.txt": indexed(a)})
    refuse_to_empty(settings, [(settings.corpus_sources()[0], a)], {"a.txt": indexed(a)})
