"""Contact ranking by meaning, organisation and place: search/contacts.py with person vectors.

The vectors here are made by hand (unit vectors along a few axes), so each
test says exactly which mention matches the query by meaning; what the real
model makes of Swedish questions is tested at the end, on the demo index.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.store.records import Person, StoredMention
from indexer.text import name_key
from search.contacts import mention_meaning, places_in_query, rank_contacts

PEOPLE = {
    pid: Person(pid, name, name_key(name), roles=[role], organisations=[org], n_documents=1)
    for pid, name, role, org in [
        ("p1", "Niklas Kjellberg", "presskontakt", "Tillväxtverket"),
        ("p2", "Åsa Bjelkeby", "enhetschef", "Tillväxtverket"),
        ("p3", "Malin Thunborg", "enhetschef", "Region Östergötland"),
        ("p4", "Morgan Ahlberg", "strateg", "Fyrbodals kommunalförbund"),
    ]
}  # fmt: skip
DIM = 4


def axis(i: int) -> np.ndarray:
    v = np.zeros(DIM, np.float32)
    v[i] = 1.0
    return v


def mention(pid: str, passage: int | None, evidence: str, kind: str = "contact", doc: str = "d1") -> StoredMention:
    p = PEOPLE[pid]
    return StoredMention(
        name=p.name, kind=kind, role=p.roles[0], organisation=p.organisations[0], party=None, email=None,
        phone=None, evidence=evidence, evidence_start=0, evidence_end=len(evidence), name_start=0,
        person_id=pid, doc_id=doc, passage_row=passage,
    )  # fmt: skip


def rank(
    query: str,
    mentions: list[StoredMention],
    scores: dict[int, float],
    query_vector: np.ndarray | None = None,
    vectors: list[np.ndarray] | None = None,
) -> list[str]:
    out = rank_contacts(
        query, scores, ["d1", "d1", "d2", "d2"], mentions, PEOPLE, {"d1": "2020-01-01", "d2": "2020-01-01"},
        {"d1": "a.txt", "d2": "b.txt"}, query_vector=query_vector,
        mention_vectors=None if vectors is None else np.stack(vectors),
    )  # fmt: skip
    return [c["name"] for c in out]


def test_meaning_is_one_for_the_best_mention_and_falls_fast_below_it() -> None:
    vectors = np.stack([axis(0), 0.99 * axis(0) + 0.141 * axis(1), axis(1)])
    meaning = mention_meaning(axis(0), vectors)
    assert meaning is not None
    assert meaning[0] == pytest.approx(1.0)
    assert 0.3 < meaning[1] < 1.0
    assert meaning[2] < 1e-6
    assert mention_meaning(axis(0), None) is None
    assert mention_meaning(None, vectors) is None


def test_the_mention_that_matches_by_meaning_wins_when_words_do_not_decide() -> None:
    # Both in the same passage, both contacts, neither shares a word with the query.
    mentions = [mention("p1", 0, "Kontakt: Niklas."), mention("p2", 0, "Kontakt: Åsa.")]
    vectors = [axis(0), axis(1)]
    assert rank("vem sköter mediefrågor", mentions, {0: 1.0}, axis(0), vectors)[0] == "Niklas Kjellberg"
    assert rank("vem sköter mediefrågor", mentions, {0: 1.0}, axis(1), vectors)[0] == "Åsa Bjelkeby"


def test_without_vectors_ranking_is_by_words_as_before() -> None:
    mentions = [mention("p1", 0, "Kontakt: Niklas."), mention("p2", 0, "Kontakt: Åsa, enhetschef.")]
    assert rank("vem är enhetschef", mentions, {0: 1.0})[0] == "Åsa Bjelkeby"


def test_a_strong_match_by_meaning_is_a_candidate_without_a_matching_passage() -> None:
    # Only passage 0 matches the query; Morgan is named in passage 3 (another document) only.
    mentions = [mention("p1", 0, "Kontakt: Niklas."), mention("p4", 3, "Frågor om vägar: Morgan.", doc="d2")]
    names = rank("vem kan svara om infrastruktur", mentions, {0: 1.0}, axis(2), [axis(0), axis(2)])
    assert "Morgan Ahlberg" in names
    # A weak match by meaning is not enough.
    names = rank("vem kan svara om infrastruktur", mentions, {0: 1.0}, axis(0), [axis(0), axis(2)])
    assert names == ["Niklas Kjellberg"]


def test_a_question_naming_an_organisation_prefers_its_people() -> None:
    mentions = [mention("p2", 0, "Kontakt: Åsa."), mention("p3", 0, "Kontakt: Malin.")]
    assert rank("vem är enhetschef på Tillväxtverket", mentions, {0: 1.0})[0] == "Åsa Bjelkeby"
    assert rank("vem är enhetschef i Region Östergötland", mentions, {0: 1.0})[0] == "Malin Thunborg"


def test_a_question_naming_a_place_prefers_people_whose_evidence_names_it() -> None:
    mentions = [
        mention("p2", 0, "Åsa Bjelkeby arbetar med Skåne."),
        mention("p3", 0, "Malin Thunborg arbetar med Östergötland."),
    ]
    assert rank("vem är enhetschef för ostergotland", mentions, {0: 1.0})[0] == "Malin Thunborg"
    assert rank("vem är enhetschef för Skåne", mentions, {0: 1.0})[0] == "Åsa Bjelkeby"


def test_places_in_query_finds_areas_in_any_spelling_and_ignores_the_country() -> None:
    assert places_in_query("vem leder regionutvecklingsnamnden i ostergotland") == {"ostergotland"}
    assert "fyrbodal" in places_in_query("samordnare på Fyrbodals kommunalförbund")
    assert "halland" in places_in_query("jobb i Hallands län")
    assert places_in_query("frågor om yrkesvux i Sverige") == set()


# --- the real model on the demo index ------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "journalister" is in no evidence or role, "presskontakt" is: by words alone,
        # the unit head of the same page came first.
        ("vem sköter kontakterna med journalister på Tillväxtverket", "Niklas Kjellberg"),
        ("vem samordnar vårdutbildningarna i Fyrbodal", "Christina Wennerdal"),
    ],
)
def test_contacts_match_questions_by_meaning(demo_index: Path, embedder, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    from search.engine import Searcher

    searcher = Searcher(demo_index, embedder)
    assert searcher.generation.mention_vectors is not None
    names = [c["name"] for c in searcher.search(query).contacts]
    assert names[:1] == [expected], names
