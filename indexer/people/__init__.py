"""People: who a document names, in what capacity, with the sentence that says so.

The package reads people the way documents write them:

- `names`: which runs of capitalised words are names (a lexicon derived from
  maintained name data by `lexicon`, word shapes, and the place they stand in);
- `roles`: titles beside a name, before it or on the line below it;
- `structures`: sections ("Kontakt", "Närvarande ledamöter"), cue lines,
  table rows with their header columns;
- `affiliation`: the organisation a person acts for;
- `resolution`: one person across documents.

`extract_people` below puts them together for one document's cleaned text.
"""

from __future__ import annotations

import re

from indexer.organisations import find_organisations, organisation_list
from indexer.people.affiliation import organisation_cell, organisation_in, organisation_near
from indexer.people.names import NameCandidate, display_name, find_candidates, is_place_word, not_name_words
from indexer.people.roles import (
    clean_role,
    has_role_word,
    is_role_word,
    role_after,
    role_before,
    role_line,
    strip_trailing_role,
)
from indexer.people.structures import (
    ABSENT,
    ANSWERS_QUESTIONS,
    AUTHOR_CUE,
    CONTACT_CUE,
    CONTACT_VERB,
    PARTICIPANT_CUE,
    PARTIES,
    SPEECH_CUE,
    TableRow,
    in_short_block,
    is_meeting_record,
    line_bounds,
    next_line,
    reports_event,
    section_kind,
    table_row_at,
)
from indexer.store.records import MENTION_KINDS, PersonMention
from indexer.text import fold

__all__ = ["KIND_STRENGTH", "extract_people", "is_role_word", "name_on_line"]

# When one document names a person in several ways, the strongest kind is theirs.
KIND_STRENGTH = {kind: len(MENTION_KINDS) - i for i, kind in enumerate(MENTION_KINDS)}

_PARTY = re.compile(r"^\s*\((" + "|".join(PARTIES) + r")\)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+46|0)\s?\(?0?\)?\s?\d{1,3}(?:[\s-]?\d{2,3}){2,4}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”A-ZÅÄÖ0-9–-])")
# A name right after these is a place named after a person ("på Louis De Geer"), unless a cue says otherwise.
_LOCATIVE = re.compile(
    r"(?:\b(?:på|vid|utanför|invid)\s+|^\W*(?:plats|lokal|adress|besöksadress|ort|venue|location)\W*:\W*)$",
    re.IGNORECASE,
)
_BULLET = "•▪*-–· \t"


def _blocked(word: str) -> bool:
    """A word that ends a name: an organisation or document word, a title, a place."""
    key = fold(word.strip(",.:;()"))
    return key in not_name_words() or is_role_word(word) or is_place_word(word)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    line_start, line_end = line_bounds(text, pos)
    start = line_start
    for m in _SENTENCE_END.finditer(text, line_start, line_end):
        if m.end() <= pos:
            start = m.end()
        else:
            return start, m.start()
    return start, line_end


def _line_is_name(line: str, name: str) -> bool:
    stripped = line.strip().strip(_BULLET).strip()
    return stripped == name or bool(_PARTY.fullmatch(stripped[len(name) :])) if stripped.startswith(name) else False


def _without_listed_names(before: str) -> str:
    """The text before a name without the names listed ahead of it ("Författare: Anna Berg och ")."""
    listed = re.compile(
        r"(?:[A-ZÅÄÖ][\w.'’-]*(?:\s+(?:[A-ZÅÄÖ][\w.'’-]*|[a-z]{1,3}))*)(?:\s*,\s*|\s+(?:och|samt|and)\s+)$"
    )
    while True:
        m = listed.search(before)
        if not m or m.start() == 0 or not before[: m.start()].rstrip().endswith((":", ",", "av", "och")):
            return before
        before = before[: m.start()]


