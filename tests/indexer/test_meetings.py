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
