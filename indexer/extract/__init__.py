"""Readers: one per file format, each turning a file into `Extracted` blocks.

`extract(path)` picks the reader by extension. A reader raises
`ExtractError` with a reason a user can act on; it never returns half a
document silently.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from indexer.errors import KBError
from indexer.extract.blocks import Extracted


class ExtractError(KBError):
    """A file could not be read; the message says why, for the job report."""


Reader = Callable[[Path], Extracted]

# Suffix -> (module in this package, reader function). Modules are imported
# only when a file needs them, so a missing optional library only affects its format.
_READERS = {
    ".txt": ("text", "read_text_file"),
    ".md": ("text", "read_markdown_file"),
    ".markdown": ("text", "read_markdown_file"),
    ".html": ("html", "read_html_file"),
    ".htm": ("html", "read_html_file"),
    ".pdf": ("pdf", "read_pdf_file"),
    ".docx": ("docx", "read_docx_file"),
}
SUPPORTED_SUFFIXES = tuple(_READERS)


def reader_modules() -> list[str]:
    """The modules that hold the readers, for workers that import them ahead of time."""
    return [f"{__name__}.{module}" for module in dict.fromkeys(module for module, _ in _READERS.values())]


def reader_for(suffix: str) -> Reader | None:
    """The reader for a file extension (".pdf"), or None when the format is not supported."""
    entry = _READERS.get(suffix.lower())
    if entry is None:
        return None
    module = importlib.import_module(f"{__name__}.{entry[0]}")
    reader: Reader = getattr(module, entry[1])
    return reader


def extract(path: Path) -> Extracted:
    """Read one file with the reader for its extension."""
    reader = reader_for(path.suffix)
    if reader is None:
        raise ExtractError(f"unsupported file type {path.suffix!r}")
    return reader(path)
