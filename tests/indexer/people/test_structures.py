"""People in the structures documents use: boxes, tables, qualified lists, labels, lines below the name."""

from __future__ import annotations

import pytest

from indexer.people import extract_people
from indexer.store.records import PersonMention

STRENGTH = {"contact": 4, "author": 3, "participant": 2, "mentioned": 1}


def people(text: str, org: str | None = None) -> dict[str, PersonMention]:
    found: dict[str, PersonMention] = {}
    for m in extract_people(text, org):
        if m.name not in found or STRENGTH[m.kind] > STRENGTH[found[m.name].kind]:
            found[m.name] = m
    return found


def test_markdown_table_under_a_qualified_heading() -> None:
    text = (
        "# Protokoll från styrgruppen\n\n## Närvarande ledamöter\n\n"
        "| Namn | Roll | Organisation |\n|---|---|---|\n"
        "| Zeynep Arslan | processledare | Region Skåne |\n"
        "| Pekka Virtanen | utvecklingsledare | Region Halland |\n"
    )
    found = people(text)
    assert set(found) == {"Zeynep Arslan", "Pekka Virtanen"}
    assert found["Zeynep Arslan"].kind == "participant"
    assert (found["Zeynep Arslan"].role, found["Zeynep Arslan"].organisation) == ("processledare", "Region Skåne")
    assert found["Pekka Virtanen"].organisation == "Region Halland"


def test_table_with_a_party_column_and_names_in_capitals() -> None:
    text = (
        "Protokoll\n\nDeltagare\n\nNAMN | PARTI | UPPDRAG\nTUVA HALLBERG | S | ordförande\nAHMAD KARIMI | M | ledamot\n"
    )
    found = people(text)
    assert set(found) == {"Tuva Hallberg", "Ahmad Karimi"}
    assert found["Tuva Hallberg"].party == "S" and found["Tuva Hallberg"].role == "ordförande"
    assert found["Ahmad Karimi"].kind == "participant"


@pytest.mark.parametrize(
    "heading", ["Deltagare i urval:", "Medverkande från regionen", "Närvarande (del av mötet)", "Övriga närvarande"]
)
def test_qualified_participant_headings(heading: str) -> None:
    text = f"Minnesanteckningar\n\n{heading}\n\n- Mirja Lehtonen, sekreterare\n- Leila Haddad (S), ordförande\n"
    found = people(text)
    assert found["Mirja Lehtonen"].kind == "participant" and found["Mirja Lehtonen"].role == "sekreterare"
    assert found["Leila Haddad"].kind == "participant"
    assert (found["Leila Haddad"].party, found["Leila Haddad"].role) == ("S", "ordförande")


def test_absent_members_are_not_participants() -> None:
    found = people("Protokoll\n\nFrånvarande\n\n- Tarja Niemi, ledamot\n")
    assert found["Tarja Niemi"].kind == "mentioned"


def test_role_before_the_name_as_a_label() -> None:
    found = people("Protokoll fört vid sammanträde\n\nOrdförande: Signe Wallin\nJusterare: Mohammed Al-Khatib\n")
    assert found["Signe Wallin"].role == "ordförande"
    assert found["Mohammed Al-Khatib"].role == "justerare"


def test_role_and_organisation_on_the_lines_below_the_name() -> None:
    text = "Kontakt\nJasmin Ibrahimović\nRegional samordnare\nFyrbodals kommunalförbund\njasmin@example.org"
    p = people(text)["Jasmin Ibrahimović"]
    assert p.kind == "contact"
    assert p.role == "regional samordnare"
    assert p.organisation == "Fyrbodals kommunalförbund"
    assert p.email == "jasmin@example.org"


def test_contact_box_with_topic_and_name_but_no_title_takes_the_publisher() -> None:
    text = "Yrkesvux i regionen växer.\n\nFrågor om yrkesvux\nLeila Haddad\n040-123 45 67"
    p = people(text, "Region Skåne")["Leila Haddad"]
    assert p.kind == "contact"
    assert p.role is None
    assert p.organisation == "Region Skåne"
    assert p.phone == "040-123 45 67"


def test_signature_of_the_minutes_is_the_author() -> None:
    found = people("Protokoll\n\nText om mötet.\n\nVid protokollet\nTarja Niemi\n")
    assert found["Tarja Niemi"].kind == "author"


