"""Person names: which runs of capitalised words are a person's name.

Three signals decide, strongest last: the name lexicon (first names and
surnames from maintained name data, see `lexicon`), the shape of the words,
and the place the words stand in (a name line in a contact block, a table's
name column, after "Kontakt:" or a title), which the caller passes in.

Names are found however they are printed: with or without å/ä/ö (the lexicon
is folded), in capitals ("ANNA BERG"), with initials ("Karin M. Sjöberg"),
hyphenated or run together ("Ann-Sofie", "EvaLotta"), with particles
("Ulla af Trolle") and with double surnames ("Maria Ljung Westin").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from indexer.organisations import organisation_list
from indexer.people.lexicon import name_lexicon
from indexer.resources import resource_rows
from indexer.text import fold

UPPER = "A-ZÅÄÖÉÈÜÆØÇŠŽĆČÁÍÓÚÑ"
LOWER = "a-zåäöéèüæøçšžćčáíóúñëïâêîôûãõ'’"
_CAPITALISED = rf"[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)?"
_CAPITALS = rf"[{UPPER}]{{2,}}"
_WORD = rf"(?:{_CAPITALISED}|{_CAPITALS})(?:-(?:{_CAPITALISED}|{_CAPITALS}|[{LOWER}]+))*"
_INITIAL = rf"[{UPPER}]\."


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    return frozenset(w for row in resource_rows("name_particles.txt") for field in row for w in field.split())


@lru_cache(maxsize=1)
def _name_run() -> re.Pattern[str]:
    particle = "(?:" + "|".join(sorted(particles(), key=len, reverse=True)) + ")"
    token = rf"(?:{_WORD}|{_INITIAL})"
    # Names never span lines: in a contact block the name line sits between topic and title.
    return re.compile(rf"(?<![\w.-]){token}(?:[ \t]+(?:{particle}[ \t]+)*{token}){{1,5}}(?![\w-])")


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Folded words that never belong to a name: document vocabulary, months, days, organisation words."""
    from babel.dates import get_day_names, get_month_names

    words = {
        fold(w)
        for row in resource_rows("not_name_words.txt")
        if not row[0].startswith("SUFFIXES:")
        for field in row
        for w in field.split()
    }
    # Full names only: abbreviations ("jan", "mar") are first names too.
    words.update(fold(n) for n in get_month_names("wide", locale="sv").values())
    words.update(fold(n) for n in get_day_names("wide", locale="sv").values())
    for alias in organisation_list().aliases:
        words.update(fold(w) for w in alias.split() if w[:1].isupper())
    return frozenset(words)


@lru_cache(maxsize=1)
def place_suffixes() -> tuple[str, ...]:
    for row in resource_rows("not_name_words.txt"):
        if row[0].startswith("SUFFIXES:"):
            return tuple(fold(w) for w in row[0].split(":", 1)[1].split())
    return ()


def is_place_word(word: str) -> bool:
    """A street, square or building ("Eriksonsplatsen", "Stadshotellet")."""
    key = fold(word)
    return len(key) > 6 and key.endswith(place_suffixes())


def is_first_name(word: str) -> bool:
    first, _ = name_lexicon()
    key = fold(word)
    if key in not_name_words():
        return False
    return key in first or (("-" in key) and key.split("-")[0] in first)


def is_surname(word: str) -> bool:
    _, last = name_lexicon()
    key = fold(word)
    return key not in not_name_words() and (key in last or key.split("-")[-1] in last)


def display_name(name: str) -> str:
    """A name printed in capitals, in ordinary case ("ANNA BERG" -> "Anna Berg"); others as written."""
    return " ".join(
        "-".join(part.capitalize() for part in w.split("-")) if len(w) > 1 and w.isupper() else w for w in name.split()
    )


@dataclass(frozen=True)
class NameCandidate:
    """A run of words that may be a person's name, trimmed to the name in it."""

    text: str
    start: int
    known_first: bool  # starts with a first name from the lexicon
    known_last: bool  # ends with a surname from the lexicon

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _is_word_token(tok: str) -> bool:
    return not (len(tok) == 2 and tok.endswith("."))


def _trim(tokens: list[str], is_blocked: Callable[[str], bool]) -> list[str]:
    """Drop leading words before the first first name, and trailing words that cannot be in a name."""
    for i, tok in enumerate(tokens[:-1]):
        if _is_word_token(tok) and is_first_name(tok):
            tokens = tokens[i:]
            break
    kept: list[str] = []
    for tok in tokens:
        if is_blocked(tok):
            break
        kept.append(tok)
    while kept and (kept[-1] in particles() or not _is_word_token(kept[-1])):
        kept.pop()
    # A run that starts with blocked words ("Region Skåne Anna Berg") keeps the name after them.
    if not kept:
        for i, tok in enumerate(tokens):
            if not is_blocked(tok):
                rest = _trim(tokens[i:], is_blocked) if i else []
                return rest
    return kept


def _split_pairs(tokens: list[str]) -> list[list[str]]:
    """Two names side by side on one line ("Anna Berg Per Ek", a two-column footer) are two names.

    Four words or more that start with a first name, where the third (or
    fourth) word is a first name too, are read as two names: names of four
    words without a particle are rare, two contacts printed side by side are not.
    """
    if len(tokens) < 4 or not is_first_name(tokens[0]):
        return [tokens]
    for i in (2, 3):
        if (
            len(tokens) - i >= 2
            and _is_word_token(tokens[i])
            and is_first_name(tokens[i])
            and tokens[i - 1] not in particles()
            and _is_word_token(tokens[i - 1])
        ):
            return [tokens[:i], *_split_pairs(tokens[i:])]
    return [tokens]


def find_candidates(text: str, is_blocked: Callable[[str], bool]) -> list[NameCandidate]:
    """Every run of name-shaped words in `text`, trimmed; `is_blocked(word)` says a word cannot be in a name."""
    found: list[NameCandidate] = []
    for m in _name_run().finditer(text):
        run = m.group(0)
        tokens = run.split()
        kept = _trim(tokens, is_blocked)
        for part in _split_pairs(kept) if len(kept) >= 4 else [kept]:
            if len(part) < 2 or len(part) > 5 or not any(_is_word_token(t) for t in part[1:]):
                continue
            if sum(1 for t in part if _is_word_token(t) and t not in particles()) > 4:
                continue
            name = _join(part, run)
            offset = run.find(name)
            if offset < 0:
                continue
            found.append(
                NameCandidate(
                    text=name,
                    start=m.start() + offset,
                    known_first=_is_word_token(part[0]) and is_first_name(part[0]),
                    known_last=is_surname(part[-1]),
                )
            )
    return found


def _join(tokens: list[str], run: str) -> str:
    """The tokens as they stand in `run` (keeping the original spacing between them)."""
    pattern = r"[ \t]+".join(re.escape(t) for t in tokens)
    m = re.search(pattern, run)
    return m.group(0) if m else " ".join(tokens)
