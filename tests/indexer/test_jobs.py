"""Reindex jobs in-process with the fake model: incremental, renames, --no-cache, model
changes, generations kept, rollback, status, the lock, progress output.

The fake model here is a local model folder (a tokenizer.json and nothing else), as
the bundled model is, so a job can size passages without loading the model.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from indexer.job.changes import JobError
from indexer.job.run import run_job
from indexer.lock import JobLock, LockHeld
from indexer.privacy import forget
from indexer.rollback import RollbackError, rollback
from indexer.settings import resolve_settings
from indexer.status import format_status, job_status
from indexer.store.layout import Layout, current_generation_id, list_generations
from indexer.store.reports import read_last_report
from search.engine import Searcher
from tests.conftest import CORPUS
from tests.fakes import FakeEmbedder, no_model, write_fake_model_folder
from tests.helpers import write_corpus

DOCS = {
    "validering.md": "# Validering i Värmland\n\n"
    "Region Värmland bygger en regional struktur för validering av yrkeskunnande.\n",
    "plattform.txt": "Kompetensplattform i Skaraborg\n\n"
    "Skaraborgs kommunalförbund samordnar kompetensplattformen i Skaraborg.\n",
    "moten/protokoll.md": "# Möte om vård- och omsorgscollege\n\n"
    "Mötet i Vänersborg handlade om vård- och omsorgscollege i Fyrbodal.\n",
}


def catalogue_paths(data: Path) -> list[str]:
    layout = Layout(data)
    db = sqlite3.connect(layout.generation(current_generation_id(layout) or "") / "catalog.sqlite")
    try:
        return sorted(r[0] for r in db.execute("SELECT path FROM documents"))
    finally:
        db.close()


@pytest.fixture()
def model(tmp_path: Path) -> FakeEmbedder:
    """The fake model as a local folder; its resolved path is its id, as for any model folder."""
    return FakeEmbedder(model_id=str(write_fake_model_folder(tmp_path / "fake-model")))


@pytest.fixture()
def indexed(tmp_path: Path, model: FakeEmbedder):  # type: ignore[no-untyped-def]
    corpus = write_corpus(tmp_path / "corpus", DOCS)
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data", model=model.model_id)
    first = run_job(settings, lambda: model)
    assert first.new == 3 and first.failed == []
    return settings, first


def test_nothing_changed_reads_nothing_and_loads_no_model(indexed) -> None:  # type: ignore[no-untyped-def]
    settings, first = indexed
    again = run_job(settings, no_model)
    assert (again.unchanged, again.new, again.changed, again.removed) == (3, 0, 0, 0)
    assert again.switched is False and again.model_loaded is False
    assert "model_load" not in again.timings and {"discover", "compare", "read"} <= set(again.timings)
    assert again.generation == first.generation
    assert (again.documents, again.passages, again.passages_reused) == (3, first.passages, first.passages)
    # Touched but identical: the content hash says unchanged.
    os.utime(settings.corpus / "plattform.txt", (1_700_000_000, 1_700_000_000))
    touched = run_job(settings, no_model)
    assert touched.unchanged == 3 and touched.switched is False


def test_a_touched_file_keeps_its_new_mtime_in_the_next_generation(indexed, model: FakeEmbedder) -> None:  # type: ignore[no-untyped-def]
    """So the job after that compares size and mtime again, and does not hash the file every time."""
    settings, _ = indexed
    os.utime(settings.corpus / "plattform.txt", (1_700_000_000, 1_700_000_000))
    (settings.corpus / "ny.txt").write_text("Nytt dokument\n\nYrkesvux i Dalarna.\n", encoding="utf-8")
    report = run_job(settings, lambda: model)
    assert (report.new, report.unchanged, report.switched) == (1, 3, True)
    layout = Layout(settings.data)
    db = sqlite3.connect(layout.generation(current_generation_id(layout) or "") / "catalog.sqlite")
    try:
        assert db.execute("SELECT mtime FROM documents WHERE path = 'plattform.txt'").fetchone()[0] == 1_700_000_000
    finally:
        db.close()


def test_renamed_and_moved_files_are_not_embedded_again(indexed, model: FakeEmbedder) -> None:  # type: ignore[no-untyped-def]
    settings, first = indexed
    corpus = settings.corpus
    (corpus / "arkiv").mkdir()
    shutil.move(corpus / "plattform.txt", corpus / "arkiv" / "plattform.txt")
    (corpus / "validering.md").rename(corpus / "validering-varmland.md")
    report = run_job(settings, no_model)  # every passage cached: the tokenizer alone sizes them
    assert report.renamed == [
        {"from": "plattform.txt", "to": "arkiv/plattform.txt"},
        {"from": "validering.md", "to": "validering-varmland.md"},
    ]
    assert (report.new, report.changed, report.removed, report.unchanged) == (0, 0, 0, 1)
    assert report.passages_embedded == 0
    assert report.passages_reused == first.passages_embedded
    assert catalogue_paths(settings.data) == ["arkiv/plattform.txt", "moten/protokoll.md", "validering-varmland.md"]
    hit = Searcher(settings.data, model).search("kompetensplattformen i Skaraborg").results[0]
    assert hit.path == "arkiv/plattform.txt"


@pytest.mark.slow
def test_the_tokenizer_alone_counts_tokens_like_the_model(embedder) -> None:  # type: ignore[no-untyped-def]
    from indexer.embed import LazyEmbedder
    from indexer.job.run import _tokenizer_file

    settings = resolve_settings()
    tokenizer = _tokenizer_file(settings)
    if tokenizer is None or settings.model:
        pytest.skip("the model is not a local folder with a tokenizer.json")
    lazy = LazyEmbedder(no_model, embedder.model_id, embedder.dim, lambda: tokenizer)
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(CORPUS.rglob("*"))
        if p.suffix in (".txt", ".md", ".html")
    ]
    texts += ["", "Åäö\u00a0x\u200b y", "passage: Region Östergötland / Möte\nText", "ord " * 600]
    for text in texts:
        for piece in (text, text[:400], text[200:1500]):
            assert lazy.count_tokens(piece) == embedder.count_tokens(piece)
    assert not lazy.loaded


def test_changed_deleted_and_new_files_in_one_run(indexed, model: FakeEmbedder) -> None:  # type: ignore[no-untyped-def]
    settings, _ = indexed
    corpus = settings.corpus
    with open(corpus / "validering.md", "a", encoding="utf-8") as f:
        f.write("\nValideringen omfattar också vård- och omsorgsyrken i Karlstad.\n")
    (corpus / "plattform.txt").unlink()
    (corpus / "ny.txt").write_text("Nytt dokument\n\nTeknikcollege Fyrbodal certifierades på nytt.\n", encoding="utf-8")
    report = run_job(settings, lambda: model)
    assert (report.new, report.changed, report.removed, report.unchanged) == (1, 1, 1, 1)
    assert report.passages_embedded == 2  # the changed passage and the new one; the rest from the cache
    assert catalogue_paths(settings.data) == ["moten/protokoll.md", "ny.txt", "validering.md"]
    searcher = Searcher(settings.data, model)
    assert searcher.search("validering vård- och omsorgsyrken Karlstad").results[0].path == "validering.md"
    assert all(r.path != "plattform.txt" for r in searcher.search("Skaraborgs kommunalförbund").results)


def test_no_cache_embeds_every_passage_again(indexed, model: FakeEmbedder) -> None:  # type: ignore[no-untyped-def]
    settings, first = indexed
    report = run_job(settings, lambda: model, no_cache=True)
    assert report.cache is False and report.switched
    assert report.passages_embedded == first.passages and report.passages_reused == 0
    assert report.unchanged == 3  # files are not read again; only their vectors are new
    assert "--no-cache: every passage is embedded again" in report.notes
    full = run_job(settings, lambda: model, full=True, no_cache=True)
    assert full.new == 3 and full.passages_embedded == first.passages
    cached = run_job(settings, lambda: model, full=True)
    assert cached.passages_embedded == 0


def test_another_model_re_embeds_everything_and_says_so(indexed, model: FakeEmbedder, caplog) -> None:  # type: ignore[no-untyped-def]
    settings, first = indexed
    other = FakeEmbedder(model_id="test/another-model")
    moved = resolve_settings(corpus=settings.corpus, data=settings.data, model="test/another-model")
    with caplog.at_level(logging.WARNING, logger="indexer"):
        report = run_job(moved, lambda: other)
    note = (
        f"model changed from {model.model_id} to test/another-model: "
        "every file is read and every passage embedded again"
    )
    assert note in report.notes
    assert note in caplog.text
    assert report.new == 3 and report.passages_embedded == first.passages and report.passages_reused == 0
    manifest = json.loads((Layout(settings.data).generation(report.generation or "") / "manifest.json").read_text())
    assert manifest["model_id"] == "test/another-model"


def test_generations_are_pruned_to_the_keep_setting(tmp_path: Path, model: FakeEmbedder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    corpus = write_corpus(tmp_path / "corpus", DOCS)
    monkeypatch.setenv("KB_KEEP_GENERATIONS", "2")
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data", model=model.model_id)
    assert settings.keep_generations == 2
    built = []
    for i in range(3):
        (corpus / "andring.txt").write_text(f"Ändring {i}\n\nRegion Värmland, version {i}.\n", encoding="utf-8")
        built.append(run_job(settings, lambda: model).generation)
    assert list_generations(Layout(settings.data)) == sorted(built[1:])
    assert resolve_settings(corpus=corpus, data=tmp_path / "data", keep_generations=4).keep_generations == 4


def test_rollback_serves_the_previous_generation_without_forgotten_people(tmp_path: Path, model: FakeEmbedder) -> None:  # type: ignore[no-untyped-def]
    corpus = write_corpus(tmp_path / "corpus", {
        "gr.txt": "Kompetensplattform i Göteborgsregionen\n\nKontakt: Linda Karlsson, kontaktperson för "
        "kompetensplattformen, Göteborgsregionen\n",
    })  # fmt: skip
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data", model=model.model_id)
    layout = Layout(settings.data)
    with pytest.raises(RollbackError, match="no older generation"):
        rollback(layout)
    first = run_job(settings, lambda: model).generation
    (corpus / "ny.txt").write_text("Nytt\n\nTeknikcollege Fyrbodal.\n", encoding="utf-8")
    second = run_job(settings, lambda: model).generation
    with JobLock(layout.lock):
        forget(layout, "Linda Karlsson")  # publishes a third generation without her
        before, now = rollback(layout)
    assert now == second and current_generation_id(layout) == second and before not in (first, second)
    searcher = Searcher(settings.data, model)
    assert "Linda Karlsson" not in [p.name for p in searcher.generation.people.values()]
    assert rollback(layout, to=first) == (second, first)
    with pytest.raises(RollbackError, match="already the current"):
        rollback(layout, to=first)
    with pytest.raises(RollbackError, match="no generation 'nope'"):
        rollback(layout, to="nope")


def test_status_shows_generation_counts_and_last_job(indexed) -> None:  # type: ignore[no-untyped-def]
    settings, first = indexed
    status = job_status(Layout(settings.data))
    assert status["current"]["generation"] == first.generation
    assert status["current"]["counts"]["documents"] == 3
    assert status["current"]["age_seconds"] < 600
    assert status["lock"]["state"] == "free"
    assert status["last_report"]["generation"] == first.generation
    text = format_status(status)
    assert f"generation    {first.generation}" in text
    assert "3 documents" in text and "s ago" in text
    assert "last job" in text and "3 files: 3 new" in text


def test_a_dead_jobs_lock_is_taken_over(indexed) -> None:  # type: ignore[no-untyped-def]
    settings, _ = indexed
    layout = Layout(settings.data)
    # What a killed job leaves: its record in the lock file, and no flock (the kernel dropped it).
    layout.lock.write_text(json.dumps({"pid": 999999999, "started": "2024-01-01T02:15:00+0000"}), encoding="utf-8")
    assert job_status(layout)["lock"]["state"] == "stale"
    report = run_job(settings, no_model)
    assert report.lock_taken_over == "pid 999999999, started at 2024-01-01T02:15:00+0000"
    assert layout.lock.read_text(encoding="utf-8") == ""
    with (
        JobLock(layout.lock),
        pytest.raises(LockHeld, match=rf"another reindex is running \(pid {os.getpid()}, started at"),
    ):
        run_job(settings, no_model)


def test_an_emptied_corpus_does_not_empty_the_index(indexed) -> None:  # type: ignore[no-untyped-def]
    settings, first = indexed
    shutil.rmtree(settings.corpus)
    settings.corpus.mkdir()
    with pytest.raises(JobError, match="is the folder mounted"):
        run_job(settings, no_model)
    assert current_generation_id(Layout(settings.data)) == first.generation
    assert read_last_report(Layout(settings.data))["error"].startswith("JobError")
