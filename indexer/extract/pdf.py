"""PDF reader (pypdf): text per page, with page numbers and document info."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from indexer.extract import ExtractError
from indexer.extract.blocks import Block, Extracted, RawMetadata
from indexer.extract.text import paragraphs

# Scanned pages carry at most a few stray characters of text.
_MIN_TEXT_CHARS = 20
_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})?(\d{2})?")
# In pypdf's layout text, a run of this many spaces inside a line separates columns.
_COLUMN_GAP = re.compile(r" {6,}")
# Longer side-by-side runs with short cells are a table: kept as rows, cells joined by " | ".
_MAX_COLUMN_LINES_AS_BOX = 6
_MAX_TABLE_CELL_CHARS = 40


def _segments(line: str) -> list[tuple[int, str]]:
    """(start column, text) of the parts of a layout line that stand apart."""
    out: list[tuple[int, str]] = []
    pos = 0
    for part in _COLUMN_GAP.split(line):
        start = line.index(part, pos) if part else pos
        pos = start + len(part)
        if part.strip():
            out.append((start + len(part) - len(part.lstrip()), " ".join(part.split())))
    return out


def _is_table_run(run: list[list[tuple[int, str]]]) -> bool:
    """Side-by-side parts that are a table's rows, not boxes standing side by side.

    Boxes side by side (two contacts in a footer) are two, and each opens with
    a person's name; three or more parts, a long run, or a first row that is
    not names (a header: "Namn", "Roll") make a table.
    """
    from indexer.extract.contacts import is_name_line

    if len(run[0]) >= 3 or len(run) > _MAX_COLUMN_LINES_AS_BOX:
        return True
    return not all(is_name_line(text) for _, text in run[0])


def layout_paragraphs(layout: str) -> list[str]:
    """A page's text from pypdf's layout mode, with side-by-side columns kept apart.

    Single-column lines run on as in plain extraction (no blank lines; cleaning
    unwraps them). A run of lines split into the same number of side-by-side
    parts is read column by column, each column its own paragraph (two
    contacts in a footer: name, title, e-mail each), unless it is long and
    its cells short, when it is a table kept row by row.
    """
    lines = [_segments(line) for line in layout.split("\n")]
    lines = [segs for segs in lines if segs]
    out: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(lines):
        if len(lines[i]) < 2:
            current.append(lines[i][0][1])
            i += 1
            continue
        j = i
        while j < len(lines) and len(lines[j]) == len(lines[i]):
            j += 1
        run = lines[i:j]
        if current:
            out.append("\n".join(current))
            current = []
        cells = [text for segs in run for _, text in segs]
        if max(map(len, cells)) <= _MAX_TABLE_CELL_CHARS and _is_table_run(run):
            out.append("\n".join(" | ".join(text for _, text in segs) for segs in run))
        else:
            out.extend("\n".join(segs[k][1] for segs in run) for k in range(len(run[0])))
        i = j
    if current:
        out.append("\n".join(current))
    return out


def _page_paragraphs(page: object) -> list[str]:
    try:
        layout = page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - layout mode fails on some pages that plain mode reads
        plain = page.extract_text() or ""  # type: ignore[attr-defined]
        return paragraphs(plain.replace("\r\n", "\n").replace("\r", "\n"))
    return layout_paragraphs(layout.replace("\r\n", "\n").replace("\r", "\n"))


def _pdf_date(value: object) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    m = _PDF_DATE.match(str(value or ""))
    if not m:
        return None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    return f"{year}-{month}-{day}"


def _info_text(info: object, key: str) -> str | None:
    try:
        value = info.get(key) if info is not None else None  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - broken info dictionaries are common
        return None
    text = str(value).strip() if value is not None else ""
    return text or None


def read_pdf_file(path: Path) -> Extracted:
    # Imported here so that the other formats work without pypdf installed.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            # Many "encrypted" PDFs only restrict printing and open with an empty password.
            try:
                if not reader.decrypt(""):
                    raise ExtractError("encrypted PDF: a password is needed to read it")
            except (FileNotDecryptedError, NotImplementedError) as exc:
                raise ExtractError(f"encrypted PDF: {exc}") from exc
        blocks: list[Block] = []
        text_chars = 0
        n_pages = len(reader.pages)
        for number, page in enumerate(reader.pages, start=1):
            try:
                page_paragraphs = _page_paragraphs(page)
            except MemoryError:
                raise  # the worker reports it as "too large"
            except Exception as exc:  # noqa: BLE001 - one bad page must not lose the rest
                raise ExtractError(f"damaged PDF: page {number} cannot be read ({exc})") from exc
            for para in page_paragraphs:
                blocks.append(Block(para, page=number))
                text_chars += len(para.strip())
        info = None
        try:
            info = reader.metadata
        except Exception:  # noqa: BLE001
            info = None
    except (ExtractError, MemoryError):
        raise
    except DependencyError as exc:
        raise ExtractError(f"encrypted PDF (AES): reading it needs the `cryptography` package ({exc})") from exc
    except (PdfReadError, FileNotDecryptedError) as exc:
        raise ExtractError(f"damaged PDF: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        raise ExtractError(f"damaged PDF: {type(exc).__name__}: {exc}") from exc
    if text_chars < _MIN_TEXT_CHARS:
        raise ExtractError("no text layer in PDF (scanned pages need OCR first)")
    meta = RawMetadata(
        title=_info_text(info, "/Title"),
        author=_info_text(info, "/Author"),
        published=_pdf_date(_info_text(info, "/CreationDate")),
        updated=_pdf_date(_info_text(info, "/ModDate")),
        description=_info_text(info, "/Subject"),
    )
    return Extracted(blocks=blocks, meta=meta, pages=n_pages)
