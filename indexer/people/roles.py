"""Roles and titles: the words that make a title, and the title written beside a name.

A title stands after the name (", enhetschef på Tillväxtverket", " som är
processledare"), before it ("regionrådet Marie Morell", "Ordförande: Anna
Berg"), or on the line below it in a contact block or a list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.organisations import find_organisations
from indexer.people.affiliation import publisher_like
from indexer.people.names import is_first_name
from indexer.resources import resource_rows

# Words that may open a title of several words ("vice ordförande", "biträdande rektor").
_TITLE_OPENERS = {"vice", "förste", "andre", "regional", "administrativ", "biträdande", "tillförordnad", "tf", "t.f."}
_ROLE_AFTER_IS = re.compile(
    r"^\s*,?\s*(?:som\s+)?(?:(?:är|var|arbetar som|arbetar|jobbar som|har rollen som|i rollen som)\s+"
    r"([^.;\n]{2,120})|((?:ansvarar för|samordnar|leder|koordinerar)\s+[^.;\n]{2,120}))",
    re.IGNORECASE,
)
# A role phrase ends where the sentence goes on with a verb: "VD Validering Väst deltog ...".
_ROLE_STOP = re.compile(
    r"\s(?:deltog|deltar|medverkade|medverkar|närvarade|presenterade|talade|var|är|har|hade|som|säger|sa)\b"
)


@lru_cache(maxsize=1)
def _role_lexicon() -> tuple[frozenset[str], tuple[str, ...]]:
    words: set[str] = set()
    suffixes: tuple[str, ...] = ()
    for row in resource_rows("roles.txt"):
        line = " | ".join(row)
        if line.startswith("SUFFIXES:"):
            suffixes = tuple(line.split(":", 1)[1].split())
        else:
            words.update(line.split())
    return frozenset(words), suffixes


def is_role_word(word: str) -> bool:
    """A title word, in its indefinite or definite form ("analytiker", "analytikern", "utvecklingsledaren")."""
    words, suffixes = _role_lexicon()
    w = word.lower().strip(",.:;()")
    if (len(w) >= 2 and w in words) or (len(w) > 3 and w.endswith(suffixes)):
        return True
    for ending in ("en", "n", "et"):
        base = w[: -len(ending)]
        if w.endswith(ending) and len(base) > 4 and (base in words or base.endswith(suffixes)):
            return True
    return False


def has_role_word(phrase: str) -> bool:
    return any(is_role_word(w) for w in phrase.split())


def clean_role(role: str) -> str | None:
    role = role.strip(" ,.;:–-")
    role = re.sub(r"\s+", " ", role)
    if role.count("(") > role.count(")"):
        role = role[: role.rfind("(")].rstrip()
    if not role:
        return None
    # "Avdelningschef" on a line of its own is the same title as "avdelningschef" in a sentence.
    first = role.split()[0]
    if len(first) > 1 and first[0].isupper() and first[1:].replace("-", "").islower():
        role = role[0].lower() + role[1:]
    if len(role) > 100:
        return None
    # "regionrådet Marie Morell" -> "regionråd": the definite form is grammar, not the title.
    if " " not in role:
        role = _indefinite(role)
    return role


def _indefinite(word: str) -> str:
    """A title word without its definite ending ("analytikern" -> "analytiker"), when the lexicon knows the base."""
    words, suffixes = _role_lexicon()
    for ending in ("en", "et", "n"):
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) > 2 and (base.lower() in words or base.lower().endswith(suffixes)):
            return base
    return word


def role_before(text: str, line_start: int, name_start: int) -> str | None:
    """A title written right before the name on its line ("regionrådet X", "Ordförande: X")."""
    before = text[line_start:name_start].rstrip()
    label = before.lstrip("•▪*-–| ").rstrip(":").strip()
    if before.endswith(":") and label and len(label.split()) <= 4 and has_role_word(label):
        return clean_role(label)
    words = before.split()
    # "Regionutvecklingsdirektör är Richard Widén."
    if len(words) >= 2 and words[-1].lower() in ("är", "var", "blir", "blev") and is_role_word(words[-2]):
        return clean_role(words[-2].lower())
    for n in (3, 2, 1):
        if len(words) >= n and is_role_word(words[-1]):
            phrase = " ".join(words[-n:])
            if n > 1 and not all(w.islower() or is_role_word(w) for w in words[-n:]):
                continue
            if n > 1 and words[-n].lower() not in _TITLE_OPENERS:
                continue
            return clean_role(phrase)
    return None


def strip_trailing_role(text: str) -> str:
    words = text.rstrip().split()
    while words and (is_role_word(words[-1]) or words[-1].lower() in _TITLE_OPENERS):
        words.pop()
    return " ".join(words) + " " if words else ""


def role_after(rest: str) -> tuple[str | None, str | None]:
    """Role and organisation from the text right after a name: ", role, org" or " som är role på org"."""
    m = _ROLE_AFTER_IS.match(rest)
    if m:
        phrase = m.group(1) or m.group(2)
    elif rest.startswith((",", " (", " –", " - ", "\t", " | ")):
        phrase = rest.lstrip(" ,(–-|\t")
        phrase = re.split(r"[.;\n)|]|\s(?:och|samt|säger|sa)\s", phrase, maxsplit=1)[0]
    else:
        phrase = ""
    if not phrase:
        return None, None
    orgs = publisher_like(find_organisations(phrase))
    org = orgs[0][0] if orgs else None
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    role = None
    for part in parts:
        if find_organisations(part) and not has_role_word(part):
            continue
        if has_role_word(part) or part.split()[0].lower() in {"kontaktperson", "ansvarig"}:
            role = part
            break
    if role:
        # "FoUU-chef på Västra Götalandsregionen": the organisation is not part of the title.
        role = re.split(r"\s(?:på|pa|vid|inom|hos)\s(?=[A-ZÅÄÖ])", role, maxsplit=1)[0]
        role = _ROLE_STOP.split(role, maxsplit=1)[0]
        for name, start, _ in find_organisations(role):
            if start > 0 and role[start - 1] == " " and not role[:start].rstrip().endswith(("för", "i", "vid")):
                role = role[:start].rstrip()
                org = org or name
                break
    elif parts and m:
        role = re.split(r"\s(?:på|pa|vid|hos)\s(?=[A-ZÅÄÖ])", parts[0], maxsplit=1)[0]
        if len(role.split()) > 10:
            role = None
    if org is None and not m:
        org = _organisation_as_written(parts, role)
    return clean_role(role) if role else None, org


def _organisation_as_written(parts: list[str], role: str | None) -> str | None:
    """In "Ante Nutti, Sametinget" the capitalised part that is no title is the organisation, known or not."""
    for part in parts:
        if role and part.startswith(role):
            continue
        words = part.split()
        if (
            words
            and part[:1].isupper()
            and len(part) <= 60
            and len(words) <= 6
            and not has_role_word(part)
            and not (len(words) >= 2 and is_first_name(words[0]))
            and not any(ch.isdigit() or ch in "@:" for ch in part)
        ):
            return part.rstrip(" .")
    return None


def role_line(line: str) -> str | None:
    """A line that is a title alone ("Regional samordnare", "Enhetschef, Region Skåne"), as a role."""
    line = line.strip().lstrip("•▪*-– ")
    if not line or len(line) > 80 or "@" in line or line.endswith((".", "?", "!")):
        return None
    head = line.split(",")[0].strip()
    if has_role_word(head):
        head = re.split(r"\s(?:på|pa|vid|hos)\s(?=[A-ZÅÄÖ])", head, maxsplit=1)[0]
        return clean_role(head)
    return None
