"""Contacts from the query's candidate mentions rank the people that scoring every mention ranks.

`rank_contacts` compares the query with every mention vector and scores
every mention: the reference. `contacts_for` finds the mentions closest by
meaning in the mention index (or, for a generation built before the index,
by comparing with every vector) and compares the query only with the
candidates' people's mention vectors; the people, their order, their scores
and their evidence must be the same.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from indexer.store.layout import FILES_KEY, Layout, current_generation_dir, read_manifest, write_manifest
from indexer.store.person_vectors import MENTION_INDEX_FILE, read_person_vectors, write_person_vectors
from indexer.store.vectors import HalfPrecisionScan, VectorIndex, choose_index
from search import contacts
from search import index as search_index
from search.contacts import best_cosines, contacts_for, rank_contacts
from search.engine import Searcher, SearchOptions
from search.index import Generation
from tests.fakes import FakeEmbedder

QUERIES = [
    "vem ansvarar för validering",
    "kontaktperson kompetensförsörjning Skaraborg",
    "presskontakt",
    "vem leder arbetet med yrkesvux",
]
GOLD = Path(__file__).resolve().parents[2] / "bench" / "gold" / "contact_queries.jsonl"


def with_mention_index(data: Path, target: Path, kind: str | None) -> Path:
    """A copy of the data folder whose generation has an approximate mention index (`kind`), or none."""
    shutil.copytree(data, target, symlinks=True)
    folder = current_generation_dir(Layout(target))
    manifest = read_manifest(folder)
    manifest.pop(FILES_KEY)
    if kind is None:
        (folder / MENTION_INDEX_FILE).unlink(missing_ok=True)
        del manifest["mention_index"]
    else:
        stored = read_person_vectors(folder)
        assert stored is not None
        ids, vectors = stored
        spec = choose_index(len(vectors), vectors.shape[1], kind)
        manifest["mention_index"] = write_person_vectors(folder, ids.tolist(), vectors, spec)
    write_manifest(folder, manifest)  # sealed again: the index changed
    return target


@pytest.fixture(scope="module", params=["as built", "ivf_sq8", "built before the mention index"])
def fake_data(request: pytest.FixtureRequest, fake_demo_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if request.param == "as built":
        return fake_demo_index
    kind = None if request.param.startswith("built before") else request.param
    return with_mention_index(fake_demo_index, tmp_path_factory.mktemp("mention-index") / "data", kind)


def assert_same_contacts(searcher: Searcher, queries: list[str]) -> None:
    gen = searcher.generation
    dates = {d: doc.date for d, doc in gen.docs.items()}
    paths = {d: doc.path for d, doc in gen.docs.items()}
    for query in queries:
        response = searcher.search(query, SearchOptions(contacts=0))
        vector = searcher._query_vectors([response.searched])[0]
        _, _, passage_scores = searcher._rank(response.searched, vector, SearchOptions(), {})
        everyone = rank_contacts(
            response.searched, passage_scores, gen.row_doc, gen.mentions, gen.people, dates, paths,
            limit=5, query_vector=vector, mention_vectors=gen.mention_vectors,
        )  # fmt: skip
        candidates = contacts_for(gen, response.searched, passage_scores, vector, limit=5)
        assert [c["person_id"] for c in candidates] == [c["person_id"] for c in everyone], query
        assert np.allclose([c["score"] for c in candidates], [c["score"] for c in everyone]), query
        assert [c["evidence"] for c in candidates] == [c["evidence"] for c in everyone], query


@pytest.mark.parametrize("query", QUERIES)
def test_candidates_give_the_ranking_of_every_mention(fake_data: Path, query: str) -> None:
    searcher = Searcher(fake_data, FakeEmbedder())
    gen = searcher.generation
    spec = gen.manifest.get("mention_index")
    if spec is None or spec["type"] == "flat":
        assert isinstance(gen.mention_index, HalfPrecisionScan)
    else:
        assert isinstance(gen.mention_index, VectorIndex) and gen.mention_index.spec == spec
    response = searcher.search(query, SearchOptions(contacts=0))
    vector = searcher._query_vectors([response.searched])[0]
    _, _, passage_scores = searcher._rank(response.searched, vector, SearchOptions(), {})
    assert passage_scores  # the query matches passages: there is something to rank
    assert_same_contacts(searcher, [query])
    gen.close()


def test_without_a_mention_index_one_product_gives_the_same_ranking(
    fake_demo_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # More mentions than are scanned in half precision, in a generation from before the inverted file.
    monkeypatch.setattr(search_index, "MENTION_EXACT_LIMIT", 0)
    searcher = Searcher(fake_demo_index, FakeEmbedder())
    assert searcher.generation.mention_index is None and searcher.generation.mention_vectors is not None
    assert_same_contacts(searcher, QUERIES)
    searcher.generation.close()


def test_a_query_naming_a_person_gives_the_ranking_of_every_mention(fake_demo_index: Path) -> None:
    searcher = Searcher(fake_demo_index, FakeEmbedder())
    names = sorted(p.name for p in searcher.generation.people.values())[:5]
    assert_same_contacts(searcher, [f"vem är {name}" for name in names] + names)
    searcher.generation.close()


def test_a_person_is_compared_over_a_bounded_number_of_their_mentions(
    fake_demo_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gen = Generation(current_generation_dir(Layout(fake_demo_index)))
    assert gen.mention_vectors is not None
    vector = FakeEmbedder().embed_queries(["kontaktperson kompetensförsörjning"])[0]
    order, starts, persons = gen.mentions_by_person
    cosines = gen.mention_vectors @ vector
    exact = np.maximum.reduceat(cosines[order], starts)
    assert np.allclose(best_cosines(gen, persons, vector), exact)
    # With room for one mention each, a person's best is their first mention's: a lower bound.
    monkeypatch.setattr(contacts, "PERSON_MENTIONS_COMPARED", 1)
    bounded = best_cosines(gen, persons, vector)
    assert np.all(bounded <= exact + 1e-6) and np.allclose(bounded, cosines[order[starts]])
    gen.close()


@pytest.mark.slow
@pytest.mark.parametrize("kind", [None, "ivf_sq8"])
def test_the_demo_contacts_are_those_of_every_mention(  # type: ignore[no-untyped-def]
    demo_index: Path, embedder, tmp_path: Path, kind: str | None
) -> None:
    data = demo_index if kind is None else with_mention_index(demo_index, tmp_path / "data", kind)
    searcher = Searcher(data, embedder)
    assert isinstance(searcher.generation.mention_index, HalfPrecisionScan) == (kind is None)
    queries = [json.loads(line)["text"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert_same_contacts(searcher, QUERIES + queries)
    searcher.generation.close()
