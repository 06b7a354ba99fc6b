"""Bad input never stops the job: links out and in circles, empty, binary and unreadable
files, pipes, odd names and encodings, a PDF that makes the reader run too long; and every
PDF in ../shared/data/pdfs yields text or a clear reason (opt-in: skipped without ../shared)."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.discover import FoundFile, discover
from indexer.job.run import run_job
from indexer.read import DocumentRead
from indexer.settings import resolve_settings
from indexer.workers import ReaderPool, ReadLimits, ReadTask
from search.engine import Searcher
from tests.conftest import REPO
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder
from tests.helpers import make_slow_pdf, run_cli

SHARED_PDFS = REPO.parent / "shared" / "data" / "pdfs"
# Every reason a PDF may fail with starts with one of these.
PDF_REASONS = ("encrypted PDF", "no text layer", "damaged", "too large", "timed out", "no text left")


def hostile_corpus(root: Path, outside: Path) -> Path:
    """A corpus with one good document and every kind of trouble beside it."""
    root.mkdir()
    (root / "bra.txt").write_text(
        "Kompetensplattform i Skaraborg\n\nSkaraborgs kommunalförbund samordnar kompetensplattformen.\n",
        encoding="utf-8",
    )
    (root / "gammal.txt").write_bytes(
        "Äldre protokoll\n\nMötet i Göteborg handlade om yrkesvux för vårdbiträden och köksbiträden.\n".encode("cp1252")
    )
    (root / "tom.txt").write_bytes(b"")
    (root / "binar.txt").write_bytes(bytes(range(256)) * 8)
    (root / "last.txt").write_text("Låst fil\n\nInnehåll som ingen får läsa.\n", encoding="utf-8")
    os.chmod(root / "last.txt", 0)
    secret = outside / "hemlig.txt"
    secret.write_text("Hemlig text utanför korpusen om lönesättning.\n", encoding="utf-8")
    (root / "ut.txt").symlink_to(secret)
    (root / "ut-mapp").symlink_to(outside, target_is_directory=True)
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    (root / "sub").mkdir()
    (root / "sub" / "upp").symlink_to(root, target_is_directory=True)
    (root / "inne.txt").symlink_to(root / "bra.txt")
    os.mkfifo(root / "ror.txt")
    (root / os.fsdecode(b"namn-\xff.txt")).write_text("Trasigt filnamn\n\nText.\n", encoding="utf-8")
    make_slow_pdf(root / "loopar.pdf")
    return root


def test_discover_reports_what_it_passes_over_and_never_leaves_the_corpus(tmp_path: Path) -> None:
    outside = tmp_path / "utanfor"
    outside.mkdir()
    corpus = hostile_corpus(tmp_path / "corpus", outside)
    found = discover(corpus)
    skipped = dict(found.skipped)
    assert skipped["ut.txt"] == "link points outside the corpus"
    assert skipped["ut-mapp"] == "link to a folder not followed"
    assert skipped["sub/upp"] == "link to a folder not followed"
    assert skipped["loop-a.txt"] == skipped["loop-b.txt"] == "broken or looping link"
    assert skipped["tom.txt"] == "empty file (0 bytes)"
    assert skipped["ror.txt"] == "not a regular file (a pipe, socket or device)"
    assert skipped["namn-\ufffd.txt"] == "file name is not valid UTF-8: rename the file"
    files = {f.rel: f for f in found.files}
    assert sorted(files) == ["binar.txt", "bra.txt", "gammal.txt", "inne.txt", "last.txt", "loopar.pdf"]
    # A link inside the corpus is read through its checked target, never through the link.
    assert files["inne.txt"].path == (corpus / "bra.txt").resolve()
    assert all(f.path.resolve().is_relative_to(corpus.resolve()) for f in found.files)


def _without_root_file_access() -> None:
    """Run as root without the capabilities that let root read any file (tests run as root)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP: gone after exec
            raise OSError(ctypes.get_errno(), "cannot drop capabilities")


def test_the_job_indexes_the_good_files_and_reports_the_rest(tmp_path: Path) -> None:
    """The CLI, as an operator runs it (in its own process, with the fake model), on the hostile
    corpus: exit 1, every problem named."""
    outside = tmp_path / "utanfor"
    outside.mkdir()
    corpus = hostile_corpus(tmp_path / "corpus", outside)
    data = tmp_path / "data"
    launcher = [sys.executable, "-m", "tests.indexer.launch_job", "--"]
    try:
        done = subprocess.run(
            [*launcher, "--corpus", str(corpus), "--data", str(data), "--json", "--file-timeout", "1"],
            capture_output=True, text=True, cwd=REPO, timeout=600, preexec_fn=_without_root_file_access,
        )  # fmt: skip
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot run the job without root's file access here: {exc}")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    failed = {f["path"]: f["reason"] for f in report["failed"]}
    assert failed == {
        "binar.txt": "binary content in a text file (wrong extension?)",
        "last.txt": "cannot read file: Permission denied",
        "loopar.pdf": "timed out after 1 s (the per-file time limit)",
    }
    assert {s["path"] for s in report["skipped"]} >= {"ut.txt", "ut-mapp", "loop-a.txt", "tom.txt", "ror.txt"}
    assert report["new"] == 3 and report["documents"] == 3  # bra.txt, gammal.txt (cp1252), inne.txt
    for path in failed:
        assert f"failed: {path}: {failed[path]}" in done.stderr

    searched = run_cli("search", "--data", str(data), "--json", "--k", "10", "yrkesvux för vårdbiträden")
    assert searched.returncode == 0, searched.stderr
    results = json.loads(searched.stdout)["results"]
    assert results[0]["path"] == "gammal.txt" and "vårdbiträden och köksbiträden" in results[0]["text"]
    assert all("lönesättning" not in r["text"] for r in results)


