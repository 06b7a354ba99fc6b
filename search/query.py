"""A query as people type it, read against the index's own vocabulary.

Two repairs, both from the words the indexed passages actually contain
(`vocabulary.tsv` beside the BM25 index), so nothing is guessed from outside
the corpus:

- å/ä/ö restored: "kompetensforsorjning i orebro" becomes
  "kompetensförsörjning i örebro" when the corpus writes it so. The lexical
  side would match the folded spelling anyway (it indexes folded terms); the
  dense side reads the restored words, which the model knows far better.
- typing errors corrected: a word the corpus does not have ("kompetensförsörjnig")
  becomes its nearest corpus word by edit distance (rapidfuzz), at most one
  edit for short words and two for long ones, preferring the more frequent
  word. The answer says so ("Menade du ...").

Words written with a capital letter are taken as names and left alone, as
are numbers, codes and short words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_CORRECTED_LENGTH = 4


@dataclass
class QueryRepair:
    """The query as typed, the query searched, and the words changed on the way."""

    typed: str
    searched: str
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed word, corpus word)
    restored: list[tuple[str, str]] = field(default_factory=list)  # å/ä/ö put back

    @property
    def did_you_mean(self) -> str | None:
        """The corrected query, when a typing error was corrected (restored å/ä/ö alone is no question)."""
        return self.searched if self.corrections else None


class Vocabulary:
    """The corpus's words with their counts, and what repairing a query needs from them."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._by_folded: dict[str, str] = {}
        for word, count in counts.items():
            key = fold(word)
            best = self._by_folded.get(key)
            if best is None or count > counts[best]:
                self._by_folded[key] = word
        self._nearest: dict[str, str | None] = {}
        self._buckets: dict[tuple[str, int], list[str]] = {}
        for key in self._by_folded:
            self._buckets.setdefault((key[:1], len(key)), []).append(key)

    def __bool__(self) -> bool:
        return bool(self.counts)

    def restore(self, word: str) -> str | None:
        """The corpus spelling of a word typed without å/ä/ö, if the corpus has one.

        A folded spelling the corpus also holds ("for" beside "för") gives way
        to a spelling at least five times as frequent.
        """
        found = self._by_folded.get(fold(word))
        if not found or found == word:
            return None
        if word in self.counts and self.counts[found] < 5 * self.counts[word]:
            return None
        return found

    def nearest(self, word: str) -> str | None:
        """The corpus word nearest to a word the corpus lacks, within the allowed edits."""
        if word not in self._nearest:
            if len(self._nearest) > 4096:
                self._nearest.clear()
            self._nearest[word] = self._find_nearest(word)
        return self._nearest[word]

    def _find_nearest(self, word: str) -> str | None:
        from rapidfuzz.distance import Levenshtein

        key = fold(word)
        limit = 1 if len(key) < 8 else 2
        best: tuple[int, int, str] | None = None
        # Same first letter (typing errors rarely hit it) and a length within the allowed edits.
        for length in range(len(key) - limit, len(key) + limit + 1):
            for candidate in self._buckets.get((key[:1], length), ()):
                distance = Levenshtein.distance(key, candidate, score_cutoff=limit)
                if distance > limit:
                    continue
                corpus_word = self._by_folded[candidate]
                rank = (distance, -self.counts[corpus_word], corpus_word)
                if best is None or rank < best:
                    best = rank
        return best[2] if best else None


def _dictionary() -> Callable[[str], bool] | None:
    """The Swedish dictionary's word check, or None where it is not installed (the corpus alone decides).

    A table lookup (`indexer.wordforms`): no Hunspell work while a query waits.
    """
    try:
        from indexer.wordforms import word_forms

        return word_forms().is_word
    except Exception:  # noqa: BLE001 - without the dictionary only the corpus vocabulary repairs queries
        return None


_FOLDS = {"a": "aåä", "o": "oö"}
MAX_VARIANTS = 64


def _with_diacritics(word: str, is_word: Callable[[str], bool]) -> str | None:
    """The dictionary word that `word` is with å/ä/ö put back ("holls" -> "hölls"), fewest changes first."""
    slots = [i for i, ch in enumerate(word) if ch in _FOLDS]
    if not slots:
        return None
    variants = [""]
    for ch in word:
        variants = [v + c for v in variants for c in _FOLDS.get(ch, ch)]
        if len(variants) > MAX_VARIANTS:
            return None
    for variant in sorted(variants, key=lambda v: sum(a != b for a, b in zip(v, word, strict=True))):
        if variant != word and is_word(variant):
            return variant
    return None


def _same_case(word: str, typed: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def repair_query(query: str, vocabulary: Vocabulary) -> QueryRepair:
    """The query with å/ä/ö restored and typing errors corrected from the corpus vocabulary.

    å/ä/ö come back from the corpus (its most frequent spelling of the folded
    word) or, for words the corpus lacks, from the Swedish dictionary. A word
    is corrected as a typing error only when neither the corpus nor the
    dictionary knows it, and it is not capitalised (a name).
    """
    if not vocabulary:
        return QueryRepair(query, query)
    is_word = _dictionary()
    # A query that writes å/ä/ö somewhere was not typed without them: no dictionary search for lost ones.
    typed_folded = not any(ch in "åäöÅÄÖ" for ch in query)
    corrections: list[tuple[str, str]] = []
    restored: list[tuple[str, str]] = []

    def replace(m: re.Match[str]) -> str:
        typed = m.group(0)
        word = typed.lower()
        if not word.isalpha():
            return typed
        back = vocabulary.restore(word)
        if back is None and typed_folded and word not in vocabulary.counts and is_word is not None:
            back = None if is_word(word) else _with_diacritics(word, is_word)
        if back:
            restored.append((typed, _same_case(back, typed)))
            return _same_case(back, typed)
        if word in vocabulary.counts or typed[:1].isupper() or len(word) < MIN_CORRECTED_LENGTH:
            return typed
        if is_word is not None and is_word(word):
            return typed  # a real word the corpus happens not to use
        near = vocabulary.nearest(word)
        if near:
            corrections.append((typed, near))
            return near
        return typed

    searched = _WORD.sub(replace, query)
    return QueryRepair(query, searched, corrections, restored)
