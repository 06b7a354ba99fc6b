"""Meetings: what a document reports as having taken place, when, where, with whom.

Meeting notes carry "Datum:", "Plats:" and "Närvarande" lines; articles say
it in a sentence ("... träffade ... 19 juni i Linköping", "Den 5 oktober
samlades ... på Louis De Geer i Norrköping"). A date without a year takes
the document's year, and a relative date ("i går", "i torsdags") counts from
the document's date, when the document has one. A venue without its town
("på Elite Stadshotellet") takes the town the document gives elsewhere: an
"Ort:" line, the dateline, or the first town it names.
"""

from __future__ import annotations

import re
from functools import cache

from indexer.dates import MONTHS, RELATIVE_DATE, WEEKDAYS, find_dates, make_iso, resolve_relative_date
from indexer.organisations import find_organisations, organisation_list
from indexer.resources import resource_rows
from indexer.store.records import Meeting, PersonMention

_CUE = re.compile(
    r"\b(?:möte[nt]?|mötena|träffade|träffades|träff|konferens(?:en)?|sammanträde[nt]?|sammanträdde|"
    r"workshop(?:en)?|seminari(?:um|et)|samlades|dialogmöte[nt]?|rådslag|regionfullmäktige|"
    r"fullmäktige|nämndens? (?:möte|sammanträde)|framtidsdag(?:en)?|meeting|conference)\b",
    re.IGNORECASE,
)
_FIELD = re.compile(
    r"^\W*(datum|plats|ort|tid|ämne|organisation|arrangör(?:er)?)\W*:\W*(.+)$", re.IGNORECASE | re.MULTILINE
)
_NOT_GIVEN = re.compile(r"anges inte|framgår inte|okänd|ej angiv", re.IGNORECASE)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_RANGE = re.compile(rf"\b(\d{{1,2}})\s*[–-]\s*(\d{{1,2}})\s+({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?", re.IGNORECASE)
_TOWN = r"[A-ZÅÄÖ][a-zåäö]+(?:\s+[A-ZÅÄÖ][a-zåäö]+)?"
_VENUE = r"[A-ZÅÄÖ][\w-]*(?:\s+(?:[A-ZÅÄÖ][\w-]*|de|af|von))*"
# "på Louis De Geer i Norrköping", "i Linköping"
_PLACE = re.compile(rf"\b(?:på\s+({_VENUE})\s+)?i\s+({_TOWN})")
# "på Elite Stadshotellet" with no town after it
_VENUE_ALONE = re.compile(rf"\bpå\s+((?>{_VENUE}))(?!\s+i\s+[A-ZÅÄÖ])")
# A dateline: "LULEÅ 12 mars 2024", "Luleå, 2024-03-12" at the start of a line.
_DATELINE = re.compile(rf"^\s*([A-ZÅÄÖ]{{2,}}(?:\s+[A-ZÅÄÖ]{{2,}})?\b\s*[,–-]?|{_TOWN}\s*,)\s*(?=\d)", re.MULTILINE)
_TITLE_PREFIX = re.compile(
    r"^(?:minnesanteckningar|mötesanteckningar|protokoll|anteckningar)\s*[:–-]\s*", re.IGNORECASE
)


@cache
def _regions() -> frozenset[str]:
    """Names of areas larger than a town (resources/regions.txt): never a meeting's place."""
    return frozenset(name for row in resource_rows("regions.txt") for name in row)


def _is_town(name: str) -> bool:
    """Whether a capitalised name after "i" can be a town: not an organisation, region, month or weekday."""
    lower = name.lower()
    return not (
        name in organisation_list().aliases
        or name in _regions()
        or lower in MONTHS
        or any(lower.startswith(day) for day in WEEKDAYS)
    )


def _year(doc_date: str | None) -> int | None:
    return int(doc_date[:4]) if doc_date and doc_date[:4].isdigit() else None


def _date_in(text: str, doc_date: str | None) -> tuple[str | None, str | None, str | None]:
    """(date, end date, the date as written) from the first date in `text`.

    Absolute dates come first; a relative one ("i går") only counts from the
    document's date, and without one it gives the words alone.
    """
    default_year = _year(doc_date)
    m = _RANGE.search(text)
    if m:
        year = int(m.group(4)) if m.group(4) else default_year
        month = MONTHS[m.group(3).lower()]
        if year:
            return make_iso(year, month, int(m.group(1))), make_iso(year, month, int(m.group(2))), m.group(0)
        return None, None, m.group(0)
    found = find_dates(text, default_year)
    if found:
        iso, s, e = found[0]
        return iso, None, text[s:e]
    undated = find_dates(text, 1900)
    if undated:
        _, s, e = undated[0]
        return None, None, text[s:e]
    relative = RELATIVE_DATE.search(text)
    if relative:
        resolved = resolve_relative_date(relative.group(0), doc_date)
        if resolved:
            return resolved[0], resolved[1], relative.group(0)
        return None, None, relative.group(0)
    return None, None, None


