"""Swedish relative dates, read against the date of the document that says them."""

import pytest

from indexer.dates import RELATIVE_DATE, resolve_relative_date

# A Thursday.
DOC_DATE = "2023-10-05"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("i dag", ("2023-10-05", None)),
        ("idag", ("2023-10-05", None)),
        ("i går", ("2023-10-04", None)),
        ("igår", ("2023-10-04", None)),
        ("i förrgår", ("2023-10-03", None)),
        ("i morgon", ("2023-10-06", None)),
        ("i övermorgon", ("2023-10-07", None)),
        # "på torsdag" is the coming one, a week on when said on a Thursday; "i torsdags" the last one.
        ("på torsdag", ("2023-10-12", None)),
        ("på fredag", ("2023-10-06", None)),
        ("i torsdags", ("2023-09-28", None)),
        ("i måndags", ("2023-10-02", None)),
        # A week, Monday to Sunday.
        ("förra veckan", ("2023-09-25", "2023-10-01")),
    ],
)
def test_relative_dates_count_from_the_document_date(phrase: str, expected: tuple[str, str | None]) -> None:
    assert resolve_relative_date(phrase, DOC_DATE) == expected


def test_no_document_date_no_day() -> None:
    assert resolve_relative_date("i går", None) is None


def test_relative_phrases_are_found_as_whole_words() -> None:
    text = "Vi ses på torsdag. I dagarna kom beskedet. Förra veckan och i tisdags."
    assert [m.group(0) for m in RELATIVE_DATE.finditer(text)] == ["på torsdag", "Förra veckan", "i tisdags"]
