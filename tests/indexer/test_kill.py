"""Real jobs in real processes: killed at stage boundaries and at a random moment, two at
once, queries while one runs, and the operator commands (status, rollback) with their exit codes.

Jobs run with the fake model. A job started by `tests.indexer.launch_job --pause-at STAGE`
stops itself (SIGSTOP) at that stage; the test then queries the live index and kills the
job (SIGKILL) or lets it go on (SIGCONT). The commands that need no process of their own
(search, status, rollback, a second job) run in-process.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.job.run import STAGES, run_job
from indexer.settings import resolve_settings
from indexer.store.layout import Layout, current_generation_id, list_generations
from search.engine import Searcher
from tests.conftest import REPO
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder
from tests.helpers import run_cli, write_corpus

OLD = {
    "validering.md": "# Validering i Värmland\n\n"
    "Region Värmland bygger en regional struktur för validering av yrkeskunnande.\n",
    "plattform.txt": "Kompetensplattform i Skaraborg\n\n"
    "Skaraborgs kommunalförbund samordnar kompetensplattformen i Skaraborg.\n",
}
NEW = {
    "moten/vanersborg.md": "# Möte i Vänersborg\n\n"
    "Mötet i Vänersborg handlade om vård- och omsorgscollege i Fyrbodal.\n",
    "rapport.txt": "Uppföljning\n\n"
    "Tillväxtverket följer upp det regionala kompetensförsörjningsarbetet i Jönköpings län.\n",
}
NEW_QUERY = "vård- och omsorgscollege i Fyrbodal Vänersborg"


class Job:
    """The indexer command with the fake model (`tests.indexer.launch_job`) in its own process,
    stderr to a file (a pipe could fill and block it)."""

    def __init__(self, tmp: Path, *args: str, pause_at: str | None = None) -> None:
        assert pause_at is None or pause_at in STAGES
        launcher = [sys.executable, "-m", "tests.indexer.launch_job", *(["--pause-at", pause_at] if pause_at else [])]
        self.stderr_path = tmp / f"job-{time.monotonic_ns()}.err"
        self._stderr = open(self.stderr_path, "w", encoding="utf-8")  # noqa: SIM115 - closed when the job ends
        self.proc = subprocess.Popen(
            [*launcher, "--", *args], stdout=subprocess.PIPE, stderr=self._stderr, text=True, cwd=REPO,
        )  # fmt: skip

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8")

    def wait_paused(self, stage: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if f"paused at {stage}" in self.stderr and _state(self.proc.pid) == "T":
                return
            if self.proc.poll() is not None:
                pytest.fail(f"job ended (exit {self.proc.returncode}) before pausing at {stage}:\n{self.stderr}")
            time.sleep(0.05)
        pytest.fail(f"job did not pause at {stage} in {timeout} s:\n{self.stderr}")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self._stderr.close()

    def resume(self) -> tuple[int, str]:
        """Let a paused job go on (a job that is not paused just runs on); wait for its end."""
        self.proc.send_signal(signal.SIGCONT)
        out, _ = self.proc.communicate(timeout=120)
        self._stderr.close()
        return self.proc.returncode, out


def copy_data(data: Path, tmp: Path) -> Path:
    """A copy of a data folder (generations, the vector cache and the lock file), for a rehearsal."""
    return Path(shutil.copytree(data, tmp / f"data-copy-{time.monotonic_ns()}"))


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "?"


@pytest.fixture()
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A data folder serving the OLD documents; the corpus then gains the NEW ones."""
    corpus = write_corpus(tmp_path / "corpus", OLD)
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data", model=FAKE_MODEL_ID)
    first = run_job(settings, FakeEmbedder)
    write_corpus(corpus, NEW)
    return settings, first.generation


