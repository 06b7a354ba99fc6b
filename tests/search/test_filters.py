"""Filter values: what a date filter may say, and which filter values no document has."""

from __future__ import annotations

from datetime import date

import pytest

from search.filters import Facets, Filters, date_period, range_is_empty, unmatched_values


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2023-05-17", (date(2023, 5, 17), date(2023, 5, 17))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023", (date(2023, 1, 1), date(2023, 12, 31))),
        ("2023-13-45", None),
        ("2023-02-29", None),
        ("2023-05-00", None),
        ("igår", None),
        ("2023-5-1", None),
        ("", None),
    ],
)
def test_a_date_filter_is_a_day_a_month_or_a_year(text: str, period: tuple[date, date] | None) -> None:
    assert date_period(text) == period


def test_a_range_that_ends_before_it_starts_is_empty() -> None:
    assert range_is_empty("2024-01-01", "2023-06-30")
    assert range_is_empty("2024", "2023-12")
    assert not range_is_empty("2023-05", "2023")  # May lies within the year
    assert not range_is_empty("2023-05-01", None)


def test_values_no_document_has_come_with_the_closest_known_ones() -> None:
    facets = Facets(
        organisations={"Region Östergötland": 9, "Tillväxtverket": 15, "Region Halland": 2},
        doc_types={"article": 20},
        collections={"default": 26},
    )
    asked = Filters(organisations=("region östergotland", "Tillväxtverket"), collections=("rapporter",))
    unmatched = {(u.field, u.value): u for u in unmatched_values(asked, facets)}
    assert set(unmatched) == {("organisations", "region östergotland"), ("collections", "rapporter")}
    assert unmatched["organisations", "region östergotland"].closest == ["Region Östergötland"]
    assert unmatched["collections", "rapporter"].closest == []
    assert unmatched["collections", "rapporter"].known == {"default": 26}
