"""The reindex job's last report, DATA/reports/last.json: where it lives and how it reads.

The job writes it at the end of every run (success or not); `indexer status`,
`python -m search` and the app read it back, so its summary line is made here.
"""

from __future__ import annotations

import json
from typing import Any

from indexer.store.layout import Layout, write_atomic

REPORT_FILE = "last.json"


def save_report(layout: Layout, report_json: str) -> None:
    layout.reports.mkdir(parents=True, exist_ok=True)
    write_atomic(layout.reports / REPORT_FILE, report_json.rstrip("\n") + "\n")


def read_last_report(layout: Layout) -> dict[str, Any] | None:
    """The last job's report, or None if there is none (or it is unreadable)."""
    try:
        report = json.loads((layout.reports / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def printable(text: str) -> str:
    """`text` safe to put in a log line: as it is when every character prints, else quoted with
    its control characters escaped, as Python's repr writes them.

    File names and reasons come from the corpus; a name holding a newline
    must not start a line of its own (a forged "failed: ..." in a cron mail).
    """
    if text.isprintable() and not text.startswith(("'", '"')):
        return text
    return repr(text)


def failure_line(failure: dict[str, Any]) -> str:
    """One failed file as the job and `indexer status` print it: `failed: path: reason`."""
    return f"failed: {printable(str(failure.get('path')))}: {printable(str(failure.get('reason')))}"


def summarise(report: dict[str, Any]) -> str:
    """The one-line summary of a report."""
    if report.get("error"):
        return f"failed after {report.get('seconds', 0):.1f} s, nothing changed: {report['error']}"
    renamed = len(report.get("renamed") or [])
    skipped = len(report.get("skipped") or [])
    return (
        f"{report.get('files_seen', 0)} files: {report.get('new', 0)} new, {report.get('changed', 0)} changed, "
        f"{report.get('unchanged', 0)} unchanged, {report.get('removed', 0)} removed, "
        + (f"{renamed} renamed, " if renamed else "")
        + f"{len(report.get('failed') or [])} failed"
        + (f", {skipped} skipped" if skipped else "")
        + f"; {report.get('passages_embedded', 0)} passages embedded, {report.get('passages_reused', 0)} reused; "
        f"generation {report.get('generation')}{'' if report.get('switched') else ' (unchanged)'}; "
        f"{report.get('seconds', 0):.1f} s"
    )
