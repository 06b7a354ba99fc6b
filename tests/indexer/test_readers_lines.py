"""Every reader keeps line and cell boundaries; web pages' contact boxes and publisher reach the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.clean import clean_blocks
from indexer.enrich import enrich
from indexer.extract import extract
from indexer.extract.blocks import Block

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

PAGE = """<!DOCTYPE html><html lang="sv"><head><title>Validering | Region Östergötland</title>
<meta property="og:site_name" content="Region Östergötland"></head><body>
<div class="cookie-banner">Vi använder kakor. <a href="/kontakt">Kontakta oss</a></div>
<nav><ul><li><a href="/">Start</a></li><li><a href="/kontakt">Kontakta oss</a></li></ul></nav>
<main><h1>Regional validering</h1>
<p>Regionen bygger upp en struktur för validering tillsammans med kommunerna och arbetsgivarna i länet under
åren 2022 till 2024, med stöd från Tillväxtverket och Myndigheten för yrkeshögskolan.</p>
<p>Eva Lund<br>Processledare</p>
<table><tr><th>Ort</th><th>Ansvar</th></tr><tr><td>Linköping</td><td>Vård<br>och omsorg</td></tr></table>
</main>
<aside class="sidebar"><h2>Kontakt</h2>
<p>Åsa Öberg<br>Regional samordnare<br><a href="mailto:asa.oberg@example.se">Skicka e-post</a><br>
Telefon: 010-103 00 00</p></aside>
<footer><p>Region Östergötland, Box 1024, 581 10 Linköping</p>
<p><a href="mailto:info@example.se">info@example.se</a></p>
<ul><li><a href="/kontakt">Kontakta oss</a></li><li><a href="/kakor">Kakor</a></li></ul></footer>
</body></html>"""


def test_html_keeps_line_breaks_and_table_rows(tmp_path: Path) -> None:
    path = tmp_path / "sida.html"
    path.write_text(PAGE, encoding="utf-8")
    texts = [b.text for b in extract(path).blocks]
    assert "Eva Lund\nProcessledare" in texts
    assert "Ort | Ansvar\nLinköping | Vård, och omsorg" in texts


def test_html_dom_fallback_keeps_line_breaks(tmp_path: Path) -> None:
    from lxml import html as lxml_html

    from indexer.extract.html import _blocks_from_dom

    tree = lxml_html.document_fromstring("<html><body><p>Anna Berg<br>Regional samordnare</p></body></html>")
    assert [b.text for b in _blocks_from_dom(tree)] == ["Anna Berg\nRegional samordnare"]


def test_contact_box_outside_main_content_becomes_contact_block(tmp_path: Path) -> None:
    path = tmp_path / "sida.html"
    path.write_text(PAGE, encoding="utf-8")
    blocks = clean_blocks(extract(path).blocks).blocks
    contacts = [b.text for b in blocks if b.kind == "contact"]
    assert contacts == ["Åsa Öberg\nRegional samordnare\nasa.oberg@example.se\nTelefon: 010-103 00 00"]
    index = next(i for i, b in enumerate(blocks) if b.kind == "contact")
    assert (blocks[index - 1].kind, blocks[index - 1].text) == ("heading", "Kontakt")
    # Menus, cookie banners and a footer's switchboard address name no person: no contact block.
    assert not any("Kontakta oss" in b.text or "info@example.se" in b.text for b in blocks)


def test_vcard_and_mailto_contacts_and_no_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "kort.html"
    path.write_text(
        """<html><body><main><h1>Kompetensråd</h1><p>Rådet samlar kommunerna i delregionen kring
        frågor om utbildning och arbetsmarknad, och träffas fyra gånger per år i Vänersborg.</p>
        <p>Kontakta Per Ängström om du har frågor om rådet.</p></main>
        <div class="vcard"><span class="fn">Per Ängström</span> <span class="title">Enhetschef</span>
        <span class="email">per.angstrom@example.se</span></div>
        <div class="sidebar"><p>Lena Holm</p><p><a href="tel:+4610100">Ring</a></p></div></body></html>""",
        encoding="utf-8",
    )
    contacts = [b.text for b in extract(path).blocks if b.kind == "contact"]
    assert contacts == ["Per Ängström\nEnhetschef\nper.angstrom@example.se", "Lena Holm\n+4610100"]


def test_publisher_leads_the_organisations(tmp_path: Path) -> None:
    path = tmp_path / "sida.html"
    path.write_text(PAGE.replace('<meta property="og:site_name" content="Region Östergötland">', ""), encoding="utf-8")
    extracted = extract(path)
    # No <meta>: the footer's address line names the publisher.
    assert extracted.meta.publisher == "Region Östergötland"
    info = enrich("sida.html", clean_blocks(extracted.blocks), extracted.meta)
    assert info.organisations[0] == "Region Östergötland"
    assert "Tillväxtverket" in info.organisations


def test_publisher_that_is_no_organisation_is_ignored(tmp_path: Path) -> None:
    from indexer.enrich import publisher_organisation

    assert publisher_organisation("VGR") == "Västra Götalandsregionen"
    assert publisher_organisation("Kompetensplattform Västra Götaland") is None
    assert publisher_organisation("WordPress.com") is None


def test_docx_soft_line_breaks_and_table_cells(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    para = document.add_paragraph("Åsa Öberg")
    para.add_run().add_break()
    para.add_run("Regional samordnare")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Namn", "Roll"
    table.cell(1, 0).text = "Per Ängström"
    table.cell(1, 1).text = "Enhetschef"
    table.cell(1, 1).add_paragraph("Region Skåne")
    path = tmp_path / "pm.docx"
    document.save(str(path))
    texts = [b.text for b in extract(path).blocks]
    assert texts == ["Åsa Öberg\nRegional samordnare", "Namn | Roll\nPer Ängström | Enhetschef, Region Skåne"]


def test_markdown_hard_breaks_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "mote.md"
    path.write_text(
        "# Möte\n\nÅsa Öberg  \nRegional samordnare\\\nasa@example.se\n\n"
        "| Namn | Roll |\n|---|:---:|\n| Per Ängström | Enhetschef |\n",
        encoding="utf-8",
    )
    texts = [b.text for b in extract(path).blocks]
    assert texts[1:] == ["Åsa Öberg\nRegional samordnare\nasa@example.se", "Namn | Roll\nPer Ängström | Enhetschef"]


def test_plain_text_keeps_lines(tmp_path: Path) -> None:
    path = tmp_path / "kontakt.txt"
    path.write_text("Kontakt\n\nÅsa Öberg\nRegional samordnare\nasa@example.se\n", encoding="utf-8")
    assert [b.text for b in extract(path).blocks] == ["Kontakt", "Åsa Öberg\nRegional samordnare\nasa@example.se"]


@pytest.mark.skipif(not FONT.exists(), reason="needs the DejaVuSans font")
def test_pdf_two_column_footer_keeps_each_column(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 6, "Rapporten beskriver kompetensförsörjningen i Östergötland och Skåne.")
    left = ["Åsa Öberg", "Regional samordnare", "asa.oberg@example.se"]
    right = ["Per Ängström", "Enhetschef", "per.angstrom@example.se"]
    for row, (a, b) in enumerate(zip(left, right, strict=True)):
        pdf.set_xy(20, 240 + row * 6)
        pdf.cell(80, 6, a)
        pdf.set_xy(110, 240 + row * 6)
        pdf.cell(80, 6, b)
    path = tmp_path / "rapport.pdf"
    pdf.output(str(path))
    texts = [b.text for b in clean_blocks(extract(path).blocks, unwrap=True).blocks]
    assert "Åsa Öberg\nRegional samordnare\nasa.oberg@example.se" in texts
    assert "Per Ängström\nEnhetschef\nper.angstrom@example.se" in texts
    assert any("kompetensförsörjningen i Östergötland" in t for t in texts)


def test_clean_keeps_contact_blocks() -> None:
    blocks = [
        Block("Text om validering i länet."),
        Block("Kontakt", "heading", 2),
        Block("Åsa Öberg\n  Chef", "contact"),
    ]
    cleaned = clean_blocks(blocks).blocks
    assert [(b.kind, b.text) for b in cleaned][-2:] == [("heading", "Kontakt"), ("contact", "Åsa Öberg\nChef")]
