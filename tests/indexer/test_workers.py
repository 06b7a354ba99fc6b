"""Reader workers: a file that hangs or eats memory fails alone, with a reason, and the rest is read."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from indexer import workers
from indexer.discover import FoundFile
from indexer.read import DocumentRead
from indexer.workers import ReaderPool, ReadLimits, ReadTask
from tests.helpers import make_slow_pdf


def task(path: Path) -> ReadTask:
    st = path.stat()
    return ReadTask(FoundFile(path, path.name, st.st_size, st.st_mtime), "sha", "default", None)


def read_all(paths: list[Path], limits: ReadLimits) -> dict[str, DocumentRead | str]:
    with ReaderPool(limits) as pool:
        return {t.found.rel: outcome for t, outcome in pool.read([task(p) for p in paths])}


@pytest.fixture()
def good_files(tmp_path: Path) -> list[Path]:
    files = []
    for i in range(4):
        path = tmp_path / f"dok{i}.txt"
        path.write_text(
            f"Rubrik {i}\n\nRegion Östergötland arbetar med kompetensförsörjning, del {i}.\n", encoding="utf-8"
        )
        files.append(path)
    return files


def test_a_reader_that_runs_too_long_is_stopped_and_the_rest_is_read(
    tmp_path: Path, good_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # How each worker ended, (killed?, exit code): the one on the slow file must be killed,
    # not waited for (pypdf would need some 12 s for it); the other one ends normally.
    ended: list[tuple[bool, int | None]] = []
    stop = workers._Worker.stop

    def watched_stop(self: workers._Worker, kill: bool = False) -> None:
        stop(self, kill)
        ended.append((kill, self.process.exitcode))

    monkeypatch.setattr(workers._Worker, "stop", watched_stop)
    slow = make_slow_pdf(tmp_path / "loopar.pdf")
    results = read_all([slow, *good_files], ReadLimits(timeout=1.0, memory_mb=2048, workers=2))
    assert results["loopar.pdf"] == "timed out after 1 s (the per-file time limit)"
    for path in good_files:
        outcome = results[path.name]
        assert isinstance(outcome, DocumentRead), outcome
        assert "Region Östergötland" in outcome.document.organisations
    assert sorted(ended) == [(False, 0), (True, -signal.SIGKILL)]


def test_a_reader_that_needs_too_much_memory_fails_with_a_reason(tmp_path: Path, good_files: list[Path]) -> None:
    greedy = make_slow_pdf(tmp_path / "enorm.pdf", n_ops=1_000_000)
    results = read_all([greedy, good_files[0]], ReadLimits(timeout=120, memory_mb=100, workers=1))
    assert str(results["enorm.pdf"]).startswith("too large"), results["enorm.pdf"]
    assert isinstance(results[good_files[0].name], DocumentRead)


def test_a_file_larger_than_the_memory_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "stor.txt"
    with open(big, "wb") as f:
        f.truncate(70 * 1024 * 1024)  # sparse: 70 MB on paper, nothing on disk
    results = read_all([big], ReadLimits(timeout=10, memory_mb=64, workers=1, file_size_mb=100))
    assert results["stor.txt"] == "too large: 70 MB, more than the 64 MB memory limit per file"


def test_workers_are_reused_and_read_failures_are_reasons(tmp_path: Path, good_files: list[Path]) -> None:
    binary = tmp_path / "binar.txt"
    binary.write_bytes(os.urandom(2048).replace(b"\n", b"\x00"))
    results = read_all([*good_files, binary], ReadLimits(timeout=10, memory_mb=512, workers=2))
    assert results["binar.txt"] == "binary content in a text file (wrong extension?)"
    assert sum(isinstance(r, DocumentRead) for r in results.values()) == len(good_files)


def test_workers_never_run_the_programs_main_module(tmp_path: Path, good_files: list[Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """multiprocessing re-imports __main__ in new processes; a Streamlit app or a script must not run again."""
    import sys
    import types

    marker = tmp_path / "main-ran"
    script = tmp_path / "app_like.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    results = read_all(good_files, ReadLimits(timeout=30, memory_mb=512, workers=2))
    assert all(isinstance(r, DocumentRead) for r in results.values())
    assert not marker.exists()
    assert sys.modules["__main__"] is main
