"""Word lists and gazetteers the indexer and the searcher read: one format, one loader.

Each file is plain UTF-8 text: one entry per line, `#` starts a comment line,
and fields within a line are separated by " | ".
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def resource_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The non-comment lines of a resource file, each split into its " | " fields."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append(tuple(part.strip() for part in line.split("|") if part.strip()))
    return tuple(rows)
