"""The organisation a person acts for: written beside the name, else the page's publisher."""

from __future__ import annotations

from indexer.organisations import find_organisations, organisation_list


def publisher_like(orgs: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Organisations a person can act for: networks, programmes and parties are left out."""
    networks = organisation_list().networks
    return [o for o in orgs if o[0] not in networks]


def organisation_in(text: str) -> str | None:
    found = publisher_like(find_organisations(text))
    return found[0][0] if found else None


def organisation_near(text: str, end: int, next_name: int, s_start: int, start: int, s_end: int) -> str | None:
    """The organisation written after the name (before the next name), else the nearest before it."""
    after = publisher_like(find_organisations(text[end : min(next_name, s_end)]))
    if after:
        return after[0][0]
    before = publisher_like(find_organisations(text[s_start:start]))
    return before[-1][0] if before else None


def organisation_cell(cell: str) -> str | None:
    """An organisation column's cell: the canonical name when a known organisation fills it, else as written."""
    cell = cell.strip()
    if not cell:
        return None
    found = publisher_like(find_organisations(cell))
    if found and found[0][2] - found[0][1] >= 0.8 * len(cell):
        return found[0][0]
    return cell
