"""The Swedish dictionary's word forms as a lookup table, so a query never waits for Hunspell.

Indexing splits compounds with Hunspell's full analysis (`indexer.compounds`),
a few hundred distinct words a second, paid once per word. A query cannot
wait for that: one word the corpus lacks cost tens of milliseconds, and the
first one loaded the dictionary (seconds). So at set-up (`make install` runs
`python -m indexer.wordforms`, or on first use) every form the dictionary
generates (each listed word with its suffix rules applied, two levels deep,
and the prefix rules that combine with them) is hashed into a sorted array of
64-bit numbers in the model cache: about a million forms, 8 MB, memory-mapped.

At query time:
- `is_word` answers from the array, or, for a compound the dictionary does not
  list, from a split of the word into forms it does list;
- `split` gives such a compound's parts the way `indexer.compounds` gives
  them at indexing (the fewest, largest parts; a linking "s" dropped from a
  part that is not the last), for query words the corpus lacks. The corpus's
  own words are split by the index's saved splits, exactly as at indexing.

Hashes instead of strings: a Python set of the forms holds ~100 MB; two
different words sharing a 64-bit hash is about one chance in 10^7 here, and
its only effect would be a typing error left uncorrected.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from indexer.compounds import MIN_PART, MIN_PART_WHEN_UNSURE, _dictionary_path

log = logging.getLogger(__name__)

# Bump when the forms chosen below change, so cached tables are derived again.
_RECIPE = 3
#: Before a form that may begin or continue a compound, and one that may end it.
BEGINS, ENDS = "<", ">"
#: Most parts a query word is split into.
MAX_PARTS = 4


def _hash(word: str) -> np.uint64:
    return np.uint64(int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little"))


def table_path(cache_dir: Path) -> Path:
    version = metadata.version("hunspell-sv")
    return cache_dir / f"sv-wordforms-{version}-r{_RECIPE}.npy"


def derive_forms() -> set[str]:
    """Every lower-case form the dictionary generates from its listed words, with its place in compounds.

    A form that may stand alone is kept as it is; one that may begin or
    continue a compound (the dictionary's COMPOUNDBEGIN/COMPOUNDMIDDLE, with an
    ending only if the ending permits it: "försörjnings") also as `BEGINS` +
    form, and one that may end a compound (COMPOUNDEND) as `ENDS` + form.
    """
    from spylls.hunspell import Dictionary

    dictionary = Dictionary.from_files(str(_dictionary_path()))
    aff = dictionary.aff
    forbidden = {aff.FORBIDDENWORD} - {None}
    inside = {aff.ONLYINCOMPOUND} - {None}
    begins = {aff.COMPOUNDBEGIN, aff.COMPOUNDMIDDLE, aff.COMPOUNDFLAG} - {None}
    ends = {aff.COMPOUNDEND, aff.COMPOUNDFLAG} - {None}
    permit = {aff.COMPOUNDPERMITFLAG} - {None}
    forms: set[str] = set()

    def add(form: str, flags: set[str], *, alone: bool, suffixed: bool) -> None:
        form = form.lower()
        if not form.isalpha():
            return
        if alone and not flags & inside:
            forms.add(form)
        if flags & begins and (not suffixed or flags & permit):
            forms.add(BEGINS + form)
        if flags & ends:
            forms.add(ENDS + form)

    def suffixed(stem: str, flags: set[str], depth: int) -> list[tuple[str, set[str], bool]]:
        out = []
        for flag in flags:
            for rule in aff.SFX.get(flag, ()):
                if not rule.cond_regexp.search(stem):
                    continue
                form = (stem[: len(stem) - len(rule.strip)] if rule.strip else stem) + rule.add
                out.append((form, rule.flags, rule.crossproduct))
                if depth == 0 and rule.flags:
                    out.extend(suffixed(form, rule.flags, 1))
        return out

    def prefixed(form: str, flags: set[str]) -> list[str]:
        out = []
        for flag in flags:
            for rule in aff.PFX.get(flag, ()):
                if rule.crossproduct and rule.cond_regexp.search(form):
                    out.append(rule.add + form[len(rule.strip) :])
        return out

    for word in dictionary.dic.words:
        if word.flags & forbidden:
            continue
        alone = aff.NEEDAFFIX not in word.flags
        add(word.stem, word.flags, alone=alone, suffixed=False)
        for form, rule_flags, cross in suffixed(word.stem, word.flags, 0):
            # The stem's compound flags hold for its inflected forms; the ending's own flags add to them.
            flags = (word.flags - permit - inside) | rule_flags
            add(form, flags, alone=True, suffixed=True)
            for p in prefixed(form, word.flags) if cross else ():
                add(p, flags, alone=True, suffixed=True)
        for p in prefixed(word.stem, word.flags):
            add(p, word.flags, alone=alone, suffixed=False)
    return forms


def prepare_table(cache_dir: Path) -> Path:
    """Derive the table into `cache_dir` unless it is there; return its path."""
    path = table_path(cache_dir)
    if path.is_file():
        return path
    log.info("deriving the Swedish word-form table from hunspell-sv (once)")
    hashes = np.unique(np.fromiter((_hash(f) for f in derive_forms()), dtype=np.uint64))
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=".partial-wordforms-", suffix=".npy", dir=cache_dir)
    with os.fdopen(fd, "wb") as out:
        np.save(out, hashes, allow_pickle=False)
    os.chmod(partial, 0o644)
    os.replace(partial, path)
    return path


class WordForms:
    """The dictionary's forms, memory-mapped; `in` tells whether a lower-case word is one of them."""

    def __init__(self, path: Path) -> None:
        self._hashes = np.load(path, mmap_mode="r", allow_pickle=False)
        self.size = int(self._hashes.shape[0])

    def __contains__(self, word: str) -> bool:
        key = _hash(word)
        at = int(np.searchsorted(self._hashes, key))
        return at < self.size and self._hashes[at] == key

    @lru_cache(maxsize=65_536)  # noqa: B019 - one table per process, kept for its lifetime
    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a compound the dictionary does not list, or () for a listed word or no split."""
        # A listed word stays whole: without Hunspell's compounding rules its "parts" are often endings
        # ("kommun" + "erna"); the corpus's own listed compounds are split by the index's saved splits.
        if len(word) < 2 * MIN_PART or not word.isalpha() or not word.islower() or word in self:
            return ()
        return self._best_split(word, MIN_PART) or self._lenient_split(word)

    def _lenient_split(self, word: str) -> tuple[str, ...]:
        """A word on its own, then the longest word that may end a compound ("yrkesvux" + "utbildning").

        The dictionary lists some words whole without letting them begin a
        compound; as at indexing, parts here are at least `MIN_PART_WHEN_UNSURE` long.
        """
        for cut in range(MIN_PART_WHEN_UNSURE, len(word) - MIN_PART_WHEN_UNSURE + 1):
            head, tail = word[:cut], word[cut:]
            if ENDS + tail in self and (head in self or BEGINS + head in self):
                return (head, tail)
        return ()

    def _beginning(self, piece: str) -> str | None:
        """The dictionary word a non-final part stands for ("försörjnings" -> "försörjning"), if any."""
        if BEGINS + piece not in self:
            return None
        return piece[:-1] if piece.endswith("s") and piece[:-1] in self else piece

    def _best_split(self, word: str, shortest: int) -> tuple[str, ...]:
        n = len(word)
        # best[i]: the best parts for word[i:], as (number of parts, total length, parts).
        best: list[tuple[int, int, tuple[str, ...]] | None] = [None] * (n + 1)
        for start in range(n - shortest, -1, -1):
            tail = word[start:]
            found: tuple[int, int, tuple[str, ...]] | None = (
                (1, len(tail), (tail,)) if start > 0 and ENDS + tail in self else None
            )
            for cut in range(start + shortest, n - shortest + 1):
                rest = best[cut]
                if rest is None or rest[0] >= MAX_PARTS:
                    continue
                head = self._beginning(word[start:cut])
                if head is None or len(head) < shortest:
                    continue
                option = (rest[0] + 1, rest[1] + len(head), (head, *rest[2]))
                if found is None or option < found:
                    found = option
            best[start] = found
        whole = best[0]
        if whole is None or whole[0] < 2:
            return ()
        # Three or more short pieces are more often a name or a code cut up than a compound.
        return whole[2] if whole[0] == 2 or min(map(len, whole[2])) > MIN_PART else ()

    def is_word(self, word: str) -> bool:
        """Whether `word` (any case) is a dictionary form, or a compound of dictionary forms."""
        word = word.lower()
        if not word.isalpha() or word in self:
            return word.isalpha()
        # Only a compound the dictionary's rules allow: the lenient split would take "valdering" for "valde" + "ring".
        return len(word) >= 2 * MIN_PART and bool(self._best_split(word, MIN_PART))


def _default_cache() -> Path:
    from indexer.settings import resolve_settings

    return resolve_settings().model_cache


@cache
def word_forms() -> WordForms:
    """The table from the model cache, derived when missing (about half a minute)."""
    return WordForms(prepare_table(_default_cache()))


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = prepare_table(_default_cache())
    print(f"word forms: {WordForms(path).size} in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
