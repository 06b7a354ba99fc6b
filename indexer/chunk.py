"""Chunking: passages that follow a document's headings and paragraphs.

Sizes are measured with the embedding model's own tokenizer (passed in as a
function), so no passage is ever cut off by the model's 512-token window.
Every passage is an exact span of the document's cleaned text, so its
character offsets always point at what was indexed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from indexer.extract.blocks import Block
from indexer.store.records import Passage

TokenCounter = Callable[[str], int]

MODEL_WINDOW = 512
# Room for <s>, </s> and the "passage: " prompt.
_RESERVED_TOKENS = 8
_SENTENCE = re.compile(r".+?(?:[.!?…]+(?=\s)|\n|$)", re.DOTALL)


@dataclass(frozen=True)
class ChunkSettings:
    # Chosen on the tuning mix of bench/fusion_study.py (lexical, reworded and everyday-words questions).
    # The best setting with 128-token passages without overlap scored a little higher there (0.922 against
    # 0.917 for 256/48), but a paired test over the tuning questions cannot tell the two apart (p = 0.27), and
    # 128/0 makes 1.8 times the passages to embed, store and search. Where the questions cannot tell, the
    # cheaper setting is kept. See bench/RESULTS.md, "Passage size, compound-part weight and fusion weight".
    max_tokens: int = 256
    overlap_tokens: int = 48


@dataclass
class _Section:
    heading_path: list[str]
    spans: list[tuple[int, int, int | None]]  # paragraph spans in doc text, with page


def document_text(blocks: list[Block]) -> tuple[str, list[tuple[int, int]]]:
    """The cleaned text a document's offsets refer to, with each block's span."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for block in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block.text)
        spans.append((pos, pos + len(block.text)))
        pos += len(block.text)
    return "".join(parts), spans


def _sections(blocks: list[Block], spans: list[tuple[int, int]]) -> list[_Section]:
    sections: list[_Section] = []
    stack: list[tuple[int, str]] = []
    current = _Section([], [])
    for block, (start, end) in zip(blocks, spans, strict=True):
        if block.kind == "heading":
            if current.spans:
                sections.append(current)
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text))
            current = _Section([h for _, h in stack], [])
        else:
            current.spans.append((start, end, block.page))
    if current.spans:
        sections.append(current)
    return sections


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out or [(start, end)]


def _word_spans(text: str, start: int, end: int, budget: int, count: TokenCounter) -> list[tuple[int, int]]:
    """Cut one over-long sentence at word boundaries."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    out: list[tuple[int, int]] = []
    first = 0
    while first < len(words):
        last = first
        while last + 1 < len(words):
            piece = text[start + words[first][0] : start + words[last + 1][1]]
            if count(piece) > budget:
                break
            last += 1
        out.append((start + words[first][0], start + words[last][1]))
        first = last + 1
    return out


def chunk_document(
    doc_id: str,
    title: str,
    blocks: list[Block],
    count_tokens: TokenCounter,
    settings: ChunkSettings = ChunkSettings(),
) -> list[Passage]:
    text, spans = document_text(blocks)
    passages: list[Passage] = []
    for section in _sections(blocks, spans):
        context = " / ".join([title] + [h for h in section.heading_path if h != title])
        budget = min(settings.max_tokens, MODEL_WINDOW - _RESERVED_TOKENS - count_tokens(context) - 1)
        budget = max(budget, 32)
        # Units: sentences (or word runs), each small enough to fit alone.
        units: list[tuple[int, int, int | None, bool]] = []  # start, end, page, starts paragraph
        for p_start, p_end, page in section.spans:
            first = True
            for s, e in _sentence_spans(text, p_start, p_end):
                pieces = (
                    [(s, e)] if count_tokens(text[s:e]) <= budget else _word_spans(text, s, e, budget, count_tokens)
                )
                for ps, pe in pieces:
                    units.append((ps, pe, page, first))
                    first = False
        costs = [count_tokens(text[s:e]) for s, e, _, _ in units]

        i = 0
        while i < len(units):
            j, used = i, 0
            while j < len(units) and used + costs[j] <= budget:
                used += costs[j]
                j += 1
            j = max(j, i + 1)
            start, end = units[i][0], units[j - 1][1]
            passages.append(
                Passage(
                    passage_id=f"{doc_id}:{len(passages)}",
                    doc_id=doc_id,
                    ordinal=len(passages),
                    text=text[start:end],
                    heading_path=section.heading_path,
                    page=units[i][2],
                    char_start=start,
                    char_end=end,
                )
            )
            if j >= len(units):
                break
            # Step back over whole sentences for the overlap, unless the next unit opens a paragraph.
            back, k = 0, j
            while k - 1 > i and not units[k][3] and back + costs[k - 1] <= settings.overlap_tokens:
                k -= 1
                back += costs[k]
            i = k
    return passages
