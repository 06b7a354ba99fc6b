"""Swedish and ISO dates in text, as ISO strings."""

from __future__ import annotations

import re
from datetime import date


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


MONTHS = _swedish_month_names()
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# "19 juni 2019", "5 okt. 2023"; the year is optional ("19 juni").
SWEDISH_DATE = re.compile(rf"\b(\d{{1,2}})(?:e|:e)?\s+({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?\b", re.IGNORECASE)


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