def _kind(
    text: str, cand: NameCandidate, line: tuple[int, int], sentence: tuple[int, int], section: str | None, event: bool
) -> tuple[str, bool]:
    """The kind of mention, and whether the place the name stands in is one only a name can stand in."""
    line_start, line_end = line
    line_text = text[line_start:line_end].lstrip(_BULLET)
    before_in_line = text[line_start : cand.start]
    s_start, _ = sentence
    sentence_text = text[s_start : sentence[1]]
    if CONTACT_CUE.match(line_text) or CONTACT_VERB.search(before_in_line):
        return "contact", True
    if ANSWERS_QUESTIONS.search(sentence_text) or re.search(r"\bkontakta\b", text[s_start : cand.start], re.IGNORECASE):
        return "contact", False
    # "Författare: Anna Berg och Per Ek": the cue holds for every name listed after it.
    cue_part = _without_listed_names(before_in_line)
    # "godkänd av generaldirektör Gunilla Nordlöf": a title may stand between cue and name.
    if AUTHOR_CUE.search(cue_part) or AUTHOR_CUE.search(strip_trailing_role(cue_part)):
        return "author", True
    if ABSENT.search(cue_part) and cue_part.rstrip().endswith(":"):
        return "mentioned", True
    if CONTACT_CUE.match(cue_part.lstrip(_BULLET) + ":") and cue_part.rstrip().endswith(":"):
        return "contact", True
    alone = _line_is_name(text[line_start:line_end], cand.text)
    listed = alone or text[line_start:line_end].lstrip().startswith(tuple("•▪*-–·")) or "|" in line_text
    if section and listed:
        return section, True
    if section == "contact" and not PARTICIPANT_CUE.search(sentence_text):
        return "contact", False
    if alone and in_short_block(text, line_start, line_end):
        return "contact", True
    if PARTICIPANT_CUE.search(sentence_text):
        return "participant", False
    if event and SPEECH_CUE.search(sentence_text):
        return "participant", False
    if section == "participant":
        # The paragraph right under a "Medverkande" heading names the participants.
        return "participant", False
    return "mentioned", False


def _from_table(row: TableRow, name: str) -> tuple[str | None, str | None, str | None]:
    """(role, organisation, party) from the other cells of a table row."""
    role = org = party = None
    for kind, index in row.columns.items():
        if index >= len(row.cells) or not row.cells[index]:
            continue
        cell = row.cells[index]
        if kind == "role":
            role = clean_role(cell)
        elif kind == "organisation":
            org = organisation_cell(cell)
        elif kind == "party" and cell.strip("() ").upper() in PARTIES:
            party = cell.strip("() ").upper()
    for cell in row.cells:
        if name in cell or not cell:
            continue
        if role is None and has_role_word(cell) and len(cell) < 100:
            role = clean_role(cell)
        elif org is None and organisation_in(cell):
            org = organisation_in(cell)
        elif party is None and cell.strip("() ").upper() in PARTIES and len(cell.strip("() ")) <= 2:
            party = cell.strip("() ").upper()
    return role, org, party


def _role_below(text: str, line_end: int) -> tuple[str | None, str | None]:
    """In a box or list the title (and organisation) stands on the line below the name."""
    nxt, nxt_end = next_line(text, line_end)
    role = role_line(nxt) if nxt else None
    org = None
    if role:
        org = organisation_in(nxt)
        if org is None:
            after, _ = next_line(text, nxt_end)
            if after and len(after) < 80 and not find_candidates(after, _blocked):
                org = organisation_in(after)
    return role, org


def _evidence_bounds(
    text: str, kind: str, line: tuple[int, int], sentence: tuple[int, int], heading: str
) -> tuple[int, int]:
    line_start, line_end = line
    if kind == "contact":
        block = in_short_block(text, line_start, line_end)
        if block:
            # The whole box is the evidence: topic, name and title together, with the box's
            # heading when it stands right above ("Presskontakt" says what the person is for).
            at = text.rfind(heading, max(0, block[0] - 200), block[0]) if heading else -1
            return (at if at >= 0 else block[0]), block[1]
    if "|" in text[line_start:line_end] or len(text[line_start:line_end]) < 120:
        return line if (sentence[1] - sentence[0]) < 10 else sentence
    return sentence


