"""Bytes to text for the plain-text formats.

Older Swedish files are often Windows-1252 (or Latin-1); newer ones UTF-8,
sometimes with a byte-order mark. UTF-8 is tried strictly first: a cp1252 file
with å/ä/ö is never valid UTF-8, so the order decides correctly.
"""

from __future__ import annotations

from indexer.extract import ExtractError

# Bytes that never appear in real text files; many of them mean "binary".
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))


def decode_text(data: bytes, name: str = "file") -> str:
    if not data.strip():
        raise ExtractError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _CONTROL for b in sample) > len(sample) * 0.05:
        raise ExtractError("binary content in a text file (wrong extension?)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; latin-1 maps every byte, so it is the fallback.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
