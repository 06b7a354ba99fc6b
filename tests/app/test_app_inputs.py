"""The app's URL parameters and its download button, on the demo corpus indexed with the fake model.

The app runs with the fake model (`run_app` in conftest.py), so these tests are in
the fast tier. What the answers are is the real model's job (tests/app/test_app.py, slow).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app.conftest import RunApp
from tests.conftest import CORPUS

QUERY = "kompetensförsörjning"


def cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="kb-card"' in m.value]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fran": "2023-13-45"}, "fran=`2023-13-45` i länken är inget datum"),
        ({"till": "igår"}, "till=`igår` i länken är inget datum"),
        ({"typ": "xyz"}, "typ=`xyz` i länken är ingen dokumenttyp"),
        ({"fran": "2024-01-01", "till": "2023-06-30"}, "Från-datumet 2024-01-01 ligger efter till-datumet 2023-06-30"),
    ],
)
def test_a_filter_in_the_url_that_cannot_be_used_is_an_error_not_unfiltered_results(
    run_app: RunApp, params: dict[str, str], message: str
) -> None:
    at = run_app(q=QUERY, **params)  # the query alone finds passages: see the download test
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert cards(at) == []


def test_a_month_in_the_url_filters_on_the_whole_month(run_app: RunApp) -> None:
    at = run_app(q=QUERY, fran="2023", till="2023-06")
    assert not at.exception and not at.error
    assert [str(d.value) for d in at.date_input] == ["2023-01-01", "2023-06-30"]


def test_an_organisation_no_document_has_is_named_with_the_closest_one(run_app: RunApp) -> None:
    at = run_app(q=QUERY, org="Region Östergotland")
    assert not at.exception and not at.error
    assert any(
        "Inget dokument i indexet har organisationen `Region Östergotland`. Menade du `Region Östergötland`?" in w.value
        for w in at.warning
    ), [w.value for w in at.warning]


def test_a_person_the_index_does_not_have_is_said_so(run_app: RunApp) -> None:
    at = run_app(sida="personer", person="finns-inte")
    assert not at.exception
    assert any("person=`finns-inte`" in w.value and "finns inte i indexet" in w.value for w in at.warning)


def test_the_original_file_is_read_only_when_its_download_is_asked_for(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[Any] = []
    real_button = st.download_button

    def watched_button(label: str, data: Any, **kwargs: Any) -> bool:
        offered.append(data)
        return real_button(label, data, **kwargs)

    reads: list[Path] = []
    real_read = Path.read_bytes

    def watched_read(self: Path) -> bytes:
        if self.is_relative_to(CORPUS.resolve()):
            reads.append(self)
        return real_read(self)

    monkeypatch.setattr(st, "download_button", watched_button)
    monkeypatch.setattr(Path, "read_bytes", watched_read)
    at = run_app(q=QUERY, n="30")
    assert not at.exception
    assert len(offered) == len(cards(at)) >= 10
    assert reads == []  # drawing thirty hits read no original file
    first = offered[0]
    assert callable(first)
    content = first()
    assert len(reads) == 1 and content == real_read(reads[0])
