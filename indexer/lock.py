"""One reindex job at a time, per data folder.

An advisory `flock` on DATA/indexer.lock: the kernel releases it when the
holder dies, however it dies, so a stale lock can never block the next job.
The file records who holds it, for the error message.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path
from typing import IO


class LockHeld(Exception):
    """Another job holds the lock; the message names its pid and start time."""


class JobLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def __enter__(self) -> JobLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip()
            f.close()
            try:
                info = json.loads(holder)
                who = f"pid {info.get('pid')}, started at {info.get('started')}"
            except ValueError:
                who = "unknown holder"
            raise LockHeld(f"another reindex is running ({who})") from None
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