def test_two_contacts_side_by_side_are_two_people() -> None:
    found = people("Kontakt\nAnna Berg Pekka Virtanen\nutredare analytiker")
    assert {"Anna Berg", "Pekka Virtanen"} <= set(found)


@pytest.mark.parametrize(
    "name", ["Asa Lindstrom", "Karin M. Sjöberg", "Ann-Sofie Nguyen", "Camila Fuentes Rojas", "Hassan Abdi Warsame"]
)
def test_name_shapes_outside_any_hand_list(name: str) -> None:
    assert name in people(f"Kontakt: {name}, samordnare.")
    assert name in people(f"Mötet leddes av {name}, som är samordnare.")


@pytest.mark.parametrize(
    "text",
    [
        "Mötet hölls på Elite Stadshotellet i Luleå.",
        "Samling vid Sven Eriksonsplatsen klockan nio.",
        "Projektet Kompetens Syd startade i våras.",
        "Konferensen hölls på Louis De Geer i Norrköping.",
        "Plats: Carl Larsson, Falun",
    ],
)
def test_places_named_like_people_are_not_people(text: str) -> None:
    assert people(text) == {}


def test_an_unknown_name_in_a_table_name_column_is_still_a_name() -> None:
    found = people("Deltagare\n\n| Namn | Roll |\n|---|---|\n| Ingvild Aarsæther | analytiker |\n")
    assert "Ingvild Aarsæther" in found and found["Ingvild Aarsæther"].role == "analytiker"


def test_an_unknown_organisation_is_taken_as_written() -> None:
    found = people(
        "Deltagare\n\n- Ante Nutti, Sametinget\n- Riikka Lehto, samverkanschef, Luleå tekniska universitet\n"
    )
    assert found["Ante Nutti"].organisation == "Sametinget"
    assert found["Riikka Lehto"].organisation == "Luleå tekniska universitet"
    assert found["Riikka Lehto"].role == "samverkanschef"


def test_a_known_mail_domain_names_the_organisation() -> None:
    text = "Kontakt\n\nPiotr Kowalski\nUtredare\npiotr.kowalski@tillvaxtverket.se"
    p = people(text, "Ramboll")["Piotr Kowalski"]
    assert (p.kind, p.role, p.organisation) == ("contact", "utredare", "Tillväxtverket")


def test_an_organisation_written_without_diacritics_is_found() -> None:
    p = people("- Det tar tid, sager Asa Lindstrom, enhetschef pa Tillvaxtverket.")["Asa Lindstrom"]
    assert p.organisation == "Tillväxtverket"
    assert p.role == "enhetschef"


def test_every_name_after_an_author_cue_is_an_author() -> None:
    found = people(
        "Författare: Katarzyna Nowak och Joakim Berg, Ramboll.\n\nRapporten har beslutats av Henrik Wahlberg."
    )
    assert {found[n].kind for n in ("Katarzyna Nowak", "Joakim Berg", "Henrik Wahlberg")} == {"author"}


def test_speakers_at_a_reported_event_took_part() -> None:
    text = (
        "Seminariet samlade 80 deltagare.\n\n"
        "– Vi måste planera tillsammans, sa Leila Moradi (S), ordförande i regionstyrelsen."
    )
    assert people(text)["Leila Moradi"].kind == "participant"
    assert people("– Vi måste planera tillsammans, sa Leila Moradi.")["Leila Moradi"].kind == "mentioned"


def test_sent_apologies_is_not_attendance() -> None:
    text = "Protokoll\n\nNärvarande\n- Signe Wallin, ordförande\n\nAnmält förhinder: Kenan Yilmaz (S), ledamot."
    found = people(text)
    assert found["Signe Wallin"].kind == "participant"
    assert found["Kenan Yilmaz"].kind == "mentioned"


def test_english_contact_heading_and_definite_titles() -> None:
    found = people(
        "Contact\nSigne Wallin, Strategist\n\nUtvecklingsledaren Ali Hosseini talade.", "Västra Götalandsregionen"
    )
    assert found["Signe Wallin"].kind == "contact"
    assert found["Ali Hosseini"].role == "utvecklingsledare"


def test_a_press_contact_heading_is_the_role() -> None:
    p = people("Presskontakt\nJakob Nyström\nTelefon: 08-681 65 00", "Tillväxtverket")["Jakob Nyström"]
    assert (p.kind, p.role, p.organisation) == ("contact", "presskontakt", "Tillväxtverket")
