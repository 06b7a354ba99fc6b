"""Marking the query's terms in a passage.

A word is marked when its stem is one of the query's stems, or when it is a
Swedish compound that starts with one ("kompetensförsörjningsarbetet" for
"kompetensförsörjning"). Spans are character offsets into the passage, so
the app can escape the text first and mark it afterwards.
"""

from __future__ import annotations

import html
import re

from indexer.text import stem, tokenize

_WORD = re.compile(r"\w+", re.UNICODE)
_MIN_PREFIX = 5


def query_stems(query: str) -> set[str]:
    return set(tokenize(query))


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    stems = query_stems(query)
    if not stems:
        return []
    long_stems = [s for s in stems if len(s) >= _MIN_PREFIX]
    spans = []
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        if stem(word) in stems or any(word.startswith(s) for s in long_stems):
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
