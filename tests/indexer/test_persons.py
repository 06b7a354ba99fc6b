from indexer.people.resolution import MentionRef, resolve_persons
from indexer.store.records import PersonMention


def mention(name: str, org: str | None, kind: str = "mentioned", role: str | None = None) -> PersonMention:
    return PersonMention(name, kind, role, org, None, None, None, f"{name} ...", 0, 10, 0)


def test_same_name_compatible_organisations_is_one_person_with_roles_newest_first() -> None:
    refs = [
        MentionRef(
            "d1", 0, mention("Richard Widén", "Region Östergötland", role="regionutvecklingsdirektör"), "2021-05-01"
        ),
        MentionRef("d2", 0, mention("Richard Widén", None, kind="participant", role="talare"), "2023-10-09"),
        MentionRef("d3", 0, mention("Richard  Widén", "Region Östergötland", kind="contact"), None),
    ]
    persons, person_of = resolve_persons(refs)
    assert len(persons) == 1
    p = persons[0]
    assert p.n_mentions == 3 and p.n_documents == 3
    assert p.roles == ["talare", "regionutvecklingsdirektör"]
    assert p.newest_date == "2023-10-09"
    assert len(set(person_of.values())) == 1


def test_shared_surname_is_not_merged() -> None:
    refs = [
        MentionRef("d1", 0, mention("Linda Karlsson", "Göteborgsregionen"), None),
        MentionRef("d1", 1, mention("Agneta Karlsson", "Socialdepartementet"), None),
    ]
    persons, _ = resolve_persons(refs)
    assert sorted(p.name for p in persons) == ["Agneta Karlsson", "Linda Karlsson"]


def test_same_name_different_organisations_stays_two_people() -> None:
    refs = [
        MentionRef("d1", 0, mention("Anna Nilsson", "Region Östergötland"), None),
        MentionRef("d2", 0, mention("Anna Nilsson", "Tillväxtverket"), None),
        MentionRef("d2", 1, mention("Anna Nilsson", None), None),
    ]
    persons, person_of = resolve_persons(refs)
    assert len(persons) == 2
    # The unplaced mention goes with the person its own document places.
    assert person_of[("d2", 1)] == person_of[("d2", 0)]


def test_suppressed_names_are_left_out() -> None:
    refs = [MentionRef("d1", 0, mention("Linda Karlsson", "Göteborgsregionen"), None)]
    persons, person_of = resolve_persons(refs, suppressed={"linda karlsson"})
    assert persons == [] and person_of == {}
