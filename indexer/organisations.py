"""Organisations: the gazetteer of names, aliases and web hosts, and finding them in text.

The indexer uses it to say who published a document and whom a person works
for; the searcher uses the same list to see which organisation a query names.
The names live in `resources/organisations.txt`, not in code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from indexer.resources import resource_rows

# Organisation shapes not in the list: "Region Gävleborg", "Motala kommun", ...
_ORG_PATTERNS = [
    re.compile(r"\bRegion [A-ZÅÄÖ][a-zåäö]+(?: län)?\b"),
    re.compile(r"\b[A-ZÅÄÖ][a-zåäö]+s? kommun\b"),
    re.compile(r"\b[A-ZÅÄÖ][a-zåäö]+s kommunalförbund\b"),
    re.compile(r"\b[A-ZÅÄÖ][a-zåäö]+departementet\b"),
    re.compile(r"\bHögskolan i [A-ZÅÄÖ][a-zåäö]+\b"),
    re.compile(r"\b[A-ZÅÄÖ][a-zåäö]+ universitet\b"),
]
_NOT_ORGS = {"Region Västra", "Den kommun", "Varje kommun", "Region Region"}


@dataclass(frozen=True)
class OrganisationList:
    """Canonical names, the aliases that point at them, and publishers' web hosts."""

    aliases: dict[str, str]
    hosts: dict[str, str]
    networks: frozenset[str]  # programmes, networks, parties: never the publisher

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)

    def for_url(self, url: str | None) -> str | None:
        m = re.match(r"https?://(?:www\.)?([^/:]+)", url or "")
        if not m:
            return None
        host = m.group(1).lower()
        for known, name in self.hosts.items():
            if host == known or host.endswith("." + known):
                return name
        return None


@lru_cache(maxsize=1)
def organisation_list() -> OrganisationList:
    aliases: dict[str, str] = {}
    hosts: dict[str, str] = {}
    networks: set[str] = set()
    for row in resource_rows("organisations.txt"):
        canonical = row[0].lstrip("~")
        if row[0].startswith("~"):
            networks.add(canonical)
        for name in [canonical, *row[1:]]:
            if name.startswith("@"):
                hosts[name[1:].lower()] = canonical
            else:
                aliases[name] = canonical
    return OrganisationList(aliases, hosts, frozenset(networks))


@lru_cache(maxsize=1)
def _organisation_regex() -> re.Pattern[str]:
    names = sorted(organisation_list().aliases, key=len, reverse=True)
    # An optional genitive -s: "Tillväxtverkets rapport" names Tillväxtverket.
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")s?(?![\w-])")


def strip_marks(text: str) -> str:
    """`text` without diacritics, letter for letter ("Tillväxtverket" -> "Tillvaxtverket"); case and length kept."""
    out = []
    for ch in text:
        bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(bare if len(bare) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _unmarked_aliases() -> tuple[dict[str, str], re.Pattern[str] | None]:
    """Aliases written without å/ä/ö ("Tillvaxtverket") -> canonical name, and a pattern finding them."""
    orgs = organisation_list()
    unmarked = {strip_marks(a): c for a, c in orgs.aliases.items() if strip_marks(a) != a}
    if not unmarked:
        return {}, None
    names = sorted(unmarked, key=len, reverse=True)
    return unmarked, re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")s?(?![\w-])")


def find_organisations(text: str) -> list[tuple[str, int, int]]:
    """Organisations named in `text`: (canonical name, start, end), in order.

    Names are also found as pages without å/ä/ö write them ("Tillvaxtverket").
    """
    orgs = organisation_list()
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _organisation_regex().finditer(text):
        found.append((orgs.canonical(m.group(1)), m.start(1), m.end(1)))
        taken.append((m.start(1), m.end(1)))
    unmarked, pattern_unmarked = _unmarked_aliases()
    if pattern_unmarked is not None:
        for m in pattern_unmarked.finditer(strip_marks(text)):
            if not any(s <= m.start(1) < e for s, e in taken):
                found.append((unmarked[m.group(1)], m.start(1), m.end(1)))
                taken.append((m.start(1), m.end(1)))
    for pattern in _ORG_PATTERNS:
        for m in pattern.finditer(text):
            if m.group(0) in _NOT_ORGS or any(s <= m.start() < e for s, e in taken):
                continue
            found.append((orgs.canonical(m.group(0)), m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])
