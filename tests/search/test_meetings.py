"""One meeting across documents: merged reports, their sources, and the answers that show them."""

from pathlib import Path

from indexer.store.records import StoredMeeting
from search.index import Generation
from search.meetings import SOURCES_SHOWN, merge_meetings, rank_meetings
from search.render import meeting_card

PATHS = {"a": "moten/a.md", "b": "nyheter/b.html", "c": "rapporter/c.pdf"}


def report(doc_id: str, row: int, **fields: object) -> StoredMeeting:
    values: dict[str, object] = {
        "title": "Konferens om kompetensförsörjning",
        "date": "2023-10-05",
        "date_end": None,
        "date_text": "5 oktober",
        "place": None,
        **fields,
    }
    return StoredMeeting(**values, doc_id=doc_id, passage_row=row, evidence=f"ur {doc_id}")  # type: ignore[arg-type]


def test_one_meeting_reported_by_two_documents_is_one_with_both_sources() -> None:
    notes = report("a", 0, place="Louis De Geer, Norrköping", participants=["Marie Morell", "Per Larsson"],
                   organisations=["Region Östergötland"])  # fmt: skip
    news = report("b", 1, place="Norrköping", participants=["Marie Morell", "Jan Holmberg"],
                  organisations=["Linköpings universitet"])  # fmt: skip
    [merged] = merge_meetings([notes, news])
    assert merged.meeting.place == "Louis De Geer, Norrköping"
    assert merged.meeting.participants == ["Marie Morell", "Per Larsson", "Jan Holmberg"]
    assert merged.meeting.organisations == ["Region Östergötland", "Linköpings universitet"]
    assert [r.doc_id for r in merged.reports] == ["a", "b"]


def test_a_report_without_place_joins_by_title_words_or_a_participant() -> None:
    notes = report("a", 0, place="Norrköping", title="Framtid Östergötland: konferens om kompetensförsörjning")
    article = report("b", 1, title="Östergötlands framtidsdag om kompetensförsörjning")
    other = report("c", 2, title="Styrgrupp för validering", participants=[])
    groups = merge_meetings([notes, article, other])
    assert [[r.doc_id for r in g.reports] for g in groups] == [["a", "b"], ["c"]]


def test_same_day_in_different_towns_are_two_meetings() -> None:
    lulea = report("a", 0, place="Elite Stadshotellet, Luleå", participants=["Anna Nilsson"])
    umea = report("b", 1, place="Umeå", participants=["Anna Nilsson"])
    assert len(merge_meetings([lulea, umea])) == 2


def test_different_days_are_two_meetings() -> None:
    first = report("a", 0, place="Norrköping")
    second = report("b", 1, place="Norrköping", date="2023-10-06", date_text="6 oktober")
    assert len(merge_meetings([first, second])) == 2


def test_undated_reports_join_only_on_the_same_words_and_shared_participants() -> None:
    people = ["Anna Nilsson", "Per Larsson", "Marie Morell"]
    a = report("a", 0, date=None, date_text="vecka 8", participants=people)
    b = report("b", 1, date=None, date_text="Vecka 8", participants=people[:2])
    c = report("c", 2, date=None, date_text="vecka 8", participants=["Jan Holmberg"])
    assert [[r.doc_id for r in g.reports] for g in merge_meetings([a, b, c])] == [["a", "b"], ["c"]]


def test_reports_with_nothing_said_of_when_are_a_meeting_each() -> None:
    people = ["Anna Nilsson", "Per Larsson", "Marie Morell"]
    # Many copies of one page (a big archive): each its own meeting, found without comparing every pair.
    undated = [report(f"d{i}", i, date=None, date_text=None, participants=people) for i in range(3000)]
    dated = report("a", 3000, participants=people)
    groups = merge_meetings([*undated, dated, report("b", 3001, participants=people)])
    assert len(groups) == 3001 and [r.doc_id for r in groups[-1].reports] == ["a", "b"]


def test_ranked_meeting_has_its_best_source_as_path_and_all_sources() -> None:
    notes = report("a", 0, place="Norrköping", participants=["Marie Morell"])
    news = report("b", 1, place="Louis De Geer, Norrköping", participants=["Marie Morell"])
    elsewhere = report("c", 2, place="Umeå")
    answers = rank_meetings(
        "konferens i Norrköping", {0: 0.2, 1: 0.9, 2: 0.5}, ["a", "b", "c"], [notes, news, elsewhere], PATHS
    )
    assert [a["path"] for a in answers] == ["nyheter/b.html", "rapporter/c.pdf"]
    assert answers[0]["sources"] == ["nyheter/b.html", "moten/a.md"]
    assert answers[0]["evidence"] == "ur b"
    assert answers[1]["sources"] == ["rapporter/c.pdf"]


def test_the_demo_conference_is_one_meeting_with_its_reports(fake_demo_index: Path) -> None:
    gen = Generation.open_current(fake_demo_index)
    paths = {doc_id: doc.path for doc_id, doc in gen.docs.items()}
    merged = merge_meetings(gen.meetings)
    [conference] = [g for g in merged if g.meeting.date == "2023-10-05"]
    assert {paths[r.doc_id] for r in conference.reports} == {
        "moten/2023-10-05_norrkoping_framtid-ostergotland.md",
        "region-ostergotland/2023-10-09_framtid-ostergotland.html",
        "region-ostergotland/hur-gar-det-for-ostergotland_2023.pdf",
        "malardalsradet/2023-10-05_kompetensforsorjningen-beror-oss-alla.html",
    }
    assert conference.meeting.place == "Louis De Geer, Norrköping"
    assert {"Marie Morell", "Per Larsson", "Jan Holmberg"} <= set(conference.meeting.participants)
    # The council session of 29 November 2011: its minutes and VGR's article share the title's words.
    council = [{paths[r.doc_id] for r in g.reports} for g in merged if g.meeting.date == "2011-11-29"]
    assert {"moten/2011-11-29_regionfullmaktige-vgr_handlingsplan-kompetensplattform.md",
            "vgr/kompetensplattform-vastra-gotaland.html"} in council  # fmt: skip


def test_a_meeting_reported_in_many_documents_lists_the_best_sources_and_counts_them_all() -> None:
    many = 3 * SOURCES_SHOWN
    reports = [report(f"d{i}", i, place="Norrköping", participants=["Marie Morell"]) for i in range(many)]
    paths = {f"d{i}": f"moten/{i:03d}.md" for i in range(many)}
    [merged] = merge_meetings(reports)
    assert len(merged.reports) == many
    # Only three documents match, the last of them best: it leads, the other two follow, then the rest in order.
    scores = {many - 1: 0.9, 5: 0.5, 7: 0.4}
    row_doc = [f"d{i}" for i in range(many)]
    [answer] = rank_meetings("konferens i Norrköping", scores, row_doc, reports, paths)
    assert answer["path"] == paths[f"d{many - 1}"]
    assert answer["sources"][:3] == [paths[f"d{many - 1}"], paths["d5"], paths["d7"]]
    assert answer["sources"][3:5] == [paths["d0"], paths["d1"]]
    assert len(answer["sources"]) == SOURCES_SHOWN and len(set(answer["sources"])) == SOURCES_SHOWN
    assert answer["sources_total"] == many
    assert "och 40 till" in meeting_card(answer)
