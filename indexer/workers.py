"""Reader workers: every file read in a worker process, under a time and a memory limit.

A pathological file (a PDF whose content stream makes the reader loop, a
decompression bomb, a reader that crashes) must cost the job one file, never
the job. So files are read by a small pool of worker processes, each with an
address-space limit (RLIMIT_AS); a worker that runs past the time limit is
killed and replaced, and the file fails with "timed out after N s". The pool
lives for one job, so starting it is paid once, and only when some file has
to be read at all.

Workers come from multiprocessing's forkserver: a clean process that imports
the readers once and forks each worker from there, so a worker starts in
milliseconds, inherits neither the model nor the job lock, and dies with the
job (the forkserver exits when the job does, and the workers follow it).
Workers only read (extract, clean, enrich, people, meetings); the model's
tokenizer and the embedding stay in the job process.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import time
import types
import warnings
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from indexer.discover import FoundFile
from indexer.extract import ExtractError, reader_modules
from indexer.settings import DEFAULT_FILE_SIZE_MB

if TYPE_CHECKING:
    from indexer.read import DocumentRead

log = logging.getLogger("indexer")

# A worker is replaced after this many files, so a reader that leaks memory cannot grow for ever.
MAX_FILES_PER_WORKER = 200
# Imported once in the forkserver, so that every worker starts with the readers loaded.
_PRELOAD = ["indexer.read", *reader_modules(), "indexer.workers"]


@dataclass(frozen=True)
class ReadLimits:
    timeout: float  # seconds per file
    memory_mb: int  # address space a worker may add while reading one file
    workers: int
    file_size_mb: int = DEFAULT_FILE_SIZE_MB  # larger files are not read at all


@dataclass(frozen=True)
class ReadTask:
    found: FoundFile  # found.rel is the catalogue path
    sha256: str
    collection: str
    organisation: str | None


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent (the forkserver) exits."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        os._exit(0)


def _limit_memory(memory_mb: int) -> None:
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as f:
            used = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        used = 0
    limit = used + memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _read_one(task: ReadTask, memory_mb: int) -> tuple[str, Any]:
    # The readers are imported where they run (the forkserver preloads them), not with this
    # module: a job imports it for ReadTask even when it has nothing to read.
    from indexer.read import read_file

    try:
        return "ok", read_file(task.found, task.sha256, task.collection, task.organisation)
    except ExtractError as exc:
        return "failed", str(exc)
    except MemoryError:
        return "fatal", f"too large: reading it needs more than the {memory_mb} MB memory limit per file"
    except RecursionError:
        return "failed", "damaged file: its structure is nested too deeply to read"
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the job
        return "failed", f"unexpected error: {type(exc).__name__}: {exc}"


def worker_main(conn: Connection, memory_mb: int) -> None:
    """A reader worker: read tasks from `conn`, answer each with ("ok"|"failed"|"fatal", ...)."""
    _die_with_parent()
    _limit_memory(memory_mb)
    # Readers warn about every odd byte of a damaged file; the job reports the outcome.
    warnings.simplefilter("ignore")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    for _ in range(MAX_FILES_PER_WORKER):
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        status, payload = _read_one(task, memory_mb)
        try:
            conn.send((status, payload))
        except MemoryError:
            conn.send(("fatal", f"too large: its text needs more than the {memory_mb} MB memory limit per file"))
        if status == "fatal":
            return  # after running out of memory, a fresh process is the safe choice


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if name == "SIGKILL":
            return "too large / out of memory: the reader was killed by the system (SIGKILL)"
        return f"damaged file: the reader crashed on it ({name})"
    return f"the reader stopped unexpectedly (exit code {exitcode})"


def _megabytes(size: int) -> str:
    """A size in MB, to one decimal where that tells it from a limit (50.3 MB, but 70 MB)."""
    return f"{size / 2**20:.1f}".removesuffix(".0")


@contextlib.contextmanager
def _without_main_module() -> Iterator[None]:
    """Hide the program's __main__ while a worker starts.

    multiprocessing re-imports the parent's main module in every new process
    (forkserver and spawn alike). Workers need nothing from it, and running it
    there can be slow or wrong: a Streamlit script, a test runner, a script
    without a main guard. A bare module leaves nothing to re-import.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class _Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext, memory_mb: int) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=worker_main, args=(child, memory_mb), name="kb-reader", daemon=True
        )
        with _without_main_module():
            self.process.start()
        child.close()
        self.task: ReadTask | None = None
        self.deadline = 0.0
        self.done = 0

    def stop(self, kill: bool = False) -> None:
        if not kill and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


class ReaderPool:
    """A job's reader workers. Use as a context manager; `read` yields results as they come."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self._ctx = _context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for w in self._workers:
            w.stop(kill=w.task is not None)
        self._workers = []

    def _start(self, w: _Worker | None, task: ReadTask) -> bool:
        """Hand `task` to worker `w` (a new one if None); False if the worker was gone."""
        if w is None:
            w = _Worker(self._ctx, self.limits.memory_mb)
            self._workers.append(w)
        try:
            w.conn.send(task)
        except (BrokenPipeError, OSError):
            self._retire(w, kill=True)
            return False
        w.task = task
        w.deadline = time.monotonic() + self.limits.timeout
        return True

    def _retire(self, w: _Worker, kill: bool = False) -> None:
        w.stop(kill=kill)
        self._workers.remove(w)

    def _too_large(self, task: ReadTask) -> str | None:
        size = task.found.size
        if size > self.limits.file_size_mb * 2**20:
            return (
                f"too large: {_megabytes(size)} MB, more than the {self.limits.file_size_mb} MB size limit "
                "per file (--file-size, KB_FILE_SIZE_MB)"
            )
        if size > self.limits.memory_mb * 2**20:
            return f"too large: {_megabytes(size)} MB, more than the {self.limits.memory_mb} MB memory limit per file"
        return None

    def read(self, tasks: list[ReadTask]) -> Iterator[tuple[ReadTask, DocumentRead | str]]:
        """Read every task; yield (task, document) or (task, reason it failed), as they finish."""
        pending = deque(tasks)
        while pending or any(w.task for w in self._workers):
            # Keep every worker busy; start workers up to the limit.
            while pending:
                idle = next((w for w in self._workers if w.task is None), None)
                if idle is None and len(self._workers) >= self.limits.workers:
                    break
                task = pending[0]
                reason = self._too_large(task)
                if reason:
                    pending.popleft()
                    yield task, reason
                    continue
                if self._start(idle, task):
                    pending.popleft()
            busy = [w for w in self._workers if w.task is not None]
            if not busy:
                continue
            wait_s = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_s))
            now = time.monotonic()
            for w in busy:
                running = w.task
                assert running is not None
                if w.conn in ready or w.process.sentinel in ready:
                    try:
                        status, payload = w.conn.recv()
                    except (EOFError, OSError):
                        w.process.join(5)
                        reason = _death_reason(w.process.exitcode)
                        w.task = None
                        self._retire(w, kill=True)
                        yield running, reason
                        continue
                    w.task = None
                    w.done += 1
                    if status == "fatal" or w.done >= MAX_FILES_PER_WORKER:
                        self._retire(w, kill=status == "fatal")
                    yield running, payload
                elif now >= w.deadline:
                    w.task = None
                    self._retire(w, kill=True)
                    yield running, f"timed out after {self.limits.timeout:g} s (the per-file time limit)"
