"""Shared by the tests: documents written to temp folders, and the two commands run in-process."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tests.fakes import FakeEmbedder

if TYPE_CHECKING:
    from indexer.model.embedder import TextEmbedder

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "000_0f7b872b2b1ede83.txt"


def write_corpus(root: Path, docs: dict[str, str]) -> Path:
    """Write `docs` ({relative path: text}) under `root`; returns `root`."""
    for rel, text in docs.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@dataclass
class CliRun:
    """What a command printed and returned, as `subprocess.run(..., capture_output=True)` gives it."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_cli(
    module: str,
    *args: str,
    env_extra: dict[str, str] | None = None,
    embedder: TextEmbedder | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> CliRun:
    """`python -m indexer|search ARGS` run in this process, with the fake model unless `embedder` is given.

    The settings name the embedder's model (KB_MODEL, unless `env_extra` sets it), as a
    job requires; `env_extra` holds other KB_* variables for the one run.
    """
    model = embedder or FakeEmbedder()
    out, err = io.StringIO(), io.StringIO()
    with (
        _environ({"KB_MODEL": model.model_id, **(env_extra or {})}),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        if module == "indexer":
            from indexer.cli import main as indexer_main

            code = indexer_main(list(args), embedder_factory=lambda: model, on_stage=on_stage)
        elif module == "search":
            from search.cli import main as search_main

            code = search_main(list(args), embedder=model)
        else:
            raise ValueError(f"unknown command module {module!r}")
    return CliRun(code, out.getvalue(), err.getvalue())


def make_pdf(path: Path, pages: list[list[str]], title: str | None = None, author: str | None = None) -> Path:
    """A real PDF with one or more paragraphs per page and a page-number footer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(auto=False)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for number, paragraphs in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.set_y(20)
        for para in paragraphs:
            pdf.multi_cell(0, 6, para)
            pdf.ln(4)
        pdf.set_y(-15)
        pdf.cell(0, 10, f"Sida {number} av {len(pages)}", align="C")
    pdf.output(str(path))
    return path


def make_docx(path: Path, heading: str, paragraphs: list[str], author: str | None = None) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(heading, level=1)
    for para in paragraphs:
        document.add_paragraph(para)
    if author:
        document.core_properties.author = author
    document.save(str(path))
    return path


def make_slow_pdf(path: Path, n_ops: int = 400_000) -> Path:
    """A small, valid PDF whose one page holds `n_ops` text operations, compressed.

    A few kilobytes on disk, but pypdf needs seconds (about 3 s per 100,000
    operations on two cores) and hundreds of megabytes to extract its text:
    a stand-in for the PDF that makes a reader loop or run out of memory.
    """
    import zlib

    content = b"BT /F1 12 Tf 72 712 Td " + b"(x) Tj 1 0 Td " * n_ops + b"ET"
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