def test_a_cp1252_file_is_read_with_its_swedish_letters(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Kompetensförsörjning i Jönköpings län\n\n“Vård- och omsorgscollege” – ett samarbete för undersköterskor.\n"
    (corpus / "ansi.txt").write_bytes(text.encode("cp1252"))
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data", model=FAKE_MODEL_ID)
    report = run_job(settings, lambda: fake_embedder)
    assert report.failed == []
    hit = Searcher(settings.data, fake_embedder).search("undersköterskor i Jönköpings län").results[0]
    assert hit.title == "Kompetensförsörjning i Jönköpings län"
    assert "“Vård- och omsorgscollege” – ett samarbete för undersköterskor." in hit.text


def test_a_file_over_the_size_limit_fails_with_its_size_and_the_job_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bra.txt").write_text("Kompetensplattform i Skaraborg\n\nSkaraborg samordnar.\n", encoding="utf-8")
    line = "Kompetensförsörjning handlar om att arbetsgivare hittar rätt kompetens.\n"
    (corpus / "stor.txt").write_text(line * (1_600_000 // len(line.encode())), encoding="utf-8")  # about 1.5 MB
    done = run_cli("indexer", "--corpus", str(corpus), "--data", str(tmp_path / "data"), "--json", "--file-size", "1")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    reason = "too large: 1.5 MB, more than the 1 MB size limit per file (--file-size, KB_FILE_SIZE_MB)"
    assert report["failed"] == [{"path": "stor.txt", "reason": reason}]
    assert report["documents"] == 1 and report["switched"]
    assert f"failed: stor.txt: {reason}" in done.stderr.splitlines()


def test_a_file_name_with_a_newline_cannot_forge_a_failed_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bra.txt").write_text("Kompetensplattform i Skaraborg\n\nSkaraborg samordnar.\n", encoding="utf-8")
    (corpus / "a\nfailed: b.txt").write_bytes(bytes(range(256)) * 8)  # binary content: it fails
    data = str(tmp_path / "data")
    done = run_cli("indexer", "--corpus", str(corpus), "--data", data)
    assert done.returncode == 1, done.stderr
    one_line = "failed: 'a\\nfailed: b.txt': binary content in a text file (wrong extension?)"
    assert [line for line in done.stderr.splitlines() if "failed:" in line] == [one_line]
    status = run_cli("indexer", "status", "--data", data)
    assert [line.strip() for line in status.stdout.splitlines() if "failed:" in line] == [one_line]


def _pdf_outcomes(folder: Path) -> dict[str, str]:
    paths = sorted(folder.rglob("*.pdf"))
    tasks = [
        ReadTask(
            FoundFile(p, p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime), "", "default", None
        )
        for p in paths
    ]
    outcomes: dict[str, str] = {}
    with ReaderPool(ReadLimits(timeout=30, memory_mb=1024, workers=2)) as pool:
        for task, outcome in pool.read(tasks):
            if isinstance(outcome, DocumentRead):
                chars = sum(len(b.text) for b in outcome.blocks)
                outcomes[task.found.rel] = f"text: {chars} characters"
            else:
                outcomes[task.found.rel] = outcome
    return outcomes


@pytest.mark.skipif(not SHARED_PDFS.is_dir(), reason="../shared/data/pdfs is not here (opt-in robustness data)")
def test_every_shared_pdf_yields_text_or_a_clear_reason() -> None:
    outcomes = _pdf_outcomes(SHARED_PDFS)
    for path, outcome in sorted(outcomes.items()):
        print(f"{path}: {outcome}")
    assert len(outcomes) == len(list(SHARED_PDFS.rglob("*.pdf")))
    unclear = {p: o for p, o in outcomes.items() if not o.startswith(("text: ", *PDF_REASONS))}
    assert unclear == {}
    assert sum(o.startswith("text: ") for o in outcomes.values()) >= 15
    assert outcomes["pypdf/libreoffice-writer-password.pdf"] == "encrypted PDF: a password is needed to read it"
    assert outcomes["pypdf/encryption-r6-empty-password.pdf"].startswith("text: ")  # AES, empty password
    assert outcomes["pdfminer/simple1.pdf"].startswith("damaged PDF")
