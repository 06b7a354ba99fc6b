"""Progress of a reindex job: a bar on a terminal, plain log lines in cron.

The job reports stages ("reading" files, "embedding" passages) with a total,
and advances them. On a terminal a tqdm bar is redrawn in place on stderr and
left as a final line when the stage ends; when stderr is not a terminal (cron,
systemd, CI) a log line is written at most every `interval` seconds and when a
stage ends, so a log file shows that a long job is alive without a line per
file.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TextIO

from tqdm import tqdm

from indexer.store.reports import printable

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
        self.item = printable(item) if item else self.item
        self._shown()

    def finish(self) -> None:
        if self.stage:
            self._ended()
        self.stage = ""

    def _shown(self) -> None:
        raise NotImplementedError

    def _ended(self) -> None:
        raise NotImplementedError


class TerminalProgress(Progress):
    """A tqdm bar redrawn in place, with the current item after the counts:

    `reading:  29%|███▏       | 12/41 [00:03<00:07,  3.90it/s, moten/protokoll.md]`
    """

    def __init__(self, stream: TextIO | None = None, min_interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.min_interval = min_interval
        self._bar: tqdm | None = None

    def start(self, stage: str, total: int) -> None:
        self.finish()
        # A pseudo-terminal that nobody sized reports 0x0, and tqdm then draws nothing at
        # all; such a bar gets a fixed size instead of following the terminal's.
        sized = _is_sized(self.stream)
        self._bar = tqdm(
            total=total,
            desc=stage,
            file=self.stream,
            mininterval=self.min_interval,
            ncols=None if sized else 80,
            nrows=None if sized else 24,
            dynamic_ncols=sized,
            leave=True,
        )

    def advance(self, n: int = 1, item: str = "") -> None:
        bar = self._bar
        if bar is None:
            return
        if item:
            item = printable(item)
            # Cut from the left: the end of a path names the file.
            bar.set_postfix_str(item if len(item) <= 40 else "…" + item[-39:], refresh=False)
        # Never past the total, as the log lines: a bar over 100% looks like a bug.
        bar.update(max(0, min(n, bar.total - bar.n)))

    def finish(self) -> None:
        if self._bar is None:
            return
        # The last file's name says nothing about the finished stage; tqdm shows the time.
        self._bar.set_postfix_str("", refresh=False)
        self._bar.close()
        self._bar = None


def _is_sized(stream: TextIO) -> bool:
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):  # no file descriptor, or not a terminal
        return False
    return size.columns > 0 and size.lines > 0


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
            item = f" ({self.item})" if self.item else ""
            log.info("%s: %d/%d done%s", self.stage, self.done, self.total, item)

    def _ended(self) -> None:
        took = time.monotonic() - self.started
        log.info("%s: %d/%d done in %.1f s", self.stage, self.done, self.total, took)


def progress_for(stream: TextIO, quiet: bool) -> Progress:
    """A bar when `stream` is a terminal, log lines otherwise, nothing when quiet."""
    if quiet:
        return Progress()
    isatty = getattr(stream, "isatty", None)
    return TerminalProgress(stream) if isatty and isatty() else LogProgress()
