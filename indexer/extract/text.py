"""Plain text and Markdown readers."""

from __future__ import annotations

import re
from pathlib import Path

from indexer.extract.blocks import Block, Extracted, RawMetadata
from indexer.extract.decode import decode_text

_BLANK_LINES = re.compile(r"\n\s*\n")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(\S(?:.*?\S)?)\1")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text: str) -> list[str]:
    """Split on blank lines, keeping the line breaks inside a paragraph."""
    return [p.strip("\n") for p in _BLANK_LINES.split(text) if p.strip()]


def read_text_file(path: Path) -> Extracted:
    text = _normalise_newlines(decode_text(path.read_bytes(), path.name))
    return Extracted(blocks=[Block(p) for p in paragraphs(text)])


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` front matter; values are never evaluated."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[m.end() :]


def _plain_markdown(line: str) -> str:
    """Drop inline markup that the reader should not see: links, emphasis, code, hard-break marks.

    A table row "| a | b |" becomes "a | b", as tables read in the other formats.
    """
    if _MD_TABLE_ROW.match(line):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        line = " | ".join(c for c in cells if c)
    # A hard line break is two trailing spaces or a backslash; the line break itself stays.
    line = line.rstrip()
    line = line[:-1].rstrip() if line.endswith("\\") else line
    return _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", line))


def read_markdown_file(path: Path) -> Extracted:
    text = _normalise_newlines(decode_text(path.read_bytes(), path.name))
    fields, body = _front_matter(text)
    meta = RawMetadata(
        title=fields.get("title") or fields.get("titel"),
        published=fields.get("date") or fields.get("datum"),
        url=fields.get("url") or fields.get("source") or fields.get("källa"),
        author=fields.get("author") or fields.get("författare"),
    )
    blocks: list[Block] = []
    for para in paragraphs(body):
        # A heading line may sit directly above its first paragraph line.
        lines = para.split("\n")
        pending: list[str] = []
        for line in lines:
            m = _MD_HEADING.match(line)
            if m:
                if pending:
                    blocks.append(Block("\n".join(pending)))
                    pending = []
                blocks.append(Block(_plain_markdown(m.group(2)), kind="heading", level=len(m.group(1))))
            elif not _MD_TABLE_RULE.match(line):
                pending.append(_plain_markdown(line))
        if pending:
            blocks.append(Block("\n".join(pending)))
    return Extracted(blocks=blocks, meta=meta)
