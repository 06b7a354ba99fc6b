"""People: who a document names, in what capacity, with the sentence that says so.

Regional documents write people in a handful of ways, each handled here:
a contact block at the very end (topic line, name line, title line),
"Kontakt:"/"Kontaktperson:" lines, "Kontakta X som är ...", reported speech
("säger X, FoUU-chef på ..."), a title before the name ("regionrådet Marie
Morell"), participant lists ("Närvarande:", "medverkade"), author and
signature lines, and party labels ("Anna Nilsson (M)").

A name is two to four capitalised words starting with a known first name,
or any such words in a place only a name can stand (after "Kontakt:", after
a title). Organisation and place words never make a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.organisations import find_organisations, organisation_list
from indexer.resources import resource_rows
from indexer.store.records import MENTION_KINDS, PersonMention

# When one document names a person in several ways, the strongest kind is theirs.
KIND_STRENGTH = {kind: len(MENTION_KINDS) - i for i, kind in enumerate(MENTION_KINDS)}

_UPPER = "A-ZÅÄÖÉÜ"
_LOWER = "a-zåäöéüèáíóø"
_TOKEN = rf"[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:-[{_UPPER}][{_LOWER}]+)?"
_PARTICLES = ("af", "von", "de", "van", "der", "den", "la", "le", "du")
_PARTICLE = "(?:" + "|".join(_PARTICLES) + ")"
# Names never span lines: in a contact block the name line sits between topic and title.
_NAME = re.compile(rf"(?<![\w-]){_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TOKEN}){{1,3}}(?![\w-])")
_PARTY = re.compile(r"^\s*\((M|S|KD|C|L|V|MP|SD)\)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+46|0)\s?\d{1,3}(?:[\s-]?\d{2,3}){2,4}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”A-ZÅÄÖ0-9–-])")

_CONTACT_CUE = re.compile(
    r"^(?:kontakt(?:person(?:er)?)?|presskontakt|kontaktuppgifter|frågor|mer information|"
    r"för mer information|vill du veta mer)\b[^:\n]{0,40}:",
    re.IGNORECASE,
)
_CONTACT_HEADING = re.compile(r"^(?:kontakt\w*|presskontakt\w*|frågor\b.*|mer information.*)$", re.IGNORECASE)
_AUTHOR_CUE = re.compile(
    r"(?:^\W*(?:författare|skriven av|skrivet av|text|av|underskrift|signerad|för \w+)\s*:?\s*$)|"
    r"(?:\b(?:rapporten (?:är|har) (?:godkänd|godkänts|beslutad|fastställd) av|godkänd av|godkändes av|"
    r"beslut i detta ärende har fattats av|har tagits fram av|sammanställd av|upprättad av|"
    r"skriven av|skrivet av)\s*:?\s*$)",
    re.IGNORECASE,
)
_PARTICIPANT_HEADING = re.compile(
    r"^(?:närvarande|deltagare|medverkande|talare|deltog|i panelen|program|medverkande under dagen)\b",
    re.IGNORECASE,
)
_PARTICIPANT_CUE = re.compile(
    r"\b(?:deltog|deltar|medverkade|medverkar|närvarade|representerade|representerades|talade|"
    r"moderator|moderera\w*|samtalsledare|inledde|presenterade|föreläste|talare|i panelen|"
    r"träffade|var på plats|gästade)\b",
    re.IGNORECASE,
)
_CONTACT_VERB = re.compile(r"\b(?:kontakta|besvaras av|besvarar|vänd dig till|hör av dig till)\s*$", re.IGNORECASE)
_SPEECH_BEFORE = re.compile(r"\b(?:säger|sa|menar|betonar|enligt|konstaterar|förklarar|berättar)\s*$", re.IGNORECASE)
_ROLE_AFTER_IS = re.compile(
    r"^\s*,?\s*(?:som\s+)?(?:(?:är|var|arbetar som|arbetar|jobbar som|har rollen som|i rollen som)\s+"
    r"([^.;\n]{2,120})|((?:ansvarar för|samordnar|leder|koordinerar)\s+[^.;\n]{2,120}))",
    re.IGNORECASE,
)
# A role phrase ends where the sentence goes on with a verb: "VD Validering Väst deltog ...".
_ROLE_STOP = re.compile(
    r"\s(?:deltog|deltar|medverkade|medverkar|närvarade|presenterade|talade|var|är|har|hade|som|säger|sa)\b"
)
_ANSWERS_QUESTIONS = re.compile(r"\bsvarar på frågor\b|\bnås via\b|\bkan kontaktas\b", re.IGNORECASE)

_NOT_NAME_WORDS = {
    "region", "regionen", "kommun", "kommunen", "västra", "götaland", "götalands", "östergötland",
    "sverige", "svenska", "sveriges", "staten", "regeringen", "tillväxtverket", "universitet",
    "högskolan", "college", "rådet", "nämnden", "departementet", "kommunalförbund",
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december", "måndag", "tisdag", "onsdag", "torsdag", "fredag",
    "lördag", "söndag", "kontakt", "kontaktperson", "publicerad", "uppdaterad", "sida", "källa",
    "rapport", "info", "isbn", "del", "punkt", "bilaga", "linköping", "norrköping", "göteborg",
    "borås", "skövde", "uppsala", "halland", "fyrbodal", "skaraborg", "sjuhärad", "motala",
    "stockholm", "jönköping", "dalsland", "bohuslän", "västergötland", "louis", "geer",
}  # fmt: skip


def _resource_lines(name: str) -> list[str]:
    return [" | ".join(row) for row in resource_rows(name)]


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset(w.lower() for line in _resource_lines("first_names.txt") for w in line.split())


@lru_cache(maxsize=1)
def _role_lexicon() -> tuple[frozenset[str], tuple[str, ...]]:
    words: set[str] = set()
    suffixes: tuple[str, ...] = ()
    for line in _resource_lines("roles.txt"):
        if line.startswith("SUFFIXES:"):
            suffixes = tuple(line.split(":", 1)[1].split())
        else:
            words.update(line.split())
    return frozenset(words), suffixes


def is_role_word(word: str) -> bool:
    words, suffixes = _role_lexicon()
    w = word.lower().strip(",.:;()")
    return (len(w) >= 2 and w in words) or (len(w) > 3 and w.endswith(suffixes))


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    words: set[str] = set()
    for alias in organisation_list().aliases:
        words.update(w.lower() for w in alias.split() if w[:1].isupper())
    return frozenset(words)


def _split_candidate(candidate: str) -> str | None:
    """Trim a capitalised run to the person name in it, or None.

    A sentence may start with a capitalised word ("Enligt Anna-Lena Johansson"):
    the name starts at the first known first name.
    """
    tokens = candidate.split()
    names = first_names()
    for i, tok in enumerate(tokens[:-1]):
        if tok.lower() in names or tok.split("-")[0].lower() in names:
            tokens = tokens[i:]
            break
    # Drop trailing words that cannot be part of a name ("Anna Nilsson Region" -> "Anna Nilsson").
    bad = _NOT_NAME_WORDS | _organisation_words()
    kept: list[str] = []
    for tok in tokens:
        if tok.lower() in bad or is_role_word(tok):
            break
        kept.append(tok)
    while kept and kept[-1].lower() in _PARTICLES:
        kept.pop()
    if len(kept) < 2 or len(kept) > 4:
        return None
    return " ".join(kept)


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    line_start, line_end = _line_bounds(text, pos)
    start = line_start
    for m in _SENTENCE_END.finditer(text, line_start, line_end):
        if m.end() <= pos:
            start = m.end()
        else:
            return start, m.start()
    return start, line_end


def _clean_role(role: str) -> str | None:
    role = role.strip(" ,.;:–-")
    role = re.sub(r"\s+", " ", role)
    if role.count("(") > role.count(")"):
        role = role[: role.rfind("(")].rstrip()
    # "Avdelningschef" on a line of its own is the same title as "avdelningschef" in a sentence.
    first = role.split()[0]
    if len(first) > 1 and first[0].isupper() and first[1:].replace("-", "").islower():
        role = role[0].lower() + role[1:]
    if not role or len(role) > 100:
        return None
    # "regionrådet Marie Morell" -> "regionråd": the definite form is grammar, not the title.
    m = re.fullmatch(rf"([{_LOWER}-]+?)(rådet|ministern|chefen|direktören|strategen|ordföranden)", role)
    if m:
        base = {"rådet": "råd", "ministern": "minister", "chefen": "chef", "direktören": "direktör",
                "strategen": "strateg", "ordföranden": "ordförande"}[m.group(2)]  # fmt: skip
        role = m.group(1) + base
    return role


def _role_before(text: str, line_start: int, name_start: int) -> str | None:
    before = text[line_start:name_start].rstrip()
    words = before.split()
    # "Regionutvecklingsdirektör är Richard Widén."
    if len(words) >= 2 and words[-1].lower() in ("är", "var", "blir", "blev") and is_role_word(words[-2]):
        return _clean_role(words[-2].lower())
    for n in (3, 2, 1):
        if len(words) >= n and is_role_word(words[-1]):
            phrase = " ".join(words[-n:])
            if n > 1 and not all(w.islower() or is_role_word(w) for w in words[-n:]):
                continue
            if n > 1 and words[-n].lower() not in {
                "vice",
                "förste",
                "andre",
                "regional",
                "administrativ",
                "biträdande",
                "tillförordnad",
                "tf",
            }:
                continue
            return _clean_role(phrase)
    return None


def _role_after(rest: str) -> tuple[str | None, str | None]:
    """Role and organisation from the text right after a name: ", role, org" or " som är role på org"."""
    m = _ROLE_AFTER_IS.match(rest)
    if m:
        phrase = m.group(1) or m.group(2)
    elif rest.startswith((",", " (")):
        phrase = rest.lstrip(" ,(")
        phrase = re.split(r"[.;\n)]|\s(?:och|samt|säger|sa)\s", phrase, maxsplit=1)[0]
    else:
        phrase = ""
    if not phrase:
        return None, None
    orgs = _publisher_like(find_organisations(phrase))
    org = orgs[0][0] if orgs else None
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    role = None
    for part in parts:
        if find_organisations(part) and not any(is_role_word(w) for w in part.split()):
            continue
        if any(is_role_word(w) for w in part.split()) or part.split()[0].lower() in {"kontaktperson", "ansvarig"}:
            role = part
            break
    if role:
        # "FoUU-chef på Västra Götalandsregionen": the organisation is not part of the title.
        role = re.split(r"\s(?:på|vid|inom|hos)\s(?=[A-ZÅÄÖ])", role, maxsplit=1)[0]
        role = _ROLE_STOP.split(role, maxsplit=1)[0]
        for name, start, _ in find_organisations(role):
            if start > 0 and role[start - 1] == " " and not role[:start].rstrip().endswith(("för", "i", "vid")):
                role = role[:start].rstrip()
                org = org or name
                break
    elif parts and m:
        role = re.split(r"\s(?:på|vid|hos)\s(?=[A-ZÅÄÖ])", parts[0], maxsplit=1)[0]
        if len(role.split()) > 10:
            role = None
    return _clean_role(role) if role else None, org


def _heading_before(text: str, pos: int) -> str:
    """The nearest preceding short line (a heading in cleaned text)."""
    prev = text.rfind("\n\n", 0, pos)
    while prev > 0:
        start = text.rfind("\n\n", 0, prev)
        block = text[start + 2 if start >= 0 else 0 : prev]
        if "\n" not in block and len(block) < 60 and not block.endswith("."):
            return block
        if len(block) > 300:
            return ""
        prev = start
    return ""


def _in_contact_block(text: str, line_start: int, line_end: int) -> bool:
    """A short block of short lines where the name stands on a line of its own."""
    block_start = text.rfind("\n\n", 0, line_start)
    block_start = 0 if block_start < 0 else block_start + 2
    block_end = text.find("\n\n", line_end)
    block_end = len(text) if block_end < 0 else block_end
    lines = text[block_start:block_end].split("\n")
    return 2 <= len(lines) <= 6 and all(len(line) <= 90 for line in lines)


def _kind(text: str, name_start: int, name_end: int, line_start: int, line_end: int, s_start: int, s_end: int) -> str:
    line = text[line_start:line_end].lstrip("•▪*-– ")
    before_in_line = text[line_start:name_start]
    sentence = text[s_start:s_end]
    heading = _heading_before(text, line_start)
    if _CONTACT_CUE.match(line) or _CONTACT_VERB.search(before_in_line) or _CONTACT_HEADING.match(heading):
        return "contact"
    if _ANSWERS_QUESTIONS.search(sentence) or re.search(
        r"\bkontakta\b", sentence[: name_start - s_start], re.IGNORECASE
    ):
        return "contact"
    # "godkänd av generaldirektör Gunilla Nordlöf": a title may stand between cue and name.
    if _AUTHOR_CUE.search(before_in_line) or _AUTHOR_CUE.search(_strip_trailing_role(before_in_line)):
        return "author"
    if _PARTICIPANT_HEADING.match(heading) or _PARTICIPANT_HEADING.match(before_in_line.strip("-•* ")):
        return "participant"
    if line.strip() == text[name_start:name_end] and _in_contact_block(text, line_start, line_end):
        return "contact"
    if _PARTICIPANT_CUE.search(sentence):
        return "participant"
    return "mentioned"


def _strip_trailing_role(text: str) -> str:
    words = text.rstrip().split()
    while words and (is_role_word(words[-1]) or words[-1].lower() in {"vice", "förste", "andre", "tf"}):
        words.pop()
    return " ".join(words) + " " if words else ""


def _contact_block_role(text: str, line_end: int) -> str | None:
    """In a contact block the title stands on the line below the name."""
    start = line_end + 1
    if text[line_end : line_end + 2] == "\n\n":
        start = line_end + 2
    nxt_end = text.find("\n", start)
    nxt = text[start : len(text) if nxt_end < 0 else nxt_end].strip()
    if nxt and len(nxt) < 60 and any(is_role_word(w) for w in nxt.split()):
        return _clean_role(nxt)
    return None


def _publisher_like(orgs: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Organisations a person can act for: networks, programmes and parties are left out."""
    networks = organisation_list().networks
    return [o for o in orgs if o[0] not in networks]


