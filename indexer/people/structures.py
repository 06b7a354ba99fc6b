"""Where a name stands: the section it is in, the cue on its line, the table row it is part of.

Documents say in what capacity they name people through structure more than
through sentences: a "Kontakt" box, a "Närvarande ledamöter" list, a table
with Namn/Roll/Organisation columns, a "Vid protokollet" signature. This
module reads that structure from the cleaned text, whose readers keep line
breaks and write table rows as cells separated by " | ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.text import fold

CONTACT_CUE = re.compile(
    r"^(?:kontakt(?:person(?:er)?)?|presskontakt(?:er)?|kontaktuppgifter|frågor|mer information|"
    r"för mer information|vill du veta mer|ansvarig(?:a)?(?: handläggare| tjänsteperson)?|"
    r"contact(?: person)?s?|press contacts?|questions|more information)\b[^:\n]{0,60}:",
    re.IGNORECASE,
)
CONTACT_HEADING = re.compile(
    r"^(?:kontakt\w*(?: oss)?|presskontakt\w*|kontakta oss|frågor\b.*|har du frågor.*|mer information.*|"
    r"vill du veta mer.*|ansvarig\w*(?: för .*)?|kontaktpersoner?\b.*|contacts?(?: person)?s?|press contacts?|"
    r"questions\b.*|more information.*)$",
    re.IGNORECASE,
)
AUTHOR_CUE = re.compile(
    r"(?:^\W*(?:författare|författad av|skriven av|skrivet av|text|av|underskrift|signerad|redaktör|"
    r"vid protokollet|vid anteckningarna|antecknat av|antecknad av|antecknade|protokollförare|för \w+)\s*:?\s*$)|"
    r"(?:\b(?:rapporten (?:är|har) (?:godkänd|godkänts|beslutad|fastställd) av|godkänd av|godkändes av|"
    r"beslut i detta ärende har fattats av|har tagits fram av|sammanställd av|sammanställt av|upprättad av|"
    r"(?:har )?beslutats av|(?:har )?fastställts av|(?:har )?godkänts av|"
    r"skriven av|skrivet av|antecknat av|vid protokollet|vid anteckningarna)\s*:?\s*$)",
    re.IGNORECASE,
)
AUTHOR_HEADING = re.compile(
    r"^(?:författare|författad av|skriven av|redaktör(?:er)?|vid protokollet|vid anteckningarna|antecknat av|"
    r"protokollförare|underskrifter?)$",
    re.IGNORECASE,
)
_PARTICIPANT_WORDS = re.compile(
    r"\b(?:närvarande|deltagare|deltog|medverkande|medverkade|talare|i panelen|panel|moderator|"
    r"samtalsledare|föreläsare|program)\b",
    re.IGNORECASE,
)
# Members and officials are participants when the document records a meeting.
_MEMBER_WORDS = re.compile(r"\b(?:ledamöter|ersättare|tjänstepersoner|tjänstemän|justerare)\b", re.IGNORECASE)
ABSENT = _ABSENT = re.compile(
    r"\b(?:frånvarande|förhinder|ej närvarande|inte närvarande|anmält|avbud)\b", re.IGNORECASE
)
PARTICIPANT_CUE = re.compile(
    r"\b(?:deltog|deltar|medverkade|medverkar|närvarade|representerade|representerades|talade|"
    r"moderator|moderera\w*|samtalsledare|inledde|presenterade|föreläste|talare|i panelen|"
    r"träffade|var på plats|gästade)\b",
    re.IGNORECASE,
)
CONTACT_VERB = re.compile(
    r"\b(?:kontakta|besvaras av|besvarar|vänd dig till|hör av dig till|kontaktperson är|kontaktperson:)\s*$",
    re.IGNORECASE,
)
ANSWERS_QUESTIONS = re.compile(r"\bsvarar på frågor\b|\bnås via\b|\bkan kontaktas\b|\bbesvaras av\b", re.IGNORECASE)
_MEETING_RECORD = re.compile(
    r"\b(?:protokoll|minnesanteckningar|mötesanteckningar|anteckningar från|sammanträde|dagordning|"
    r"närvarande|justerare|mötet öppnades)\b",
    re.IGNORECASE,
)
_HEADER_COLUMNS = {
    "name": re.compile(r"^(?:namn|name|person|kontaktperson|ledamot|deltagare|ledamöter|närvarande)$", re.I),
    "role": re.compile(r"^(?:roll|titel|befattning|funktion|uppdrag|role|title|ansvar|ansvarsområde)$", re.I),
    "organisation": re.compile(
        r"^(?:organisation|förvaltning|myndighet|kommun|arbetsgivare|region|organization|verksamhet)$", re.I
    ),
    "party": re.compile(r"^(?:parti|party)$", re.I),
}
PARTIES = ("S", "M", "KD", "C", "L", "V", "MP", "SD")


_EVENT = re.compile(
    r"\b(?:konferens\w*|seminari\w*|workshop\w*|möte[nt]?|mötet|panel\w*|dialogmöte\w*|nätverksträff\w*|"
    r"framtidsdag\w*|rundabordssamtal\w*|forum(?:et)?|conference|meeting|seminar)\b",
    re.IGNORECASE,
)
# In a report from an event, who speaks there took part in it.
SPEECH_CUE = re.compile(
    r"\b(?:säger|sa|sade|berättade|menade|betonade|konstaterade|förklarade|framhöll|underströk|lyfte|"
    r"pekade på|beskrev|redogjorde)\b",
    re.IGNORECASE,
)


def reports_event(text: str) -> bool:
    """The document reports a meeting, conference, seminar or workshop."""
    return bool(_EVENT.search(text))


def is_meeting_record(text: str) -> bool:
    """Minutes or notes of a meeting: the first lines say so, or an attendance heading stands in it."""
    return bool(_MEETING_RECORD.search(text[:600])) or bool(
        re.search(r"^\W*(?:närvarande|deltagare)\b", text, re.IGNORECASE | re.MULTILINE)
    )


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _heading_text(line: str) -> str:
    return line.strip().lstrip("#").strip().strip("*_").rstrip(":").strip()


def heading_kind(line: str, meeting: bool) -> str | None:
    """The kind of mention a heading announces for the names below it, or None."""
    heading = _heading_text(line)
    if not heading or len(heading) > 70:
        return None
    if CONTACT_HEADING.match(heading):
        return "contact"
    if AUTHOR_HEADING.match(heading):
        return "author"
    if _ABSENT.search(heading):
        return "mentioned"
    if _PARTICIPANT_WORDS.search(heading) or (meeting and _MEMBER_WORDS.search(heading)):
        return "participant"
    return None


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 80 or "|" in s:
        return False
    return s.startswith("#") or s.endswith(":") or bool(re.fullmatch(r"\*\*[^*]+\*\*:?", s))


def section_kind(text: str, line_start: int, meeting: bool) -> tuple[str | None, str]:
    """(kind, heading) of the section a line stands in: the nearest heading above it, through lists and boxes.

    Short lines (names, titles, e-mail addresses, list items, table rows)
    are passed over; a paragraph of prose or another heading ends the search.
    """
    pos = line_start
    for _ in range(60):
        if pos <= 0:
            break
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start : pos - 1]
        pos = prev_start
        stripped = line.strip()
        if not stripped:
            continue
        kind = heading_kind(stripped, meeting)
        if kind:
            return kind, _heading_text(stripped)
        if _is_heading_line(stripped):
            return None, _heading_text(stripped)
        if len(stripped) > 160 or (stripped.endswith((".", "!", "?")) and len(stripped) > 90):
            break
    return None, ""


def in_short_block(text: str, line_start: int, line_end: int) -> tuple[int, int] | None:
    """The bounds of the blank-line separated block around a line, when it is a box of short lines."""
    block_start = text.rfind("\n\n", 0, line_start)
    block_start = 0 if block_start < 0 else block_start + 2
    block_end = text.find("\n\n", line_end)
    block_end = len(text) if block_end < 0 else block_end
    lines = text[block_start:block_end].split("\n")
    if 2 <= len(lines) <= 8 and all(len(line) <= 90 for line in lines):
        return block_start, block_end
    return None


def next_line(text: str, line_end: int) -> tuple[str, int]:
    """The next non-blank line after `line_end` within one blank line, and where it ends."""
    start = line_end + 1
    if text[line_end : line_end + 2] == "\n\n":
        start = line_end + 2
    if start >= len(text):
        return "", line_end
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return text[start:end].strip(), end


# --- tables ----------------------------------------------------------------------------------------


def cells(line: str) -> list[str]:
    parts = [c.strip() for c in line.strip().strip("|").split("|")]
    return parts


def is_table_row(line: str) -> bool:
    return line.count("|") >= 1 and len([c for c in cells(line) if c]) >= 2


def _is_separator(line: str) -> bool:
    return bool(re.fullmatch(r"[\s|:\-–=+]+", line))


@dataclass
class TableRow:
    """A row of a table of people, with the column each cell stands in."""

    cells: list[str]
    columns: dict[str, int]  # column kind -> index, from the header row when there is one
    header_text: str  # the header row as written (empty when none)
    start: int  # offset of the first row of the table (header included)


def table_row_at(text: str, line_start: int, line_end: int) -> TableRow | None:
    """The table row a line is, with its table's header columns."""
    line = text[line_start:line_end]
    if not is_table_row(line) or _is_separator(line):
        return None
    # Walk up to the table's first row.
    first_start = line_start
    while first_start > 0:
        prev_start = text.rfind("\n", 0, first_start - 1) + 1
        prev = text[prev_start : first_start - 1]
        if not prev.strip() or not (is_table_row(prev) or _is_separator(prev)):
            break
        first_start = prev_start
    first_end = text.find("\n", first_start)
    first_line = text[first_start : len(text) if first_end < 0 else first_end]
    columns: dict[str, int] = {}
    header_text = ""
    header_cells = cells(first_line)
    for i, cell in enumerate(header_cells):
        for kind, pattern in _HEADER_COLUMNS.items():
            if (
                kind not in columns
                and pattern.match(fold(cell).strip("*_ "))
                or (kind not in columns and pattern.match(cell.lower().strip("*_ ")))
            ):
                columns[kind] = i
    if columns:
        header_text = first_line.strip()
        if first_start == line_start:
            return None  # the header row itself names nobody
    return TableRow(cells=cells(line), columns=columns, header_text=header_text, start=first_start)