def _place_in(sentence: str, town: str | None) -> str | None:
    """The place a sentence names: "på <venue> i <town>", "i <town>", or "på <venue>" with the document's town."""
    orgs = organisation_list()
    for m in _PLACE.finditer(sentence):
        place = m.group(2)
        if not _is_town(place):
            continue
        venue = m.group(1)
        if venue and venue not in orgs.aliases:
            return f"{venue}, {place}"
        return place
    for m in _VENUE_ALONE.finditer(sentence):
        venue = m.group(1)
        if venue in orgs.aliases or venue in _regions() or not _is_town(venue.split()[0]):
            continue
        return f"{venue}, {town}" if town and town not in venue else venue
    return None


def _document_town(text: str, fields: dict[str, tuple[str, int, int]]) -> str | None:
    """The town a document says it is about: an "Ort:" line, else its dateline, else the first "i <town>"."""
    if "ort" in fields and not _NOT_GIVEN.search(fields["ort"][0]):
        return fields["ort"][0].rstrip(".")
    for m in _DATELINE.finditer(text[:1000]):
        name = m.group(1).strip(" ,–-")
        name = " ".join(word.capitalize() for word in name.split()) if name.isupper() else name
        if _is_town(name):
            return name
    for m in _PLACE.finditer(text):
        if _is_town(m.group(2)):
            return m.group(2)
    return None


def extract_meetings(
    text: str, title: str, doc_type: str, doc_date: str | None, people: list[PersonMention]
) -> list[Meeting]:
    """The meeting a document reports, if any (at most one per document for now)."""
    participants = list(dict.fromkeys(p.name for p in people if p.kind == "participant"))
    fields: dict[str, tuple[str, int, int]] = {}
    for m in _FIELD.finditer(text):
        fields.setdefault(m.group(1).lower(), (m.group(2).strip(), m.start(), m.end()))

    if doc_type == "meeting_notes" or "datum" in fields or "plats" in fields:
        date = date_end = date_text = None
        if "datum" in fields and not _NOT_GIVEN.search(fields["datum"][0]):
            date, date_end, date_text = _date_in(fields["datum"][0], doc_date)
            date_text = date_text or fields["datum"][0]
        elif doc_type == "meeting_notes" and doc_date:
            # Cleaning lifts the notes' own "Datum:" line into the document's date.
            date, date_text = doc_date, doc_date
        town = _document_town(text, fields)
        place = None
        if "plats" in fields and not _NOT_GIVEN.search(fields["plats"][0]):
            place = fields["plats"][0].rstrip(".")
            # "Plats: Stadshotellet" with "Ort: Luleå"
            if "ort" in fields and town and town not in place:
                place = f"{place}, {town}"
        elif "ort" in fields and not _NOT_GIVEN.search(fields["ort"][0]):
            place = town
        cue = _CUE.search(text)
        if date is None and place is None and cue is None:
            return []
        if date is None and cue is not None:
            s, e = _sentence(text, cue.start())
            date, date_end, date_text = _date_in(text[s:e], doc_date)
        if place is None and cue is not None:
            s, e = _sentence(text, cue.start())
            place = _place_in(text[s:e], town)
        orgs = [o for o, _, _ in find_organisations(text[:2000])]
        head_end = min(len(text), 600)
        return [
            Meeting(
                title=_TITLE_PREFIX.sub("", title).strip() or title,
                date=date, date_end=date_end, date_text=date_text, place=place,
                participants=participants, organisations=list(dict.fromkeys(orgs))[:8],
                evidence=text[:head_end].strip(), evidence_start=0, evidence_end=head_end,
            )
        ]  # fmt: skip

    # An article: the first sentence that reports a meeting with a date.
    town = _document_town(text, fields)
    for cue in _CUE.finditer(text):
        s, e = _sentence(text, cue.start())
        sentence = text[s:e]
        date, date_end, date_text = _date_in(sentence, doc_date)
        if date_text is None:
            continue
        orgs = [o for o, _, _ in find_organisations(sentence)]
        return [
            Meeting(
                title=title, date=date, date_end=date_end, date_text=date_text, place=_place_in(sentence, town),
                participants=participants, organisations=list(dict.fromkeys(orgs)),
                evidence=sentence.strip(), evidence_start=s, evidence_end=e,
            )
        ]  # fmt: skip
    return []


def _sentence(text: str, pos: int) -> tuple[int, int]:
    stop = text.rfind(". ", 0, pos)
    start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, pos) + 1)
    candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    end = min(candidates) + 1 if candidates else len(text)
    return start, end
