"""Word reader (python-docx): paragraphs with heading styles, tables, core properties."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from indexer.extract import ExtractError
from indexer.extract.blocks import Block, Extracted, RawMetadata, table_text

_HEADING_STYLE = re.compile(r"^(?:Heading|Rubrik)\s*(\d)", re.IGNORECASE)


def read_docx_file(path: Path) -> Extracted:
    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractError(f"damaged or not a Word .docx file: {exc}") from exc
    except MemoryError:
        raise  # the worker reports it as "too large"
    except Exception as exc:  # noqa: BLE001 - python-docx raises assorted errors
        raise ExtractError(f"cannot read Word file: {type(exc).__name__}: {exc}") from exc

    from docx.table import Table

    blocks: list[Block] = []
    # iter_inner_content keeps paragraphs and tables in document order.
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            # The whole table is one block, one row per line, as in the other readers.
            text = table_text([[c.text for c in row.cells] for row in item.rows])
            if text:
                blocks.append(Block(text))
            continue
        # A soft line break (Shift+Enter, <w:br/>) reads as "\n" and stays a line break.
        lines = [" ".join(line.split()) for line in item.text.replace("\r", "\n").split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            continue
        style = item.style.name if item.style is not None else ""
        m = _HEADING_STYLE.match(style or "")
        if m:
            blocks.append(Block(" ".join(text.split()), kind="heading", level=int(m.group(1))))
        elif style == "Title":
            blocks.append(Block(" ".join(text.split()), kind="heading", level=1))
        else:
            blocks.append(Block(text))

    props = document.core_properties
    meta = RawMetadata(
        title=(props.title or "").strip() or None,
        author=(props.author or "").strip() or None,
        published=props.created.date().isoformat() if props.created else None,
        updated=props.modified.date().isoformat() if props.modified else None,
        description=(props.subject or "").strip() or None,
    )
    return Extracted(blocks=blocks, meta=meta)
