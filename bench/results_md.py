"""One section of bench/RESULTS.md per benchmark, each between its own markers.

Every script rewrites only its section, so the scripts can run in any order
and the other sections stay as they are.
"""

from __future__ import annotations

from pathlib import Path

RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"


def replace_section(text: str, name: str, body: str) -> str:
    """`text` with the section `name` set to `body` (appended if it is not there yet)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        return head + block + tail
    if not text.strip():
        text = "# Benchmark results\n"
    return text.rstrip() + "\n\n" + block + "\n"


def write_section(name: str, body: str, path: Path = RESULTS_MD) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(replace_section(old, name, body), encoding="utf-8")
