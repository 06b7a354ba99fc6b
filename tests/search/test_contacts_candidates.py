"""Contacts from the query's candidate mentions rank the people that scoring every mention ranks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from search.contacts import contacts_for, rank_contacts
from search.engine import Searcher, SearchOptions
from tests.fakes import FakeEmbedder

QUERIES = [
    "vem ansvarar för validering",
    "kontaktperson kompetensförsörjning Skaraborg",
    "presskontakt",
    "vem leder arbetet med yrkesvux",
]


@pytest.mark.parametrize("query", QUERIES)
def test_candidates_give_the_ranking_of_every_mention(fake_demo_index: Path, query: str) -> None:
    searcher = Searcher(fake_demo_index, FakeEmbedder())
    response = searcher.search(query, SearchOptions(contacts=0))
    gen = searcher.generation
    vector = searcher._query_vectors([response.searched])[0]
    _, _, passage_scores = searcher._rank(response.searched, vector, SearchOptions(), {})
    assert passage_scores  # the query matches passages: there is something to rank

    everyone = rank_contacts(
        response.searched, passage_scores, gen.row_doc, gen.mentions, gen.people,
        {d: doc.date for d, doc in gen.docs.items()}, {d: doc.path for d, doc in gen.docs.items()},
        limit=5, query_vector=vector, mention_vectors=gen.mention_vectors,
    )  # fmt: skip
    candidates = contacts_for(gen, response.searched, passage_scores, vector, limit=5)
    assert [c["person_id"] for c in candidates] == [c["person_id"] for c in everyone]
    assert np.allclose([c["score"] for c in candidates], [c["score"] for c in everyone])
