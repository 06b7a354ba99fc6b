"""Contact ranking on small hand-made data: the ordering rules of search/contacts.py."""

from indexer.store.records import Person, StoredMention
from indexer.text import name_key
from search.contacts import names_in_query, rank_contacts

PEOPLE = {
    pid: Person(pid, name, name_key(name), roles=[role] if role else [], organisations=[org], n_documents=1)
    for pid, name, role, org in [
        ("p1", "Christina Wennerdal", "regional samordnare för Vård- och omsorgscollege", "Fyrbodals kommunalförbund"),
        ("p2", "Ola Bergquist", "regional samordnare för Teknikcollege", "Fyrbodals kommunalförbund"),
        ("p3", "Martin Palm", "administrativ chef", "Fyrbodals kommunalförbund"),
    ]
}  # fmt: skip


def row(pid: str, kind: str, passage: int, evidence: str) -> StoredMention:
    p = PEOPLE[pid]
    return StoredMention(
        name=p.name,
        kind=kind,
        role=p.roles[0],
        organisation=p.organisations[0],
        party=None,
        email=None,
        phone=None,
        evidence=evidence,
        evidence_start=0,
        evidence_end=len(evidence),
        name_start=0,
        person_id=pid,
        doc_id="d1",
        passage_row=passage,
    )


def rank(query: str, mentions: list[StoredMention], scores: dict[int, float]) -> list[str]:
    out = rank_contacts(query, scores, ["d1", "d1", "d1"], mentions, PEOPLE, {"d1": "2014-09-22"}, {"d1": "a.txt"})
    return [c["name"] for c in out]


def test_explicit_contact_outranks_participant_in_the_same_passage() -> None:
    mentions = [row("p1", "participant", 0, "Christina deltog."), row("p2", "contact", 0, "Kontakta Ola.")]
    assert rank("college i Fyrbodal", mentions, {0: 1.0})[0] == "Ola Bergquist"


def test_role_named_in_the_query_wins() -> None:
    mentions = [row("p1", "contact", 0, "Kontakta Christina."), row("p2", "contact", 0, "Kontakta Ola.")]
    assert rank("vem är samordnare för teknikcollege", mentions, {0: 1.0})[0] == "Ola Bergquist"


def test_named_person_comes_first_even_without_a_match() -> None:
    mentions = [row("p1", "contact", 0, "Kontakta Christina."), row("p3", "mentioned", 2, "Martin Palm är chef.")]
    assert rank("martin palm", mentions, {0: 1.0})[0] == "Martin Palm"
    assert names_in_query("vad gör Martin Palm?", PEOPLE) == {"p3"}


def test_evidence_and_fields_in_output() -> None:
    out = rank_contacts(
        "college", {0: 1.0}, ["d1"], [row("p1", "contact", 0, "Kontakta Christina Wennerdal.")],
        PEOPLE, {"d1": None}, {"d1": "fyrbodal/nyhet.txt"},
    )  # fmt: skip
    assert out[0]["evidence"] == [
        {"path": "fyrbodal/nyhet.txt", "text": "Kontakta Christina Wennerdal.", "kind": "contact"}
    ]
    assert set(out[0]) >= {"name", "role", "organisation", "email", "phone", "score", "evidence"}


def test_no_match_no_contacts() -> None:
    assert rank("något helt annat", [row("p1", "contact", 0, "x")], {}) == []
