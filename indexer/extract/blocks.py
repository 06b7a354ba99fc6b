"""What readers return: ordered blocks of text with the metadata the format itself holds."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """One structural unit of a document as a reader found it."""

    text: str
    kind: str = "paragraph"  # "heading" or "paragraph"
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


@dataclass
class Extracted:
    """What a reader returns: ordered blocks plus format-level metadata."""

    blocks: list[Block]
    meta: RawMetadata = field(default_factory=RawMetadata)
    pages: int | None = None
