from indexer.clean import CleanResult
from indexer.dates import find_dates
from indexer.enrich import enrich, find_organisations, guess_doc_type
from indexer.extract.blocks import Block, RawMetadata


def test_organisations_from_list_and_patterns() -> None:
    text = (
        "Tillväxtverkets rapport togs fram med Region Halland och Motala kommun. "
        "VGR och Skaraborgs kommunalförbund deltog, liksom socialdepartementet."
    )
    names = [n for n, _, _ in find_organisations(text)]
    assert names == [
        "Tillväxtverket", "Region Halland", "Motala kommun", "Västra Götalandsregionen",
        "Skaraborgs kommunalförbund", "Socialdepartementet",
    ]  # fmt: skip


def test_swedish_dates_take_default_year() -> None:
    assert [d for d, _, _ in find_dates("Mötet hölls 19 juni i Linköping.", default_year=2019)] == ["2019-06-19"]
    assert [d for d, _, _ in find_dates("Konferensen 5 okt. 2023 och 2023-10-09.")] == ["2023-10-05", "2023-10-09"]
    assert find_dates("31 februari 2020") == []


def test_doc_type_guess() -> None:
    assert guess_doc_type("Minnesanteckningar", "Närvarande: A, B. Protokoll justeras.", ".md") == "meeting_notes"
    assert guess_doc_type("Slutrapport", "Rapporten utvärderar uppdraget. ISBN 978", ".pdf") == "report"
    assert guess_doc_type("Nyhet", "Ett möte hölls.", ".html") == "article"


def test_enrich_prefers_author_organisation_and_finds_source_line() -> None:
    blocks = [
        Block("Rapport om plattformar", "heading", 1),
        Block("Region Uppsala och Tillväxtverket samverkar.\nKälla: https://tillvaxtverket.se/x"),
    ]
    info = enrich("r.pdf", CleanResult(blocks), RawMetadata(author="Tillväxtverket"))
    assert info.organisations[0] == "Tillväxtverket"
    assert info.url == "https://tillvaxtverket.se/x"
    assert info.title == "Rapport om plattformar"
