"""Marking the query's terms in a passage.

A word is marked when its stem is one of the query's stems, or when it is a
Swedish compound that starts with one ("kompetensförsörjningsarbetet" for
"kompetensförsörjning"). Spans are character offsets into the passage, so
the app can escape the text first and mark it afterwards.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from indexer.text import stem, tokenize

_WORD = re.compile(r"\w+", re.UNICODE)
_MIN_PREFIX = 5


def query_stems(query: str) -> set[str]:
    return set(tokenize(query))


@lru_cache(maxsize=256)
def _query_terms(query: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The query's stems, and those long enough to mark a compound they start (once per query, not per hit)."""
    stems = frozenset(query_stems(query))
    return stems, tuple(s for s in stems if len(s) >= _MIN_PREFIX)


# The same words recur passage after passage: each lower-cased word is stemmed once per process.
_stem = lru_cache(maxsize=1 << 16)(stem)


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    stems, long_stems = _query_terms(query)
    if not stems:
        return []
    spans = []
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        if _stem(word) in stems or (long_stems and word.startswith(long_stems)):
            spans.append((m.start(), m.end()))
    return spans


def mark_html(text: str, spans: list[tuple[int, int]], tag: str = "mark") -> str:
    """Escape `text` for HTML and wrap each span in <tag>; only our tags are raw."""
    out, pos = [], 0
    for start, end in spans:
        out.append(html.escape(text[pos:start]))
        out.append(f"<{tag}>{html.escape(text[start:end])}</{tag}>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def mark_plain(text: str, spans: list[tuple[int, int]], left: str = "**", right: str = "**") -> str:
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start] + left + text[start:end] + right)
        pos = end
    out.append(text[pos:])
    return "".join(out)
