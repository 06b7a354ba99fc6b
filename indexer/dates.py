"""Swedish and ISO dates in text, as ISO strings.

Absolute dates ("19 juni 2019", "2023-10-05") are read here; relative ones
("i går", "på torsdag", "förra veckan") are found here and resolved by
`dateparser` against the date of the document that says them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta


def _swedish_month_names() -> dict[str, int]:
    """Swedish month names and their abbreviations, from CLDR (via babel), lower case.

    Beside CLDR's own abbreviations ("okt."), the first three letters of each
    name ("jun", "jul") and "sept" are common in Swedish text.
    """
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="sv").items():
            names[name.lower().rstrip(".")] = number
    for name, number in list(names.items()):
        names.setdefault(name[:3], number)
    names.setdefault("sept", 9)
    return names


def _swedish_day_names() -> list[str]:
    """Swedish weekday names from CLDR (via babel), lower case, Monday first."""
    from babel.dates import get_day_names

    names = get_day_names("wide", locale="sv")
    return [names[i].lower() for i in range(7)]


MONTHS = _swedish_month_names()
WEEKDAYS = _swedish_day_names()
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# "19 juni 2019", "5 okt. 2023"; the year is optional ("19 juni").
SWEDISH_DATE = re.compile(rf"\b(\d{{1,2}})(?:e|:e)?\s+({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?\b", re.IGNORECASE)


_WEEKDAY_NAMES = "|".join(WEEKDAYS)
# "i dag", "i går", "i förrgår", "i morgon", "i övermorgon", "på torsdag", "i torsdags", "förra veckan".
RELATIVE_DATE = re.compile(
    rf"\b(?:i\s*(?:dag|går|förrgår|morgon|övermorgon)|på\s+(?:{_WEEKDAY_NAMES})|i\s+(?:{_WEEKDAY_NAMES})s"
    rf"|förra\s+veckan)\b",
    re.IGNORECASE,
)
# What dateparser 1.5 does not read, rewritten to what it reads.
_REWRITES = {"i förrgår": "för 2 dagar sedan", "i övermorgon": "om 2 dagar"}


def make_iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[tuple[str, int, int]]:
    """All dates in `text` as (iso, start, end), in order of appearance.

    A Swedish date without a year takes `default_year`, or is skipped without one.
    """
    found: list[tuple[str, int, int]] = []
    for m in ISO_DATE.finditer(text):
        iso = make_iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((iso, m.start(), m.end()))
    for m in SWEDISH_DATE.finditer(text):
        year = int(m.group(3)) if m.group(3) else default_year
        if year is None:
            continue
        iso = make_iso(year, MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso:
            found.append((iso, m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def first_date(text: str) -> str | None:
    found = find_dates(text)
    return found[0][0] if found else None


def resolve_relative_date(phrase: str, doc_date: str | None) -> tuple[str, str | None] | None:
    """(day, last day) a Swedish relative date means, said on `doc_date` (ISO); None if unknown.

    dateparser (languages=["sv"], RELATIVE_BASE the document's date) reads
    "i dag", "i går", "i morgon", "förra veckan" and a weekday; "på torsdag"
    is the next Thursday (PREFER_DATES_FROM "future"), "i torsdags" the last
    one ("past"). dateparser 1.5 reads neither "i förrgår", "i övermorgon"
    nor the "-s" form "torsdags", so those are rewritten first ("för 2 dagar
    sedan", "om 2 dagar", "torsdag"). "förra veckan" is a week, not a day:
    Monday to Sunday of the week before. Without a document date there is
    nothing to count from: None.
    """
    try:
        base = datetime.fromisoformat(doc_date[:10]) if doc_date else None
    except ValueError:
        base = None
    if base is None:
        return None
    words = " ".join(phrase.lower().split())
    words = {"idag": "i dag", "igår": "i går", "imorgon": "i morgon"}.get(words, words)
    prefer = "future"
    if words.startswith("på "):
        words = words[3:]
    elif words.startswith("i ") and words[2:-1] in WEEKDAYS and words.endswith("s"):
        words, prefer = words[2:-1], "past"
    import dateparser

    parsed = dateparser.parse(
        _REWRITES.get(words, words),
        languages=["sv"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer},
    )
    if parsed is None:
        return None
    day = parsed.date()
    if words == "förra veckan":
        monday = day - timedelta(days=day.weekday())
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return day.isoformat(), None