def extract_people(text: str, default_organisation: str | None = None) -> list[PersonMention]:
    """Every person mention in a document's cleaned text, in order.

    `default_organisation` is the document's publisher: the organisation of
    a contact or author whose own organisation is not written beside them.
    """
    meeting = is_meeting_record(text)
    event = meeting or reports_event(text)
    candidates = find_candidates(text, _blocked)
    mentions: list[PersonMention] = []
    for index, cand in enumerate(candidates):
        next_start = candidates[index + 1].start if index + 1 < len(candidates) else len(text)
        line = line_bounds(text, cand.start)
        line_start, line_end = line
        rest = text[cand.end : line_end]
        party_m = _PARTY.match(rest)
        sentence = _sentence_bounds(text, cand.start)
        # The section the line stands in ("Kontakt", "Närvarande ledamöter"), found once per name.
        section, heading = section_kind(text, line_start, meeting)
        kind, strong_place = _kind(text, cand, line, sentence, section, event)
        row = table_row_at(text, line_start, line_end)
        in_name_column = bool(
            row and "name" in row.columns and row.columns["name"] < len(row.cells)
            and cand.text in row.cells[row.columns["name"]]
        )  # fmt: skip
        before_role = role_before(text, line_start, cand.start)
        strong_place = strong_place or in_name_column or bool(before_role) or bool(party_m)
        if not cand.known_first and not (strong_place and (cand.known_last or row is not None or _name_shaped(cand))):
            continue
        if (
            not strong_place
            and kind == "mentioned"
            and _LOCATIVE.search(text[max(line_start, cand.start - 30) : cand.start])
        ):
            continue
        if any(cand.text.startswith(org) or org.startswith(cand.text) for org, _, _ in find_organisations(cand.text)):
            continue

        party = party_m.group(1) if party_m else None
        role = org = None
        if row is not None:
            role, org, row_party = _from_table(row, cand.text)
            party = party or row_party
            if kind == "mentioned":
                heading_kind_, _ = section_kind(text, row.start, meeting)
                kind = heading_kind_ or ("participant" if meeting and row.header_text else "mentioned")
        else:
            role, org = role_after(rest[party_m.end() :] if party_m else rest)
        if role is None and before_role:
            role = before_role
        if role is None and _line_is_name(text[line_start:line_end], cand.text):
            role, below_org = _role_below(text, line_end)
            org = org or below_org
        explicit_org = org is not None
        if org is None and row is None:
            org = organisation_near(text, cand.end, next_start, sentence[0], cand.start, sentence[1])
        if org is None and (kind in ("contact", "author") or (kind == "participant" and meeting) or role):
            # A contact box, a signature, the attendance list of one's own minutes, or someone whose title
            # the document gives without an organisation: the publisher's person.
            org = default_organisation
        if role is None and kind == "contact":
            role = clean_role(heading) if heading and is_role_word(heading.split()[-1]) else None
        line_text = text[line_start:line_end]
        email = _EMAIL.search(line_text)
        phone = _PHONE.search(line_text)
        if kind == "contact" and not email and _line_is_name(line_text, cand.text):
            email, phone = _details_below(text, line_end)
        if email and not explicit_org:
            # "piotr.kowalski@tillvaxtverket.se": a known organisation's mail domain says whom they work for.
            org = organisation_list().for_url("https://" + email.group(0).rsplit("@", 1)[1]) or org
        evidence_start, evidence_end = _evidence_bounds(
            text, kind, line, sentence, heading if kind == "contact" else ""
        )
        mentions.append(
            PersonMention(
                name=display_name(cand.text),
                kind=kind,
                role=role,
                organisation=org,
                party=party,
                email=email.group(0) if email else None,
                phone=phone.group(0).strip() if phone else None,
                evidence=text[evidence_start:evidence_end].strip(),
                evidence_start=evidence_start,
                evidence_end=evidence_end,
                name_start=cand.start,
            )
        )
    return mentions


def name_on_line(line: str) -> bool:
    """The whole line is one person's name, known to the lexicon by its first name or surname."""
    line = line.strip()
    found = find_candidates(line, _blocked)
    return len(found) == 1 and found[0].text == line and (found[0].known_first or found[0].known_last)


def _name_shaped(cand: NameCandidate) -> bool:
    """Two to four words that look like a name even if the lexicon lacks them."""
    words = [w for w in cand.text.split() if len(w) > 2 or not w.endswith(".")]
    return 2 <= len(words) <= 4 and all(w[:1].isupper() or w.islower() for w in words)


def _details_below(text: str, line_end: int) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """E-mail and phone printed on the lines below a name in a contact box (up to the next name)."""
    email = phone = None
    pos = line_end
    for _ in range(4):
        nxt, nxt_end = next_line(text, pos)
        if not nxt or nxt_end == pos or find_candidates(nxt, _blocked):
            break
        email = email or _EMAIL.search(nxt)
        phone = phone or _PHONE.search(nxt)
        pos = nxt_end
    return email, phone
