"""One meeting across documents: merged reports, their sources, and the answers that show them."""

import shutil
from pathlib import Path

import pytest

from indexer.lock import JobLock
from indexer.privacy import forget
from indexer.store import suppress
from indexer.store.layout import (
    FILES_KEY,
    GenerationDamaged,
    Layout,
    current_generation_dir,
    read_manifest,
    write_manifest,
)
from indexer.store.meeting_groups import MEETINGS_DIR, write_meeting_arrays
from indexer.store.records import StoredMeeting
from search.filters import Filters
from search.index import Generation
from search.meetings import SOURCES_SHOWN, GroupedMeetings, MeetingRecord, merge_meetings, rank_meetings
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


def _meeting_queries(gen: Generation) -> list[tuple[str, dict[int, float]]]:
    """Each meeting's document as the match of a query (with a neighbour), and all documents at once."""
    rows_of: dict[str, list[int]] = {}
    for row, doc in enumerate(gen.row_doc):
        rows_of.setdefault(doc, []).append(row)
    docs = sorted({m.doc_id for m in gen.meetings})
    cases = [(f"möte {i}", {r: 1.0 - 0.01 * k for k, r in enumerate(rows_of[d][:3])}) for i, d in enumerate(docs)]
    everything = {r: 1.0 / (1 + r) for rows in rows_of.values() for r in rows}
    return [*cases, ("möten 2023 i Norrköping", everything), ("konferens", everything)]


def test_meetings_merged_when_written_rank_as_those_merged_when_read(fake_demo_index: Path) -> None:
    gen = Generation.open_current(fake_demo_index)
    record = gen.meeting_record
    assert isinstance(record, GroupedMeetings)
    # The recorded merge is the merge: the same reports, in the same order, in the same meetings.
    merged = merge_meetings(gen.meetings)
    assert record.arrays.groups == len(merged) > 0
    for number, group in enumerate(merged):
        assert [r.meeting_id for r in record._group(number).reports] == [r.meeting_id for r in group.reports]
        assert record._group(number).meeting == group.meeting
    paths = {doc_id: doc.path for doc_id, doc in gen.docs.items()}
    whole = MeetingRecord(gen.meetings)
    filters = [None, Filters(date_from="2023-01-01"), Filters(organisations=("Region Östergötland",))]
    answered = 0
    for query, scores in _meeting_queries(gen):
        for f in filters:
            expected = rank_meetings(query, scores, gen.row_doc, whole, paths, f, limit=10)
            assert rank_meetings(query, scores, gen.row_doc, record, paths, f, limit=10) == expected, query
            answered += bool(expected)
    assert answered >= 20  # of 39: most cases have meetings to compare
    gen.close()


def test_a_generation_written_before_the_record_merges_when_opened(fake_demo_index_copy: Path) -> None:
    folder = current_generation_dir(Layout(fake_demo_index_copy))
    manifest = read_manifest(folder)
    shutil.rmtree(folder / MEETINGS_DIR)
    write_manifest(folder, {k: v for k, v in manifest.items() if k != FILES_KEY})  # sealed again without it
    gen = Generation.open_current(fake_demo_index_copy)
    assert gen.meeting_arrays is None and isinstance(gen.meeting_record, MeetingRecord)
    paths = {doc_id: doc.path for doc_id, doc in gen.docs.items()}
    query, scores = _meeting_queries(gen)[-1]
    assert rank_meetings(query, scores, gen.row_doc, gen.meeting_record, paths)
    gen.close()


def test_a_damaged_meeting_record_is_named(fake_demo_index_copy: Path) -> None:
    folder = current_generation_dir(Layout(fake_demo_index_copy))
    damaged = folder / MEETINGS_DIR / "member_starts.npy"
    damaged.write_bytes(damaged.read_bytes()[:-8])
    with pytest.raises(GenerationDamaged, match="member_starts.npy"):
        Generation.open_current(fake_demo_index_copy)


def test_meetings_with_many_reports_are_assembled_when_opened(
    fake_demo_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(GroupedMeetings, "WARM_REPORTS", 1)
    gen = Generation.open_current(fake_demo_index)
    gen.warm()
    record = gen.meeting_record
    assert isinstance(record, GroupedMeetings)
    several = [g for g in merge_meetings(gen.meetings) if len(g.reports) > 1]
    assert several and len(record._warmed) == len(several)
    assert sorted(len(g.reports) for g in record._warmed.values()) == sorted(len(g.reports) for g in several)
    assert not record._assembled  # nothing else was assembled
    gen.close()


def test_forgetting_a_participant_merges_the_meetings_again(
    fake_demo_index_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = Generation.open_current(fake_demo_index_copy)
    [conference] = [g for g in merge_meetings(before.meetings) if g.meeting.date == "2023-10-05"]
    assert "Per Larsson" in conference.meeting.participants
    before.close()
    merged_again: list[Path] = []

    def spy(folder: Path) -> None:
        merged_again.append(folder)
        write_meeting_arrays(folder)

    monkeypatch.setattr(suppress, "write_meeting_arrays", spy)
    layout = Layout(fake_demo_index_copy)
    with JobLock(layout.lock):
        forget(layout, "Per Larsson")
    # The scrubbed copy, before it was published.
    assert [folder.name for folder in merged_again] == [f".building-{current_generation_dir(layout).name}"]
    gen = Generation.open_current(fake_demo_index_copy)
    record = gen.meeting_record
    assert isinstance(record, GroupedMeetings)
    # The record is the merge of the scrubbed reports, and no assembled meeting names him.
    merged = merge_meetings(gen.meetings)
    assert record.arrays.groups == len(merged)
    for number, group in enumerate(merged):
        assert [r.meeting_id for r in record._group(number).reports] == [r.meeting_id for r in group.reports]
        assert "Per Larsson" not in record._group(number).meeting.participants
    gen.close()
