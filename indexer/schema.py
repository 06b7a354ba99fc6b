"""The data that flows through the indexer, and that `search` reads back.

Plain dataclasses: readers produce `Block`s, cleaning and enrichment turn them
into a `Document`, chunking turns a document into `Passage`s.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# Bumped whenever the on-disk layout of a generation changes incompatibly.
SCHEMA_VERSION = 2  # 2: persons, mentions and meetings tables

DOC_TYPES = ("article", "meeting_notes", "report", "policy", "decision", "memo")


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


@dataclass
class Document:
    """A cleaned, enriched document ready to be split into passages."""

    doc_id: str
    path: str  # relative to the corpus folder, with forward slashes
    sha256: str
    size: int
    mtime: float
    blocks: list[Block]
    title: str
    organisations: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    url: str | None = None
    author: str | None = None
    doc_type: str = "article"
    collection: str = "default"
    pages: int | None = None

    @property
    def date(self) -> str | None:
        """The date a reader would cite: published, else updated."""
        return self.published or self.updated


@dataclass
class Passage:
    """A piece of a document sized for the embedding model."""

    passage_id: str
    doc_id: str
    ordinal: int
    text: str
    heading_path: list[str]
    page: int | None
    char_start: int
    char_end: int

    def embed_text(self, title: str) -> str:
        """The text the model sees: the passage with its title and headings.

        Headings carry the topic of a passage whose own sentences may not name
        it, which helps both the dense and the lexical side.
        """
        context = [title] + [h for h in self.heading_path if h and h != title]
        return " / ".join(context) + "\n" + self.text if context else self.text


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
