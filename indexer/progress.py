"""Progress of a reindex job: a bar on a terminal, plain log lines in cron.

The job reports stages ("reading" files, "embedding" passages) with a total,
and advances them. On a terminal the bar is redrawn in place on stderr; when
stderr is not a terminal (cron, systemd, CI) a log line is written at most
every `interval` seconds and when a stage ends, so a log file shows that a
long job is alive without a line per file.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

log = logging.getLogger("indexer")


class Progress:
    """No progress output; the base of the two that print."""

    def start(self, stage: str, total: int) -> None:
        pass

    def advance(self, n: int = 1, item: str = "") -> None:
        pass

    def finish(self) -> None:
        pass


class _Counting(Progress):
    def __init__(self) -> None:
        self.stage = ""
        self.total = 0
        self.done = 0
        self.item = ""
        self.started = 0.0

    def start(self, stage: str, total: int) -> None:
        self.finish()
        self.stage, self.total, self.done, self.item = stage, total, 0, ""
        self.started = time.monotonic()
        self._shown()

    def advance(self, n: int = 1, item: str = "") -> None:
        if not self.stage:
            return
        self.done = min(self.total, self.done + n)
        self.item = item or self.item
        self._shown()

    def finish(self) -> None:
        if self.stage:
            self._ended()
        self.stage = ""

    def _shown(self) -> None:
        raise NotImplementedError

    def _ended(self) -> None:
        raise NotImplementedError


class TerminalProgress(_Counting):
    """A bar redrawn in place: `reading   [######------]  12/41  moten/protokoll.md`."""

    WIDTH = 28

    def __init__(self, stream: TextIO | None = None, min_interval: float = 0.1) -> None:
        super().__init__()
        self.stream = stream or sys.stderr
        self.min_interval = min_interval
        self._last = 0.0

    def _line(self) -> str:
        filled = int(self.WIDTH * self.done / self.total) if self.total else self.WIDTH
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        item = self.item if len(self.item) <= 40 else "…" + self.item[-39:]
        return f"{self.stage:<9} [{bar}] {self.done:>{len(str(self.total))}}/{self.total}  {item}"

    def _shown(self) -> None:
        now = time.monotonic()
        if now - self._last < self.min_interval and self.done < self.total:
            return
        self._last = now
        self.stream.write("\r\033[K" + self._line())
        self.stream.flush()

    def _ended(self) -> None:
        self.item = f"{time.monotonic() - self.started:.1f} s"
        self.stream.write("\r\033[K" + self._line() + "\n")
        self.stream.flush()


class LogProgress(_Counting):
    """A log line at most every `interval` seconds, and one when a stage ends."""

    def __init__(self, interval: float = 10.0) -> None:
        super().__init__()
        self.interval = interval
        self._last = 0.0

    def _shown(self) -> None:
        now = time.monotonic()
        if self.done == 0:
            self._last = now
            log.info("%s: %d to do", self.stage, self.total)
        elif now - self._last >= self.interval and self.done < self.total:
            self._last = now
            log.info("%s: %d/%d done%s", self.stage, self.done, self.total, f" ({self.item})" if self.item else "")

    def _ended(self) -> None:
        log.info("%s: %d/%d done in %.1f s", self.stage, self.done, self.total, time.monotonic() - self.started)


def progress_for(stream: TextIO, quiet: bool) -> Progress:
    """A bar when `stream` is a terminal, log lines otherwise, nothing when quiet."""
    if quiet:
        return Progress()
    isatty = getattr(stream, "isatty", None)
    return TerminalProgress(stream) if isatty and isatty() else LogProgress()
