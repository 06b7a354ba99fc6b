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
