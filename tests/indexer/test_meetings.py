from indexer.meetings import extract_meetings
from indexer.people import extract_people


def meetings(text: str, title: str = "T", doc_type: str = "article", date: str | None = None):  # type: ignore[no-untyped-def]
    return extract_meetings(text, title, doc_type, date, extract_people(text))


def test_article_sentence_with_date_place_and_participants() -> None:
    text = (
        "En delegation med fyra statssekreterare träffade Västra Götalandsregionen och Region Östergötland "
        "19 juni i Linköping för ett samtal om kompetensförsörjning.\n\n"
        "För näringsdepartementet deltog Elisabeth Backteman."
    )
    [m] = meetings(text, date="2019-06-20")
    assert m.date == "2019-06-19"
    assert m.date_text == "19 juni"
    assert m.place == "Linköping"
    assert m.participants == ["Elisabeth Backteman"]
    assert m.organisations[:2] == ["Västra Götalandsregionen", "Region Östergötland"]


def test_date_without_year_stays_undated_when_the_document_has_none() -> None:
    [m] = meetings("Ett möte hölls 19 juni i Linköping.")
    assert m.date is None and m.date_text == "19 juni"


def test_venue_and_conference_range() -> None:
    [m] = meetings("Konferensen Framtid Östergötland hölls 5–6 oktober 2023 på Louis De Geer i Norrköping.")
    assert (m.date, m.date_end) == ("2023-10-05", "2023-10-06")
    assert m.place == "Louis De Geer, Norrköping"


def test_meeting_notes_fields() -> None:
    text = "Datum: 2011-11-29\nPlats: Regionens hus, Vänersborg\n\nNärvarande\n\n- Anders Carlberg, FoUU-chef"
    [m] = meetings(text, "Minnesanteckningar: Regionfullmäktige", "meeting_notes")
    assert m.title == "Regionfullmäktige"
    assert m.date == "2011-11-29"
    assert m.place == "Regionens hus, Vänersborg"
    assert m.participants == ["Anders Carlberg"]


def test_no_meeting_in_plain_text() -> None:
    assert meetings("Kompetensförsörjning handlar om att arbetsgivare får rätt kompetens.") == []


def test_relative_date_counts_from_the_document_date() -> None:
    text = "Region Östergötland samlade i dag aktörer från hela länet till en framtidsdag om kompetensförsörjning."
    [m] = meetings(text, date="2023-10-05")
    assert (m.date, m.date_text) == ("2023-10-05", "i dag")
    [m] = meetings("I torsdags träffades styrgruppen i Linköping.", date="2023-10-09")
    assert (m.date, m.date_text, m.place) == ("2023-10-05", "I torsdags", "Linköping")


def test_relative_date_without_a_document_date_keeps_only_its_words() -> None:
    [m] = meetings("I går träffades styrgruppen i Linköping.")
    assert (m.date, m.date_text) == (None, "I går")


def test_absolute_date_wins_over_a_relative_one() -> None:
    [m] = meetings("Konferensen i går, den 4 oktober, hölls i Norrköping.", date="2023-10-09")
    assert m.date == "2023-10-04"


def test_venue_alone_takes_the_town_the_document_names_elsewhere() -> None:
    text = (
        "Konferensen hölls 12 mars 2024 på Elite Stadshotellet.\n\n"
        "Deltagare från hela Norrbotten kom till dagen i Luleå."
    )
    [m] = meetings(text)
    assert m.place == "Elite Stadshotellet, Luleå"


def test_venue_alone_takes_the_town_of_the_dateline() -> None:
    text = "LULEÅ 12 mars 2024\n\nI går samlades regionens aktörer till en konferens på Elite Stadshotellet."
    [m] = meetings(text, date="2024-03-12")
    assert (m.date, m.place) == ("2024-03-11", "Elite Stadshotellet, Luleå")


def test_venue_with_place_and_town_lines() -> None:
    [m] = meetings("Datum: 2024-03-12\nPlats: Stadshotellet\nOrt: Luleå\n", "Protokoll: Styrgrupp", "meeting_notes")
    assert m.place == "Stadshotellet, Luleå"


def test_a_region_is_not_a_meeting_place() -> None:
    [m] = meetings("Ett möte hölls 19 juni 2019 i Östergötland.")
    assert m.place is None


def test_meeting_notes_whose_date_line_became_the_document_date() -> None:
    text = "Plats: Louis De Geer, Norrköping\n\nNärvarande\n\n- Marie Morell, regionråd"
    [m] = meetings(text, "Minnesanteckningar: Konferensen", "meeting_notes", date="2023-10-05")
    assert (m.date, m.place) == ("2023-10-05", "Louis De Geer, Norrköping")
