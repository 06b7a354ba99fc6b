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
                page_text = page.extract_text() or ""
            except MemoryError:
                raise  # the worker reports it as "too large"
            except Exception as exc:  # noqa: BLE001 - one bad page must not lose the rest
                raise ExtractError(f"damaged PDF: page {number} cannot be read ({exc})") from exc
            page_text = page_text.replace("\r\n", "\n").replace("\r", "\n")
            for para in paragraphs(page_text):
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
