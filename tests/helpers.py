"""Fixture builders shared by the tests: documents written to temp folders."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "000_0f7b872b2b1ede83.txt"


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
