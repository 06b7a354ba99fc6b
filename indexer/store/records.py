"""The records a generation stores, as both the indexer and the searcher use them.

Plain dataclasses: the indexer fills them and writes them to the catalogue
(`indexer.store.catalog`), the searcher gets the same types back from its
one reader. Vocabularies that are part of the format (document types, kinds
of mention) are defined here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

# Bumped whenever the on-disk layout of a generation changes incompatibly.
SCHEMA_VERSION = 2  # 2: persons, mentions and meetings tables

# Document types, with the Swedish label users see.
DOC_TYPES = {
    "article": "Artikel",
    "meeting_notes": "Minnesanteckningar",
    "report": "Rapport",
    "policy": "Strategi/policy",
    "decision": "Beslut",
    "memo": "PM",
}
# How a document names a person, strongest first, with the Swedish label users see.
MENTION_KINDS = {
    "contact": "Kontaktperson",
    "author": "Författare",
    "participant": "Deltagare",
    "mentioned": "Omnämnd",
}


@dataclass
class Document:
    """A cleaned, enriched document: what the catalogue holds about one file."""

    doc_id: str
    path: str  # catalogue path: relative to its corpus folder, with forward slashes
    sha256: str
    size: int
    mtime: float
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

    @property
    def organisation(self) -> str | None:
        """The publisher: the first organisation."""
        return self.organisations[0] if self.organisations else None


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
    row: int | None = None  # position in the generation's index, once written

    def embed_text(self, title: str) -> str:
        """The text the model sees: the passage with its title and headings.

        Headings carry the topic of a passage whose own sentences may not name
        it, which helps both the dense and the lexical side.
        """
        context = [title] + [h for h in self.heading_path if h and h != title]
        return " / ".join(context) + "\n" + self.text if context else self.text


@dataclass
class PersonMention:
    """One place where a document names a person."""

    name: str
    kind: str  # one of MENTION_KINDS
    role: str | None
    organisation: str | None
    party: str | None
    email: str | None
    phone: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    name_start: int


@dataclass
class Meeting:
    """A meeting, conference or council session a document reports."""

    title: str
    date: str | None
    date_end: str | None
    date_text: str | None
    place: str | None
    participants: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    evidence: str = ""
    evidence_start: int = 0
    evidence_end: int = 0


@dataclass
class Person:
    """One person across documents: their mentions grouped by name and organisation."""

    person_id: str
    name: str
    name_key: str
    roles: list[str] = field(default_factory=list)  # newest first
    organisations: list[str] = field(default_factory=list)  # most mentioned first
    email: str | None = None
    phone: str | None = None
    n_mentions: int = 0
    n_documents: int = 0
    newest_date: str | None = None


@dataclass
class IndexedDocument:
    """A document with its passages, people and meetings, as one generation stores it."""

    document: Document
    passages: list[Passage]
    mentions: list[PersonMention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def passage_at(self, offset: int) -> int | None:
        """Ordinal of the passage that holds a character offset of the document."""
        for p in self.passages:
            if p.char_start <= offset < p.char_end:
                return p.ordinal
        return None


class IndexedFile(NamedTuple):
    """A document's file as a generation recorded it: all that a reindex compares with the corpus.

    A named tuple rather than a dataclass: a reindex reads one for every document, so it must be
    cheap to build."""

    size: int
    mtime: float
    sha256: str
    passages: int


@dataclass
class StoredMention(PersonMention):
    """A mention as the catalogue holds it: with its person, document and passage row."""

    person_id: str = ""
    doc_id: str = ""
    passage_row: int | None = None


@dataclass
class StoredMeeting(Meeting):
    """A meeting as the catalogue holds it: with its document and passage row."""

    meeting_id: int = 0
    doc_id: str = ""
    passage_row: int | None = None
