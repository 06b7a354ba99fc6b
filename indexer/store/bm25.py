"""The lexical index of a generation: BM25 over Swedish stems (bm25s), in `bm25/`.

Passages are turned into terms with `indexer.text.index_terms` when the
index is built and queries with `indexer.text.query_terms` when it is
searched: stems, folded stems (for queries typed without å/ä/ö) and the
stems of compound parts. Beside the index lies the corpus vocabulary, the
passages' words with their counts (`vocabulary.tsv`), which the searcher
uses to restore å/ä/ö and correct typing errors in a query.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.text import index_terms, query_term_groups, words

if TYPE_CHECKING:
    import numpy as np

BM25_DIR = "bm25"
VOCABULARY_FILE = "vocabulary.tsv"
SPLITS_FILE = "splits.tsv"
# In the data folder's cache, beside the vector cache: compound splits kept between runs.
COMPOUND_SPLITS_FILE = "compound-splits.tsv"
# The token of a passage that has no content words: bm25s needs at least one per document.
_EMPTY = "\u2205"
# What a query's compound parts weigh against its words as typed (1.0: the same). Weights 0-1 were
# tried on the tuning halves of the retrieval sets (bench/fusion_study.py --part-weights, bench/RESULTS.md):
# none differed from 1.0 by more than the questions can tell from chance, so parts weigh the same.
PART_WEIGHT = 1.0


_UNAVAILABLE = "compound splitting is unavailable (%s); indexing whole words only"


class _SplitterFailed(Exception):
    """The compound splitter failed on a word (its dictionary would not load): index whole words only."""


def _compound_parts() -> Callable[[str], list[str]] | None:
    """The compound splitter, or None where its lexicon is not installed or KB_COMPOUNDS=0 turns it off.

    The dictionary itself loads (a few seconds) when the first word not in the
    saved splits needs it; should it fail then, `build_bm25` indexes whole words.
    """
    if os.environ.get("KB_COMPOUNDS", "").strip() == "0":
        return None
    try:
        from indexer.compounds import check_installed, split_compound

        check_installed()
    except Exception as exc:  # noqa: BLE001 - an index without parts still works; the log says why
        logging.getLogger(__name__).warning(_UNAVAILABLE, exc)
        return None
    return split_compound


def _guarded(split: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    def parts(word: str) -> list[str]:
        try:
            return split(word)
        except Exception as exc:  # noqa: BLE001 - told and handled by build_bm25
            raise _SplitterFailed(str(exc)) from exc

    return parts


def build_bm25(
    texts: list[str], folder: Path, k1: float = 1.2, b: float = 0.75, saved_splits: Path | None = None
) -> None:
    """Index `texts` (one per passage, in row order) and save under `folder`, with the vocabulary.

    `saved_splits` is a file that keeps compound splits between runs, so that
    a reindex analyses only the words it has not met before.
    """
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    parts = _compound_parts()
    saved = None
    if parts is not None and saved_splits is not None:
        from indexer.compounds import SavedSplits

        saved = SavedSplits(saved_splits)
        parts = saved

    def tokenise(split: Callable[[str], list[str]] | None) -> list[list[str]]:
        # A passage text met again (a page saved twice, a repeated contact block) is analysed once.
        analysed: dict[str, list[str]] = {}
        return [analysed.get(t) or analysed.setdefault(t, index_terms(t, split) or [_EMPTY]) for t in texts]

    counts = Counter(w for t in texts for w in words(t) if w.isalpha())
    # The corpus words' splits travel with the index: a query word the corpus has is split by lookup.
    word_parts: dict[str, list[str]] | None = None
    try:
        guarded = None if parts is None else _guarded(parts)
        tokens = tokenise(guarded)
        if guarded is not None:
            word_parts = {word: guarded(word) for word in counts}
    except _SplitterFailed as exc:
        logging.getLogger(__name__).warning(_UNAVAILABLE, exc)
        saved, word_parts = None, None
        tokens = tokenise(None)
    if saved is not None:  # after every split this index needs, so that the next run finds them all
        try:
            saved.save()
        except OSError as exc:
            logging.getLogger(__name__).warning("could not save compound splits to %s: %s", saved_splits, exc)
    retriever = bm25s.BM25(k1=k1, b=b)
    retriever.index(tokens, show_progress=False)
    retriever.save(str(folder), allow_pickle=False)
    with open(folder / VOCABULARY_FILE, "w", encoding="utf-8") as out:
        for word, count in counts.most_common():
            out.write(f"{word}\t{count}\n")
    if word_parts is not None:
        with open(folder / SPLITS_FILE, "w", encoding="utf-8") as out:
            for word, split in word_parts.items():
                out.write(f"{word}\t{' '.join(split)}\n")


def read_vocabulary(folder: Path) -> dict[str, int]:
    """The corpus words and their counts; empty for an index written before the vocabulary was kept."""
    path = folder / VOCABULARY_FILE
    if not path.is_file():
        return {}
    vocabulary: dict[str, int] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            word, _, count = line.rstrip("\n").partition("\t")
            if word and count.isdigit():
                vocabulary[word] = int(count)
    return vocabulary


def _query_parts() -> Callable[[str], list[str]] | None:
    """The splitter for query words the corpus lacks: the word-form table, no Hunspell work while a query waits."""
    if os.environ.get("KB_COMPOUNDS", "").strip() == "0":
        return None
    try:
        from indexer.wordforms import word_forms

        forms = word_forms()
    except Exception:  # noqa: BLE001 - the corpus's own words are still split by the saved splits
        logging.getLogger(__name__).warning(
            "the word-form table is unavailable; query words the corpus lacks stay whole"
        )
        return None
    return lambda word: list(forms.split(word))


def _known_splits(folder: Path, split: Callable[[str], list[str]] | None) -> Callable[[str], list[str]] | None:
    """The splitter, answering the corpus's own words from the index's splits file (no dictionary work)."""
    path = folder / SPLITS_FILE
    if split is None and not path.is_file():
        return None
    known: dict[str, list[str]] = {}
    if path.is_file():
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                word, _, parts = line.rstrip("\n").partition("\t")
                if word:
                    known[word] = parts.split()

    def parts_of(word: str) -> list[str]:
        found = known.get(word)
        if found is not None:
            return list(found)
        return split(word) if split is not None else []

    return parts_of


class BM25Index:
    """A saved BM25 index, read-only; scores every passage for a query."""

    def __init__(self, folder: Path) -> None:
        import bm25s

        # Memory-mapped: opening reads the vocabulary, not the postings; a query reads its terms' postings.
        self._retriever = bm25s.BM25.load(str(folder), allow_pickle=False, mmap=True)
        self.size = int(self._retriever.scores["num_docs"])
        self.vocabulary = read_vocabulary(folder)
        self._parts = _known_splits(folder, _query_parts())
        self.part_weight = PART_WEIGHT

    def terms(self, query: str) -> list[str]:
        """The query's terms that the index holds."""
        whole, split = self.term_groups(query)
        return whole + split

    def term_groups(self, query: str) -> tuple[list[str], list[str]]:
        """The query's terms that the index holds: of its words as typed, and of their compound parts."""
        vocab = self._retriever.vocab_dict
        whole, split = query_term_groups(query, self._parts)
        return [t for t in whole if t in vocab], [t for t in split if t in vocab]

    def scores(self, query: str) -> np.ndarray:
        # Imported here, not with the module: a reindex where nothing changed imports this
        # module for BM25_DIR alone (`indexer.store.integrity`), and must not wait for numpy.
        import numpy as np

        whole, split = self.term_groups(query)
        if not whole and not split:
            return np.zeros(self.size, dtype=np.float32)
        if not split or self.part_weight == 1.0:
            return np.asarray(self._retriever.get_scores(whole + split), dtype=np.float32)
        # bm25s sums its terms' scores: the parts' sum, weighed down, is added to the words'.
        scores = self._retriever.get_scores(whole) if whole else np.zeros(self.size, dtype=np.float32)
        return np.asarray(scores + self.part_weight * self._retriever.get_scores(split), dtype=np.float32)
