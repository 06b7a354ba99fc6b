"""Enrichment: title, organisations, dates, source URL and document type.

People and meetings are extracted elsewhere; this module fills in what every
document needs for display and for the search filters.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

from indexer.clean import CleanResult
from indexer.dates import first_date
from indexer.extract.blocks import Block, RawMetadata
from indexer.organisations import find_organisations, organisation_list
from indexer.resources import resource_rows
from indexer.store.records import DOC_TYPES

_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_SOURCE_LINE = re.compile(r"^(?:källa|source|url|länk|webbadress)\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def _doc_type_cues() -> list[tuple[str, list[str]]]:
    rows = [(row[0], list(row[1:])) for row in resource_rows("doc_types.txt")]
    unknown = [t for t, _ in rows if t not in DOC_TYPES]
    if unknown:
        raise ValueError(f"resources/doc_types.txt names unknown document types {unknown}; known: {list(DOC_TYPES)}")
    return rows


def guess_doc_type(title: str, text: str, suffix: str) -> str:
    """A document type from cue words, weighting the title above the body."""
    scores: Counter[str] = Counter()
    title_l, body_l = title.lower(), text[:6000].lower()
    for doc_type, cues in _doc_type_cues():
        for cue in cues:
            pattern = re.compile(r"(?<!\w)" + re.escape(cue))
            scores[doc_type] += 5 * len(pattern.findall(title_l)) + len(pattern.findall(body_l))
    if scores.get("meeting_notes", 0) >= 3:
        return "meeting_notes"
    best = scores.most_common(1)
    if best and best[0][1] >= 3:
        return best[0][0]
    if suffix == ".pdf":
        return "report"
    if suffix == ".docx":
        return "memo"
    return "article"


@dataclass
class Enrichment:
    title: str
    organisations: list[str]
    published: str | None
    updated: str | None
    url: str | None
    author: str | None
    doc_type: str


# Names that are clearly an organisation even when the gazetteer does not know them.
_ORGANISATION_NAME = re.compile(
    r"^(?:Region|Länsstyrelsen|Högskolan|Myndigheten)\s\S.*|"
    r".*(?:\skommun|kommunalförbund|förbundet|verket|myndigheten|rådet|universitet|regionen|departementet)$"
)


def publisher_organisation(name: str | None) -> str | None:
    """The canonical organisation a page's publisher line names, or None when it is no organisation.

    A known organisation (the gazetteer) must make up the whole name, so that
    "Kompetensplattform Västra Götaland" is not read as the region; an unknown
    name counts only when it is clearly an organisation's ("... kommun", "Region ...").
    """
    name = " ".join((name or "").split()).strip(" .,|-–")
    if not name or len(name) > 80:
        return None
    found = find_organisations(name)
    if len(found) == 1 and found[0][1] == 0 and found[0][2] >= len(name.rstrip("s")) - 1:
        return None if found[0][0] in organisation_list().networks else found[0][0]
    if not found and _ORGANISATION_NAME.match(name):
        return organisation_list().canonical(name)
    return None


def _title(blocks: list[Block], meta: RawMetadata, path: str) -> str:
    if meta.title and len(meta.title) > 3 and not meta.title.lower().startswith(("untitled", "microsoft word")):
        return meta.title
    for block in blocks:
        if block.kind == "heading":
            return block.text
    if blocks and len(blocks[0].text) <= 120 and "\n" not in blocks[0].text:
        return blocks[0].text
    stem = PurePosixPath(path).stem
    return re.sub(r"[_-]+", " ", stem).strip() or path


def enrich(path: str, cleaned: CleanResult, meta: RawMetadata, default_organisation: str | None = None) -> Enrichment:
    """Title, organisations, dates, URL and type of a cleaned document.

    `default_organisation` (a source folder's publisher, from the settings
    file) leads the organisations when the document names no publisher itself.
    """
    blocks = cleaned.blocks
    text = "\n\n".join(b.text for b in blocks)
    title = _title(blocks, meta, path)

    url = meta.url
    if not url:
        m = _SOURCE_LINE.search(text)
        url = m.group(1) if m and _URL.match(m.group(1)) else None

    orgs = organisation_list()
    counts: Counter[str] = Counter(name for name, _, _ in find_organisations(title + "\n" + text))
    # The publisher leads: the one the page names as publisher (og:site_name, a
    # footer line), the organisation named as author (PDF info, Word
    # properties), else the owner of the source URL, else the one named most.
    publishers = [n for n in [publisher_organisation(meta.publisher)] if n]
    publishers += [n for n, _, _ in find_organisations(meta.author or "")]
    if orgs.for_url(url):
        publishers.append(orgs.for_url(url) or "")
    if not publishers and default_organisation:
        publishers.append(orgs.canonical(default_organisation))
    ranked = [n for n, _ in counts.most_common()]
    organisations = list(
        dict.fromkeys(
            publishers + [n for n in ranked if n not in orgs.networks] + [n for n in ranked if n in orgs.networks]
        )
    )
    published = cleaned.published or meta.published
    updated = cleaned.updated or meta.updated
    if not published:
        # Meeting notes and memos often give their date in the first lines.
        head = "\n".join(b.text for b in blocks[:4])
        published = first_date(head)

    suffix = PurePosixPath(path).suffix.lower()
    return Enrichment(
        title=title,
        organisations=organisations,
        published=published,
        updated=updated if updated != published else None,
        url=url,
        author=meta.author,
        doc_type=guess_doc_type(title, text, suffix),
    )
