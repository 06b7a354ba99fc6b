"""One file in, one enriched document out: extract, clean, enrich, people, meetings.

This is the part of the job that touches untrusted file contents, so it runs
in reader workers (`indexer.workers`) under a time and memory limit. It needs
no model: chunking with the model's tokenizer and embedding stay in the job.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from indexer.chunk import document_text
from indexer.clean import clean_blocks
from indexer.discover import FoundFile
from indexer.enrich import enrich
from indexer.extract import ExtractError, extract
from indexer.extract.blocks import Block
from indexer.meetings import extract_meetings
from indexer.people import extract_people
from indexer.sources import DEFAULT_COLLECTION
from indexer.store.records import Document, Meeting, PersonMention


@dataclass
class DocumentRead:
    """A read document: its catalogue record, its cleaned blocks, the people and meetings it names."""

    document: Document
    blocks: list[Block]
    mentions: list[PersonMention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


def doc_id_for(rel: str) -> str:
    return hashlib.sha1(rel.encode("utf-8")).hexdigest()[:16]


def read_file(
    found: FoundFile,
    sha256: str,
    collection: str = DEFAULT_COLLECTION,
    default_organisation: str | None = None,
) -> DocumentRead:
    """Extract, clean and enrich one file, and find its people and meetings. Raises ExtractError.

    `found.rel` is the document's catalogue path; `default_organisation` is
    the publisher its source folder names, used when the file names none.
    """
    extracted = extract(found.path)
    cleaned = clean_blocks(extracted.blocks, unwrap=found.path.suffix.lower() == ".pdf")
    if not any(b.text.strip() for b in cleaned.blocks):
        raise ExtractError("no text left after removing page furniture")
    info = enrich(found.rel, cleaned, extracted.meta, default_organisation)
    doc = Document(
        doc_id=doc_id_for(found.rel),
        path=found.rel,
        sha256=sha256,
        size=found.size,
        mtime=found.mtime,
        title=info.title,
        organisations=info.organisations,
        published=info.published,
        updated=info.updated,
        url=info.url,
        author=info.author,
        doc_type=info.doc_type,
        collection=collection,
        pages=extracted.pages,
    )
    text, _ = document_text(cleaned.blocks)
    mentions = extract_people(text, doc.organisation)
    meetings = extract_meetings(text, doc.title, doc.doc_type, doc.date, mentions)
    return DocumentRead(doc, cleaned.blocks, mentions, meetings)
