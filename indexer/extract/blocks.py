"""What readers return: ordered blocks of text with the metadata the format itself holds."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """One structural unit of a document as a reader found it."""

    text: str
    # "heading", "paragraph", or "contact": a page's contact box read from outside its
    # main content (one person's lines: name, title, e-mail, phone), after a "Kontakt" heading.
    kind: str = "paragraph"  # "heading", "paragraph", "table" (rows of " | " cells) or "contact" (a contact box)
    level: int = 0  # heading level, 1 = top; 0 for paragraphs
    page: int | None = None  # 1-based page number, PDFs only


@dataclass
class RawMetadata:
    """Metadata a reader could take from the file format itself."""

    title: str | None = None
    published: str | None = None  # ISO date, yyyy-mm-dd
    updated: str | None = None
    url: str | None = None
    author: str | None = None
    description: str | None = None
    publisher: str | None = None  # the organisation the page names as its publisher, as written


@dataclass
class Extracted:
    """What a reader returns: ordered blocks plus format-level metadata."""

    blocks: list[Block]
    meta: RawMetadata = field(default_factory=RawMetadata)
    pages: int | None = None


def table_text(rows: list[list[str]]) -> str:
    """A table as every reader writes it: one row per line, cells separated by " | ".

    A cell's own lines are joined with ", " so that a row stays one line;
    empty cells and a merged cell repeated across a row are left out.
    """
    lines = [
        " | ".join(dict.fromkeys(" ".join(c.replace("\n", ", ").split()) for c in row if c.strip())) for row in rows
    ]
    return "\n".join(line for line in lines if line)
