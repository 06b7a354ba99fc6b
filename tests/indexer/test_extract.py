from pathlib import Path

import pytest

from indexer.clean import clean_blocks
from indexer.extract import ExtractError, extract
from tests.helpers import SEED, make_docx, make_pdf


def cleaned_text(path: Path) -> str:
    extracted = extract(path)
    return "\n\n".join(b.text for b in clean_blocks(extracted.blocks, unwrap=path.suffix == ".pdf").blocks)


def test_seed_boilerplate_removed_and_contact_block_kept() -> None:
    extracted = extract(SEED)
    result = clean_blocks(extracted.blocks)
    text = "\n\n".join(b.text for b in result.blocks)
    assert "Denna webbplats använder teknik" not in text
    assert "Gå direkt till huvudinnehållet" not in text
    assert "Publicerad" not in text
    assert "Uppdaterad" not in text
    # The contact block at the very end stays together: topic, name, title.
    assert result.blocks[-1].text == "Kompetensförsörjning\nAnders Carlberg\nAvdelningschef"
    assert result.blocks[0].kind == "heading"
    assert result.blocks[0].text == "Möte på hög nivå om kompetensförsörjning"
    headings = [b.text for b in result.blocks if b.kind == "heading"]
    assert "Medverkande under dagen" in headings


def test_cp1252_text_file_reads_swedish_letters(tmp_path: Path) -> None:
    path = tmp_path / "gammal.txt"
    path.write_bytes("Vård- och omsorgscollege i Fyrbodal\n\nSamordnaren för Västra Götaland är nöjd.".encode("cp1252"))
    text = cleaned_text(path)
    assert "Vård- och omsorgscollege i Fyrbodal" in text
    assert "Västra Götaland är nöjd" in text


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Östergötland och Skåne har regionala kompetensråd.".encode())
    assert cleaned_text(path).startswith("Östergötland")


def test_binary_file_with_text_extension_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "fel.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ExtractError, match="binary"):
        extract(path)


def test_empty_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "tom.md"
    path.write_bytes(b"")
    with pytest.raises(ExtractError, match="empty"):
        extract(path)


def test_publicerad_line_gives_date_and_goes(tmp_path: Path) -> None:
    path = tmp_path / "nyhet.txt"
    path.write_text(
        "Gå direkt till huvudinnehållet\n\nNy strategi antagen\n\nPublicerad: 2019-06-20\n\n"
        "Regionutvecklingsnämnden har antagit en ny strategi för kompetensförsörjning i länet.\n",
        encoding="utf-8",
    )
    result = clean_blocks(extract(path).blocks)
    assert result.published == "2019-06-20"
    assert all("Publicerad" not in b.text for b in result.blocks)


def test_markdown_headings_and_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "mote.md"
    path.write_text(
        "---\ntitle: Minnesanteckningar KP-rådet\ndate: 2023-03-14\n---\n"
        "# Minnesanteckningar\n\n## Närvarande\n\n- **EvaLotta Petersson**, processledare\n\n"
        "## Punkt 1\nRådet diskuterade [uppdraget](https://example.org).\n",
        encoding="utf-8",
    )
    extracted = extract(path)
    assert extracted.meta.title == "Minnesanteckningar KP-rådet"
    assert extracted.meta.published == "2023-03-14"
    kinds = [(b.kind, b.text) for b in extracted.blocks]
    assert ("heading", "Närvarande") in kinds
    assert ("paragraph", "- EvaLotta Petersson, processledare") in kinds
    assert ("paragraph", "Rådet diskuterade uppdraget.") in kinds


def test_html_main_content_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "sida.html"
    path.write_text(
        """<!DOCTYPE html><html lang="sv"><head><title>Kompetensråd | VGR</title>
        <meta property="article:published_time" content="2021-05-04T08:00:00+02:00">
        <link rel="canonical" href="https://www.vgregion.se/kompetensrad"></head><body>
        <div class="cookie">Vi använder kakor för att förbättra webbplatsen. Godkänn alla kakor</div>
        <nav><a href="/">Start</a><a href="/om">Om oss</a></nav>
        <main><h1>Delregionala kompetensråd</h1>
        <p>I varje delregion finns ett kompetensråd som leds av kommunalförbundet. Arbetet styrs av en
        avsiktsförklaring mellan Västra Götalandsregionen och de fyra förbunden.</p>
        <h2>Fyrbodal</h2><p>Fyrbodals kommunalförbund leder rådet i Fyrbodal, med kommunerna i
        Dalsland, norra Bohuslän och nordvästra Västergötland.</p></main>
        <footer>Västra Götalandsregionen, Regionens hus</footer></body></html>""",
        encoding="utf-8",
    )
    extracted = extract(path)
    assert extracted.meta.published == "2021-05-04"
    assert extracted.meta.url == "https://www.vgregion.se/kompetensrad"
    assert extracted.meta.title == "Delregionala kompetensråd"
    text = "\n".join(b.text for b in extracted.blocks)
    assert "avsiktsförklaring" in text
    assert "kakor" not in text
    assert ("heading", "Fyrbodal") in [(b.kind, b.text) for b in extracted.blocks]


def test_html_nested_too_deeply_names_the_nesting(tmp_path: Path) -> None:
    # libxml2 stops building the tree at 256 levels; the text below is lost, and the reason says so.
    path = tmp_path / "djup.html"
    paragraph = "<p>Kompetensförsörjning i Fyrbodal handlar om rätt kompetens i vård och omsorg.</p>"
    path.write_text("<html><body>" + "<div>" * 300 + paragraph + "</div>" * 300 + "</body></html>", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"^HTML nested deeper than 256 levels"):
        extract(path)
    # The same text nested less deeply is read.
    path.write_text("<html><body>" + "<div>" * 50 + paragraph + "</div>" * 50 + "</body></html>", encoding="utf-8")
    assert "rätt kompetens" in "\n".join(b.text for b in extract(path).blocks)


def test_pdf_page_numbers_and_info(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "rapport.pdf",
        [
            ["Regionala kompetensplattformar", "Plattformarna byggdes upp mellan 2010 och 2012 i alla län."],
            ["Uppföljning", "Tillväxtverket följde upp arbetet i ett fyrtiotal projekt åren 2013 till 2017."],
        ],
        title="Regionala kompetensplattformar",
        author="Tillväxtverket",
    )
    extracted = extract(path)
    assert extracted.pages == 2
    assert extracted.meta.title == "Regionala kompetensplattformar"
    assert extracted.meta.author == "Tillväxtverket"
    cleaned = clean_blocks(extracted.blocks, unwrap=True).blocks
    pages = {b.page for b in cleaned if "fyrtiotal projekt" in b.text}
    assert pages == {2}
    assert all("Sida 1 av 2" not in b.text for b in cleaned)


def test_broken_pdf_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "trasig.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage")
    with pytest.raises(ExtractError, match="PDF"):
        extract(path)


def test_docx_headings_and_author(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "pm.docx",
        "PM om validering",
        ["Regionala valideringsstrukturer byggs upp 2022–2024 tillsammans med MYH."],
        author="Tillväxtverket",
    )
    extracted = extract(path)
    assert extracted.blocks[0].kind == "heading"
    assert extracted.blocks[0].text == "PM om validering"
    assert extracted.meta.author == "Tillväxtverket"
    assert "valideringsstrukturer" in extracted.blocks[1].text
