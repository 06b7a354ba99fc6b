"""Meetings: what a document reports as having taken place, when, where, with whom.

Meeting notes carry "Datum:", "Plats:" and "Närvarande" lines; articles say
it in a sentence ("... träffade ... 19 juni i Linköping", "Den 5 oktober
samlades ... på Louis De Geer i Norrköping"). A date without a year takes
the document's year, when the document has one.
"""

from __future__ import annotations

import re

from indexer.dates import MONTHS, find_dates, make_iso
from indexer.organisations import find_organisations, organisation_list
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
_PLACE = re.compile(
    r"\b(?:på\s+((?:[A-ZÅÄÖ][\w-]*)(?:\s+(?:[A-ZÅÄÖ][\w-]*|de|af|von))*)\s+)?i\s+([A-ZÅÄÖ][a-zåäö]+(?:\s+[A-ZÅÄÖ][a-zåäö]+)?)"
)
_TITLE_PREFIX = re.compile(
    r"^(?:minnesanteckningar|mötesanteckningar|protokoll|anteckningar)\s*[:–-]\s*", re.IGNORECASE
)
_NOT_PLACES = {
    "Sverige",
    "Västra Götaland",
    "Östergötland",
    "Fyrbodal",
    "Skaraborg",
    "Sjuhärad",
    "Halland",
    "Uppsala län",
}


def _year(doc_date: str | None) -> int | None:
    return int(doc_date[:4]) if doc_date and doc_date[:4].isdigit() else None


def _date_in(text: str, default_year: int | None) -> tuple[str | None, str | None, str | None]:
    """(date, end date, the date as written) from the first date in `text`."""
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
    return None, None, None


def _place_in(sentence: str) -> str | None:
    orgs = organisation_list()
    for m in _PLACE.finditer(sentence):
        place = m.group(2)
        if place in orgs.aliases or place in _NOT_PLACES or place.lower() in MONTHS:
            continue
        venue = m.group(1)
        if venue and venue not in orgs.aliases:
            return f"{venue}, {place}"
        return place
    return None


def extract_meetings(
    text: str, title: str, doc_type: str, doc_date: str | None, people: list[PersonMention]
) -> list[Meeting]:
    """The meeting a document reports, if any (at most one per document for now)."""
    year = _year(doc_date)
    participants = list(dict.fromkeys(p.name for p in people if p.kind == "participant"))
    fields: dict[str, tuple[str, int, int]] = {}
    for m in _FIELD.finditer(text):
        fields.setdefault(m.group(1).lower(), (m.group(2).strip(), m.start(), m.end()))

    if doc_type == "meeting_notes" or "datum" in fields or "plats" in fields:
        date = date_end = date_text = None
        if "datum" in fields and not _NOT_GIVEN.search(fields["datum"][0]):
            date, date_end, date_text = _date_in(fields["datum"][0], year)
            date_text = date_text or fields["datum"][0]
        place = None
        for key in ("plats", "ort"):
            if key in fields and not _NOT_GIVEN.search(fields[key][0]):
                place = fields[key][0].rstrip(".")
                break
        cue = _CUE.search(text)
        if date is None and place is None and cue is None:
            return []
        if date is None and cue is not None:
            s, e = _sentence(text, cue.start())
            date, date_end, date_text = _date_in(text[s:e], year)
        if place is None and cue is not None:
            s, e = _sentence(text, cue.start())
            place = _place_in(text[s:e])
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
    for cue in _CUE.finditer(text):
        s, e = _sentence(text, cue.start())
        sentence = text[s:e]
        date, date_end, date_text = _date_in(sentence, year)
        if date_text is None:
            continue
        orgs = [o for o, _, _ in find_organisations(sentence)]
        return [
            Meeting(
                title=title, date=date, date_end=date_end, date_text=date_text, place=_place_in(sentence),
                participants=participants, organisations=list(dict.fromkeys(orgs)),
                evidence=sentence.strip(), evidence_start=s, evidence_end=e,
            )
        ]  # fmt: skip
    return []


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1, 0)
    candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    end = min(candidates) + 1 if candidates else len(text)
    return start, end
