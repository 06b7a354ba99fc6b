"""Each way regional documents write people, and the things that must not become people."""

from __future__ import annotations

import pytest

from indexer.people import extract_people
from indexer.store.records import PersonMention


def people(text: str, org: str | None = None) -> dict[str, PersonMention]:
    found: dict[str, PersonMention] = {}
    strength = {"contact": 4, "author": 3, "participant": 2, "mentioned": 1}
    for m in extract_people(text, org):
        if m.name not in found or strength[m.kind] > strength[found[m.name].kind]:
            found[m.name] = m
    return found


def test_contact_block_at_the_end_topic_name_title() -> None:
    text = (
        "Regionen arbetar med kompetensförsörjning i hela länet.\n\n"
        "Kompetensförsörjning\nAnders Carlberg\nAvdelningschef"
    )
    p = people(text, "Västra Götalandsregionen")["Anders Carlberg"]
    assert p.kind == "contact"
    assert p.role == "avdelningschef"
    assert p.organisation == "Västra Götalandsregionen"
    assert "Kompetensförsörjning" in p.evidence


def test_kontakt_line_with_role_and_organisation() -> None:
    p = people("Kontakt: Åsa Bjelkeby, enhetschef Regional näringslivsutveckling, Tillväxtverket")["Åsa Bjelkeby"]
    assert (p.kind, p.organisation) == ("contact", "Tillväxtverket")
    assert p.role == "enhetschef Regional näringslivsutveckling"


def test_kontaktperson_line_and_printed_details() -> None:
    p = people("Kontaktperson: Pernilla Isaksson, Region Halland, pernilla.isaksson@example.org, 035-12 34 56")[
        "Pernilla Isaksson"
    ]
    assert p.kind == "contact"
    assert p.organisation == "Region Halland"
    assert p.email == "pernilla.isaksson@example.org"
    assert p.phone == "035-12 34 56"


def test_contact_details_only_when_printed() -> None:
    p = people("Kontakt: Maria Ljung Westin, Tillväxtverket. Kontaktuppgifter finns via växeln.")["Maria Ljung Westin"]
    assert p.email is None and p.phone is None


def test_kontakta_x_som_ar() -> None:
    text = "Har du frågor? Kontakta EvaLotta Petersson som samordnar KP-rådet på Boråsregionen."
    p = people(text)["EvaLotta Petersson"]
    assert p.kind == "contact"
    assert p.role == "samordnar KP-rådet"
    assert p.organisation == "Boråsregionen"


def test_reported_speech() -> None:
    text = "– Vi ser hinder på vägen, säger Anders Carlberg, FoUU-chef på Västra Götalandsregionen."
    p = people(text)["Anders Carlberg"]
    assert p.kind == "mentioned"
    assert p.role == "FoUU-chef"
    assert p.organisation == "Västra Götalandsregionen"


def test_title_before_name() -> None:
    found = people(
        "Konferensen öppnades av regionrådet Marie Morell. Landsbygdsminister Sven-Erik Bucht gav uppdraget."
    )
    assert found["Marie Morell"].role == "regionråd"
    assert found["Sven-Erik Bucht"].role == "landsbygdsminister"


def test_title_then_ar_name() -> None:
    assert people("Regionutvecklingsdirektör är Richard Widén.")["Richard Widén"].role == "regionutvecklingsdirektör"


def test_narvarande_list_gives_participants() -> None:
    text = (
        "Närvarande\n\n- Malin Thunborg, chef för tillväxtenheten, Region Östergötland\n"
        "- Anna Nilsson (M), förste vice ordförande i regionutvecklingsnämnden"
    )
    found = people(text)
    assert found["Malin Thunborg"].kind == "participant"
    assert found["Malin Thunborg"].role == "chef för tillväxtenheten"
    assert found["Anna Nilsson"].kind == "participant"
    assert found["Anna Nilsson"].party == "M"
    assert found["Anna Nilsson"].role == "förste vice ordförande i regionutvecklingsnämnden"


def test_participation_verbs() -> None:
    text = (
        "Från Västra Götalandsregionen medverkade regionutvecklare Marja-Leena Lampinen. "
        "Även Björn Hellsten, VD Validering Väst deltog."
    )
    found = people(text)
    assert found["Marja-Leena Lampinen"].kind == "participant"
    assert found["Björn Hellsten"].kind == "participant"
    assert (found["Björn Hellsten"].role, found["Björn Hellsten"].organisation) == ("VD", "Validering Väst")


def test_author_and_approval_lines() -> None:
    found = people(
        "Författare: Gunilla Bergström Casinowsky\n\nRapporten\n\nGodkänd av generaldirektör Gunilla Nordlöf"
    )
    assert found["Gunilla Bergström Casinowsky"].kind == "author"
    assert found["Gunilla Nordlöf"].kind == "author"


def test_party_label() -> None:
    p = people("Per Larsson (KD), ordförande i regionutvecklingsnämnden, talade om Ostlänken.")["Per Larsson"]
    assert p.party == "KD"
    assert p.role == "ordförande i regionutvecklingsnämnden"


def test_sentence_initial_word_is_not_part_of_the_name() -> None:
    found = people(
        "Enligt Anna-Lena Johansson, som ansvarar för kompetensförsörjning på Business Region Göteborg, är läget svårt."
    )
    assert list(found) == ["Anna-Lena Johansson"]
    assert found["Anna-Lena Johansson"].organisation == "Business Region Göteborg"


@pytest.mark.parametrize(
    "name",
    [
        "EvaLotta Petersson",
        "Marja-Leena Lampinen",
        "Åsa Bjelkeby",
        "Örjan Johansson",
        "Ulla af Trolle",
        "Karin von Platen",
    ],
)
def test_swedish_name_shapes(name: str) -> None:
    assert name in people(f"Kontakt: {name}, samordnare.")


@pytest.mark.parametrize(
    "text",
    [
        "Region Östergötland och Västra Götalandsregionen samarbetar.",
        "Tillväxtverket presenterade sitt förslag.",
        "Mötet hölls i Linköping den 19 juni.",
        "Vård- och omsorgscollege Fyrbodal",
        "Fyra statssekreterare representerade regeringen.",
        "Kompetensplattform Västra Götaland",
        "Framtid Östergötland",
        "Konferensen hölls på Louis De Geer i Norrköping.",
        "Högskolan i Skövde och Arbetsförmedlingen",
    ],
)
def test_not_people(text: str) -> None:
    assert people(text) == {}


def test_two_names_in_one_sentence_get_their_own_organisations() -> None:
    text = (
        "Malin Thunborg från Region Östergötland, Jan Holmberg från Motala kommun "
        "och Martin Rantzer från Linköpings universitet medverkade."
    )
    found = people(text)
    assert found["Malin Thunborg"].organisation == "Region Östergötland"
    assert found["Jan Holmberg"].organisation == "Motala kommun"
    assert found["Martin Rantzer"].organisation == "Linköpings universitet"
