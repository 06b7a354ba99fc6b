"""Progress output: a tqdm bar on a terminal, rate-limited log lines otherwise, or nothing."""

from __future__ import annotations

import io
import logging
from types import SimpleNamespace

import pytest

from indexer.progress import LogProgress, Progress, TerminalProgress, progress_for


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as stderr does in an interactive shell."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_tqdm_bar_that_ends_on_its_own_line() -> None:
    stream = Terminal()
    bar = progress_for(stream, quiet=False)
    assert isinstance(bar, TerminalProgress)
    bar.start("reading", 4)
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        bar.advance(1, name)
    bar.finish()
    out = stream.getvalue()
    final = out.rstrip("\n").rsplit("\r", 1)[-1]
    assert final.startswith("reading: 100%|") and "4/4" in final
    assert out.endswith("\n") and "\r" in out


def test_the_current_item_is_shown_and_long_paths_keep_their_end() -> None:
    stream = Terminal()
    bar = TerminalProgress(stream, min_interval=0.0)
    bar.start("reading", 3)
    bar.advance(1, "moten/protokoll.md")
    bar.advance(1, "arkiv/" + "x" * 60 + "/slut.pdf")
    out = stream.getvalue()
    bar.finish()
    assert "1/3" in out and "moten/protokoll.md" in out
    # tqdm trims the line to the width (80 where none is known), so look for the start only.
    assert "2/3" in out and "…xxxx" in out and "arkiv/" not in out
    # The finished stage's line shows the time, not the last item.
    assert "…xxxx" not in stream.getvalue().rstrip("\n").rsplit("\r", 1)[-1]


def test_the_bar_never_passes_its_total_and_stages_follow_each_other() -> None:
    stream = Terminal()
    bar = TerminalProgress(stream)
    bar.advance(1, "before any stage")  # ignored, as in the log lines
    bar.start("reading", 2)
    bar.advance(5)
    bar.start("embedding", 3)  # ends "reading" first
    bar.advance(3)
    bar.finish()
    bar.finish()  # a second finish writes nothing more
    lines = stream.getvalue().split("\n")
    assert lines[-1] == ""
    assert [line.rsplit("\r", 1)[-1].split("|")[-1].split()[0] for line in lines[:-1]] == [
        "2/2",
        "3/3",
    ]
    assert "before any stage" not in stream.getvalue()


def test_other_streams_get_log_lines_at_most_every_interval(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(progress_for(io.StringIO(), quiet=False), LogProgress)
    lines = LogProgress(interval=0.0)
    with caplog.at_level(logging.INFO, logger="indexer"):
        lines.start("embedding", 3)
        lines.advance(2, "item")
        lines.advance(1)
        lines.finish()
    messages = [r.getMessage() for r in caplog.records]
    assert messages[0] == "embedding: 3 to do"
    assert messages[1] == "embedding: 2/3 done (item)"
    assert messages[2].startswith("embedding: 3/3 done in ") and messages[2].endswith(" s")
    assert len(messages) == 3

    caplog.clear()
    now = [100.0]
    # The module's own `time`, so that nothing else sees the fake clock.
    monkeypatch.setattr("indexer.progress.time", SimpleNamespace(monotonic=lambda: now[0]))
    slow = LogProgress(interval=10.0)
    with caplog.at_level(logging.INFO, logger="indexer"):
        slow.start("reading", 4)  # "4 to do"
        for t in (101.0, 102.0, 111.0):  # too soon, too soon, ten seconds on: a line
            now[0] = t
            slow.advance()
        now[0] = 112.0
        slow.finish()  # the end: always a line
    assert [r.getMessage() for r in caplog.records] == [
        "reading: 4 to do",
        "reading: 3/4 done",
        "reading: 3/4 done in 12.0 s",
    ]


def test_a_name_with_control_characters_stays_on_its_line(caplog: pytest.LogCaptureFixture) -> None:
    forged = "a\nfailed: b.txt"
    lines = LogProgress(interval=0.0)
    with caplog.at_level(logging.INFO, logger="indexer"):
        lines.start("reading", 2)
        lines.advance(1, forged)
    assert caplog.records[-1].getMessage() == "reading: 1/2 done ('a\\nfailed: b.txt')"
    stream = Terminal()
    bar = TerminalProgress(stream, min_interval=0.0)
    bar.start("reading", 2)
    bar.advance(1, forged)
    assert "\n" not in stream.getvalue() and "'a\\nfailed: b.txt'" in stream.getvalue()


def test_quiet_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    for stream in (Terminal(), io.StringIO()):
        silent = progress_for(stream, quiet=True)
        assert type(silent) is Progress
        silent.start("reading", 1)
        silent.advance(1, "a.txt")
        silent.finish()
        assert stream.getvalue() == ""
    assert capsys.readouterr() == ("", "")
