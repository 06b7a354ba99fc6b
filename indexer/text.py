"""Text as both sides of the index see it: words, Swedish stems, folding, name keys.

The indexer tokenises passages with these functions and the searcher
tokenises queries with the same ones, so both agree on what a term is; a
person's name key is computed the same way when the catalogue is written and
when a query names someone.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"\w+(?:[-–]\w+)*", re.UNICODE)
_HYPHEN = re.compile(r"[-–]")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("swedish")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_SWEDISH

    return frozenset(STOPWORDS_SWEDISH)


def words(text: str) -> list[str]:
    """Lower-cased words, hyphenated compounds split into their parts too."""
    text = unicodedata.normalize("NFC", text).lower()
    out: list[str] = []
    for m in _WORD.finditer(text):
        out.extend(p for p in _HYPHEN.split(m.group(0)) if p)
    return out


def tokenize(text: str) -> list[str]:
    """Stemmed content words of `text`, for BM25 and for matching query terms."""
    stop = stopwords()
    kept = [w for w in words(text) if w not in stop and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(kept) if kept else []


# A term for a word with å/ä/ö folded away: a query typed without them ("kompetensforsorjning")
# meets the Swedish spelling, and an exact spelling still matches both terms and scores higher.
FOLDED_PREFIX = "~"


def _content_words(text: str) -> list[str]:
    stop = stopwords()
    return [w for w in words(text) if w not in stop and (len(w) > 1 or w.isdigit())]


def index_terms(text: str, parts: Callable[[str], list[str]] | None = None) -> list[str]:
    """The lexical index's terms for a passage: stems, folded stems where folding changes a word,
    and the stems of a compound's parts (`parts(word)`, e.g. "yrkesvuxutbildning" -> yrkesvux, utbildning)."""
    kept = _content_words(text)
    if not kept:
        return []
    stemmer = _stemmer()
    terms: list[str] = list(stemmer.stemWords(kept))
    for w in kept:
        folded = fold(w)
        if folded != w:
            terms.append(FOLDED_PREFIX + stemmer.stemWord(folded))
        if parts is not None:
            terms.extend(stemmer.stemWords(parts(w)))
    return terms


def query_terms(text: str, parts: Callable[[str], list[str]] | None = None) -> list[str]:
    """The terms a query looks up: its stems, every word's folded stem (as a folded term, and as the
    plain term a page written without å/ä/ö has), and the stems of compound parts."""
    whole, split = query_term_groups(text, parts)
    return whole + split


def query_term_groups(text: str, parts: Callable[[str], list[str]] | None = None) -> tuple[list[str], list[str]]:
    """`query_terms` in two groups: the terms of the words as typed (stems and folded stems), and the
    stems of their compound parts, which the lexical index may weigh lower."""
    kept = _content_words(text)
    if not kept:
        return [], []
    stemmer = _stemmer()
    whole: list[str] = list(stemmer.stemWords(kept))
    split: list[str] = []
    for w in kept:
        folded = stemmer.stemWord(fold(w))
        whole.append(FOLDED_PREFIX + folded)
        if fold(w) != w:
            whole.append(folded)  # pages written without å/ä/ö index the folded word as it is
        if parts is not None:
            split.extend(stemmer.stemWords(parts(w)))
    return whole, split


def stem(word: str) -> str:
    return str(_stemmer().stemWord(word.lower()))


def fold(text: str) -> str:
    """Lower case without diacritics, so "vastra" meets "Västra"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """The key two spellings of one name share: case, spacing, hyphen spacing and diacritics folded.

    "Åsa Lindström" and "Asa Lindstrom" (a page written without å/ä/ö) are one key.
    """
    return fold(" ".join(re.sub(r"\s*-\s*", "-", name).split()))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