def _organisation_near(text: str, end: int, next_name: int, s_start: int, start: int, s_end: int) -> str | None:
    """The organisation written after the name (before the next name), else the nearest before it."""
    after = _publisher_like(find_organisations(text[end : min(next_name, s_end)]))
    if after:
        return after[0][0]
    before = _publisher_like(find_organisations(text[s_start:start]))
    return before[-1][0] if before else None


def extract_people(text: str, default_organisation: str | None = None) -> list[PersonMention]:
    """Every person mention in a document's cleaned text, in order."""
    names = first_names()
    mentions: list[PersonMention] = []
    candidates: list[tuple[int, str]] = []
    for m in _NAME.finditer(text):
        found = _split_candidate(m.group(0))
        if found:
            candidates.append((m.start() + m.group(0).index(found), found))
    for index, (start, name) in enumerate(candidates):
        assert name is not None
        end = start + len(name)
        next_name_start = candidates[index + 1][0] if index + 1 < len(candidates) else len(text)
        line_start, line_end = _line_bounds(text, start)
        before = text[line_start:start]
        rest = text[end:line_end]
        party_m = _PARTY.match(rest)
        known_first = name.split()[0].lower() in names or name.split()[0].split("-")[0].lower() in names
        role_before = _role_before(text, line_start, start)
        strong_place = bool(
            _CONTACT_CUE.match(text[line_start:line_end].lstrip("•▪*-– "))
            or _AUTHOR_CUE.search(before)
            or role_before
            or party_m
        )
        if not known_first and not strong_place:
            continue
        if any(name.startswith(org) or org.startswith(name) for org, _, _ in find_organisations(name)):
            continue
        s_start, s_end = _sentence_bounds(text, start)
        kind = _kind(text, start, end, line_start, line_end, s_start, s_end)

        role, org = _role_after(rest[party_m.end() :] if party_m else rest)
        if role is None and role_before:
            role = role_before
        if role is None and kind == "contact" and text[line_start:line_end].strip() == name:
            role = _contact_block_role(text, line_end)
        if org is None:
            org = _organisation_near(text, end, next_name_start, s_start, start, s_end)
        if org is None and kind in ("contact", "author"):
            org = default_organisation
        line_text = text[line_start:line_end]
        email = _EMAIL.search(line_text)
        phone = _PHONE.search(line_text)
        evidence_start, evidence_end = (s_start, s_end)
        if kind == "contact" and _in_contact_block(text, line_start, line_end):
            # The whole block is the evidence: topic, name and title together.
            b = text.rfind("\n\n", 0, line_start)
            evidence_start = 0 if b < 0 else b + 2
            e = text.find("\n\n", line_end)
            evidence_end = len(text) if e < 0 else e
        mentions.append(
            PersonMention(
                name=name,
                kind=kind,
                role=role,
                organisation=org,
                party=party_m.group(1) if party_m else None,
                email=email.group(0) if email else None,
                phone=phone.group(0).strip() if phone else None,
                evidence=text[evidence_start:evidence_end].strip(),
                evidence_start=evidence_start,
                evidence_end=evidence_end,
                name_start=start,
            )
        )
    return mentions
