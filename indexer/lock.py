"""One reindex job at a time, per data folder.

An advisory `flock` on DATA/indexer.lock: the kernel releases it when the
holder dies, however it dies, so a stale lock can never block the next job.
The file records who holds it, for the error message; a holder that ends
normally empties it. Content found by a job that got the lock was therefore
left by a job that died (killed, crashed, power lost): the new job takes the
lock over and says so.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path
from typing import IO

from indexer.errors import KBError


class LockHeld(KBError):
    """Another job holds the lock; the message names its pid and start time."""


def _who(holder: str) -> str:
    try:
        info = json.loads(holder)
        return f"pid {info.get('pid')}, started at {info.get('started')}"
    except (ValueError, AttributeError):
        return "unknown holder"


def lock_holder(path: Path) -> str | None:
    """Who the lock file names as holder ("pid N, started at T"), without taking the lock.

    None when it names nobody. The named process may have died since; `pid_alive` tells.
    """
    try:
        holder = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return _who(holder) if holder else None


def pid_alive(path: Path) -> bool | None:
    """Whether the process the lock file names still runs (None: it names nobody)."""
    try:
        pid = int(json.loads(path.read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class JobLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None
        # "pid N, started at T" of a dead job whose lock this one took over.
        self.taken_over: str | None = None

    def __enter__(self) -> JobLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip()
            f.close()
            raise LockHeld(f"another reindex is running ({_who(holder)})") from None
        f.seek(0)
        left = f.read().strip()
        self.taken_over = _who(left) if left else None
        f.seek(0)
        f.truncate()
        f.write(json.dumps({"pid": os.getpid(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}))
        f.flush()
        self._file = f
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.seek(0)
            self._file.truncate()
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None