def assert_serves_old(settings, old_gen: str) -> None:  # type: ignore[no-untyped-def]
    """The live index answers, from the old generation: the new documents are not in it yet."""
    assert current_generation_id(Layout(settings.data)) == old_gen
    response = Searcher(settings.data, FakeEmbedder()).search(NEW_QUERY)
    assert response.generation == old_gen
    assert response.results and {r.path for r in response.results} <= set(OLD)


def assert_next_run_completes(settings) -> None:  # type: ignore[no-untyped-def]
    report = run_job(settings, FakeEmbedder)
    assert report.failed == [] and report.documents == len(OLD) + len(NEW)
    assert not list(Layout(settings.data).generations.glob(".building-*"))
    assert Searcher(settings.data, FakeEmbedder()).search(NEW_QUERY).results[0].path == "moten/vanersborg.md"


@pytest.mark.parametrize("stage", STAGES)
def test_a_job_killed_at_a_stage_leaves_a_working_index(stage: str, served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings, old_gen = served
    job = Job(tmp_path, "--corpus", str(settings.corpus), "--data", str(settings.data), pause_at=stage)
    job.wait_paused(stage)
    layout = Layout(settings.data)
    if stage == "switched":
        # The new generation is complete and served; the old one is still there for rollback.
        new_gen = current_generation_id(layout)
        assert new_gen != old_gen and old_gen in list_generations(layout)
        # Not a terminal: plain log lines, one per stage, instead of a progress bar.
        assert "INFO reading: 2 to do" in job.stderr and "INFO reading: 2/2 done in" in job.stderr
        assert "INFO embedding: 2/2 done in" in job.stderr and "\r" not in job.stderr
    else:
        assert_serves_old(settings, old_gen)
    if stage == "staged":
        assert len(list(layout.generations.glob(".building-*"))) == 1
    job.kill()
    if stage != "switched":
        assert_serves_old(settings, old_gen)
    leftovers = [p.name for p in layout.generations.glob(".building-*")]
    report = run_job(settings, FakeEmbedder)
    assert report.cleaned_up == leftovers
    assert report.lock_taken_over is not None and f"pid {job.proc.pid}" in report.lock_taken_over
    assert_next_run_completes(settings)


def test_a_job_killed_at_a_random_moment_leaves_a_working_index(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings, old_gen = served
    # A moment within the time the same job takes here, from its start to its end:
    # measured on a copy of the data folder, as fast or slow as this machine is.
    rehearsal = Job(
        tmp_path, "--corpus", str(settings.corpus), "--data", str(copy_data(settings.data, tmp_path)), "--full"
    )
    started = time.monotonic()
    code, _ = rehearsal.resume()
    took = time.monotonic() - started
    assert code == 0, rehearsal.stderr
    seed = int(os.environ.get("KB_TEST_KILL_SEED", random.randrange(1_000_000)))
    delay = random.Random(seed).uniform(0.05, 1.1) * took
    print(f"killing after {delay:.2f} s of a {took:.2f} s job (KB_TEST_KILL_SEED={seed} repeats the fraction)")
    job = Job(tmp_path, "--corpus", str(settings.corpus), "--data", str(settings.data), "--full")
    time.sleep(delay)
    job.kill()
    layout = Layout(settings.data)
    served_now = current_generation_id(layout)
    assert served_now is not None
    response = Searcher(settings.data, FakeEmbedder()).search(NEW_QUERY)
    assert response.generation == served_now and response.results
    if served_now == old_gen:
        assert {r.path for r in response.results} <= set(OLD)
    assert_next_run_completes(settings)


def test_queries_use_the_old_generation_until_the_switch(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings, old_gen = served
    live = Searcher(settings.data, FakeEmbedder())
    job = Job(tmp_path, "--corpus", str(settings.corpus), "--data", str(settings.data), "--json", pause_at="renamed")
    job.wait_paused("renamed")
    # The new generation is sealed on disk, but CURRENT still names the old one.
    assert not live.refresh()
    assert_serves_old(settings, old_gen)
    found = run_cli("search", "--data", str(settings.data), "--json", NEW_QUERY)
    assert found.returncode == 0, found.stderr
    assert {r["path"] for r in json.loads(found.stdout)["results"]} <= set(OLD)
    code, out = job.resume()
    assert code == 0, job.stderr
    assert live.refresh()
    assert live.search(NEW_QUERY).results[0].path == "moten/vanersborg.md"
    assert json.loads(out)["generation"] == live.generation.id


def test_two_jobs_at_once_and_a_dead_jobs_lock(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings, old_gen = served
    args = ("--corpus", str(settings.corpus), "--data", str(settings.data))
    first = Job(tmp_path, *args, pause_at="locked")
    first.wait_paused("locked")
    second = run_cli("indexer", *args, "--json")
    assert second.returncode == 2
    assert f"another reindex is running (pid {first.proc.pid}, started at" in second.stderr
    assert second.stdout == ""
    # Operators' commands wait their turn too; status never takes the lock.
    assert run_cli("indexer", "rollback", "--data", str(settings.data)).returncode == 2
    status = run_cli("indexer", "status", "--data", str(settings.data))
    assert status.returncode == 0 and f"a reindex is running (pid {first.proc.pid}" in status.stdout
    first.kill()  # dies holding the lock
    report = run_job(settings, FakeEmbedder)
    assert report.lock_taken_over is not None and f"pid {first.proc.pid}" in report.lock_taken_over
    assert report.new == len(NEW)


def test_status_and_rollback_commands(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings, old_gen = served
    data = str(settings.data)
    empty = run_cli("indexer", "status", "--data", str(tmp_path / "nothing"))
    assert empty.returncode == 2 and "none yet" in empty.stdout
    assert run_cli("indexer", "rollback", "--data", data).returncode == 2  # one generation only
    done = run_cli("indexer", "--corpus", str(settings.corpus), "--data", data, "--quiet")
    assert done.returncode == 0, done.stderr
    new_gen = current_generation_id(Layout(settings.data))
    status = run_cli("indexer", "status", "--data", data)
    assert status.returncode == 0
    assert f"generation    {new_gen}" in status.stdout
    assert "4 documents" in status.stdout and f"`rollback` would return to {old_gen}" in status.stdout
    assert "4 files: 2 new, 0 changed, 2 unchanged" in status.stdout
    as_json = json.loads(run_cli("indexer", "status", "--data", data, "--json").stdout)
    assert as_json["current"]["generation"] == new_gen and as_json["rollback_to"] == old_gen

    back = run_cli("indexer", "rollback", "--data", data)
    assert back.returncode == 0, back.stderr
    assert f"now serving generation {old_gen} (was {new_gen})" in back.stdout
    assert current_generation_id(Layout(settings.data)) == old_gen
    forward = run_cli("indexer", "rollback", "--data", data, "--to", new_gen)
    assert forward.returncode == 0 and current_generation_id(Layout(settings.data)) == new_gen
    bad = run_cli("indexer", "rollback", "--data", data, "--to", "20990101T000000Z-ffffff")
    assert bad.returncode == 2 and "no generation" in bad.stderr
    # The flag-only form still takes its flags, and bad ones still exit 2.
    assert run_cli("indexer", "--data", data, "--keep", "1").returncode == 2
    assert run_cli("indexer", "--nonsense").returncode == 2
    assert run_cli("indexer", "status", "--nonsense").returncode == 2


def test_the_launcher_never_imports_torch(tmp_path: Path) -> None:
    """The fake model keeps a job process light: no torch, no sentence-transformers, in it or its readers."""
    corpus = write_corpus(tmp_path / "corpus", OLD)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tests.indexer.launch_job", "--",
         "--corpus", str(corpus), "--data", str(tmp_path / "data"), "--quiet"],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert {"indexer.job.run", "indexer.workers", "faiss", "tests.fakes"} <= imported
    assert sorted(m for m in imported if m.split(".")[0] in ("torch", "sentence_transformers", "transformers")) == []
