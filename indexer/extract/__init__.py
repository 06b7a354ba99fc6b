"""Readers: one per file format, each turning a file into `Extracted` blocks.

`extract(path)` picks the reader by extension. A reader raises
`ExtractError` with a reason a user can act on; it never returns half a
document silently.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from indexer.schema import Extracted


class ExtractError(Exception):
    """A file could not be read; the message says why, for the job report."""


Reader = Callable[[Path], Extracted]


def _readers() -> dict[str, Reader]:
    # Imported lazily so that a missing optional library only affects its format.
    from indexer.extract import docx, html, pdf, text

    return {
        ".txt": text.read_text_file,
        ".md": text.read_markdown_file,
        ".markdown": text.read_markdown_file,
        ".html": html.read_html_file,
        ".htm": html.read_html_file,
        ".pdf": pdf.read_pdf_file,
        ".docx": docx.read_docx_file,
    }


SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


def extract(path: Path) -> Extracted:
    """Read one file with the reader for its extension."""
    reader = _readers().get(path.suffix.lower())
    if reader is None:
        raise ExtractError(f"unsupported file type {path.suffix!r}")
    return reader(path)
