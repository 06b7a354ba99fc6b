"""A data folder damaged on disk: found, named in one line, repaired; never a traceback or a quiet wrong answer.

Each test damages its own copy of a small index (two generations of three
documents, fake model) as `tests.damage` describes, then runs the commands as
an operator would (in-process): search and `--people` refuse with one line
naming the file and the fix (exit 2), `indexer status` exits 2 naming it, an
incremental reindex rebuilds (vectors from the embedding cache) and the same
questions get the same answers as before the damage.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from indexer.settings import resolve_settings
from indexer.store.layout import Layout, list_generations, previous_generation, read_pointer
from search.engine import Searcher
from tests.damage import GENERATION_DAMAGE, Damage, blamed_path, corrupt_cache, current_folder, truncate
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder
from tests.helpers import run_cli, write_corpus

DOCS = {
    "validering.md": "# Validering i Värmland\n\n"
    "Region Värmland bygger en regional struktur för validering av yrkeskunnande.\n",
    "plattform.txt": "Kompetensplattform i Skaraborg\n\n"
    "Kontakt: Anna Berg, samordnare för kompetensplattformen, Skaraborgs kommunalförbund\n",
    "moten/protokoll.md": "# Möte om vård- och omsorgscollege\n\n"
    "Mötet i Vänersborg handlade om vård- och omsorgscollege i Fyrbodal.\n",
}
QUERIES = ["validering av yrkeskunnande i Värmland", "kompetensplattform Skaraborg", "vård- och omsorgscollege"]

Answers = list[list[tuple[str, str]]]


@dataclass(frozen=True)
class Built:
    corpus: Path
    data: Path
    answers: Answers  # what QUERIES find before any damage


def answers(data: Path) -> Answers:
    """Each query's results as (path, passage text), in rank order."""
    searcher = Searcher(data, FakeEmbedder())
    try:
        return [[(hit.path, hit.text) for hit in r.results] for r in searcher.search_many(QUERIES)]
    finally:
        searcher.generation.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Two sealed generations of DOCS (the second from --full), so there is one to roll back to. Read-only."""
    from indexer.job.run import run_job

    root = tmp_path_factory.mktemp("damage")
    corpus = write_corpus(root / "corpus", DOCS)
    settings = resolve_settings(corpus=corpus, data=root / "data", model=FAKE_MODEL_ID)
    run_job(settings, FakeEmbedder)
    assert run_job(settings, FakeEmbedder, full=True).switched
    return Built(corpus, settings.data, answers(settings.data))


@pytest.fixture()
def copy(built: Built, tmp_path: Path) -> Built:
    """A writable copy of `built` (corpus, generations and embedding cache), for one test to damage."""
    corpus = Path(shutil.copytree(built.corpus, tmp_path / "corpus"))
    data = Path(shutil.copytree(built.data, tmp_path / "data"))
    return Built(corpus, data, built.answers)


def error_line(stderr: str) -> str:
    """The one `error: ...` line a command printed; fails on a traceback or several."""
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.mark.parametrize("damage", GENERATION_DAMAGE, ids=lambda d: d.case.split(" (")[0])
def test_damage_is_refused_named_and_repaired_by_a_reindex(damage: Damage, copy: Built) -> None:
    data = copy.data
    blamed = blamed_path(damage, data, current_folder(data))
    damage.apply(data)

    searched = run_cli("search", "--data", str(data), "--json", QUERIES[0])
    assert searched.returncode == 2 and searched.stdout == ""
    line = error_line(searched.stderr)
    assert line.startswith(f"error: {blamed} is "), line
    assert f"`python -m indexer --data {data}`" in line and f"`python -m indexer rollback --data {data}`" in line
    people = run_cli("search", "--data", str(data), "--people", "--json")
    assert people.returncode == 2 and error_line(people.stderr) == line
    status = run_cli("indexer", "status", "--data", str(data))
    assert status.returncode == 2 and f"{blamed} is " in status.stdout

    # An incremental run, as cron starts it: it must not say "nothing changed" over a broken index.
    job = run_cli("indexer", "--corpus", str(copy.corpus), "--data", str(data), "--json")
    assert job.returncode == 0, job.stderr
    report = json.loads(job.stdout)
    assert report["switched"] and any(str(blamed) in note for note in report["notes"]), report["notes"]
    assert report["passages_embedded"] == 0  # every vector from the embedding cache
    assert run_cli("indexer", "status", "--data", str(data)).returncode == 0
    assert answers(data) == copy.answers
    again = json.loads(run_cli("indexer", "--corpus", str(copy.corpus), "--data", str(data), "--json").stdout)
    assert again["switched"] is False and again["notes"] == []


def test_status_checks_checksums_where_opening_checks_sizes(copy: Built) -> None:
    """Bytes changed in place (the size kept) pass the cheap check on opening; status and the job find them."""
    person_vectors = current_folder(copy.data) / "person_vectors.npy"
    content = bytearray(person_vectors.read_bytes())
    content[-8:] = bytes(b ^ 0xFF for b in content[-8:])
    person_vectors.write_bytes(bytes(content))
    assert run_cli("search", "--data", str(copy.data), QUERIES[0]).returncode == 0
    status = run_cli("indexer", "status", "--data", str(copy.data), "--json")
    assert status.returncode == 2
    assert json.loads(status.stdout)["current"]["damaged"] == [
        {"path": str(person_vectors), "problem": "damaged (its content differs from the checksum taken when sealed)"}
    ]
    job = run_cli("indexer", "--corpus", str(copy.corpus), "--data", str(copy.data), "--json")
    assert job.returncode == 0 and json.loads(job.stdout)["switched"]
    assert run_cli("indexer", "status", "--data", str(copy.data)).returncode == 0


def test_a_generation_sealed_without_checksums_still_serves_and_is_checked_for_its_parts(copy: Built) -> None:
    folder = current_folder(copy.data)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert answers(copy.data) == copy.answers
    assert run_cli("indexer", "status", "--data", str(copy.data)).returncode == 0
    shutil.rmtree(folder / "bm25")
    searched = run_cli("search", "--data", str(copy.data), QUERIES[0])
    assert searched.returncode == 2 and error_line(searched.stderr).startswith(f"error: {folder / 'bm25'} is missing")


def test_a_job_reads_a_catalogue_sealed_without_checksums_whole_before_it_builds_on_it(copy: Built) -> None:
    """Damage the documents table does not show (no passages table) still means a rebuild, not "nothing changed"."""
    folder = current_folder(copy.data)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    db = sqlite3.connect(folder / "catalog.sqlite")
    db.execute("DROP TABLE passages")
    db.commit()
    db.close()
    job = run_cli("indexer", "--corpus", str(copy.corpus), "--data", str(copy.data), "--json")
    assert job.returncode == 0, job.stderr
    report = json.loads(job.stdout)
    assert report["switched"] and report["new"] == len(DOCS) and report["passages_embedded"] == 0
    assert any(str(folder / "catalog.sqlite") in note for note in report["notes"]), report["notes"]
    assert answers(copy.data) == copy.answers


def test_rollback_works_when_the_current_generation_is_damaged(copy: Built) -> None:
    layout = Layout(copy.data)
    damaged, previous = read_pointer(layout), previous_generation(layout)
    truncate(current_folder(copy.data) / "catalog.sqlite", 0.5)
    back = run_cli("indexer", "rollback", "--data", str(copy.data))
    assert back.returncode == 0, back.stderr
    assert f"now serving generation {previous} (was {damaged})" in back.stdout
    assert answers(copy.data) == copy.answers
    assert run_cli("indexer", "status", "--data", str(copy.data)).returncode == 0


def test_rollback_refuses_a_damaged_target(copy: Built) -> None:
    layout = Layout(copy.data)
    current, previous = read_pointer(layout), previous_generation(layout)
    vectors = layout.generation(previous or "") / "vectors.faiss"
    truncate(vectors, 0.5)
    back = run_cli("indexer", "rollback", "--data", str(copy.data))
    assert back.returncode == 2
    line = error_line(back.stderr)
    assert line.startswith(f"error: cannot roll back to {previous}: {vectors} is damaged (size ")
    assert read_pointer(layout) == current
    assert answers(copy.data) == copy.answers


def _no_space(path: Path, *args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def _sqlite_full(path: Path, *args: object, **kwargs: object) -> None:
    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorcode = sqlite3.SQLITE_FULL  # what SQLite sets on a full disk
    raise exc


@pytest.mark.parametrize("write_catalog", [_no_space, _sqlite_full], ids=["ENOSPC", "SQLITE_FULL"])
def test_a_full_disk_while_writing_the_catalogue_exits_2_and_changes_nothing(
    copy: Built, monkeypatch: pytest.MonkeyPatch, write_catalog: object
) -> None:
    layout = Layout(copy.data)
    served, kept = read_pointer(layout), list_generations(layout)
    (copy.corpus / "ny.txt").write_text("Nytt dokument\n\nTeknikcollege Fyrbodal certifierades.\n", encoding="utf-8")
    monkeypatch.setattr("indexer.job.build.write_catalog", write_catalog)
    job = run_cli("indexer", "--corpus", str(copy.corpus), "--data", str(copy.data))
    assert job.returncode == 2
    line = error_line(job.stderr)
    assert line.startswith(f"error: could not write the new generation in {layout.generations} (")
    assert "full" in line or "No space left on device" in line
    assert "nothing changed, the index served before still serves: free space on that disk and run again" in line
    assert read_pointer(layout) == served and list_generations(layout) == kept
    assert not list(layout.generations.glob(".building-*"))
    assert answers(copy.data) == copy.answers
    monkeypatch.undo()
    # Space freed: the same run goes through, and takes the new file beside all the old ones.
    assert run_cli("indexer", "--corpus", str(copy.corpus), "--data", str(copy.data)).returncode == 0
    assert [[hit for hit in result if hit[0] != "ny.txt"] for result in answers(copy.data)] == copy.answers


def test_a_damaged_embedding_cache_is_set_aside_reported_and_rebuilt(copy: Built) -> None:
    cache = corrupt_cache(copy.data)
    with open(copy.corpus / "validering.md", "a", encoding="utf-8") as f:
        f.write("\nValideringen omfattar också vård- och omsorgsyrken i Karlstad.\n")
    job = run_cli("indexer", "--corpus", str(copy.corpus), "--data", str(copy.data), "--json")
    assert job.returncode == 0, job.stderr
    report = json.loads(job.stdout)
    [aside] = cache.parent.glob("vectors.sqlite.damaged-*")
    notes = [note for note in report["notes"] if "embedding cache" in note]
    assert notes == [
        f"the embedding cache {cache} is damaged (file is not a database): set aside as {aside.name} "
        "and started again empty; its vectors are embedded again"
    ]
    assert report["switched"] and report["passages_embedded"] == report["passages"]
    # Sound again: the next run takes every vector from it.
    full = json.loads(
        run_cli("indexer", "--corpus", str(copy.corpus), "--data", str(copy.data), "--json", "--full").stdout
    )
    assert full["passages_embedded"] == 0 and full["notes"] == []
    found = Searcher(copy.data, FakeEmbedder()).search("vård- och omsorgsyrken i Karlstad").results
    assert found[0].path == "validering.md" and "Karlstad" in found[0].text
    assert {hit[0] for result in answers(copy.data) for hit in result} == set(DOCS)
