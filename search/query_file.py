"""The `--queries` file: one `{"qid": ..., "text": ...}` JSON object per line, read a line at a time.

A file of any length is read as its questions are answered, never held whole.
A line that is not a question is reported with its number and why, and the
lines after it are still read; a file that is not UTF-8 stops the reading,
since the lines after the first wrong byte are as suspect as that one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from indexer.errors import KBError

EXAMPLE = '{"qid": 1, "text": "vem ansvarar för kompetensplattformen?"}'


@dataclass(frozen=True)
class QueryLine:
    number: int  # the line in the file, from 1
    qid: Any = None
    text: str = ""
    problem: str | None = None  # why the line is not a question; None when it is one


def read_query_lines(f: BinaryIO, name: str) -> Iterator[QueryLine]:
    """The file's non-blank lines in order. Raises KBError when the file is not UTF-8."""
    for number, raw in enumerate(f, start=1):
        try:
            # utf-8-sig: a byte-order mark (some Windows editors write one) is not part of the first line.
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise KBError(
                f"{name} is not UTF-8 text (line {number}, byte 0x{raw[exc.start]:02x}): save it as UTF-8 and run again"
            ) from None
        if line.strip():
            yield parse_query_line(number, line)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def parse_query_line(number: int, line: str) -> QueryLine:
    """One line of the file: a question, or why it is none."""
    try:
        item = json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return QueryLine(number, problem=f"not JSON ({exc.msg} at column {exc.colno}); write {EXAMPLE}")
    except ValueError as exc:
        return QueryLine(number, problem=f"not JSON ({exc}); write {EXAMPLE}")
    if not isinstance(item, dict):
        return QueryLine(number, problem=f"not a JSON object; write {EXAMPLE}")
    qid, text = item.get("qid"), item.get("text")
    if not isinstance(text, str):
        found = f'"text" is {json.dumps(text, ensure_ascii=False)[:40]}' if "text" in item else 'no "text"'
        return QueryLine(number, qid, problem=f"{found}: the question must be a string, as in {EXAMPLE}")
    return QueryLine(number, qid, text)
