"""Integration: the search command and engine on the demo corpus index.

The command's contract, filters, marking and the catalogue run on the demo corpus
indexed with the fake model (`searcher`, in-process commands); what the answers
are (the passage, contact and meeting a question should find first) is the real
model's job, on the real demo index (`real_searcher`, marked slow).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.engine import Searcher, SearchOptions
from search.filters import Filters
from tests.fakes import FakeEmbedder
from tests.helpers import run_cli

SEED_PATH = "000_0f7b872b2b1ede83.txt"


@pytest.fixture(scope="module")
def searcher(fake_demo_index: Path) -> Searcher:
    return Searcher(fake_demo_index, FakeEmbedder())


@pytest.fixture(scope="module")
def real_searcher(demo_index: Path, embedder) -> Searcher:  # type: ignore[no-untyped-def]
    return Searcher(demo_index, embedder)


@pytest.mark.slow
def test_statssekreterare_query_returns_the_seed_first(real_searcher: Searcher) -> None:
    searcher = real_searcher
    response = searcher.search("möte med statssekreterare i Linköping om kompetensförsörjning")
    assert response.results[0].path == SEED_PATH


def test_json_contract_single_query(fake_demo_index: Path) -> None:
    done = run_cli("search", "--data", str(fake_demo_index), "--json", "--k", "4", "Teknikcollege Fyrbodal samordnare")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    assert set(out) >= {"qid", "results", "contacts", "meetings"}
    assert out["contacts"] and set(out["contacts"][0]) >= {"name", "role", "organisation", "score", "evidence"}
    assert 1 <= len(out["results"]) <= 4
    for rank, result in enumerate(out["results"], start=1):
        assert set(result) >= {"rank", "score", "path", "title", "organisation", "date", "page", "text"}
        assert result["rank"] == rank
        assert not result["path"].startswith("/")
    scores = [r["score"] for r in out["results"]]
    assert scores == sorted(scores, reverse=True)


def test_json_contract_batch(fake_demo_index: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"qid": "a", "text": "kompetensplattform Boråsregionen"}\n{"qid": 7, "text": "Ramboll utvärdering"}\n',
        encoding="utf-8",
    )
    done = run_cli("search", "--data", str(fake_demo_index), "--json", "--queries", str(queries))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.strip().splitlines()]
    assert [line["qid"] for line in lines] == ["a", 7]
    assert all(line["results"] for line in lines)


def test_filters_narrow_before_the_cut(searcher: Searcher) -> None:
    query = "kompetensförsörjning"
    everything = searcher.search(query, SearchOptions(k=50, max_per_doc=0))
    orgs = {searcher.generation.docs[searcher.generation.row_doc[h.row]].doc_id for h in everything.results}
    assert len(orgs) > 5
    only = searcher.search(query, SearchOptions(k=10, filters=Filters(organisations=("Region Östergötland",))))
    assert only.results
    for hit in only.results:
        doc = searcher.generation.docs[searcher.generation.row_doc[hit.row]]
        assert "Region Östergötland" in doc.organisations
    dated = searcher.search(query, SearchOptions(k=10, filters=Filters(date_from="2023-01-01", date_to="2023-12-31")))
    assert dated.results
    assert all(h.date and "2023-01-01" <= h.date <= "2023-12-31" for h in dated.results)
    notes = searcher.search(query, SearchOptions(k=10, filters=Filters(doc_types=("meeting_notes",))))
    assert notes.results and all(h.doc_type == "meeting_notes" for h in notes.results)


def test_at_most_n_passages_per_document(searcher: Searcher) -> None:
    response = searcher.search("kompetensplattform", SearchOptions(k=10, max_per_doc=1))
    paths = [h.path for h in response.results]
    assert len(paths) == len(set(paths))


def test_terms_are_marked(searcher: Searcher) -> None:
    hits = searcher.search("statssekreterare i Linköping").results
    marked = {h.text[s:e].lower() for h in hits for s, e in h.highlights}
    assert {"statssekreterare", "linköping"} <= marked
    for hit in hits:
        for s, e in hit.highlights:
            assert hit.text[s:e].lower() in {"statssekreterare", "linköping", "linköpings"}


def test_model_mismatch_is_a_clear_error(fake_demo_index: Path) -> None:
    from search.engine import ModelMismatch

    class Other:
        model_id = "some/other-model"

    with pytest.raises(ModelMismatch, match="some/other-model"):
        Searcher(fake_demo_index, Other())  # type: ignore[arg-type]


def test_empty_and_control_queries(searcher: Searcher) -> None:
    assert searcher.search("").results == []
    assert searcher.search("\x00\x01\x02").results == []
    long = searcher.search("kompetens " * 2000)
    assert long.results


@pytest.mark.slow
def test_contacts_in_the_json_output(demo_index: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    done = run_cli(
        "search", "--data", str(demo_index), "--json", "vem ansvarar för vård- och omsorgscollege i Fyrbodal",
        embedder=embedder,
    )  # fmt: skip
    out = json.loads(done.stdout)
    first = out["contacts"][0]
    assert first["name"] == "Christina Wennerdal"
    assert first["organisation"] == "Fyrbodals kommunalförbund"
    assert set(first) >= {"name", "role", "organisation", "email", "phone", "score", "evidence"}
    assert first["evidence"][0]["path"] == "fyrbodal/fyrbodal_vo-college-samordnare_2014.txt"
    assert "Christina Wennerdal" in first["evidence"][0]["text"]
    # No contact detail is made up: none is printed in the demo corpus.
    assert all(c["email"] is None and c["phone"] is None for c in out["contacts"])


def test_a_query_naming_a_person_returns_that_person_first(searcher: Searcher) -> None:
    assert searcher.search("Richard Widén").contacts[0]["name"] == "Richard Widén"


@pytest.mark.slow
def test_meetings_for_meeting_queries(real_searcher: Searcher) -> None:
    searcher = real_searcher
    response = searcher.search("möte med statssekreterare i Linköping")
    meeting = response.meetings[0]
    assert meeting["path"] == SEED_PATH
    assert meeting["place"] == "Linköping"
    assert meeting["date_text"] == "19 juni"
    assert "Marja-Leena Lampinen" in meeting["participants"]
    conference = searcher.search("konferens i Norrköping 2023").meetings[0]
    assert conference["date"] == "2023-10-05"
    assert searcher.search("validering av kompetens").meetings == []


def test_seed_contact_block_person(searcher: Searcher) -> None:
    person = next(p for p in searcher.generation.people.values() if p.name == "Anders Carlberg")
    assert person.organisations[0] == "Västra Götalandsregionen"
    assert {"FoUU-chef", "avdelningschef"} <= set(person.roles)


def test_original_file_only_from_inside_the_corpus(searcher: Searcher) -> None:
    gen = searcher.generation
    seed = gen.original_path(SEED_PATH)
    assert seed is not None and seed.name == SEED_PATH
    assert gen.original_path("../README.md") is None
    assert gen.original_path("/etc/passwd") is None
    assert gen.original_path("finns-inte.txt") is None


@pytest.mark.slow
def test_the_teknikcollege_coordinator_is_the_first_contact(real_searcher: Searcher) -> None:
    assert (
        real_searcher.search("Teknikcollege Fyrbodal samordnare", SearchOptions(k=4)).contacts[0]["name"]
        == "Ola Bergquist"
    )
